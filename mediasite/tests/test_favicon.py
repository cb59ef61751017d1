"""/favicon.ico: a real icon, public and cacheable like the other public files."""

import io

from django.test import TestCase

from PIL import Image

from mediasite.tests.cache import clear_test_cache


class FaviconTests(TestCase):
    def setUp(self):
        clear_test_cache()

    def test_favicon_ico_is_an_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/x-icon")
        icon = Image.open(io.BytesIO(response.content))
        self.assertEqual(icon.format, "ICO")
        self.assertIn((32, 32), icon.info["sizes"])

    def test_favicon_is_public_and_sets_no_cookie(self):
        response = self.client.get("/favicon.ico")
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage=", response["Cache-Control"])
        self.assertEqual(dict(response.cookies), {})

    def test_pages_link_the_icon(self):
        response = self.client.get("/accounts/login/")
        self.assertContains(response, '<link rel="icon" href="/favicon.ico" sizes="32x32">')

"""Absolute URLs in cached HTML come from the configured Site, never the request's Host."""

from django.test import TestCase

from wagtail.models import Site

from catalog.tests import factories
from mediasite.tests.cache import clear_test_cache

FORGED = "evil.example.net:8443"


class SharedOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "media.example.com", 443
        site.save()
        cls.genre = factories.GenreFactory(name="Drama")
        cls.person = factories.PersonFactory(name="Ada Brook")
        show = factories.ShowPageFactory(title="Harbour Lights")
        show.genres.add(cls.genre)
        factories.publish(show)
        factories.ShowCreditFactory(show=show, person=cls.person)

    def setUp(self):
        clear_test_cache()

    def get(self, url, **extra):
        response = self.client.get(url, HTTP_HOST=FORGED, **extra)
        self.assertEqual(response.status_code, 200, url)
        self.assertNotIn(b"evil.example.net", response.content, url)
        return response.content.decode()

    def test_genre_and_person_pages_link_the_configured_origin(self):
        for url in (
            self.genre.get_absolute_url(),
            self.person.get_absolute_url(),
            "/shows/genres/",
            "/people/",
        ):
            with self.subTest(url=url):
                html = self.get(url)
                canonical = f"https://media.example.com{url}"
                self.assertIn(f'<link rel="canonical" href="{canonical}">', html)
                self.assertIn(f'<meta property="og:url" content="{canonical}">', html)

    def test_person_json_ld_links_the_configured_origin(self):
        html = self.get(self.person.get_absolute_url())
        self.assertIn(f'"url":"https://media.example.com{self.person.get_absolute_url()}"', html)

    def test_robots_txt_names_the_configured_sitemap(self):
        self.assertIn("Sitemap: https://media.example.com/sitemap.xml\n", self.get("/robots.txt"))

    def test_sitemap_locations_are_on_the_configured_origin(self):
        xml = self.get("/sitemap.xml")
        self.assertIn(f"<loc>https://media.example.com{self.genre.get_absolute_url()}</loc>", xml)
        self.assertIn(f"<loc>https://media.example.com{self.person.get_absolute_url()}</loc>", xml)

    def test_the_same_bytes_whatever_the_host(self):
        for url in (self.genre.get_absolute_url(), "/robots.txt", "/sitemap.xml"):
            with self.subTest(url=url):
                forged = self.get(url)
                configured = self.client.get(url, HTTP_HOST="media.example.com")
                self.assertEqual(configured.content.decode(), forged)

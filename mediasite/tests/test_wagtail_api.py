"""/api/v2/: public content only, the same answer for everybody (issue 8, items 4 and 7)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from catalog.tests import factories
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory


class RestrictedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.open_show = factories.publish(factories.ShowPageFactory(title="Open Harbour"))
        cls.members_show = factories.publish(factories.ShowPageFactory(title="Members Only"))
        cls.members_season = factories.publish(
            factories.SeasonPageFactory(parent=cls.members_show, number=1)
        )
        PageViewRestriction.objects.create(
            page=cls.members_show, restriction_type=PageViewRestriction.LOGIN
        )
        cls.user = UserFactory(email="viewer@example.com")

    def setUp(self):
        clear_test_cache()

    def listed_ids(self):
        response = self.client.get("/api/v2/pages/?limit=20")
        self.assertEqual(response.status_code, 200)
        return response, {item["id"] for item in response.json()["items"]}

    def assert_shared_alike(self, response):
        self.assertIn("public", response["Cache-Control"])
        self.assertNotIn("cookie", response.get("Vary", "").lower())
        self.assertEqual(dict(response.cookies), {})

    def test_restricted_pages_are_missing_for_anonymous_callers(self):
        response, ids = self.listed_ids()
        self.assertIn(self.open_show.pk, ids)
        self.assertNotIn(self.members_show.pk, ids)
        self.assertNotIn(self.members_season.pk, ids)

    def test_restricted_pages_are_missing_for_signed_in_callers_too(self):
        self.client.force_login(self.user)
        response, ids = self.listed_ids()
        self.assertIn(self.open_show.pk, ids)
        self.assertNotIn(self.members_show.pk, ids)
        self.assertNotIn(self.members_season.pk, ids)
        self.assert_shared_alike(response)
        for page in (self.members_show, self.members_season):
            detail = self.client.get(f"/api/v2/pages/{page.pk}/")
            self.assertEqual(detail.status_code, 404)
        detail = self.client.get(f"/api/v2/pages/{self.open_show.pk}/")
        self.assertEqual(detail.status_code, 200)
        self.assert_shared_alike(detail)

    def test_a_browser_gets_the_same_shareable_json(self):
        self.client.force_login(self.user)
        response = self.client.get(
            "/api/v2/pages/",
            HTTP_ACCEPT="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assert_shared_alike(response)

    def test_signed_in_and_anonymous_get_the_same_bytes(self):
        anonymous = self.client.get("/api/v2/pages/").content
        self.client.force_login(self.user)
        self.assertEqual(self.client.get("/api/v2/pages/").content, anonymous)

    def test_images_in_restricted_collections_are_missing_for_everybody(self):
        root = Collection.get_first_root_node()
        private = root.add_child(name="Private")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        Image = get_image_model()
        shown = Image.objects.create(title="open", file=get_test_image_file())
        hidden = Image.objects.create(
            title="hidden", file=get_test_image_file(), collection=private
        )
        self.client.force_login(self.user)
        response = self.client.get("/api/v2/images/")
        self.assertEqual(response.status_code, 200)
        ids = {item["id"] for item in response.json()["items"]}
        self.assertIn(shown.pk, ids)
        self.assertNotIn(hidden.pk, ids)
        self.assert_shared_alike(response)
        self.assertEqual(self.client.get(f"/api/v2/images/{hidden.pk}/").status_code, 404)


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.publish(factories.ShowPageFactory(title="Open Harbour"))

    def test_a_huge_offset_is_an_empty_page_not_a_500(self):
        for endpoint in ("pages", "images"):
            with self.subTest(endpoint=endpoint):
                response = self.client.get(f"/api/v2/{endpoint}/?offset=99999999999999999999")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["items"], [])

    def test_odd_parameters_are_4xx_or_empty_never_500(self):
        huge = "99999999999999999999"
        for query in (
            f"child_of={huge}",
            f"descendant_of={huge}",
            f"ancestor_of={huge}",
            f"translation_of={huge}",
            f"limit={huge}",
            f"id={huge}",
            "type=nope.Nope",
            "order=nope",
            "locale=xx",
            "fields=nope",
            f"site=evil.example.net:{huge}",
            "search=%22%3E%3Cimg%3E",
            "search=",
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/api/v2/pages/?{query}")
                self.assertLess(response.status_code, 500, response.content[:300])
        for path in (f"/api/v2/pages/{huge}/", f"/api/v2/images/{huge}/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_a_negative_offset_is_a_400_with_a_message(self):
        response = self.client.get("/api/v2/pages/?offset=-1")
        self.assertEqual(response.status_code, 400)
        self.assertIn("offset", response.json()["message"])


class SQLiteSearchTests(SimpleTestCase):
    """The embedded default (make run) searches with SQLite FTS5, which the suite does not use."""

    def test_search_input_on_sqlite(self):
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
        }
        environment["DJANGO_SETTINGS_MODULE"] = "mediasite.settings.test"
        result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                str(Path(__file__).with_name("sqlite_search_cases.py")),
            ],
            env=environment,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            timeout=300,
        )
        self.assertEqual(result.returncode, 0, result.stdout[-4000:] + result.stderr[-2000:])
        self.assertIn("4 passed", result.stdout)

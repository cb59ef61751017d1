"""Content-Security-Policy, Permissions-Policy and the API docs (issue 8, item 8)."""

import re

from django.test import SimpleTestCase, TestCase

from catalog.tests import factories
from mediasite.tests.factories import UserFactory
from mediasite.tests.test_settings import _run

SECRET = "Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


class SecurityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        cls.genre = factories.GenreFactory(name="Drama")
        cls.public_urls = [
            "/",
            "/shows/",
            cls.show.url,
            season.url,
            cls.episode.url,
            cls.genre.get_absolute_url(),
            "/people/",
            "/search/?q=harbour",
            "/articles/",
        ]

    def test_every_response_carries_an_enforced_policy(self):
        for url in [
            *self.public_urls,
            "/robots.txt",
            "/no-such-page/",
            "/api/v1/me",
            "/accounts/login/",
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn("Content-Security-Policy", response)
                self.assertNotIn("Content-Security-Policy-Report-Only", response)
                policy = directives(response)
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertIn("'self'", policy["frame-ancestors"])

    def test_the_player_may_use_blob_workers_and_media(self):
        policy = directives(self.client.get(self.episode.url))
        self.assertIn("blob:", policy["worker-src"])
        self.assertIn("blob:", policy["media-src"])

    def test_public_pages_have_no_inline_scripts(self):
        for url in self.public_urls:
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertEqual(INLINE_SCRIPT.findall(html), [], url)
                self.assertNotRegex(html, r"\son[a-z]+=\"", url)

    def test_the_admin_has_its_own_relaxed_policy(self):
        self.client.force_login(UserFactory(is_staff=True, is_superuser=True))
        policy = directives(self.client.get("/admin/"))
        self.assertIn("'unsafe-inline'", policy["script-src"])
        self.assertEqual(policy["object-src"], ["'none'"])

    def test_permissions_policy_turns_off_unused_features(self):
        header = self.client.get("/").get("Permissions-Policy", "")
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            self.assertIn(feature, header)
        self.assertIn("fullscreen=(self", header)


class APIDocsTests(TestCase):
    def test_docs_are_served_from_vendored_assets(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        self.assertIn("/static/ninja/swagger-ui-bundle.js", sources)
        for source in sources:
            self.assertTrue(source.startswith("/static/"), source)
        self.assertEqual(self.client.get("/static/ninja/swagger-ui-bundle.js").status_code, 200)


class ProductionDocsTests(SimpleTestCase):
    def test_docs_are_off_in_production_unless_enabled(self):
        code = "import django; django.setup(); from mediasite.api import api; print(api.docs_url)"
        off = _run(code, SECRET_KEY=SECRET, ALLOWED_HOSTS="media.example.com")
        self.assertEqual(off.stdout.strip(), "None", off.stderr)
        on = _run(
            code, SECRET_KEY=SECRET, ALLOWED_HOSTS="media.example.com", API_DOCS_ENABLED="true"
        )
        self.assertEqual(on.stdout.strip(), "/docs", on.stderr)

"""Public pages are shareable at the edge; per-user ones never are (ARCHITECTURE.md §2)."""

from django.test import TestCase

from wagtail.test.utils.form_data import rich_text

from catalog.tests import factories
from mediasite.tests.factories import UserFactory


class CacheHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        genre = factories.GenreFactory(name="Drama")
        person = factories.PersonFactory(name="Ada Brook")
        cls.show = factories.ShowPageFactory(title="Harbour Lights")
        cls.show.genres.add(genre)
        factories.publish(cls.show)
        factories.ShowCreditFactory(show=cls.show, person=person)
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=cls.season, number=1))
        cls.article = factories.publish(
            factories.ArticlePageFactory(body=[("paragraph", rich_text("<p>Hi</p>"))])
        )
        cls.public_urls = [
            "/",
            "/shows/",
            cls.show.url,
            cls.season.url,
            cls.episode.url,
            "/articles/",
            cls.article.url,
            "/shows/genres/",
            genre.get_absolute_url(),
            "/people/",
            person.get_absolute_url(),
            "/search/?q=harbour",
            "/sitemap.xml",
            "/robots.txt",
            "/favicon.ico",
        ]
        cls.user = UserFactory(email="viewer@example.com")

    def assertPublic(self, response, url):
        self.assertEqual(response.status_code, 200, url)
        cache_control = response.get("Cache-Control", "")
        self.assertIn("public", cache_control, url)
        self.assertIn("s-maxage=", cache_control, url)
        self.assertIn("max-age=", cache_control, url)
        self.assertIn("stale-while-revalidate=", cache_control, url)
        self.assertNotIn("private", cache_control, url)
        self.assertEqual(dict(response.cookies), {}, f"{url} sets a cookie")
        self.assertNotIn("cookie", response.get("Vary", "").lower(), url)
        self.assertNotIn(b"csrfmiddlewaretoken", response.content, url)

    def test_public_pages_are_cacheable_for_anonymous_visitors(self):
        for url in self.public_urls:
            with self.subTest(url=url):
                self.assertPublic(self.client.get(url), url)

    def test_public_pages_are_identical_for_signed_in_visitors(self):
        anonymous = {url: self.client.get(url).content for url in self.public_urls}
        self.client.force_login(self.user)
        for url in self.public_urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertPublic(response, url)
                self.assertNotIn(self.user.email.encode(), response.content)
                self.assertEqual(response.content, anonymous[url], f"{url} differs per user")

    def test_private_urls_are_never_stored(self):
        self.client.force_login(self.user)
        for url in ["/account/", "/api/v1/me", "/accounts/login/", "/admin/login/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertLess(response.status_code, 500)
                cache_control = response.get("Cache-Control", "")
                self.assertIn("private", cache_control)
                self.assertIn("no-store", cache_control)

    def test_anonymous_private_redirects_are_not_stored_either(self):
        response = self.client.get("/account/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("no-store", response["Cache-Control"])

    def test_not_found_gets_a_short_shared_ttl(self):
        response = self.client.get("/shows/does-not-exist/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("s-maxage=60", response["Cache-Control"])
        self.assertEqual(dict(response.cookies), {})

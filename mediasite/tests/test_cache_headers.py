"""Public pages are shareable at the edge; per-user ones never are (ARCHITECTURE.md §2)."""

from django.test import TestCase

from wagtail.test.utils.form_data import rich_text

from catalog.tests import factories
from mediasite.tests.factories import UserFactory


class PublicResponseChecks:
    """What every public response must be, anonymous and signed in (``self.user``)."""

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

    def assertSameSignedIn(self, urls, check):
        """Each URL passes ``check`` signed in too, with the same HTML as anonymously."""
        anonymous = {url: self.client.get(url).content for url in urls}
        self.client.force_login(self.user)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                check(response, url)
                self.assertNotIn(self.user.email.encode(), response.content)
                self.assertEqual(response.content, anonymous[url], f"{url} differs per user")


class CacheHeaderTests(PublicResponseChecks, TestCase):
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

    def test_public_pages_are_cacheable_for_anonymous_visitors(self):
        for url in self.public_urls:
            with self.subTest(url=url):
                self.assertPublic(self.client.get(url), url)

    def test_public_pages_are_identical_for_signed_in_visitors(self):
        self.assertSameSignedIn(self.public_urls, self.assertPublic)

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


class LocalisedCacheHeaderTests(PublicResponseChecks, TestCase):
    """Localised pages are public too, and their language comes only from the URL.

    No ``Vary: Accept-Language`` or ``Vary: Cookie``: the edge keeps one copy per URL,
    and neither the browser's languages nor Django's ``django_language`` cookie may
    change what that URL shows (docs/localisation.md, "Languages and addresses").
    """

    @classmethod
    def setUpTestData(cls):
        from catalog.tests import translations

        genre = factories.GenreFactory(name="Drama", slug="drama")
        show = factories.ShowPageFactory(title="Harbour Lights", slug="harbour-lights")
        show.genres.add(genre)
        factories.publish(show)
        translations.translate_home("fr", title="Accueil")
        translations.translate_home("es", title="Inicio")
        translations.translate_page(show, "fr", title="Les Feux du port")
        translations.translate_snippet(genre, "fr", name="Drame")
        cls.urls = [
            "/",
            "/shows/harbour-lights/",
            "/fr/",
            "/es/",
            "/fr/shows/",
            "/fr/shows/harbour-lights/",
            "/fr/shows/genres/",
            "/fr/shows/genres/drama/",
            "/es/people/",
            "/fr/search/?q=feux",
            "/sitemap.xml",
        ]
        cls.user = UserFactory(email="viewer@example.com")

    def assertSharedOnce(self, response, url):
        self.assertPublic(response, url)
        self.assertNotIn("accept-language", response.get("Vary", "").lower(), url)

    def test_localised_pages_are_public_and_vary_on_nothing(self):
        for url in self.urls:
            with self.subTest(url=url):
                self.assertSharedOnce(self.client.get(url), url)

    def test_localised_pages_are_identical_for_signed_in_visitors(self):
        self.assertSameSignedIn(self.urls, self.assertSharedOnce)

    def test_accept_language_and_language_cookie_are_ignored(self):
        plain = {url: self.client.get(url) for url in self.urls}
        self.client.cookies["django_language"] = "es"
        for url in self.urls:
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,es;q=0.5")
                self.assertSharedOnce(response, url)
                self.assertEqual(response.content, plain[url].content, url)
                self.assertEqual(response["Content-Language"], plain[url]["Content-Language"])

    def test_home_does_not_redirect_by_accept_language(self):
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Language"], "en")
        self.assertIn(b'<html lang="en">', response.content)

    def test_content_language_names_the_urls_language(self):
        for url, language in [("/", "en"), ("/fr/", "fr"), ("/es/", "es"), ("/fr/shows/", "fr")]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url)["Content-Language"], language)

    def test_unknown_prefix_is_a_shared_404_without_vary(self):
        for url in ["/de/", "/xx/shows/"]:
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="de")
                self.assertEqual(response.status_code, 404)
                self.assertIn("public", response["Cache-Control"])
                self.assertNotIn("accept-language", response.get("Vary", "").lower())
                self.assertEqual(dict(response.cookies), {})

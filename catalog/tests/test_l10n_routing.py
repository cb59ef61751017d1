"""Languages and addresses (docs/localisation.md): routing, switcher, hreflang, og:locale, sitemap."""

from xml.etree import ElementTree

from django.conf import settings
from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site

from bs4 import BeautifulSoup

from catalog import languages, purging
from catalog.tests import factories, translations
from catalog.visibility import restricted_paths
from home.locales import sync_locales

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def switcher(response) -> dict[str, dict]:
    """{language code: the switcher link's attributes} of a rendered page."""
    nav = soup(response).find("nav", class_="language-switcher")
    if nav is None:
        return {}
    return {link["hreflang"]: dict(link.attrs, text=link.text) for link in nav.find_all("a")}


def alternates(response) -> dict[str, str]:
    links = soup(response).find_all("link", rel="alternate")
    return {link["hreflang"]: link["href"] for link in links if link.get("hreflang")}


def og_locales(response) -> tuple[str, list[str]]:
    page = soup(response)
    current = page.find("meta", property="og:locale")["content"]
    others = [meta["content"] for meta in page.find_all("meta", property="og:locale:alternate")]
    return current, others


class LocalisedCatalogMixin:
    """English catalog with a French home, show and genre, and a Spanish home only."""

    @classmethod
    def setUpTestData(cls):
        cls.genre = factories.GenreFactory(name="Drama", slug="drama")
        cls.person = factories.PersonFactory(name="Ada Brook", slug="ada-brook")
        cls.show = factories.ShowPageFactory(title="Harbour Lights", slug="harbour-lights")
        cls.show.genres.add(cls.genre)
        factories.publish(cls.show)
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.other_show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))
        cls.fr_home = translations.translate_home("fr", title="Accueil")
        cls.es_home = translations.translate_home("es", title="Inicio")
        cls.fr_show = translations.translate_page(cls.show, "fr", title="Les Feux du port")
        cls.fr_genre = translations.translate_snippet(cls.genre, "fr", name="Drame")


class LocaleRowsTests(TestCase):
    def test_every_content_language_has_a_locale_after_migrate(self):
        codes = set(Locale.objects.values_list("language_code", flat=True))
        self.assertTrue({"en", "fr", "es"} <= codes)

    def test_sync_is_idempotent_and_follows_the_setting(self):
        Locale.objects.filter(language_code="es").delete()
        self.assertEqual(sync_locales(), ["es"])
        self.assertEqual(sync_locales(), [])
        languages = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("de", "Deutsch")]
        with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages):
            self.assertEqual(sync_locales(), ["de"])
        self.assertEqual(Locale.objects.filter(language_code="es").count(), 1)


class RoutingTests(LocalisedCatalogMixin, TestCase):
    def assertServes(self, url, title, lang):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertIn(title, soup(response).title.text, url)
        self.assertEqual(soup(response).html["lang"], lang, url)
        self.assertEqual(response["Content-Language"], lang, url)

    def test_english_is_unprefixed_and_the_others_prefixed(self):
        self.assertEqual(self.show.url, "/shows/harbour-lights/")
        self.assertEqual(self.fr_show.url, "/fr/shows/harbour-lights/")
        self.assertServes("/", "Home", "en")
        self.assertServes("/fr/", "Accueil", "fr")
        self.assertServes("/es/", "Inicio", "es")
        self.assertServes("/shows/harbour-lights/", "Harbour Lights", "en")
        self.assertServes("/fr/shows/harbour-lights/", "Les Feux du port", "fr")

    def test_contract_paths_in_english_still_work(self):
        for url in ["/shows/", "/shows/harbour-lights/season-1/", "/shows/genres/drama/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_catalog_views_show_the_locales_snippets(self):
        self.assertServes("/fr/shows/genres/drama/", "Drame", "fr")
        self.assertServes("/shows/genres/drama/", "Drama", "en")
        # Ada Brook has no French translation: no English person at the French address.
        self.assertEqual(self.client.get("/fr/people/ada-brook/").status_code, 404)

    def test_a_translated_show_is_listed_and_linked_under_its_languages_genre(self):
        # wagtail-localize copies the genre links as they are: the French show links the
        # English genre, and the French genre page and chips must still find each other.
        self.assertEqual(list(self.fr_show.genres.all()), [self.genre])
        genre_page = self.client.get("/fr/shows/genres/drama/")
        self.assertContains(genre_page, "Les Feux du port")
        self.assertNotContains(genre_page, "Harbour Lights")
        chips = soup(self.client.get("/fr/shows/harbour-lights/")).find("ul", class_="chips")
        self.assertEqual(
            [(a.text, a["href"]) for a in chips.find_all("a")],
            [("Drame", "/fr/shows/genres/drama/")],
        )
        keys = purging.changed_keys(self.fr_show)
        self.assertIn(f"idx-g{self.fr_genre.pk}", keys)
        self.assertNotIn(f"idx-g{self.genre.pk}", keys)

    def test_default_descriptions_are_in_the_pages_language(self):
        page = soup(self.client.get("/fr/shows/genres/drama/"))
        description = page.find("meta", attrs={"name": "description"})["content"]
        self.assertTrue(description.startswith("Séries Drame à regarder sur"), description)
        season = translations.translate_page(self.season, "fr", title="Saison 1")
        with translation.override("fr"):
            self.assertEqual(season.specific.meta_description, "Saison 1 de Les Feux du port.")

    def test_unknown_language_prefixes_are_404(self):
        for url in ["/de/", "/xx/shows/", "/de/shows/harbour-lights/", "/fr-xx/", "/EN/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"Harbour Lights", response.content)

    def test_the_default_language_has_no_prefix_of_its_own(self):
        self.assertEqual(self.client.get("/en/").status_code, 404)
        self.assertEqual(self.client.get("/en/shows/harbour-lights/").status_code, 404)

    def test_an_untranslated_page_is_404_at_its_translated_address(self):
        for url in [
            "/es/shows/harbour-lights/",
            "/fr/shows/harbour-lights/season-1/",
            "/fr/shows/night-ferry/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_language_without_a_live_home_is_404_not_english(self):
        self.es_home.unpublish()
        response = self.client.get("/es/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Inicio", response.content)
        self.assertEqual(self.client.get("/es/shows/").status_code, 404)

    def test_an_alias_of_an_english_page_is_not_a_translation(self):
        # wagtail-localize makes untranslated parents aliases of the source page.
        article = factories.publish(factories.ArticlePageFactory(title="On lighthouses"))
        fr_article = article.copy_for_translation(translations.locale("fr"), copy_parents=True)
        factories.publish(fr_article)
        fr_index = fr_article.get_parent()
        self.assertIsNotNone(fr_index.alias_of_id)
        self.assertEqual(self.client.get(fr_index.url).status_code, 404)
        self.assertEqual(self.client.get(fr_article.url).status_code, 200)
        links = switcher(self.client.get("/articles/"))
        self.assertEqual(links["fr"]["href"], "/fr/")

    def test_a_restricted_translation_is_no_alternate(self):
        PageViewRestriction.objects.create(
            page=self.fr_show, restriction_type=PageViewRestriction.LOGIN
        )
        response = self.client.get("/shows/harbour-lights/")
        self.assertNotIn("fr", alternates(response))
        self.assertEqual(switcher(response)["fr"]["href"], "/fr/")


class SwitcherTests(LocalisedCatalogMixin, TestCase):
    def test_page_with_a_translation_links_to_it(self):
        links = switcher(self.client.get("/shows/harbour-lights/"))
        self.assertEqual(list(links), ["en", "fr", "es"])
        self.assertEqual(links["en"]["href"], "/shows/harbour-lights/")
        self.assertEqual(links["en"]["aria-current"], "page")
        self.assertEqual(links["fr"]["href"], "/fr/shows/harbour-lights/")
        self.assertEqual(links["fr"]["lang"], "fr")
        self.assertEqual(links["fr"]["text"], "Français")
        self.assertNotIn("aria-current", links["fr"])
        # No Spanish translation: the Spanish home.
        self.assertEqual(links["es"]["href"], "/es/")

    def test_translation_links_back(self):
        links = switcher(self.client.get("/fr/shows/harbour-lights/"))
        self.assertEqual(links["en"]["href"], "/shows/harbour-lights/")
        self.assertEqual(links["fr"]["aria-current"], "page")
        self.assertEqual(links["es"]["href"], "/es/")

    def test_page_without_a_translation_links_to_each_home(self):
        links = switcher(self.client.get("/shows/night-ferry/"))
        self.assertEqual(links["fr"]["href"], "/fr/")
        self.assertEqual(links["es"]["href"], "/es/")

    def test_homes_link_to_each_other(self):
        links = switcher(self.client.get("/es/"))
        self.assertEqual(
            {code: link["href"] for code, link in links.items()},
            {"en": "/", "fr": "/fr/", "es": "/es/"},
        )
        self.assertEqual(links["es"]["aria-current"], "page")

    def test_genre_with_a_translation_and_person_without(self):
        links = switcher(self.client.get("/shows/genres/drama/"))
        self.assertEqual(links["fr"]["href"], "/fr/shows/genres/drama/")
        self.assertEqual(links["es"]["href"], "/es/")
        links = switcher(self.client.get("/people/ada-brook/"))
        self.assertEqual(links["en"]["aria-current"], "page")
        self.assertEqual(links["fr"]["href"], "/fr/")

    def test_translated_genre_slug_is_followed(self):
        self.fr_genre.slug = "drame"
        self.fr_genre.save()
        links = switcher(self.client.get("/shows/genres/drama/"))
        self.assertEqual(links["fr"]["href"], "/fr/shows/genres/drame/")
        links = switcher(self.client.get("/fr/shows/genres/drame/"))
        self.assertEqual(links["en"]["href"], "/shows/genres/drama/")

    def test_lists_and_search_keep_their_path_and_query(self):
        links = switcher(self.client.get("/search/?q=harbour&type=show"))
        self.assertEqual(links["fr"]["href"], "/fr/search/?q=harbour&type=show")
        links = switcher(self.client.get("/fr/shows/genres/"))
        self.assertEqual(links["en"]["href"], "/shows/genres/")
        self.assertEqual(links["es"]["href"], "/es/shows/genres/")

    def test_not_found_pages_link_to_the_homes(self):
        links = switcher(self.client.get("/fr/no-such-page/"))
        self.assertEqual(
            {code: link["href"] for code, link in links.items()},
            {"en": "/", "fr": "/fr/", "es": "/es/"},
        )

    def test_header_and_footer_stay_in_the_language(self):
        page = soup(self.client.get("/fr/shows/"))
        nav = page.find("nav", class_="site-nav")
        shows = nav.find_all("a")[0]  # by position: its label is translated
        self.assertEqual(shows["href"], "/fr/shows/")
        self.assertEqual(shows.get("aria-current"), "page")
        self.assertEqual(page.find("form", class_="site-search")["action"], "/fr/search/")
        self.assertEqual(page.find("a", class_="brand")["href"], "/fr/")
        footer = [link["href"] for link in page.find("footer").find_all("a")]
        self.assertIn("/fr/shows/genres/", footer)
        self.assertIn("/account/", footer)  # private areas have no language prefix
        english = soup(self.client.get("/shows/")).find("nav", class_="site-nav")
        self.assertEqual(english.find_all("a")[0]["href"], "/shows/")

    def test_every_public_link_on_a_french_page_stays_in_french(self):
        """Body links too (breadcrumbs, calls to action, search chips, the 404's buttons),
        not only the header and footer: no French page sends its reader to English."""
        article = factories.publish(factories.ArticlePageFactory(title="Notes"))
        fr_article = translations.translate_page(article, "fr", title="Notes FR")
        unprefixed = ("/account", "/admin", "/api/", "/static/", "/media/", "/sitemap.xml")
        for path in (
            "/fr/",
            "/fr/shows/genres/drame/",
            "/fr/people/ada-brook/",
            fr_article.url,
            "/fr/search/?q=zzzz&type=show",
            "/fr/search/?q=%22",
            "/fr/no-such-page/",
        ):
            with self.subTest(path=path):
                page = soup(self.client.get(path))
                page.find("nav", class_="language-switcher").decompose()
                hrefs = [a["href"] for a in page.find_all("a", href=True)]
                english = [
                    href
                    for href in hrefs
                    if href.startswith("/") and not href.startswith(("/fr/", *unprefixed))
                ]
                self.assertEqual(english, [], hrefs)

    def test_one_query_for_a_pages_versions(self):
        request = RequestFactory().get("/shows/harbour-lights/")
        Site.find_for_request(request)
        Site.get_site_root_paths()
        restricted_paths()
        with translation.override("en"), self.assertNumQueries(1):
            versions = languages.page_versions(self.show, request)
        self.assertEqual([v.code for v in versions if v.is_translation], ["en", "fr"])

    def test_a_pages_versions_are_found_by_the_translation_key_index(self):
        # Every public page runs this query. Written as "key = X OR key IN (subquery)" it
        # could not use the (translation_key, locale) index and scanned wagtailcore_page:
        # 140 ms at 100,000 episodes (docs/localisation.md). A handful of test rows lets
        # the planner pick any index, so the test reads the condition it must use: one
        # array of keys (the home's computed once, an InitPlan), not an OR with a subplan.
        request = RequestFactory().get("/shows/harbour-lights/")
        with translation.override("en"), CaptureQueriesContext(connection) as queries:
            languages.page_versions(self.show, request)
        sql = next(q["sql"] for q in queries if '"translation_key" IN' in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("translation_key = ANY (ARRAY[", plan, plan)
        self.assertNotIn("SubPlan", plan, plan)


class AlternatesTests(LocalisedCatalogMixin, TestCase):
    def test_hreflang_for_each_translation_and_x_default(self):
        for url in ["/shows/harbour-lights/", "/fr/shows/harbour-lights/"]:
            with self.subTest(url=url):
                self.assertEqual(
                    alternates(self.client.get(url)),
                    {
                        "en": "http://localhost/shows/harbour-lights/",
                        "fr": "http://localhost/fr/shows/harbour-lights/",
                        "x-default": "http://localhost/shows/harbour-lights/",
                    },
                )

    def test_untranslated_page_names_itself_only(self):
        self.assertEqual(
            alternates(self.client.get("/shows/night-ferry/")),
            {
                "en": "http://localhost/shows/night-ferry/",
                "x-default": "http://localhost/shows/night-ferry/",
            },
        )

    def test_canonical_and_urls_come_from_the_site_not_the_host(self):
        response = self.client.get("/fr/shows/harbour-lights/", HTTP_HOST="evil.example")
        page = soup(response)
        self.assertEqual(
            page.find("link", rel="canonical")["href"], "http://localhost/fr/shows/harbour-lights/"
        )
        self.assertNotIn(b"evil.example", response.content)

    def test_og_locale_and_its_alternates(self):
        self.assertEqual(
            og_locales(self.client.get("/shows/harbour-lights/")), ("en_GB", ["fr_FR"])
        )
        self.assertEqual(
            og_locales(self.client.get("/fr/shows/harbour-lights/")), ("fr_FR", ["en_GB"])
        )
        self.assertEqual(og_locales(self.client.get("/shows/night-ferry/")), ("en_GB", []))

    def test_genre_alternates(self):
        self.assertEqual(
            alternates(self.client.get("/fr/shows/genres/drama/")),
            {
                "en": "http://localhost/shows/genres/drama/",
                "fr": "http://localhost/fr/shows/genres/drama/",
                "x-default": "http://localhost/shows/genres/drama/",
            },
        )


class SitemapAlternatesTests(LocalisedCatalogMixin, TestCase):
    def sitemap(self) -> dict[str, dict[str, str]]:
        """{location: {hreflang: href}} of /sitemap.xml."""
        root = ElementTree.fromstring(self.client.get("/sitemap.xml").content)
        return {
            url.find("s:loc", SITEMAP_NS).text: {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
            }
            for url in root.findall("s:url", SITEMAP_NS)
        }

    def test_every_languages_pages_with_their_alternates(self):
        urls = self.sitemap()
        show = {
            "en": "http://localhost/shows/harbour-lights/",
            "fr": "http://localhost/fr/shows/harbour-lights/",
            "x-default": "http://localhost/shows/harbour-lights/",
        }
        self.assertEqual(urls["http://localhost/shows/harbour-lights/"], show)
        self.assertEqual(urls["http://localhost/fr/shows/harbour-lights/"], show)
        self.assertEqual(
            urls["http://localhost/es/"],
            {
                "en": "http://localhost/",
                "fr": "http://localhost/fr/",
                "es": "http://localhost/es/",
                "x-default": "http://localhost/",
            },
        )
        self.assertEqual(urls["http://localhost/shows/night-ferry/"], {})
        self.assertNotIn("http://localhost/fr/shows/night-ferry/", urls)

    def test_snippets_in_every_language(self):
        urls = self.sitemap()
        drama = {
            "en": "http://localhost/shows/genres/drama/",
            "fr": "http://localhost/fr/shows/genres/drama/",
            "x-default": "http://localhost/shows/genres/drama/",
        }
        self.assertEqual(urls["http://localhost/fr/shows/genres/drama/"], drama)
        self.assertEqual(urls["http://localhost/shows/genres/drama/"], drama)
        self.assertEqual(urls["http://localhost/people/ada-brook/"], {})

    def test_unpublished_translation_leaves_the_sitemap(self):
        self.fr_show.unpublish()
        urls = self.sitemap()
        self.assertNotIn("http://localhost/fr/shows/harbour-lights/", urls)
        self.assertEqual(urls["http://localhost/shows/harbour-lights/"], {})

    def test_sitemap_queries_do_not_grow_with_translations(self):
        def queries():
            self.client.get("/sitemap.xml")  # warm the site and locale caches
            with CaptureQueriesContext(connection) as context:
                self.client.get("/sitemap.xml")
            return len(context.captured_queries)

        before = queries()
        show = factories.publish(factories.ShowPageFactory(title="Tide Tables"))
        translations.translate_page(show, "fr")
        translations.translate_page(show, "es")
        translations.translate_snippet(factories.GenreFactory(name="Comedy"), "es")
        self.assertEqual(queries(), before)


class PageTreeTests(TestCase):
    def test_translations_are_siblings_of_the_english_home(self):
        fr_home = translations.translate_home("fr")
        self.assertEqual(fr_home.get_parent().pk, Page.get_first_root_node().pk)
        self.assertEqual(fr_home.url, "/fr/")

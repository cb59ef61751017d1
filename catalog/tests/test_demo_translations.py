"""The demo in French and Spanish: hand-written translations made through wagtail-localize
(catalog/demo/translations.py), linked to their sources, in sync, served, and idempotent."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings

from wagtail.models import Locale, Page, Revision

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from catalog.demo.translations import demo_translations
from catalog.models import EpisodePage, Genre, SeasonPage, ShowCollection, ShowIndexPage, ShowPage
from home.models import HomePage

from .test_demo_loader import TemporaryMediaMixin

#: What each language gets: every genre and collection, the home and both indexes, and
#: three shows with all their seasons (2 each) and episodes (16 + 12 + 12).
EXPECTED = {
    Genre: 8,
    ShowCollection: 4,
    HomePage: 1,
    ShowIndexPage: 1,
    ShowPage: 3,
    SeasonPage: 6,
    EpisodePage: 40,
}


def load() -> str:
    out = StringIO()
    call_command("load_demo_catalog", "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


@override_settings(DEMO_ACCOUNTS_ENABLED=False)
class DemoTranslationTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        load()
        cls.en = Locale.get_default()
        cls.fr, cls.es = (Locale.objects.get(language_code=code) for code in ("fr", "es"))

    def test_every_language_has_its_counts(self):
        for locale in (self.fr, self.es):
            for model, count in EXPECTED.items():
                with self.subTest(locale=locale.language_code, model=model.__name__):
                    self.assertEqual(model.objects.filter(locale=locale).count(), count)

    def test_translations_share_the_source_key_and_synchronised_fields(self):
        for model in (ShowPage, EpisodePage, Genre):
            english = {obj.translation_key: obj for obj in model.objects.filter(locale=self.en)}
            for obj in model.objects.filter(locale=self.fr):
                source = english[obj.translation_key]  # KeyError: not linked to a source
                with self.subTest(obj=str(obj)):
                    self.assertNotEqual(obj.pk, source.pk)
                    if model is EpisodePage:
                        self.assertEqual(
                            (obj.access_level, obj.air_date, obj.video_id, obj.still_id),
                            (
                                source.access_level,
                                source.air_date,
                                source.video_id,
                                source.still_id,
                            ),
                        )
                        self.assertEqual(obj.slug, source.slug)

    def test_texts_are_the_hand_written_ones(self):
        fr = ShowPage.objects.get(locale=self.fr, slug="signal-lost")
        es = ShowPage.objects.get(locale=self.es, slug="the-quiet-planet")
        self.assertEqual(fr.title, "Signal perdu")
        self.assertTrue(fr.synopsis.startswith("Les cinq membres d'équipage"))
        self.assertEqual(es.title, "El planeta silencioso")
        season = SeasonPage.objects.get(locale=self.fr, show=fr, number=2)
        self.assertEqual(season.title, "Saison 2")
        self.assertEqual(Genre.objects.get(locale=self.es, slug="documentary").name, "Documental")
        # No segment of a translated page fell back to English (slugs stay the source's).
        glossary = demo_translations()["fr"].strings
        for page in EpisodePage.objects.filter(locale=self.fr):
            english = EpisodePage.objects.get(locale=self.en, translation_key=page.translation_key)
            with self.subTest(page=english.title):
                self.assertEqual(page.title, glossary[english.title])
                self.assertEqual(page.synopsis, glossary[english.synopsis])

    def test_made_through_wagtail_localize_and_in_sync(self):
        show = ShowPage.objects.get(locale=self.en, slug="made-by-hand")
        source = TranslationSource.objects.get_for_instance(show)
        self.assertEqual(
            set(Translation.objects.filter(source=source).values_list("target_locale", flat=True)),
            {self.fr.pk, self.es.pk},
        )
        manual = StringTranslation.objects.filter(locale=self.fr, translation_type="manual")
        self.assertTrue(manual.filter(data="Fait main").exists())
        # An editor's "Sync translated pages" keeps the hand-written texts.
        source.update_from_db()
        synced, created = source.create_or_update_translation(self.fr)
        self.assertFalse(created)
        self.assertEqual(synced.title, "Fait main")

    def test_french_home_rails_and_hero_show_french_pages(self):
        home = HomePage.objects.get(locale=self.fr)
        fr_show = ShowPage.objects.get(locale=self.fr, slug="signal-lost")
        self.assertEqual(home.hero_page_id, fr_show.pk)
        self.assertEqual(home.hero_heading, "Signal perdu")
        response = self.client.get("/fr/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        # (Tests make no demo videos: the rails of episodes are empty, so not shown.)
        for heading in ["Coups de cœur de l'équipe", "Science-fiction", "Séries primées"]:
            self.assertIn(heading.replace("'", "&#x27;"), html)
        # The staff picks (a collection) and the Sci-Fi rail (a genre) link the French show.
        self.assertGreaterEqual(html.count('href="/fr/shows/signal-lost/"'), 3)
        self.assertNotIn('href="/shows/signal-lost/"', html)
        for url in ["/es/", "/es/shows/", "/fr/shows/signal-lost/season-2/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_second_run_changes_nothing(self):
        def state():
            hero = HomePage.objects.get(locale=self.fr).hero_page_id
            models = (Page, Revision, StringTranslation, Translation, Genre)
            return hero, [model.objects.count() for model in models]

        before = state()
        self.assertIn("Found everything", load())
        self.assertEqual(state(), before)

"""Search on PostgreSQL: ranking, facets and counts, typo tolerance, stemming per language,
visibility, promotions, the report's hits and a fixed number of queries."""

import datetime
import unittest

from django.db import connection
from django.test import TestCase, override_settings
from django.utils import timezone, translation

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

from catalog.models import AccessLevel
from catalog.tests import factories
from search import selectors
from search.query import parse
from search.tasks import clean_old_search_hits

postgres_only = unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL search")


def titles(response):
    return [row.title for row in response.context["outcome"].results]


@postgres_only
class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.drama = factories.GenreFactory(name="Drama", slug="drama")
        cls.comedy = factories.GenreFactory(name="Comedy", slug="comedy")
        cls.ferry = factories.publish(
            factories.ShowPageFactory(
                title="Night Ferry",
                synopsis="A crew works the last crossing of the night.",
                first_air_year=2023,
                maturity_rating="TV-14",
                original_language="en",
                genres=[cls.drama],
            )
        )
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.ferry, number=1))
        cls.ferry_episode = factories.publish(
            factories.EpisodePageFactory(
                parent=cls.season,
                number=1,
                title="The Ferry Strike",
                synopsis="The crew refuses the night crossing.",
                access_level=AccessLevel.FREE,
                air_date=datetime.date(2023, 4, 1),
            )
        )
        cls.paid_episode = factories.publish(
            factories.EpisodePageFactory(
                parent=cls.season,
                number=2,
                title="Ferry in Fog",
                synopsis="Fog on the water.",
                access_level=AccessLevel.SUBSCRIBERS,
                air_date=datetime.date(2023, 4, 8),
            )
        )
        cls.old = factories.publish(
            factories.ShowPageFactory(
                title="Harbour Lights",
                synopsis="An old ferry captain retires to the harbour.",
                first_air_year=1995,
                maturity_rating="TV-PG",
                original_language="fr",
                genres=[cls.comedy],
            )
        )
        cls.article = factories.publish(
            factories.ArticlePageFactory(
                title="Making the ferry scenes", summary="How the ferry was filmed at night."
            )
        )
        cls.person = factories.PersonFactory(name="Ferris Holloway", bio="Plays the captain.")
        factories.ShowCreditFactory(show=cls.ferry, person=cls.person, character="Captain")

    def get(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response

    def test_exact_title_first_and_shows_before_episodes(self):
        found = titles(self.get(q="night ferry"))
        self.assertEqual(found[0], "Night Ferry")
        found = titles(self.get(q="ferry"))
        self.assertLess(found.index("Night Ferry"), found.index("The Ferry Strike"))
        self.assertEqual(
            set(found),
            {
                "Night Ferry",
                "The Ferry Strike",
                "Ferry in Fog",
                "Harbour Lights",
                "Making the ferry scenes",
            },
        )

    def test_labels_snippets_and_people(self):
        response = self.get(q="ferry")
        rows = {row.title: row for row in response.context["outcome"].results}
        self.assertEqual(rows["Night Ferry"].label, "Show · 1 season · 2023")
        self.assertEqual(rows["The Ferry Strike"].label, "S1 E1 · Night Ferry")
        self.assertIn("<mark>ferry</mark>", rows["Harbour Lights"].snippet)
        self.assertContains(response, "Show · 1 season")
        people = self.get(q="holloway").context["outcome"].people
        self.assertEqual([p.title for p in people], ["Ferris Holloway"])

    def test_title_words_split_with_synopsis_still_match(self):
        self.assertIn("Night Ferry", titles(self.get(q="ferry crossing")))

    def test_snippet_is_escaped_before_marking(self):
        html = selectors.highlight('<b>ferry</b> & "amp" night', "ferry amp")
        self.assertEqual(
            html, "&lt;b&gt;<mark>ferry</mark>&lt;/b&gt; &amp; &quot;<mark>amp</mark>&quot; night"
        )

    def test_each_facet_and_their_combination_with_counts(self):
        cases = {
            "type=show": ({"type": "show"}, {"Night Ferry", "Harbour Lights"}),
            "type=episode": ({"type": "episode"}, {"The Ferry Strike", "Ferry in Fog"}),
            "genre": ({"genre": "comedy"}, {"Harbour Lights"}),
            "year": ({"year": "1990-1999"}, {"Harbour Lights"}),
            "rating": ({"rating": "TV-14"}, {"Night Ferry", "The Ferry Strike", "Ferry in Fog"}),
            "lang": ({"lang": "fr"}, {"Harbour Lights"}),
            "access": ({"access": "subscribers"}, {"Ferry in Fog"}),
            "combined": (
                {"genre": "drama", "type": "episode", "access": "free", "year": "2023"},
                {"The Ferry Strike"},
            ),
        }
        for name, (params, expected) in cases.items():
            with self.subTest(name):
                response = self.get(q="ferry", **params)
                self.assertEqual(set(titles(response)), expected)
                self.assertEqual(response.context["outcome"].total, len(expected))
        facets = {
            f.name: {v.value: v.count for v in f.values}
            for f in self.get(q="ferry").context["outcome"].facets
        }
        # "Ferris" and "ferry" share the English stem "ferri".
        self.assertEqual(facets["type"], {"show": 2, "episode": 2, "article": 1, "person": 1})
        self.assertEqual(facets["genre"], {"drama": 3, "comedy": 1})
        self.assertEqual(facets["year"], {"2020-2029": 5 - 1, "1990-1999": 1})
        self.assertEqual(facets["access"], {"free": 1, "subscribers": 1})
        self.assertEqual(facets["lang"], {"en": 3, "fr": 1})

    def test_facet_counts_follow_the_other_choices_and_chips_remove_them(self):
        response = self.get(q="ferry", genre="drama")
        facets = {
            f.name: {v.value: v.count for v in f.values} for f in response.context["outcome"].facets
        }
        self.assertEqual(facets["type"], {"show": 1, "episode": 2})
        # The genre facet itself still offers the other genre.
        self.assertEqual(facets["genre"], {"drama": 3, "comedy": 1})
        chips = response.context["chips"]
        self.assertEqual([(c["label"], c["url"]) for c in chips], [("Drama", "/search/?q=ferry")])

    def test_broad_queries_count_the_best_matches_only(self):
        from unittest import mock

        with mock.patch.object(selectors, "MAX_MATCHES", 3):
            response = self.get(q="ferry")
        outcome = response.context["outcome"]
        self.assertTrue(outcome.capped)
        self.assertEqual(outcome.total, 3)
        self.assertContains(response, "3+ results")
        self.assertIn("Night Ferry", titles(response))

    def test_people_only(self):
        response = self.get(q="holloway", type="person")
        self.assertEqual(titles(response), ["Ferris Holloway"])
        self.assertEqual(response.context["outcome"].results[0].url, self.person.get_absolute_url())

    def test_sorts(self):
        self.assertEqual(
            titles(self.get(q="ferry", type="show", sort="title")),
            ["Harbour Lights", "Night Ferry"],
        )
        self.assertEqual(
            titles(self.get(q="ferry", type="show", sort="newest")),
            ["Night Ferry", "Harbour Lights"],
        )

    def test_typo_finds_the_title_and_suggests_it(self):
        response = self.get(q="nigth fery")
        self.assertIn("Night Ferry", titles(response))
        self.assertTrue(response.context["outcome"].fuzzy)
        self.assertEqual(response.context["outcome"].did_you_mean, "Night Ferry")
        self.assertContains(response, "Did you mean")

    def test_empty_state_offers_shows_and_genres(self):
        response = self.get(q="zzzqqqxxy")
        self.assertEqual(titles(response), [])
        self.assertContains(response, "Nothing found")
        self.assertContains(response, "/shows/genres/")
        self.assertContains(response, "Shows to try")

    def test_query_count_is_fixed_whatever_the_result_count(self):
        # Warm the caches (locale, restrictions, content types) and the report's row.
        self.get(q="fog")
        few = self._count(q="fog")
        for n in range(3, 12):
            factories.publish(
                factories.EpisodePageFactory(
                    parent=self.season, number=n, title=f"Fog bank {n}", synopsis="Fog."
                )
            )
        self.get(q="fog")
        self.assertEqual(self._count(q="fog"), few)
        self.assertEqual(self.get(q="fog").context["outcome"].total, 10)

    def _count(self, **params):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.get(**params)
        return len(ctx.captured_queries)

    def test_promoted_results_come_first(self):
        query = Query.get("ferry")
        SearchPromotion.objects.create(
            query=query, page=self.old, sort_order=0, description="Editors' pick"
        )
        response = self.get(q="Ferry")
        self.assertEqual(response.context["results"][0].pk, self.old.pk)
        self.assertEqual(response.context["promoted"][0].snippet, "Editors' pick")
        self.assertNotIn("Harbour Lights", titles(response))  # not twice

    def test_hits_recorded_only_for_short_normalised_queries(self):
        self.get(q="  Night   FERRY ")
        self.assertEqual(Query.objects.get(query_string="night ferry").hits, 1)
        self.get(q=" ".join(["ferry"] * 8))
        self.get(q="ferry " + "x" * 60)
        self.assertEqual(Query.objects.count(), 1)

    def test_old_hits_are_cleaned(self):
        query = Query.get("old words")
        QueryDailyHits.objects.create(
            query=query, date=timezone.localdate() - datetime.timedelta(days=40), hits=3
        )
        Query.get("night ferry").add_hit()
        clean_old_search_hits()
        self.assertEqual(
            list(Query.objects.values_list("query_string", flat=True)), ["night ferry"]
        )

    def test_hidden_and_expired_pages_are_left_out(self):
        private = factories.publish(factories.ShowPageFactory(title="Ferry Secrets"))
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        factories.publish(
            factories.EpisodePageFactory(
                parent=self.season,
                number=9,
                title="Ferry Gone",
                available_until=timezone.now() - datetime.timedelta(days=1),
            )
        )
        draft = factories.ShowPageFactory(title="Ferry Draft")
        draft.save_revision()
        draft.unpublish() if draft.live else None
        found = titles(self.get(q="ferry"))
        for title in ("Ferry Secrets", "Ferry Gone", "Ferry Draft"):
            self.assertNotIn(title, found)

    def test_suggest(self):
        response = self.client.get("/search/suggest/", {"q": "nig"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage=60", response["Cache-Control"])
        results = response.json()["results"]
        self.assertEqual(
            results[0],
            {"kind": "show", "title": "Night Ferry", "label": "Show", "url": self.ferry.url},
        )
        kinds = {
            r["kind"] for r in self.client.get("/search/suggest/", {"q": "fer"}).json()["results"]
        }
        self.assertEqual(kinds, {"show", "episode", "person"})
        self.assertEqual(self.client.get("/search/suggest/", {"q": "n"}).json()["results"], [])


@postgres_only
@override_settings(
    LANGUAGES=[("en", "English"), ("fr", "French")],
    WAGTAIL_CONTENT_LANGUAGES=[("en", "English"), ("fr", "French")],
)
class StemmingAndLocaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.english = factories.publish(
            factories.ShowPageFactory(title="Long Road", synopsis="They run across the desert.")
        )
        french = Locale.objects.get_or_create(language_code="fr")[0]
        home_fr = factories.HomePageFactory._meta.model.objects.first().copy_for_translation(french)
        home_fr.save_revision().publish()
        index_fr = factories.ShowIndexPageFactory().copy_for_translation(french)
        index_fr.save_revision().publish()
        cls.french = factories.publish(
            factories.ShowPageFactory(
                parent=index_fr,
                locale=french,
                title="La Plaine",
                synopsis="Un cheval traverse la plaine.",
            )
        )

    def found(self, query, language):
        with translation.override(language):
            outcome = selectors.search(parse({"q": query}))
        return [row.title for row in outcome.results]

    def test_english_stemming(self):
        self.assertEqual(self.found("running", "en"), ["Long Road"])

    def test_french_stemming(self):
        self.assertEqual(self.found("chevaux", "fr"), ["La Plaine"])

    def test_results_only_in_the_current_locale(self):
        self.assertEqual(self.found("plaine", "en"), [])
        self.assertEqual(self.found("road", "fr"), [])

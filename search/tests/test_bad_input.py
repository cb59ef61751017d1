"""Bad input never makes a 500: results, an empty state or a 400 with a message.

The listed cases from the issue, then Hypothesis drives random queries and facet
combinations through the page and the suggest endpoint (PostgreSQL and SQLite).
"""

from django.test import TestCase

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from catalog.tests import factories

BAD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "night\x00ferry",
    "\x00",
    "\ufffd\ufffe",
    "& | ! ( ) : * <->",
    "night & ferry",
    "!ferry",
    "ferry:*",
    "night <-> ferry",
    "night <2> ferry",
    "(night | ferry) & !fog",
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    '" OR ""="',
    'night "ferry',
    "'''",
    "\\",
    "%_%",
    "ferry*",
    "title:ferry",
]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))

    def test_bad_queries_answer_with_a_page(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query[:40]):
                response = self.client.get("/search/", {"q": query})
                suggest = self.client.get("/search/suggest/", {"q": query})
                if "\x00" in query:
                    # mediasite.middleware refuses NUL bytes in any address, with a message.
                    for answer in (response, suggest):
                        self.assertContains(answer, "NUL character", status_code=400)
                    continue
                self.assertEqual(response.status_code, 200)
                self.assertEqual(suggest.status_code, 200)
                self.assertIsInstance(suggest.json()["results"], list)

    def test_binary_query_string(self):
        response = self.client.get("/search/?q=%FF%FEnight%C0")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Night Ferry")
        self.assertEqual(self.client.get("/search/suggest/?q=%FF%FEni").status_code, 200)
        self.assertEqual(self.client.get("/search/?q=%FF%00").status_code, 400)

    def test_unknown_facet_values_are_a_400_with_a_message(self):
        for params in (
            {"type": "podcast"},
            {"year": "last year"},
            {"year": "2020-2010"},
            {"access": "maybe"},
            {"sort": "random"},
            {"page": "0"},
            {"page": "-1"},
            {"page": "2" * 40},
            {"rating": "<script>"},
            {"genre": "a b"},
        ):
            with self.subTest(params=params):
                response = self.client.get("/search/", {"q": "ferry", **params})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "could not be read", status_code=400)

    def test_unknown_but_well_formed_values_are_an_empty_state(self):
        for params in ({"genre": "no-such-genre"}, {"rating": "XX"}, {"lang": "zz"}):
            with self.subTest(params=params):
                response = self.client.get("/search/", {"q": "ferry", **params})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Nothing found")

    def test_page_out_of_range_shows_the_last_page(self):
        response = self.client.get("/search/", {"q": "ferry", "page": "999"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Night Ferry")


FACET_VALUES = {
    "type": st.sampled_from(["", "show", "episode", "article", "person", "x", "show\x00"]),
    "genre": st.one_of(st.just(""), st.text(max_size=20)),
    "year": st.one_of(st.just(""), st.from_regex(r"\A\d{1,5}(-\d{1,5})?\Z"), st.text(max_size=8)),
    "rating": st.one_of(st.just(""), st.sampled_from(["TV-MA", "TV-Y"]), st.text(max_size=6)),
    "lang": st.one_of(st.just(""), st.sampled_from(["en", "fr"]), st.text(max_size=4)),
    "access": st.sampled_from(["", "free", "subscribers", "all"]),
    "sort": st.sampled_from(["", "relevance", "newest", "title", "best"]),
    "page": st.one_of(st.just(""), st.integers(-3, 10**6).map(str), st.text(max_size=4)),
}


class RandomInputTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        factories.publish(factories.ShowPageFactory(title="Night Ferry"))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        query=st.text(st.characters(exclude_characters="\x00"), max_size=300),
        facets=st.fixed_dictionaries({}, optional=FACET_VALUES),
    )
    def test_random_queries_and_facets(self, query, facets):
        params = {"q": query, **facets}
        response = self.client.get("/search/", params)
        self.assertIn(response.status_code, (200, 400))
        suggest = self.client.get("/search/suggest/", {"q": query})
        self.assertEqual(suggest.status_code, 200)

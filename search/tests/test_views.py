"""The search page: hostile queries are plain text, never a 500, on SQLite and PostgreSQL."""

from django.test import TestCase

from catalog.tests import factories

HOSTILE_QUERIES = [
    '"><img>',
    '"',
    'night "ferry',
    "ferry*",
    "NEAR(night ferry",
    "night AND",
    "OR",
    "-ferry",
    "^night",
    "title:ferry",
    "(((",
    "'; DROP TABLE wagtailcore_page; --",
    "\\",
    "%",
]


class SearchQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))

    def test_hostile_queries_answer_with_a_page(self):
        for query in HOSTILE_QUERIES:
            with self.subTest(query=query):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "result")

    def test_punctuation_does_not_hide_real_words(self):
        response = self.client.get("/search/", {"q": '"night ferry'})
        self.assertContains(response, "/shows/night-ferry/")

"""/api/v2/ search on the embedded default's SQLite (FTS5) backend.

Not collected by itself (the name does not start with test_): test_wagtail_api.py runs
it in a subprocess without DATABASE_URL, so it runs on SQLite while the suite runs on
PostgreSQL.
"""

from django.db import connection
from django.test import TestCase

from catalog.tests import factories


class SQLiteSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))

    def test_runs_on_sqlite(self):
        self.assertEqual(connection.vendor, "sqlite")

    def test_punctuation_in_a_search_is_not_a_500(self):
        for endpoint in ("pages", "images"):
            for query in ('"><img>', "harbour)", "AND", "*", '"'):
                with self.subTest(endpoint=endpoint, query=query):
                    response = self.client.get(f"/api/v2/{endpoint}/", {"search": query})
                    self.assertEqual(response.status_code, 200, response.content[:300])

    def test_words_around_punctuation_still_find_the_page(self):
        response = self.client.get("/api/v2/pages/", {"search": '"harbour"><'})
        ids = [item["id"] for item in response.json()["items"]]
        self.assertIn(self.show.pk, ids)

    def test_a_search_without_words_finds_nothing(self):
        response = self.client.get("/api/v2/pages/", {"search": '"><'})
        self.assertEqual(response.json()["items"], [])

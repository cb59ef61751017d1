"""What keeps search fast at 100,000 episodes: cached answers per content version, a capped
candidate scan for words found everywhere, and renames re-indexed off the request path."""

import unittest
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.search.models import IndexEntry

from catalog import content_version
from catalog.tests import factories
from search import selectors

postgres_only = unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL search")


def titles(response):
    return [row.title for row in response.context["outcome"].results]


class SearchTestCase(TestCase):
    def get(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response

    def statements(self, **params):
        """The search statements a request runs (the one with the ``hits`` CTE)."""
        with CaptureQueriesContext(connection) as ctx:
            response = self.get(**params)
        return response, [q["sql"] for q in ctx.captured_queries if "WITH hits AS" in q["sql"]]


@postgres_only
class CachedAnswerTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Lantern Row"))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        for n in range(1, 4):
            factories.publish(
                factories.EpisodePageFactory(
                    parent=cls.season, number=n, title=f"Wick {n}", synopsis="A lantern burns."
                )
            )

    def test_a_repeated_search_reads_its_answer_from_the_cache(self):
        response, first = self.statements(q="lantern")
        self.assertEqual(len(first), 1)
        self.assertIn("AS facet", first[0])  # the facets, counted once
        again, second = self.statements(q="lantern")
        self.assertEqual(second, [])
        self.assertEqual(titles(again), titles(response))
        self.assertEqual(again.context["outcome"].total, 4)
        # Another sort of the same search: only its page of ids, the counts are known.
        by_title, third = self.statements(q="lantern", sort="title")
        self.assertEqual(len(third), 1)
        self.assertNotIn("AS facet", third[0])
        self.assertEqual(titles(by_title), ["Lantern Row", "Wick 1", "Wick 2", "Wick 3"])
        self.assertEqual(by_title.context["outcome"].total, 4)
        facets = {
            f.name: {v.value: v.count for v in f.values} for f in by_title.context["outcome"].facets
        }
        self.assertEqual(facets["type"], {"show": 1, "episode": 3})

    def test_publishing_unpublishing_or_moving_drops_cached_answers(self):
        self.assertEqual(self.get(q="lantern").context["outcome"].total, 4)
        factories.publish(
            factories.EpisodePageFactory(
                parent=self.season, number=4, title="Wick 4", synopsis="Lantern oil."
            )
        )
        self.assertEqual(self.get(q="lantern").context["outcome"].total, 5)
        self.show.unpublish()
        self.assertNotIn("Lantern Row", titles(self.get(q="lantern")))
        self.show.save_revision().publish()
        self.assertIn("Lantern Row", titles(self.get(q="lantern")))
        vault = factories.publish(factories.ShowIndexPageFactory(title="Vault", slug="vault"))
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=vault, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertIn("Lantern Row", titles(self.get(q="lantern")))
        self.show.move(vault, pos="last-child")
        self.assertEqual(titles(self.get(q="lantern")), [])

    def test_an_index_write_retires_the_cached_answers(self):
        """Wagtail's index task may run after the publish's own bump (on a worker): its
        write bumps the content version again, so no answer cached in between survives."""
        from wagtail.search.backends import get_search_backend

        version = content_version.current()
        get_search_backend().add(self.show)
        self.assertNotEqual(content_version.current(), version)
        version = content_version.current()
        get_search_backend().delete(self.show)
        self.assertNotEqual(content_version.current(), version)


@postgres_only
class CappedScanTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        show = factories.publish(factories.ShowPageFactory(title="Dockside", synopsis="Harbour."))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        for n in range(1, 7):
            factories.publish(
                factories.EpisodePageFactory(
                    parent=season, number=n, title=f"Tide {n}", synopsis="A beacon at the pier."
                )
            )
        # Made last: far from the first body matches a capped scan finds.
        cls.beacon = factories.publish(
            factories.ShowPageFactory(title="Beacon", synopsis="Keepers of the light.")
        )

    def test_a_word_found_everywhere_ranks_a_capped_set_with_title_matches_in_it(self):
        self.assertEqual(self.get(q="beacon").context["outcome"].total, 7)
        content_version.bump()  # not the answer cached just now
        with mock.patch.object(selectors, "SCAN_LIMIT", 2):
            response, [statement] = self.statements(q="beacon")
        outcome = response.context["outcome"]
        # At most two body matches and the title matches (also two at most) are ranked.
        self.assertLessEqual(outcome.total, 3)
        self.assertEqual(titles(response)[0], "Beacon")
        self.assertIn("LIMIT 2", statement)

    def test_below_the_limit_every_match_is_ranked(self):
        with mock.patch.object(selectors, "SCAN_LIMIT", 7):
            self.assertEqual(self.get(q="beacon").context["outcome"].total, 7)


@postgres_only
class RenameReindexesTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.genre = factories.GenreFactory(name="Noir", slug="noir")
        cls.show = factories.publish(
            factories.ShowPageFactory(title="Rain City", genres=[cls.genre])
        )
        cls.person = factories.PersonFactory(name="Odile Marchetti")
        factories.ShowCreditFactory(show=cls.show, person=cls.person, character="Inspector")
        cls.article = factories.publish(
            factories.ArticlePageFactory(title="On set", summary="Notes.", author=cls.person)
        )

    def entry(self, page):
        return IndexEntry.objects.get(
            object_id=str(page.pk), content_type__model=page._meta.model_name
        )

    def test_renaming_a_person_reindexes_their_shows_and_articles_after_the_commit(self):
        self.assertIn("Rain City", titles(self.get(q="marchetti")))
        with self.captureOnCommitCallbacks(execute=True):
            self.person.name = "Odile Brandt"
            self.person.save()
            # Not during the request: the re-index waits for the commit, on a worker.
            self.assertIn("marchetti", self.entry(self.show).body_text.lower())
        self.assertIn("Brandt", self.entry(self.show).body_text)
        self.assertIn("Brandt", self.entry(self.article).body_text)
        self.assertIn("Rain City", titles(self.get(q="brandt")))
        self.assertNotIn("Rain City", titles(self.get(q="marchetti")))

    def test_renaming_a_genre_reindexes_its_shows(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.genre.name = "Neo-noir Thriller"
            self.genre.save()
        self.assertIn("Rain City", titles(self.get(q="thriller")))

    def test_other_edits_leave_the_pages_entries_alone(self):
        def row_versions():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT ctid::text FROM {IndexEntry._meta.db_table}"  # noqa: S608
                    " WHERE id IN (%s, %s) ORDER BY id",
                    [self.entry(self.show).pk, self.entry(self.article).pk],
                )
                return cursor.fetchall()

        before = row_versions()
        with self.captureOnCommitCallbacks(execute=True):
            self.person.bio = "Born in Turin."
            self.person.save()
            self.genre.description = "Dark."
            self.genre.save()
        self.assertEqual(row_versions(), before)
        with self.captureOnCommitCallbacks(execute=True):
            self.genre.name = "Pulp"
            self.genre.save()
        self.assertNotEqual(row_versions()[0], before[0])  # the show's entry was written again

"""The index follows publish, unpublish, move, delete and credits; updates leave the request."""

import unittest

from django.db import connection
from django.test import TestCase, override_settings

from wagtail.search.models import IndexEntry

from catalog.tests import factories
from search.tasks import run_wagtail_task

postgres_only = unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL search")


def found(client, q):
    return [row.title for row in client.get("/search/", {"q": q}).context["outcome"].results]


@postgres_only
class IndexFollowsPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Quarry Tales"))

    def entries(self, page):
        return IndexEntry.objects.filter(object_id=str(page.pk)).count()

    def test_unpublish_and_delete(self):
        self.assertEqual(found(self.client, "quarry"), ["Quarry Tales"])
        self.show.unpublish()
        self.assertEqual(found(self.client, "quarry"), [])
        self.show.save_revision().publish()
        self.assertEqual(found(self.client, "quarry"), ["Quarry Tales"])
        self.assertEqual(self.entries(self.show), 1)
        self.show.delete()
        self.assertEqual(self.entries(self.show), 0)

    def test_move_into_a_private_section_hides_it(self):
        from wagtail.models import PageViewRestriction

        vault = factories.publish(factories.ShowIndexPageFactory(title="Vault", slug="vault"))
        PageViewRestriction.objects.create(
            page=vault, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertEqual(found(self.client, "quarry"), ["Quarry Tales"])
        self.show.move(vault, pos="last-child")
        self.assertEqual(found(self.client, "quarry"), [])

    def test_credits_are_indexed_with_their_show(self):
        person = factories.PersonFactory(name="Imelda Stavros")
        credit = factories.ShowCreditFactory(show=self.show, person=person, character="Warden")
        self.assertIn("Quarry Tales", found(self.client, "stavros"))
        self.assertIn("Quarry Tales", found(self.client, "warden"))
        credit.delete()
        self.assertEqual(found(self.client, "warden"), [])

    @override_settings(CELERY_TASK_ALWAYS_EAGER=False)
    def test_updates_wait_for_the_commit_and_run_on_a_worker(self):
        from modelsearch.tasks import insert_or_update_object_task

        self.show.title = "Quarry Nights"
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.show.save_revision().publish()
        # Nothing was indexed during the request: the update waits for the commit.
        self.assertEqual(found(self.client, "nights"), [])
        self.assertTrue(callbacks)
        # What the worker runs (the callback hands exactly this to Celery).
        run_wagtail_task(
            insert_or_update_object_task.module_path, ["catalog", "showpage", str(self.show.pk)], {}
        )
        self.assertEqual(found(self.client, "nights"), ["Quarry Nights"])

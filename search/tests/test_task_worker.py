"""Wagtail's own tasks (here: the search index update of a publish) run in a real Celery
worker, after the commit, and wait in the queue while no worker runs (none lost).

The worker and the scripts are subprocesses on the embedded default's settings with
DEV_CELERY_WORKER=1 (mediasite/tests/worker.py): a temporary SQLite file and a broker
folder of the test's own.
"""

import json
import textwrap
import time

from django.test import SimpleTestCase

from mediasite.tests.worker import WorkerProcessMixin

SETUP = """
import django
django.setup()
from wagtail.models import Locale, Page, Site
from catalog.models import ShowIndexPage
from home.models import HomePage
Locale.objects.get_or_create(language_code="en")
home = Page.add_root(title="Root", slug="root").add_child(instance=HomePage(title="Home"))
Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
home.add_child(instance=ShowIndexPage(title="Shows", slug="shows"))
"""

# Publishes a show inside a transaction and reports what the index holds for it inside
# the transaction, after the commit, and after the request's end (no worker is running).
PUBLISH = """
import json
import django
django.setup()
from django.db import transaction
from wagtail.search.models import IndexEntry
from catalog.models import ShowIndexPage
from catalog.tests import factories

def indexed(pk):
    return list(IndexEntry.objects.filter(object_id=str(pk)).values_list("title", flat=True))

with transaction.atomic():
    show = factories.publish(factories.ShowPageFactory(title="Quarry Tales", parent=ShowIndexPage.objects.get()))
    inside = indexed(show.pk)
print(json.dumps({"pk": show.pk, "inside": inside, "after_commit": indexed(show.pk)}))
"""

INDEXED = """
import json, sys
import django
django.setup()
from wagtail.search.models import IndexEntry
rows = IndexEntry.objects.filter(object_id=sys.argv[1]).values_list("title", flat=True)
print(json.dumps(list(rows)))
"""


class WagtailTasksInAWorkerTests(WorkerProcessMixin, SimpleTestCase):
    def _script(self, code: str, *args: str):
        result = self._run("-c", textwrap.dedent(code), *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout.splitlines()[-1])

    def _indexed(self, pk: int) -> list[str]:
        return self._script(INDEXED, str(pk))

    def test_a_publish_is_indexed_by_the_worker_after_the_commit(self):
        self._migrate()
        setup = self._run("-c", textwrap.dedent(SETUP))
        self.assertEqual(setup.returncode, 0, setup.stderr)

        published = self._script(PUBLISH)
        # Neither inside the transaction nor in the request after it: the task is queued.
        self.assertEqual(published["inside"], [])
        self.assertEqual(published["after_commit"], [])
        self.assertEqual(self._indexed(published["pk"]), [])

        # It waited for a worker; the first one to start runs it.
        self._start_worker()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self._indexed(published["pk"]):
            time.sleep(0.5)
        self.assertEqual(self._indexed(published["pk"]), ["Quarry Tales"], self._worker_log())
        self.assertIn("search.tasks.run_wagtail_task", self._worker_log())

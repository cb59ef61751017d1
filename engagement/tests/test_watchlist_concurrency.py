"""Many requests adding the same page at once: one row, every answer 200 or 201, no error."""

import threading

from django.db import connection, connections
from django.test import Client

from catalog.tests import factories
from engagement.models import WatchlistItem
from engagement.profiles import ensure_main_profile
from mediasite.tests.factories import UserFactory
from mediasite.tests.threads import ThreadsTestCase


class ConcurrentAddTests(ThreadsTestCase):
    def test_parallel_adds_make_one_row(self):
        self.assertEqual(connection.vendor, "postgresql")
        show = factories.publish(factories.ShowPageFactory())
        user = UserFactory()
        profile = ensure_main_profile(user)
        threads_count = 8
        barrier = threading.Barrier(threads_count)
        statuses = []

        def add():
            client = Client()
            client.force_login(user)
            try:
                barrier.wait(timeout=10)
                response = client.post(
                    "/api/v1/watchlist", {"page_id": show.pk}, content_type="application/json"
                )
                statuses.append(response.status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=add) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(len(statuses), threads_count)
        self.assertEqual(statuses.count(201), 1, statuses)
        self.assertEqual(statuses.count(200), threads_count - 1, statuses)
        self.assertEqual(WatchlistItem.objects.filter(profile=profile, page=show).count(), 1)

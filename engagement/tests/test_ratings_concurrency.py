"""1,000 rating changes from 20 threads against PostgreSQL end with exact summaries.

Each thread has its own connection (closed when it ends). The votes are new ratings,
changed scores and removals over many profiles and two pages, several threads working
on the same profiles at once; the expected count and sum are the final Rating rows,
and the summary must equal them exactly (no lost update, no error).
"""

import random
import threading

from django.db import connection, connections
from django.db.models import Count, Sum

from engagement.models import Rating, RatingSummary
from engagement.services.ratings import rate, unrate
from engagement.tests.rating_fixtures import make_catalog, make_viewer
from mediasite.tests.threads import ThreadsTestCase

THREADS, VOTES_PER_THREAD, PROFILES = 20, 50, 60


def run_threads(count, target):
    errors = []
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait(timeout=30)
            target(index)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


class ConcurrentRatingTests(ThreadsTestCase):
    def test_a_thousand_votes_from_twenty_threads_keep_exact_summaries(self):
        self.assertEqual(connection.vendor, "postgresql")
        show, _season, episode = make_catalog()
        profiles = [make_viewer(email=f"crowd{i}@example.com")[1] for i in range(PROFILES)]
        pages = [show, episode]
        done = []

        def votes(index):
            rng = random.Random(index)  # noqa: S311 - reproducible test votes
            for _ in range(VOTES_PER_THREAD):
                profile, page = rng.choice(profiles), rng.choice(pages)
                if rng.random() < 0.2:
                    unrate(profile, page)
                else:
                    rate(profile, page, rng.randint(1, 5))
                done.append(1)

        errors = run_threads(THREADS, votes)
        self.assertEqual(errors, [])
        self.assertEqual(len(done), THREADS * VOTES_PER_THREAD)
        for page in pages:
            expected = Rating.objects.filter(page=page).aggregate(n=Count("pk"), total=Sum("score"))
            summary = RatingSummary.objects.get(page=page)
            self.assertGreater(summary.rating_count, 0)
            self.assertEqual(
                (summary.rating_count, summary.rating_sum), (expected["n"], expected["total"] or 0)
            )

    def test_the_first_votes_on_a_page_race_to_create_its_summary(self):
        show, _season, _episode = make_catalog()
        profiles = [make_viewer(email=f"first{i}@example.com")[1] for i in range(THREADS)]
        errors = run_threads(THREADS, lambda index: rate(profiles[index], show, 1 + index % 5))
        self.assertEqual(errors, [])
        summary = RatingSummary.objects.get(page=show)
        self.assertEqual(summary.rating_count, THREADS)
        self.assertEqual(summary.rating_sum, sum(1 + i % 5 for i in range(THREADS)))

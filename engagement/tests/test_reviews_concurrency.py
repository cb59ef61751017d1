"""Helpful marks and first reviews under races, against PostgreSQL with real threads."""

from django.db import connection

from engagement.models import RatingSummary, Review, ReviewHelpful
from engagement.services.reviews import (
    ReviewError,
    create_review,
    mark_helpful,
    unmark_helpful,
)
from engagement.tests.rating_fixtures import make_catalog, make_viewer
from engagement.tests.test_ratings_concurrency import run_threads
from mediasite.tests.threads import ThreadsTestCase

THREADS = 20


class ConcurrentHelpfulTests(ThreadsTestCase):
    def test_helpful_count_stays_exact_under_racing_marks(self):
        self.assertEqual(connection.vendor, "postgresql")
        show, _season, _episode = make_catalog()
        author, profile = make_viewer()
        review = create_review(author, profile, show, score=4, body="Worth it")
        fans = [make_viewer(email=f"fan{i}@example.com")[0] for i in range(THREADS // 2)]
        outcomes = []

        def click(index):
            # Two threads per fan: every fan double-clicks "Helpful" at once.
            try:
                mark_helpful(review, fans[index // 2])
                outcomes.append("marked")
            except ReviewError as exc:
                outcomes.append(exc.status)

        self.assertEqual(run_threads(THREADS, click), [])
        self.assertEqual(outcomes.count("marked"), len(fans))
        self.assertEqual(outcomes.count(409), len(fans))
        self.assertEqual(Review.objects.get(pk=review.pk).helpful_count, len(fans))

        def undo(index):
            # Then the first half of the fans double-click "undo" at once.
            if index // 2 < len(fans) // 2:
                unmark_helpful(review, fans[index // 2])

        self.assertEqual(run_threads(THREADS, undo), [])
        marks = ReviewHelpful.objects.filter(review=review).count()
        self.assertEqual(marks, len(fans) - len(fans) // 2)
        self.assertEqual(Review.objects.get(pk=review.pk).helpful_count, marks)


class ConcurrentFirstReviewTests(ThreadsTestCase):
    def test_two_first_reviews_at_once_make_one(self):
        show, _season, _episode = make_catalog()
        user, profile = make_viewer()
        outcomes = []

        def write(index):
            try:
                create_review(user, profile, show, score=3 + index, body=f"Take {index}")
                outcomes.append("created")
            except ReviewError as exc:
                outcomes.append((exc.status, exc.extra.get("id")))

        errors = run_threads(2, write)
        self.assertEqual(errors, [])
        review = Review.objects.get(user=user)
        self.assertEqual(sorted(outcomes, key=str), sorted(["created", (409, review.pk)], key=str))
        summary = RatingSummary.objects.get(page=show)
        self.assertEqual((summary.review_count, summary.rating_count), (1, 1))
        self.assertEqual(summary.rating_sum, review.score)

"""The demo queue: reported reviews (two reporters in one row), a pending review and an
episode problem, seeded idempotently from the demo accounts and catalog."""

from django.test import TestCase, override_settings

from catalog.tests import factories
from engagement.demo.moderation import seed_moderation_demo
from engagement.models import Report, Review, ReviewStatus
from engagement.selectors.moderation import QueueFilters, queue_page
from engagement.tests.moderation_helpers import staff, verified_user
from mediasite.demo import Report as DemoReport


@override_settings(MODERATION_REPORT_THRESHOLD=3)
class DemoModerationTests(TestCase):
    def test_seeds_a_working_queue_once(self):
        for email in ("basic@example.com", "premium@example.com", "viewer@example.com"):
            verified_user(email=email)
        for n in range(3):
            show = factories.publish(factories.ShowPageFactory(title=f"Demo show {n}"))
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        seed_moderation_demo(report=DemoReport())
        seed_moderation_demo(report=DemoReport())
        self.assertEqual(Review.objects.count(), 3)
        self.assertEqual(Report.objects.count(), 4)
        self.assertEqual(Review.objects.filter(status=ReviewStatus.PENDING).count(), 1)
        moderator = staff("Moderators", "demo-mod@example.com")
        rows = queue_page(moderator, QueueFilters()).rows
        self.assertEqual(
            [(r.reports, r.target_type) for r in rows],
            [(2, "review"), (1, "review"), (0, "review")],
        )
        editor = staff("Editors", "demo-ed@example.com")
        self.assertEqual(
            [r.target_type for r in queue_page(editor, QueueFilters()).rows], ["episode"]
        )

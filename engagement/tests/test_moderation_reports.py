"""POST /api/v1/reports: creating reports, every refusal, the threshold that hides a review."""

from django.test import Client, TestCase, override_settings

from engagement.models import RatingSummary, Report, Review, ReviewStatus
from engagement.services.moderation.reports import THRESHOLD_HOLD
from engagement.tests.moderation_helpers import (
    make_review,
    report,
    show_with_episode,
    verified_user,
)
from mediasite.tests.factories import UserFactory


class ReportCreateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.episode = show_with_episode()
        cls.author = verified_user()
        cls.reporter = verified_user()
        cls.review = make_review(cls.author, cls.show)

    def setUp(self):
        self.client.force_login(self.reporter)

    def test_report_a_review(self):
        response = report(
            self.client, "review", self.review.pk, "spoilers", note="Ending <b>spoiled</b>"
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(
            (body["target_type"], body["reason"], body["status"]), ("review", "spoilers", "open")
        )
        saved = Report.objects.get(pk=body["id"])
        self.assertEqual(saved.reporter, self.reporter)
        self.assertEqual(saved.note, "Ending spoiled")  # markup stripped

    def test_report_an_account_and_an_episode_problem_with_position(self):
        self.assertEqual(
            report(self.client, "user", self.author.pk, "impersonation").status_code, 201
        )
        response = report(self.client, "episode", self.episode.pk, "audio_sync", position=61.5)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Report.objects.get(pk=response.json()["id"]).position, 61.5)

    def test_unverified_viewer_reports_episode_problems_but_not_reviews(self):
        unverified = UserFactory()
        client = Client()
        client.force_login(unverified)
        self.assertEqual(report(client, "episode", self.episode.pk, "wont_play").status_code, 201)
        response = report(client, "review", self.review.pk)
        self.assertEqual(response.status_code, 403)
        self.assertIn("Verify", response.json()["detail"])

    def test_anonymous_is_401(self):
        response = report(Client(), "review", self.review.pk)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Sign in first.")

    def test_csrf_is_required(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reporter)
        self.assertEqual(report(client, "review", self.review.pk).status_code, 403)
        self.assertFalse(Report.objects.exists())

    def test_missing_or_invisible_targets_are_404(self):
        hidden = make_review(verified_user(), self.show, status=ReviewStatus.HIDDEN)
        draft = factories_draft_episode(self.episode)
        for target_type, target_id in [
            ("review", 2**31 - 1),
            ("review", 2**31),
            ("review", 0),
            ("review", -5),
            ("review", hidden.pk),
            ("user", 2**40),
            ("episode", draft.pk),
            ("episode", self.show.pk),  # a show is not an episode
        ]:
            response = report(self.client, target_type, target_id, "other")
            self.assertEqual(response.status_code, 404, (target_type, target_id))
            self.assertIsInstance(response.json()["detail"], str)

    def test_duplicate_open_report_is_409(self):
        self.assertEqual(report(self.client, "review", self.review.pk).status_code, 201)
        response = report(self.client, "review", self.review.pk, "harassment")
        self.assertEqual(response.status_code, 409)
        self.assertEqual(Report.objects.count(), 1)

    def test_cannot_report_oneself(self):
        self.client.force_login(self.author)
        self.assertEqual(report(self.client, "review", self.review.pk).status_code, 403)
        self.assertEqual(report(self.client, "user", self.author.pk).status_code, 403)

    def test_bad_input_is_422_with_a_readable_detail(self):
        cases = [
            {"target_type": "review", "target_id": self.review.pk, "reason": "wont_play"},
            {"target_type": "episode", "target_id": self.episode.pk, "reason": "spam"},
            {"target_type": "page", "target_id": self.show.pk, "reason": "spam"},
            {
                "target_type": "review",
                "target_id": self.review.pk,
                "reason": "spam",
                "note": "x" * 1001,
            },
            {
                "target_type": "episode",
                "target_id": self.episode.pk,
                "reason": "wont_play",
                "position": -1,
            },
        ]
        for payload in cases:
            response = self.client.post("/api/v1/reports", payload, content_type="application/json")
            self.assertEqual(response.status_code, 422, payload)
            self.assertIsInstance(response.json()["detail"], str)
        ok = report(self.client, "review", self.review.pk, note="x" * 1000)
        self.assertEqual(ok.status_code, 201)

    @override_settings(ACCOUNT_RATE_LIMITS={"moderation_report": "2/h/user"})
    def test_reports_are_rate_limited_per_reporter(self):
        others = [make_review(verified_user(), self.show) for _ in range(3)]
        codes = [report(self.client, "review", r.pk).status_code for r in others]
        self.assertEqual(codes, [201, 201, 429])
        # Another reporter is not affected.
        client = Client()
        client.force_login(verified_user())
        self.assertEqual(report(client, "review", others[2].pk).status_code, 201)


def factories_draft_episode(episode):
    from catalog.tests import factories

    return factories.EpisodePageFactory(parent=episode.get_parent(), number=9, live=False)


@override_settings(MODERATION_REPORT_THRESHOLD=2)
class ThresholdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, _ = show_with_episode()
        cls.review = make_review(verified_user(), cls.show)

    def _report_as_new_reporter(self, reason="spam"):
        client = Client()
        client.force_login(verified_user())
        return report(client, "review", self.review.pk, reason)

    def test_distinct_reporters_reaching_the_threshold_hide_the_review(self):
        self.assertEqual(RatingSummary.objects.get(page_id=self.show.pk).review_count, 1)
        self.assertEqual(self._report_as_new_reporter().status_code, 201)
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            self.assertEqual(self._report_as_new_reporter("harassment").status_code, 201)
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PENDING)
        self.assertEqual(self.review.hold_reason, THRESHOLD_HOLD)
        self.assertFalse(Review.objects.visible().filter(pk=self.review.pk).exists())
        self.assertEqual(RatingSummary.objects.get(page_id=self.show.pk).review_count, 0)
        self.assertTrue(callbacks)  # the show page's purge, after commit

    def test_a_hidden_review_cannot_be_reported_further(self):
        self._report_as_new_reporter()
        self._report_as_new_reporter()
        self.assertEqual(self._report_as_new_reporter().status_code, 404)

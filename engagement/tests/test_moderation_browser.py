"""The moderation journey in Chromium: two viewers report a review (the second tips the
threshold and it leaves the show page), the moderator finds both reports in one row of
the queue, restores the review with a reason, and the audit entry shows on the item.

The show page's review list (another part of the engagement issue) is not in this tree:
the reports go through the JSON API from the show page, as its script will send them, and
"it disappears" is read from ``Review.objects.visible()`` and the page's summary.
"""

from django.conf import settings
from django.test import Client, override_settings

from catalog.tests.browser import BrowserTestCase, needs_browser
from engagement.models import RatingSummary, Review, ReviewStatus
from engagement.tests.moderation_helpers import make_review, show_with_episode, staff, verified_user

REPORT_FROM_PAGE = """async ([reviewId, reason]) => {
    const me = await (await fetch('/api/v1/me', {credentials: 'same-origin'})).json();
    const response = await fetch('/api/v1/reports', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRFToken': me.csrf_token},
        body: JSON.stringify({target_type: 'review', target_id: reviewId, reason: reason}),
    });
    return response.status;
}"""


@needs_browser
@override_settings(MODERATION_REPORT_THRESHOLD=2)
class ModerationJourneyBrowserTests(BrowserTestCase):
    def session_of(self, user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    def sign_in(self, page, session: str) -> None:
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": self.live_server_url}]
        )

    def test_report_threshold_queue_restore_and_audit(self):
        show, _ = show_with_episode()
        review = make_review(verified_user(), show, body="The ending is that they all die.")
        viewers = [self.session_of(verified_user()) for _ in range(2)]
        moderator = self.session_of(staff("Moderators", "journey-mod@example.com"))
        show_url = f"{self.live_server_url}{show.url}"

        with self.browser() as page:
            statuses = []
            for session, reason in zip(viewers, ("spoilers", "harassment"), strict=True):
                self.sign_in(page, session)
                page.goto(show_url)
                statuses.append(page.evaluate(REPORT_FROM_PAGE, [review.pk, reason]))
        self.assertEqual(statuses, [201, 201])
        review.refresh_from_db()
        self.assertEqual(review.status, ReviewStatus.PENDING)
        self.assertFalse(Review.objects.visible().filter(pk=review.pk).exists())
        self.assertEqual(RatingSummary.objects.get(page_id=show.pk).review_count, 0)
        self.assertNotContains(self.client.get(show.url), review.body)

        with self.browser() as page:
            self.sign_in(page, moderator)
            page.goto(f"{self.live_server_url}/admin/moderation/")
            row = page.locator(f'[data-queue-row="review:{review.pk}"]')
            reports = row.locator("[data-reports]").text_content().strip()
            reasons = row.text_content()
            row.get_by_role("link").click()
            page.wait_for_selector("#act-heading")
            open_reports = page.locator("[data-open-report]").count()
            form = page.locator("form.moderation-act")
            form.locator("select[name=action]").select_option("restore")
            form.locator("textarea[name=reason]").fill("Not a spoiler after all")
            form.get_by_role("button", name="Apply").click()
            entry = page.locator('[data-audit-entry="moderation.restore"]')
            entry.wait_for(timeout=15_000)
            audit = entry.text_content()

        self.assertEqual(reports, "2")
        self.assertIn("Spoilers not marked", reasons)
        self.assertIn("Harassment or hate", reasons)
        self.assertEqual(open_reports, 2)
        self.assertIn("Not a spoiler after all", audit)
        self.assertIn("Restored the review", audit)
        review.refresh_from_db()
        self.assertEqual(review.status, ReviewStatus.PUBLISHED)
        self.assertEqual(RatingSummary.objects.get(page_id=show.pk).review_count, 1)
        self.assertEqual(self.page_errors, [])

"""The moderation journey in Chromium: two viewers report a review through its "Report"
button on the show page (the second tips the threshold and, on reload, it is gone from the
show page's list), the moderator finds both reports in one row of the queue, restores the
review with a reason, and the audit entry shows on the item. And the episode page's
"Report a problem": a sign-in link for anonymous viewers, a form that sends the player's
position for signed-in ones.
"""

from django.conf import settings
from django.test import Client, override_settings

from catalog.models import AccessLevel
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from engagement.models import RatingSummary, Report, Review, ReviewStatus
from engagement.tests.moderation_helpers import make_review, show_with_episode, staff, verified_user
from mediasite.tests.factories import UserFactory
from mediasite.tests.tools import needs_ffmpeg

THANKS = "Thanks — a moderator will look at it."


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

    def report_review(self, page, review_id: int, reason: str, *, note: str = "") -> str:
        """Open the review's Report dialog, fill it, send; the answer in the live region."""
        item = page.locator(f'[data-review-id="{review_id}"]')
        button = item.locator("[data-review-report]")
        button.click()
        dialog = page.locator('dialog[data-report-dialog="review"]')
        dialog.wait_for()
        self.focus_inside.append(page.evaluate("document.activeElement.closest('dialog') !== null"))
        dialog.get_by_label("This review").check()
        dialog.get_by_label("Reason").select_option(reason)
        if note:
            dialog.get_by_label("Note (optional)").fill(note)
        dialog.get_by_role("button", name="Send").click()
        dialog.wait_for(state="detached")
        status = item.locator("[data-report-status]")
        page.wait_for_function("(el) => el.textContent !== ''", arg=status.element_handle())
        self.focus_back.append(
            page.evaluate("document.activeElement.hasAttribute('data-review-report')")
        )
        return status.text_content()

    def test_report_threshold_queue_restore_and_audit(self):
        show, _ = show_with_episode()
        author = verified_user()
        review = make_review(author, show, body="The ending is that they all die.")
        viewers = [self.session_of(verified_user()) for _ in range(2)]
        own = self.session_of(author)
        moderator = self.session_of(staff("Moderators", "journey-mod@example.com"))
        show_url = f"{self.live_server_url}{show.url}"
        self.focus_inside, self.focus_back = [], []
        item = f'[data-review-id="{review.pk}"]'

        with self.browser() as page:
            # The author has no Report button on their own review.
            self.sign_in(page, own)
            page.goto(show_url)
            page.wait_for_selector(item)
            own_buttons = page.locator(f"{item} [data-review-report]").count()

            self.sign_in(page, viewers[0])
            page.goto(show_url)
            page.wait_for_selector(item)
            # Escape closes the dialog without sending, and focus goes back.
            page.locator(f"{item} [data-review-report]").click()
            page.locator("dialog[data-report-dialog]").wait_for()
            page.keyboard.press("Escape")
            page.locator("dialog[data-report-dialog]").wait_for(state="detached")
            escaped_focus = page.evaluate(
                "document.activeElement.hasAttribute('data-review-report')"
            )
            answers = [
                self.report_review(page, review.pk, "spoilers", note="Ending <b>spoiled</b>")
            ]
            answers.append(self.report_review(page, review.pk, "spam"))  # a second time: 409

            self.sign_in(page, viewers[1])
            page.goto(show_url)
            page.wait_for_selector(item)
            answers.append(self.report_review(page, review.pk, "harassment"))
            page.reload()
            page.wait_for_selector("[data-reviews-empty]:not([hidden])")
            after_reload = page.locator(item).count()

        self.assertEqual(own_buttons, 0)
        self.assertTrue(escaped_focus)
        self.assertEqual(answers, [THANKS, "You have already reported this.", THANKS])
        self.assertEqual(self.focus_inside, [True, True, True])
        self.assertEqual(self.focus_back, [True, True, True])
        self.assertEqual(after_reload, 0)
        self.assertEqual(
            Report.objects.filter(target_type="review", target_id=review.pk).count(), 2
        )
        self.assertEqual(Report.objects.get(reason="spoilers").note, "Ending spoiled")
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

    def test_report_the_reviewers_account(self):
        show, _ = show_with_episode()
        author = verified_user()
        review = make_review(author, show, body="Buy followers at example.test")
        viewer = self.session_of(verified_user())
        item = f'[data-review-id="{review.pk}"]'

        with self.browser() as page:
            self.sign_in(page, viewer)
            page.goto(f"{self.live_server_url}{show.url}")
            page.locator(f"{item} [data-review-report]").click()
            dialog = page.locator("dialog[data-report-dialog]")
            dialog.get_by_role("button", name="Send").click()  # no reason yet
            unsent = dialog.locator("[data-report-answer]").text_content()
            dialog.get_by_label("The reviewer's account").check()
            dialog.get_by_label("Reason").select_option("impersonation")
            dialog.get_by_label("Note (optional)").fill("x" * 20)
            counter = dialog.locator(".report-form__count").text_content()
            dialog.get_by_role("button", name="Send").click()
            dialog.wait_for(state="detached")
            status = page.locator(f"{item} [data-report-status]")
            page.wait_for_function("(el) => el.textContent !== ''", arg=status.element_handle())
            answer = status.text_content()

        self.assertEqual(unsent, "Choose a reason.")
        self.assertEqual(counter, "20 of 1,000 characters")
        self.assertEqual(answer, THANKS)
        report = Report.objects.get()
        self.assertEqual((report.target_type, report.target_id), ("user", author.pk))
        self.assertEqual(report.reason, "impersonation")
        self.assertEqual(self.page_errors, [])

    def test_an_unverified_viewer_reads_the_apis_refusal(self):
        show, _ = show_with_episode()
        review = make_review(verified_user(), show)
        viewer = self.session_of(UserFactory())  # no verified e-mail address

        with self.browser() as page:
            self.sign_in(page, viewer)
            page.goto(f"{self.live_server_url}{show.url}")
            page.locator(f'[data-review-id="{review.pk}"] [data-review-report]').click()
            dialog = page.locator("dialog[data-report-dialog]")
            dialog.get_by_label("Reason").select_option("spam")
            dialog.get_by_role("button", name="Send").click()
            answer = dialog.locator("[data-report-answer]")
            page.wait_for_function(
                "(el) => el.textContent && el.textContent !== 'Sending…'",
                arg=answer.element_handle(),
            )
            text = answer.text_content()
            still_open = dialog.count()

        self.assertEqual(text, "Verify your e-mail address before reporting.")
        self.assertEqual(still_open, 1)
        self.assertFalse(Report.objects.exists())

    @needs_ffmpeg
    def test_episode_problem_sends_the_players_position(self):
        video = self.ready_video("problem.mp4", size="640x360", title="Problem clip")
        episode = self.lone_episode(AccessLevel.FREE, video=video, title="The Broken Reel")
        viewer = self.session_of(verified_user())
        url = f"{self.live_server_url}{episode.url}"

        with self.browser() as page:
            page.goto(url)  # signed out: a sign-in link, no button
            page.wait_for_selector("html[data-authenticated]", state="attached")
            signed_out = page.locator("[data-report-signed-out]").is_visible()
            signed_out_button = page.locator("[data-report-open]").is_visible()

            self.sign_in(page, viewer)
            page.goto(url)
            page.wait_for_selector(".player__play:not([disabled])")
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=2.0, timeout=30_000)
            position = page.evaluate(
                "() => { const v = document.querySelector('video'); v.pause(); return v.currentTime; }"
            )
            page.get_by_role("button", name="Report a problem").click()
            dialog = page.locator('dialog[data-report-dialog="episode"]')
            dialog.wait_for()
            dialog.get_by_label("Reason").select_option(label="Audio out of sync")
            dialog.get_by_label("Note (optional)").fill("The voices come late.")
            shown = dialog.locator("[data-report-position]").text_content()
            dialog.get_by_role("button", name="Send").click()
            dialog.wait_for(state="detached")
            status = page.locator("[data-report-problem] [data-report-status]")
            page.wait_for_function("(el) => el.textContent !== ''", arg=status.element_handle())
            answer = status.text_content()
            focus_back = page.evaluate("document.activeElement.hasAttribute('data-report-open')")

        self.assertTrue(signed_out)
        self.assertFalse(signed_out_button)
        self.assertEqual(answer, THANKS)
        self.assertTrue(focus_back)
        self.assertIn(f"0:0{int(position)}", shown)
        report = Report.objects.get()
        self.assertEqual((report.target_type, report.target_id), ("episode", episode.pk))
        self.assertEqual(report.reason, "audio_sync")
        self.assertEqual(report.note, "The voices come late.")
        self.assertGreater(position, 2.0)
        self.assertAlmostEqual(report.position, position, delta=0.01)
        self.assertEqual(self.page_errors, [])

"""A new viewer's whole journey in a real browser: sign up, verify the e-mail, subscribe, watch.

Debian's Chromium, driven by Playwright against a live server (see
catalog/tests/test_player_browser.py for the set-up and its constraints): the visitor signs
up with allauth's form, is refused a subscribers-only episode and a plan while the e-mail
address is unverified, confirms it with the link from the e-mail (Django's ``mail.outbox``),
chooses a plan with the dev billing provider (no charge) and then plays the episode: hls.js
loads the signed stream and ``video.currentTime`` passes one second.
"""

import re
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.utils import timezone

from allauth.account.models import EmailAddress

from catalog.models import AccessLevel
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from mediasite.tests.tools import needs_ffmpeg
from subscriptions.models import Plan, Subscription, User

SCREENSHOT = "/tmp/journey.png"  # noqa: S108 - a file for people to look at
EMAIL = "new.viewer@example.com"
PASSWORD = "Tangerine-lighthouse-42"
CONFIRM_URL = re.compile(r"https?://\S+/accounts/confirm-email/\S+")
# Chromium logs every 4xx response as a console error; these two are the expected refusals.
REFUSED_PLAY = "the server responded with a status of 403"
REFUSED_PLAN = "the server responded with a status of 400"


@needs_browser
class SignUpToPlaybackJourneyTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.console_errors: list[tuple[str, str]] = []  # (text, url)

    def watch(self, page) -> None:
        super().watch(page)
        page.set_default_timeout(15_000)
        page.on("console", self.record_console)

    def record_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def take_console_errors(self) -> list[tuple[str, str]]:
        errors, self.console_errors = self.console_errors, []
        return errors

    # Steps in the browser -------------------------------------------------------------------

    def open_episode_and_press_play(self, page, episode) -> None:
        page.goto(self.url(episode.url))
        page.wait_for_selector(".player__play:not([disabled])")  # boot.js: ready for Play
        page.click(".player__play")

    def sign_up(self, page) -> None:
        page.goto(self.url("/accounts/signup/"))
        form = page.locator("form:has(input[name=password1])")
        form.locator("input[name=email]").fill(EMAIL)
        form.locator("input[name=password1]").fill(PASSWORD)
        form.locator("input[name=password2]").fill(PASSWORD)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        self.assertNotIn("/accounts/signup/", page.url, page.locator("body").inner_text())

    def assert_episode_locked_until_verified(self, page, episode) -> None:
        self.open_episode_and_press_play(page, episode)
        locked = page.locator("[data-player-locked]")
        locked.wait_for(timeout=10_000)
        self.assertEqual(locked.get_attribute("data-player-locked"), "email_unverified")
        self.assertIn("Verify your e-mail", locked.inner_text())
        link = locked.locator("a.player__upgrade")
        self.assertEqual(link.inner_text(), "Verify e-mail")
        self.assertIn("/accounts/email/", link.get_attribute("href"))
        self.assertEqual(page.locator("video").count(), 0)

    def choose_plan(self, page, slug: str, name: str):
        """Clicks the plan's button on the plans page; returns the response to the POST."""
        form = page.locator(f'form[action="/account/plans/"]:has([data-plan-choose="{slug}"])')
        self.assertEqual(form.get_attribute("method").lower(), "post")
        self.assertEqual(form.locator('input[type=hidden][name="plan"]').input_value(), slug)
        button = form.locator(f'button[type=submit][data-plan-choose="{slug}"]')
        self.assertEqual(button.inner_text().strip(), f"Choose {name}")
        with page.expect_navigation() as navigation:
            button.click()
        return navigation.value

    def confirm_email(self, page) -> datetime:
        """Follows the link in the confirmation e-mail; returns when it was confirmed."""
        sent = [message for message in mail.outbox if EMAIL in message.to]
        self.assertEqual(len(sent), 1, [message.subject for message in mail.outbox])
        links = CONFIRM_URL.findall(sent[0].body)
        self.assertEqual(len(links), 1, sent[0].body)
        # The link is on BASE_URL (never the request's Host); follow its path on this server.
        self.assertTrue(links[0].startswith(f"{settings.BASE_URL}/"), links[0])
        page.goto(self.url(urlsplit(links[0]).path))
        confirming_at = timezone.now()
        with page.expect_navigation():
            page.locator("form[method=post] button[type=submit]", has_text="Confirm").click()
        return confirming_at

    # The journey ----------------------------------------------------------------------------

    @needs_ffmpeg
    def test_sign_up_verify_subscribe_and_play_a_subscribers_episode(self):
        video = self.ready_video("journey.mp4", size="640x360", title="Journey clip")
        episode = self.lone_episode(AccessLevel.SUBSCRIBERS, video=video)
        Plan.objects.create(
            slug="basic", name="Basic", tier=1, price=5, currency="EUR", is_active=True
        )

        with self.browser() as page:
            self.sign_up(page)

            # Signed in but unverified: the episode stays locked and no plan can be chosen.
            self.assert_episode_locked_until_verified(page, episode)
            refused_plays = self.take_console_errors()
            page.goto(self.url("/account/plans/"))
            self.assertIn(
                "Verify your e-mail", page.locator("[data-needs-verification]").inner_text()
            )
            refused = self.choose_plan(page, "basic", "Basic")
            self.assertEqual(refused.status, 400)
            self.assertEqual(page.url, self.url("/account/plans/"))
            refusal = page.locator("[data-plan-error]")
            self.assertTrue(refusal.is_visible())
            self.assertIn("Verify your e-mail", refusal.inner_text())
            refused_plan_errors = self.take_console_errors()
            page.goto(self.url("/account/"))
            self.assertIn("No plan yet.", page.locator("[data-account-plan]").inner_text())

            verified_at = self.confirm_email(page)
            page.goto(self.url("/accounts/email/"))
            badges = [text.strip() for text in page.locator(".badge").all_text_contents()]
            self.assertIn("Verified", badges)

            page.goto(self.url("/account/plans/"))
            self.assertEqual(page.locator("[data-needs-verification]").count(), 0)
            chosen = self.choose_plan(page, "basic", "Basic")
            self.assertTrue(chosen.ok, chosen.status)
            self.assertEqual(page.url, self.url("/account/"))
            plan = page.locator("[data-account-plan]")
            self.assertEqual(plan.locator("strong").first.inner_text(), "Basic")
            self.assertNotIn("No plan yet.", plan.inner_text())

            self.open_episode_and_press_play(page, episode)
            page.wait_for_function(PLAYING_PAST, arg=1.0, timeout=30_000)
            self.assertEqual(page.locator("[data-player-locked]").count(), 0)
            page.screenshot(path=SCREENSHOT)

        self.assertEqual(self.page_errors, [])
        self.assertTrue(refused_plays, "the locked episode's play request logs its 403")
        for text, url in refused_plays:
            self.assertIn(f"/api/v1/play/{episode.pk}", url, text)
            self.assertIn(REFUSED_PLAY, text)
        self.assertEqual(len(refused_plan_errors), 1, refused_plan_errors)
        self.assertIn(REFUSED_PLAN, refused_plan_errors[0][0])
        self.assertEqual(refused_plan_errors[0][1], self.url("/account/plans/"))
        self.assertEqual(self.console_errors, [])

        user = User.objects.get(email=EMAIL)
        self.assertTrue(EmailAddress.objects.filter(user=user, email=EMAIL, verified=True).exists())
        subscription = Subscription.objects.select_related("plan").get(user=user)
        self.assertEqual(subscription.plan.slug, "basic")
        self.assertIn(subscription.status, {"active", "trialing"})
        self.assertEqual(subscription.provider, "dev")
        # Made after the e-mail was confirmed: the refused attempt created nothing.
        self.assertGreaterEqual(subscription.created_at, verified_at)

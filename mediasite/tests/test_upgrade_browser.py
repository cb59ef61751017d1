"""The upgrade path in a real browser: from a locked episode to the plan that unlocks it and back.

Debian's Chromium, driven by Playwright against a live server (catalog/tests/browser.py). A
visitor opens a Premium episode, signs in from the lock (as a Basic subscriber), comes back
to the episode, follows the lock's upgrade link to the plans page, which marks Premium as the
plan that unlocks it, chooses it and lands back on the episode, which plays. Signed in, the
header and the footer say so, and signing out is one click (one POST, no confirmation page).
"""

from catalog.models import AccessLevel
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from mediasite.tests.tools import needs_ffmpeg
from subscriptions.models import Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user

PASSWORD = "Tangerine-lighthouse-42"
EMAIL = "basic.viewer@example.com"
SCREENSHOT = "/tmp/upgrade-plans.png"  # noqa: S108 - a file for people to look at
# Chromium logs every 4xx response as a console error; the refusals are expected here.
REFUSED = ("status of 401", "status of 403")


@needs_browser
class UpgradePathBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.console_errors: list[str] = []
        self.basic = make_plan("basic", tier=1)
        self.premium = make_plan("premium", tier=2, price=9)
        self.user = verified_user(email=EMAIL, password=PASSWORD)
        subscribe(self.user, self.basic)

    def watch(self, page) -> None:
        super().watch(page)
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not any(refused in message.text for refused in REFUSED)
                and self.console_errors.append(message.text)
            ),
        )

    def sign_in_on_this_page(self, page) -> None:
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=login]").fill(EMAIL)
        form.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()

    def locked(self, page, reason: str):
        lock = page.locator(f'[data-player-locked="{reason}"]')
        lock.wait_for()
        return lock.locator("a.player__upgrade")

    @needs_ffmpeg
    def test_from_a_premium_episode_to_the_plan_that_unlocks_it_and_back_playing(self):
        video = self.ready_video("upgrade.mp4", size="640x360", title="Upgrade clip")
        episode = self.lone_episode(AccessLevel.SUBSCRIBERS, video=video, minimum_plan=self.premium)

        with self.browser() as page:
            page.goto(self.url(episode.url))
            page.wait_for_selector(".player__play:not([disabled])")  # boot.js: ready for Play
            page.click(".player__play")

            # Not signed in: the lock's link signs in and comes back to the episode.
            self.locked(page, "not_signed_in").click()
            page.wait_for_url("**/accounts/login/**")
            self.sign_in_on_this_page(page)

            # Back on the episode, the player started by itself: Basic is too low.
            upgrade = self.locked(page, "plan_too_low")
            self.assertEqual(page.url, self.url(episode.url))  # #play taken off again
            self.assertEqual(upgrade.inner_text(), "Upgrade your plan")
            upgrade.click()
            page.wait_for_url("**/account/plans/**")

            # The plans page marks Premium as the plan that unlocks it, and only Premium.
            premium = page.locator('[data-plan="premium"]')
            self.assertEqual(premium.get_attribute("data-unlocks"), "")
            self.assertIn("Unlocks this episode", premium.text_content())
            self.assertIsNone(page.locator('[data-plan="basic"]').get_attribute("data-unlocks"))
            self.assertIn(
                "Does not include this episode", page.locator('[data-plan="basic"]').inner_text()
            )
            self.assertIn("needs Premium", page.locator("[data-came-from]").inner_text())
            self.assertEqual(page.locator(".messages").count(), 0)  # no stale "signed in"
            page.screenshot(path=SCREENSHOT)

            with page.expect_navigation():
                premium.locator('button[data-plan-choose="premium"]').click()
            # Back on the episode, and it plays.
            page.wait_for_function(PLAYING_PAST, arg=1.0, timeout=30_000)
            self.assertEqual(page.url, self.url(episode.url))
            self.assertEqual(page.locator("[data-player-locked]").count(), 0)

            page.goto(self.url("/account/"))
            self.assertEqual(page.locator(".messages").count(), 0)

        self.assertEqual(self.page_errors, [])
        self.assertEqual(self.console_errors, [])
        subscription = Subscription.objects.select_related("plan").get(user=self.user)
        self.assertEqual(subscription.plan.slug, "premium")

    def test_signed_in_header_and_footer_and_sign_out_in_one_click(self):
        with self.browser() as page:
            page.goto(self.url("/accounts/login/"))
            self.sign_in_on_this_page(page)
            page.goto(self.url("/"))
            header = page.locator("[data-user-menu]")
            header.locator("[data-sign-out] button").wait_for()
            footer = page.locator("[data-footer-account]")
            self.assertEqual(footer.locator("li:visible", has_text="Sign in").count(), 0)
            self.assertEqual(footer.locator("li:visible", has_text="Create an account").count(), 0)
            self.assertTrue(
                footer.locator("[data-sign-out] button", has_text="Sign out").is_visible()
            )
            self.assertTrue(footer.locator("a", has_text="Your account").is_visible())

            with page.expect_navigation() as navigation:
                footer.locator("[data-sign-out] button").click()
            self.assertEqual(navigation.value.request.method, "GET")  # after the POST's redirect
            self.assertEqual(page.url, self.url("/"))
            self.assertEqual(page.locator(".messages").count(), 0)
            # Signed out: the header offers "Sign in" again, the footer too.
            page.wait_for_function(
                "() => document.documentElement.dataset.authenticated === 'false'"
            )
            self.assertEqual(header.locator("a", has_text="Sign in").count(), 1)
            self.assertTrue(footer.locator("a", has_text="Sign in").is_visible())
            self.assertEqual(page.locator("[data-sign-out]").count(), 0)

            icon = page.request.get(self.url("/favicon.ico"))
            self.assertEqual(icon.status, 200)
            self.assertEqual(icon.headers["content-type"], "image/x-icon")

        self.assertEqual(self.page_errors, [])
        self.assertEqual(self.console_errors, [])

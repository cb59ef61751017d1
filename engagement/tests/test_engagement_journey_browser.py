"""Issue 10's journey in Debian's Chromium (Playwright, a live server, the real pipeline):
sign in, pick a profile, add a show to My List, rate it, review it, play an episode for a
few seconds, pause, leave, find it in "Continue watching" with its progress, resume at the saved
position; then switch to the kids profile and find the TV-MA show's card marked and its
episode refused."""

from catalog.models import AccessLevel
from catalog.tests import factories
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from engagement.models import Rating, Review, ViewingProgress, WatchlistItem
from engagement.profiles import ensure_main_profile
from engagement.services import profiles as profile_services
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.tools import needs_ffmpeg
from subscriptions.maturity import MaturityRating
from subscriptions.tests.utils import verified_user

EMAIL = "household@example.com"
PASSWORD = "Tangerine-lighthouse-42"
# Chromium logs every 4xx answer as a console error; the kids profile's refused play is one.
EXPECTED_CONSOLE = ("status of 403",)
PLAY_AS_PAGE = """async (id) => {
    const me = await (await fetch('/api/v1/me')).json();
    const response = await fetch(`/api/v1/play/${id}`, {
        method: 'POST', headers: {'X-CSRFToken': me.csrf_token},
    });
    return {status: response.status, body: await response.json()};
}"""


@needs_browser
class EngagementJourneyBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        clear_test_cache()
        self.console_errors: list[str] = []

    def watch(self, page) -> None:
        super().watch(page)
        page.set_default_timeout(20_000)
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not any(text in message.text for text in EXPECTED_CONSOLE)
                and self.console_errors.append(message.text)
            ),
        )

    @needs_ffmpeg
    def test_the_viewer_journey_and_the_kids_profile(self):
        video = self.ready_video("journey.mp4", size="640x360", title="Journey clip")
        show = factories.publish(
            factories.ShowPageFactory(title="Night Harbour", maturity_rating=MaturityRating.TV_MA)
        )
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        episode = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, title="The Long Tide", access_level=AccessLevel.FREE,
                video=video,
            )
        )  # fmt: skip
        user = verified_user(email=EMAIL, password=PASSWORD)
        main = ensure_main_profile(user)
        kids = profile_services.profile_create(user, name="Kids", is_kids=True)
        self.assertEqual(kids.maturity_ceiling, MaturityRating.TV_PG)

        with self.browser() as page:
            # Sign in through allauth's form; two profiles, so "Who's watching?" comes first.
            page.goto(self.url(f"/accounts/login/?next={show.url}"))
            form = page.locator("form:has(input[name=password])")
            form.locator("input[name=login]").fill(EMAIL)
            form.locator("input[name=password]").fill(PASSWORD)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            self.assertIn("/account/profiles/pick/", page.url)
            with page.expect_navigation():
                page.locator(f'form[data-profile-pick="{main.pk}"] button[type=submit]').click()
            self.assertTrue(page.url.endswith(show.url), page.url)

            # My List.
            button = page.locator("[data-watchlist-main]")
            button.wait_for(state="visible")
            self.assertEqual(button.get_attribute("aria-pressed"), "false")
            button.click()
            page.wait_for_function(
                "() => document.querySelector('[data-watchlist-main]')"
                ".getAttribute('aria-pressed') === 'true'"
            )

            # Rate it, then review it.
            widget = page.locator("[data-rating-widget]")
            widget.wait_for()
            widget.locator("label[for$='-4']").click()
            page.locator("[data-rating-status]", has_text="You rated it 4 stars").wait_for()
            review_form = page.locator("[data-review-form]")
            review_form.locator("input[name=score][value='4']").check()
            review_form.locator("textarea").fill("Salt, fog and a <b>great</b> cast.")
            review_form.get_by_role("button", name="Post review").click()
            page.locator("[data-review-status]", has_text="Your review is posted").wait_for()
            mine = page.locator("[data-reviews] .review", has_text="great")
            self.assertEqual(
                mine.locator(".review__body").inner_text(), "Salt, fog and a great cast."
            )

            # Play a few seconds, pause (the player reports at once), and leave the page.
            page.goto(self.url(episode.url))
            page.wait_for_selector(".player__play:not([disabled])")
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=2.5, timeout=30_000)
            with page.expect_response(
                lambda r: "/api/v1/progress/" in r.url and r.request.method == "PUT"
            ) as report:
                page.evaluate("document.querySelector('video').pause()")
            self.assertEqual(report.value.status, 200)
            left_at = report.value.request.post_data_json["position"]
            self.assertGreater(left_at, 2.0)
            page.goto(self.url("/"))

            # Home: the episode in "Continue watching" with its progress bar.
            card = page.locator('[data-continue-rail="continue_watching"] .rail__item')
            card.first.wait_for()
            self.assertIn("The Long Tide", card.first.inner_text())
            bar = float(card.first.locator("progress").get_attribute("value"))
            self.assertAlmostEqual(bar, left_at / 6.0, delta=0.15)
            # And the show is on the home page's My List rail.
            rail = page.locator("[data-watchlist-rail] .rail")
            rail.wait_for(state="visible")
            self.assertIn("Night Harbour", rail.text_content())

            # Resume at the saved position.
            page.goto(self.url(episode.url))
            page.wait_for_selector("[data-start-over]")
            self.assertIn("Resume from 0:0", page.locator(".player__play").inner_text())
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=left_at - 0.01, timeout=30_000)
            started = page.evaluate("document.querySelector('video').currentTime")
            self.assertGreaterEqual(started, left_at - 0.5)

            # The kids profile: the TV-MA show's card is covered, its episode refused.
            page.locator("[data-user-menu] [data-switch-profile]").click()
            page.wait_for_url("**/account/profiles/pick/**")
            with page.expect_navigation():
                page.locator(f'form[data-profile-pick="{kids.pk}"] button[type=submit]').click()
            page.goto(self.url("/shows/"))
            blocked = page.locator(f'.card--blocked[data-page-id="{show.pk}"]')
            blocked.wait_for()
            self.assertIn("Not for this profile", blocked.text_content())
            page.goto(self.url(episode.url))
            page.wait_for_selector("[data-player][data-locked]")
            self.assertTrue(page.locator(".player__play").is_disabled())
            refused = page.evaluate(PLAY_AS_PAGE, episode.pk)
            self.assertEqual(refused["status"], 403)
            self.assertEqual(refused["body"]["reason"], "maturity")
        self.assertEqual(self.page_errors, [])
        self.assertEqual(self.console_errors, [])
        self.assertTrue(WatchlistItem.objects.filter(profile=main, page=show).exists())
        self.assertEqual(Rating.objects.get(profile=main, page=show).score, 4)
        self.assertEqual(
            Review.objects.get(user=user, page=show).body, "Salt, fog and a great cast."
        )
        progress = ViewingProgress.objects.get(profile=main, episode_id=episode.pk)
        self.assertGreater(progress.position, 2.0)
        self.assertFalse(ViewingProgress.objects.filter(profile=kids).exists())

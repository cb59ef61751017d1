"""Progress in a real browser (Debian's Chromium, Playwright, a live server): the player
reports the position, the home page shows the episode in "Continue watching" with its
progress, and the episode page resumes at the saved position (issue 10 §5)."""

from django.conf import settings

from catalog.models import AccessLevel
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from engagement.models import ViewingProgress
from engagement.profiles import ensure_main_profile
from mediasite.tests.factories import UserFactory
from mediasite.tests.tools import needs_ffmpeg


@needs_browser
class ProgressBrowserTests(BrowserTestCase):
    @needs_ffmpeg
    def test_player_reports_progress_and_resumes_there(self):
        video = self.ready_video("resume.mp4", size="640x360", title="Resume clip")
        episode = self.lone_episode(AccessLevel.FREE, video=video, title="The Long Tide")
        user = UserFactory(email="resume@example.com")
        profile = ensure_main_profile(user)
        self.client.force_login(user)
        session = self.client.cookies[settings.SESSION_COOKIE_NAME].value
        url = f"{self.live_server_url}{episode.url}"

        with self.browser() as page:
            page.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": session,
                        "url": self.live_server_url,
                    }
                ]
            )
            page.goto(url)
            page.wait_for_selector(".player__play:not([disabled])")
            self.assertEqual(page.locator("[data-start-over]").count(), 0)  # nothing saved yet
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=2.0, timeout=30_000)
            with page.expect_response(
                lambda r: "/api/v1/progress/" in r.url and r.request.method == "PUT"
            ) as answer:
                page.evaluate("document.querySelector('video').pause()")
            sent = answer.value.request.post_data_json
            self.assertEqual(answer.value.status, 200)
            self.assertEqual(sent["event"], "pause")
            self.assertGreater(sent["position"], 2.0)
            self.assertAlmostEqual(sent["duration"], 6.0, delta=0.5)
            saved = sent["position"]

            # The home page: the episode in "Continue watching", with its progress bar.
            page.goto(f"{self.live_server_url}/")
            card = page.locator('[data-continue-rail="continue_watching"] .rail__item')
            card.first.wait_for(timeout=15_000)
            self.assertEqual(card.count(), 1)
            self.assertIn("The Long Tide", card.first.inner_text())
            bar = float(card.first.locator("progress").get_attribute("value"))
            self.assertAlmostEqual(bar, saved / 6.0, delta=0.1)

            # Back on the episode: resume from the saved position.
            page.goto(url)
            page.wait_for_selector("[data-start-over]", timeout=15_000)
            label = page.locator(".player__play").inner_text()
            self.assertIn(f"Resume from 0:0{int(saved)}", label)
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=saved - 0.01, timeout=30_000)
            started = page.evaluate("document.querySelector('video').currentTime")
            self.assertGreaterEqual(started, saved - 0.5)
        self.assertEqual(self.page_errors, [])
        row = ViewingProgress.objects.get(profile=profile, episode_id=episode.pk)
        self.assertGreaterEqual(row.position, saved - 0.5)

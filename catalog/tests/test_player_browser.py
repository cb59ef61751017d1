"""The player in a real browser: Debian's Chromium driven by Playwright against a live server.

A clip made with ffmpeg goes through the real pipeline into private storage (SeaweedFS S3
when the services' environment is loaded, local files otherwise), is attached to a published
free episode, and must actually play: hls.js fetches the signed playlists and segments and
``video.currentTime`` moves. Needs /usr/bin/chromium (``apt-get install chromium``), the
``playwright`` package (no ``playwright install``: the system browser is used) and ffmpeg.
"""

from datetime import datetime, timedelta
from unittest import mock

from django.conf import settings

from catalog.media import signing
from catalog.models import AccessLevel
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from mediasite.tests.tools import needs_ffmpeg

from .media_fixtures import SUBTITLES_EN

SCREENSHOT = "/tmp/player.png"  # noqa: S108 - a file for people to look at


class ServerClock:
    """The playback tokens' clock (catalog.media.signing), moved forward on demand.

    The live server runs in this process, so the token it signs and checks follows this
    clock; storage's presigned URLs keep the real one.
    """

    def __init__(self):
        self.offset = timedelta(0)
        clock = self

        class ShiftedDatetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return datetime.now(tz) + clock.offset

        self.patcher = mock.patch.object(signing, "datetime", ShiftedDatetime)
        self.patcher.start()

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)

    def stop(self) -> None:
        self.patcher.stop()


def renewed_360p_segment(response) -> bool:
    return "/360p/seg_" in response.url and response.ok


@needs_browser
class PlayerBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.play_requests = []

    def watch(self, page) -> None:
        super().watch(page)
        page.on("request", lambda request: self.record_request(request.url))

    def record_request(self, url: str) -> None:
        if "/play/" in url:
            self.play_requests.append(url)

    def api_plays(self) -> list[str]:
        return [url for url in self.play_requests if "/api/v1/play/" in url]

    def ready_video(self):
        return super().ready_video(
            "browser.mp4", size="854x480", title="Browser clip", subtitles=SUBTITLES_EN
        )

    def open(self, page, episode) -> None:
        page.goto(f"{self.live_server_url}{episode.url}")
        page.wait_for_selector(".player__play:not([disabled])")  # boot.js: ready for Play

    def menu_items(self, page, name: str) -> list[str]:
        page.click(f".player__btn--{name}")
        items = page.locator(".player__menu:not([hidden]) [role=menuitemradio]")
        texts = [text.strip() for text in items.all_inner_texts()]
        page.keyboard.press("Escape")
        return texts

    @needs_ffmpeg
    def test_free_episode_plays_with_subtitle_and_quality_menus(self):
        episode = self.lone_episode(AccessLevel.FREE, video=self.ready_video())
        with self.browser() as page:
            self.open(page, episode)
            self.assertEqual(self.play_requests, [], "nothing may load before Play is pressed")
            self.assertEqual(page.locator("video").count(), 0)

            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=1.0, timeout=30_000)

            self.assertEqual(self.menu_items(page, "captions"), ["Off", "English"])
            quality = self.menu_items(page, "quality")
            self.assertTrue(quality[0].startswith("Auto"), quality)
            self.assertEqual(quality[1:], ["480p", "360p"])
            seek = page.locator(".player__seek")
            self.assertRegex(seek.get_attribute("aria-valuetext"), r"^0:0\d of 0:06$")
            seek.hover(position={"x": 400, "y": 3})  # shows the seek preview in the screenshot
            page.wait_for_timeout(300)
            page.screenshot(path=SCREENSHOT)
        self.assertEqual(self.page_errors, [])

    @needs_ffmpeg
    def test_keyboard_shortcuts_captions_and_seek_preview(self):
        """The controls' behaviour the player's modules share (keyboard, captions, preview)."""
        episode = self.lone_episode(AccessLevel.FREE, video=self.ready_video())
        video = "document.querySelector('video')"
        live = "document.querySelector('.player__stage [aria-live]').textContent"
        with self.browser() as page:
            self.open(page, episode)
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=2.0, timeout=30_000)
            page.keyboard.press("k")  # pause; focus is on the play/pause button
            page.wait_for_function(f"() => {video}.paused")
            # The label follows the media element's (asynchronous) pause event.
            page.wait_for_selector(".player__btn--play[aria-label='Play']", timeout=5_000)

            page.keyboard.press("m")
            page.wait_for_function(f"() => {video}.muted")
            page.wait_for_selector(".player__btn--volume[aria-label='Unmute']", timeout=5_000)
            page.keyboard.press("m")
            page.wait_for_function(f"() => !{video}.muted")

            page.keyboard.press("ArrowDown")
            page.wait_for_function(f"() => {live} === 'Volume 90%'", timeout=5_000)

            page.keyboard.press("j")  # back 10 s: to the start
            page.wait_for_function(f"() => {video}.currentTime === 0")
            page.keyboard.press("l")  # forward 10 s: the end of the 6 s clip
            page.wait_for_function(f"() => {video}.currentTime > 5")

            def captions_checked() -> str:
                page.click(".player__btn--captions")
                items = page.locator(".player__menu:not([hidden]) [role=menuitemradio]")
                self.assertEqual([t.strip() for t in items.all_inner_texts()], ["Off", "English"])
                checked = page.locator(".player__menu:not([hidden]) [aria-checked=true]")
                text = checked.inner_text().strip()
                page.keyboard.press("Escape")  # closes the menu, focus back on its button
                return text

            before = captions_checked()
            page.keyboard.press("c")  # captions on/off
            after = captions_checked()
            self.assertEqual({before, after}, {"Off", "English"})
            message = "Subtitles off" if after == "Off" else "Subtitles: English"
            self.assertEqual(page.evaluate(live), message)
            page.keyboard.press("c")
            self.assertEqual(captions_checked(), before)

            page.locator(".player__seek").hover(position={"x": 10, "y": 3})
            preview = page.locator(".player__preview")
            preview.wait_for(state="visible")
            self.assertRegex(preview.inner_text().strip(), r"^0:0\d$")
        self.assertEqual(self.page_errors, [])

    @needs_ffmpeg
    def test_an_expired_signed_url_is_renewed_and_playback_goes_on(self):
        """The token expires while the video is paused, and only then.

        A short real TTL (the test once used 3 s) also runs out while a loaded machine is
        still starting playback, and the player renews early. Instead the server's token
        clock jumps past the expiry once the video is paused: exactly one renewal, at the
        moment the test chooses, whatever the machine's load.
        """
        clock = ServerClock()
        self.addCleanup(clock.stop)
        episode = self.lone_episode(AccessLevel.FREE, video=self.ready_video())
        video = "document.querySelector('video')"
        with self.browser() as page:
            self.open(page, episode)
            page.click(".player__play")
            page.wait_for_function(PLAYING_PAST, arg=1.0, timeout=30_000)
            page.keyboard.press("k")  # pause; focus is on the player's play/pause button
            position = page.evaluate(f"{video}.currentTime")
            self.assertEqual(len(self.api_plays()), 1, self.play_requests)
            # hls.js asks for a variant playlist (through /play/<token>/) when it first needs
            # it; the 360p one must still be to come, so that the switch goes through Django.
            self.assertNotIn("/360p/", " ".join(self.play_requests))
            clock.advance(settings.PLAYBACK_URL_TTL + 1)  # the token expires
            page.click(".player__btn--quality")
            # A new variant playlist: 403 with the old token; the player asks for a new one and
            # loads 360p segments with it (the first good 360p segment proves the renewal).
            with page.expect_response(renewed_360p_segment, timeout=15_000):
                page.click(".player__menu-item:has-text('360p')")
            page.wait_for_function(
                "(at) => { const v = document.querySelector('video');"
                " return v.readyState >= 2 && Math.abs(v.currentTime - at) < 1; }",
                arg=position,
                timeout=15_000,
            )
            page.keyboard.press("k")
            page.wait_for_function(PLAYING_PAST, arg=position + 0.5, timeout=15_000)
        self.assertEqual(len(self.api_plays()), 2, self.play_requests)
        self.assertEqual(self.page_errors, [])

    def test_subscribers_episode_is_locked_for_an_anonymous_visitor(self):
        episode = self.lone_episode(AccessLevel.SUBSCRIBERS)
        with self.browser() as page:
            self.open(page, episode)
            page.click(".player__play")
            locked = page.locator('[data-player-locked="not_signed_in"]')
            locked.wait_for(timeout=10_000)
            self.assertIn("Sign in", locked.inner_text())
            link = locked.locator("a.player__upgrade")
            self.assertEqual(link.inner_text(), "Sign in")
            self.assertIn("/accounts/login/?next=", link.get_attribute("href"))
            self.assertEqual(page.locator("video").count(), 0)
        self.assertEqual(self.page_errors, [])

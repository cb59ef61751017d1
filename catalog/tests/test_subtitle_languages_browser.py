"""Subtitles by language in Debian's Chromium (Playwright, catalog/tests/browser.py).

A clip with English audio and English, French and Spanish subtitle tracks goes through the
real pipeline (hls.js then reads the subtitle group of the master playlist). The journey: a
show page in English, the language switcher to French, the French episode plays with the
French track showing (its cues are the French file's); the viewer's own pick then wins over
the page's language on the next visit. On the English page the audio is understood, so no
track shows until the viewer asks.
"""

from django.core.files.base import ContentFile

from catalog.models import AccessLevel, SubtitleTrack
from catalog.tasks import process_video_asset
from catalog.tests import translations
from catalog.tests.browser import PLAYING_PAST, BrowserTestCase, needs_browser
from catalog.tests.media_fixtures import make_asset
from mediasite.tests.tools import needs_ffmpeg

LINES = {"en": "Hello there.", "fr": "Bonjour à tous.", "es": "Hola a todos."}

SHOWING_TRACK = """() => {
  const video = document.querySelector('video');
  const track = video && [...video.textTracks].find((t) => t.mode === 'showing');
  if (!track) return 'none';
  if (!track.cues || !track.cues.length) return null;
  return { lang: track.language, cues: [...track.cues].map((cue) => cue.text) };
}"""


def webvtt(line: str) -> bytes:
    return f"WEBVTT\n\n00:00:00.200 --> 00:00:05.500\n{line}\n".encode()


@needs_browser
class SubtitleLanguageBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        video = self.ready_video_with_tracks()
        self.episode = self.lone_episode(AccessLevel.FREE, video=video, title="The Pilot")
        self.show = self.episode.get_parent().get_parent()
        translations.translate_home("fr", title="Accueil")
        self.fr_episode = translations.translate_page(self.episode, "fr", title="Le Pilote")

    def ready_video_with_tracks(self):
        clip = self.files.clip("languages.mp4", size="640x360", seconds=6)
        asset = make_asset(self, clip, title="Languages clip", audio_language="en")
        for order, (code, line) in enumerate(LINES.items()):
            track = SubtitleTrack(asset=asset, language=code, sort_order=order)
            track.file.save(f"{asset.pk}-{code}.vtt", ContentFile(webvtt(line)), save=True)
        process_video_asset.apply(args=[asset.pk])
        asset.refresh_from_db()
        self.assertTrue(asset.is_ready, asset.error)
        return asset

    def play(self, page) -> None:
        page.wait_for_selector(".player__play:not([disabled])")
        page.click(".player__play")
        page.wait_for_function(PLAYING_PAST, arg=0.5, timeout=30_000)

    def showing(self, page):
        return page.wait_for_function(SHOWING_TRACK, timeout=15_000).json_value()

    def captions_menu(self, page) -> dict[str, str]:
        page.click(".player__btn--captions")
        items = page.locator(".player__menu:not([hidden]) [role=menuitemradio]")
        return {item.inner_text().strip(): item.get_attribute("lang") for item in items.all()}

    @needs_ffmpeg
    def test_french_journey_plays_with_french_subtitles(self):
        with self.browser() as page:
            page.set_default_timeout(15_000)
            page.goto(self.url(self.show.url))
            with page.expect_navigation():
                page.locator("nav.language-switcher a[hreflang=fr]").click()
            self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
            page.goto(self.url(self.fr_episode.url))
            self.assertIn(
                "Anglais, Français, Espagnol", page.locator("[data-video-languages]").inner_text()
            )

            self.play(page)
            self.assertEqual(self.showing(page), {"lang": "fr", "cues": [LINES["fr"]]})
            menu = self.captions_menu(page)
            # The player's own label in the page's language; each track's in its own.
            self.assertEqual(
                menu, {"Désactivés": None, "English": "en", "Français": "fr", "Español": "es"}
            )
            page.locator(".player__menu:not([hidden]) [lang=en]").click()  # the viewer's pick
            self.assertEqual(self.showing(page), {"lang": "en", "cues": [LINES["en"]]})

            page.reload()
            self.play(page)
            self.assertEqual(self.showing(page)["lang"], "en", "the viewer's choice wins")

            with page.expect_navigation():
                page.locator("nav.language-switcher a[hreflang=en]").click()
            self.assertEqual(page.url, self.url(self.episode.url))
        self.assertEqual(self.page_errors, [])

    @needs_ffmpeg
    def test_english_page_with_english_audio_starts_without_subtitles(self):
        with self.browser() as page:
            page.goto(self.url(self.episode.url))
            self.play(page)
            page.wait_for_function("() => document.querySelector('video').textTracks.length >= 3")
            page.wait_for_timeout(500)  # any automatic choice would have been made by now
            self.assertEqual(page.evaluate(SHOWING_TRACK), "none")
            self.captions_menu(page)
            page.locator(".player__menu:not([hidden]) [lang=es]").click()
            self.assertEqual(self.showing(page), {"lang": "es", "cues": [LINES["es"]]})
        self.assertEqual(self.page_errors, [])

"""In Chromium: the region badge from /api/v1/me, and the layout at 390 and 1280 pixels.

Geometry is measured, not eyeballed: boxes must sit inside their frames, a line of the
meta line must not begin with a visible "·", buttons must not touch.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.images import get_image_model

from PIL import Image as PILImage

from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from catalog.tests.test_image_renditions import _delete_files

PHONE = {"width": 390, "height": 844}


def _png(name: str, width: int, height: int) -> ContentFile:
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


# For each item of each .meta-line that begins a line: is its "·" drawn inside the line box?
STRAY_DOTS = """() => {
  const found = [];
  let lineStarts = 0;
  for (const line of document.querySelectorAll('.meta-line')) {
    const box = line.getBoundingClientRect();
    const clips = getComputedStyle(line).overflowX !== 'visible';
    [...line.children].forEach((item, index) => {
      const r = item.getBoundingClientRect();
      if (index === 0 || r.left - box.left > 1) return;
      lineStarts += 1;
      const dot = getComputedStyle(item, '::before');
      if (dot.content === 'none' || dot.content === 'normal') return;
      const right = r.left + parseFloat(dot.left || '0') + parseFloat(dot.width || '0');
      if (!clips || right > box.left + 0.5) found.push(item.textContent.trim());
    });
  }
  return { found, lineStarts };
}"""

BOX = "(selector) => { const r = document.querySelector(selector).getBoundingClientRect(); \
return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }"


@needs_browser
class RegionBadgeBrowserTests(BrowserTestCase):
    def test_rows_are_marked_where_the_viewer_country_is_not_listed(self):
        show = factories.publish(factories.ShowPageFactory(allowed_regions=["FR", "DE"]))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        header = settings.VIEWER_COUNTRY_HEADER
        with self.browser() as page:
            page.set_extra_http_headers({header: "US"})
            page.goto(f"{self.live_server_url}{season.url}")
            badge = page.locator(".episode-row .badge--region")
            badge.wait_for()
            self.assertEqual(badge.text_content().strip(), "Not available in your region")

            page.set_extra_http_headers({header: "FR"})
            page.goto(f"{self.live_server_url}{season.url}")
            page.wait_for_function("() => document.documentElement.dataset.authenticated")
            self.assertEqual(page.locator(".badge--region").count(), 0)
        self.assertEqual(self.page_errors, [])


@needs_browser
class LayoutBrowserTests(BrowserTestCase):
    def test_meta_lines_never_begin_with_a_dot_on_a_phone(self):
        show = factories.publish(
            factories.ShowPageFactory(title="The Extraordinarily Long Harbour Chronicles")
        )
        for number in (1, 2, 3):
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=number))
        episode = factories.publish(
            factories.EpisodePageFactory(parent=season, number=1, runtime_minutes=125)
        )
        with self.browser() as page:
            page.set_viewport_size(PHONE)
            starts = 0
            for url in (show.url, episode.url):
                page.goto(f"{self.live_server_url}{url}")
                result = page.evaluate(STRAY_DOTS)
                self.assertEqual(result["found"], [], url)
                starts += result["lineStarts"]
            self.assertGreater(starts, 0, "no meta line wrapped: the check saw nothing")

    def test_the_lock_card_fits_the_player_frame_on_a_phone(self):
        episode = self.lone_episode("subscribers")
        with self.browser() as page:
            page.set_viewport_size(PHONE)
            page.goto(f"{self.live_server_url}{episode.url}")
            page.locator(".player__play:not([disabled])").click()
            page.locator(".player__locked").wait_for()
            card, frame = (
                page.evaluate(BOX, ".player__locked"),
                page.evaluate(BOX, ".player__frame"),
            )
            self.assertGreaterEqual(card["top"], frame["top"])
            self.assertLessEqual(card["bottom"], frame["bottom"])
            self.assertGreaterEqual(card["left"], frame["left"])
            self.assertLessEqual(card["right"], frame["right"])
            self.assertLessEqual(frame["right"], PHONE["width"])

    def test_the_404_buttons_do_not_touch(self):
        with self.browser() as page:
            for viewport in (PHONE, {"width": 1280, "height": 800}):
                page.set_viewport_size(viewport)
                page.goto(f"{self.live_server_url}/no-such-page/")
                first, second = (
                    page.locator(".error-page__actions .button").nth(n).bounding_box()
                    for n in (0, 1)
                )
                apart_x = second["x"] - (first["x"] + first["width"])
                apart_y = second["y"] - (first["y"] + first["height"])
                self.assertGreater(max(apart_x, apart_y), 0, viewport)

    def test_the_article_teaser_art_stays_beside_its_text(self):
        # A teaser whose text is taller than its 16:9 art at the art's column width.
        art = get_image_model().objects.create(
            title="key art", file=_png("keyart.png", 960, 540), width=960, height=540
        )
        self.addCleanup(_delete_files, art)
        article = factories.publish(
            factories.ArticlePageFactory(
                title="Signal Lost season two: the first trailer is here, and it is long",
                summary="The relay station is dark, the crew is split, and the commander "
                "has a twin nobody on the station has ever met before.",
                hero_image=art,
            )
        )
        home = factories.HomePageFactory()
        home.body = [("article_teaser", {"article": article})]
        home.save_revision().publish()
        with self.browser() as page:
            page.goto(f"{self.live_server_url}/")
            media = page.evaluate(BOX, ".article-teaser .article-card__media")
            body = page.evaluate(BOX, ".article-teaser .article-card__body")
            self.assertLessEqual(media["right"], body["left"] + 0.5)

"""Page weight in a real browser: every public page type stays under the budget before any
interaction, and the player (hls.js and its modules) comes only when the viewer reaches for Play.

Static files are served here as the test settings serve them, uncompressed from the finders,
so the budget holds with room to spare where production sends them compressed
(docs/performance.md has the production-like numbers from scripts/page_weight.py).
"""

import wagtail_factories

from catalog.models import AccessLevel, VideoAsset
from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from mediasite.page_weight import BUDGET_BYTES, HLS_JS, public_page_paths, transferred

PAGE_TYPES = [
    "home",
    "shows index",
    "show",
    "season",
    "episode (free)",
    "episode (locked)",
    "article index",
    "article",
    "genre",
    "person",
    "search",
    "plans",
]
PLAYER_MODULE = "/js/player/player.js"


@needs_browser
class PageWeightBrowserTests(BrowserTestCase):
    def make_catalog(self) -> dict[str, str]:
        """One page of each public type, with artwork, a show trailer and a locked episode."""
        image = wagtail_factories.ImageFactory(file__width=1920, file__height=1080)
        trailer = VideoAsset.objects.create(title="Harbour Lights trailer")
        show = factories.publish(
            factories.ShowPageFactory(
                title="Harbour Lights", poster=image, backdrop=image, trailer=trailer
            )
        )
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        self.free = factories.publish(
            factories.EpisodePageFactory(parent=season, number=1, still=image)
        )
        self.locked = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=2, still=image, access_level=AccessLevel.SUBSCRIBERS
            )
        )
        factories.publish(factories.ArticlePageFactory(title="On set"))
        factories.GenreFactory(name="Drama")
        factories.PersonFactory(name="Ada Marlow")
        return public_page_paths()

    def test_public_pages_stay_under_budget_without_the_player(self):
        paths = self.make_catalog()
        self.assertEqual(list(paths), PAGE_TYPES)
        with self.browser() as page:
            browser = page.context.browser
            weights = [
                transferred(browser, name, self.live_server_url, path)
                for name, path in paths.items()
            ]
        for weight in weights:
            with self.subTest(page=weight.name, path=weight.path):
                self.assertLess(weight.total, BUDGET_BYTES, weight.requests)
                urls = weight.urls()
                self.assertFalse([url for url in urls if HLS_JS in url or PLAYER_MODULE in url])
        with_player = {w.name for w in weights if any("/js/player/boot.js" in u for u in w.urls())}
        self.assertEqual(with_player, {"show", "episode (free)", "episode (locked)"})
        self.assertEqual(self.page_errors, [])

    def test_play_intent_loads_the_player_and_a_keyboard_press_is_not_lost(self):
        self.make_catalog()
        requests: list[str] = []
        with self.browser() as page:
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"{self.live_server_url}{self.locked.url}")
            page.wait_for_load_state("networkidle")
            self.assertFalse([url for url in requests if HLS_JS in url or PLAYER_MODULE in url])

            # Focus is intent: the player and hls.js come before anything is pressed.
            with page.expect_request(lambda request: HLS_JS in request.url):
                page.focus(".player__play")
            page.wait_for_function("() => window.mediasite && window.mediasite.players")
            self.assertFalse([url for url in requests if "/api/v1/play/" in url])

            page.keyboard.press("Enter")
            locked = page.locator('[data-player-locked="not_signed_in"]')
            locked.wait_for(timeout=10_000)

            # A click that arrives before the player is in (no intent first) is replayed.
            page.goto(f"{self.live_server_url}{self.locked.url}")
            page.wait_for_selector(".player__play:not([disabled])")
            page.evaluate("document.querySelector('.player__play').click()")
            page.locator('[data-player-locked="not_signed_in"]').wait_for(timeout=10_000)
        self.assertEqual(self.page_errors, [])

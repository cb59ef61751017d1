"""Browser tests: Debian's Chromium driven by Playwright against a live server.

:class:`BrowserTestCase` holds what every browser test needs: a temporary folder of clips,
a Chromium page (``with self.browser() as page``) and a real video made by the pipeline.
Needs /usr/bin/chromium (``apt-get install chromium``), the ``playwright`` package (no
``playwright install``: the system browser is used) and ffmpeg.
"""

import os
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.db import connections

from catalog.models import VideoAsset
from catalog.tasks import process_video_asset
from catalog.tests import factories
from catalog.tests.media_fixtures import MediaFiles, make_asset
from mediasite.tests.tools import needs

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is in requirements-dev.txt
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PLAYING_PAST = (
    "(t) => { const v = document.querySelector('video'); return v && v.currentTime > t; }"
)

needs_browser = needs(sync_playwright and CHROMIUM.exists(), "needs playwright and chromium")


class BrowserTestCase(StaticLiveServerTestCase):
    # The live server needs committed data; restore the migrations' Site and home page per test.
    serialized_rollback = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = MediaFiles()

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def setUp(self):
        self.page_errors: list[str] = []

    def url(self, path: str) -> str:
        """The live server's address of ``path``."""
        return f"{self.live_server_url}{path}"

    def watch(self, page) -> None:
        """Attach listeners to a new page; subclasses add theirs (call super)."""
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    @contextmanager
    def browser(self, **context_options):
        """A Chromium page. Make the test's data before: no ORM calls in here.

        ``context_options`` go to Playwright's ``browser.new_page`` (e.g. ``bypass_csp``).

        While Playwright's sync API runs, ``django.db.connections`` hands this thread another
        connection object (asgiref's context-local storage), one without the serialized data
        that ``serialized_rollback`` restores from.
        """
        # Playwright's sync API runs an event loop in this thread, which Django's ORM refuses
        # unless told; only for this block, as it also fails `check --deploy` in subprocesses.
        allow_async = mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"})
        with allow_async, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                options = {"viewport": {"width": 1280, "height": 800}, **context_options}
                page = browser.new_page(**options)
                self.watch(page)
                yield page
            finally:
                browser.close()
                connections.close_all()  # one opened in here would keep the test database busy

    def lone_episode(self, access_level: str, **fields):
        """A published episode alone in its show (so there is no "Up next" to leave the page)."""
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        return factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, access_level=access_level, **fields
            )
        )

    def ready_video(
        self, name: str, *, size: str, title: str, subtitles: bytes | None = None
    ) -> VideoAsset:
        """A six-second clip through the real pipeline, ready to play."""
        clip = self.files.clip(name, size=size, seconds=6)
        asset = make_asset(self, clip, title=title, subtitles=subtitles)
        process_video_asset.apply(args=[asset.pk])
        asset.refresh_from_db()
        self.assertEqual(asset.status, VideoAsset.Status.READY, asset.error)
        return asset

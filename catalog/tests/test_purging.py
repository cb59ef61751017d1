"""Publishing purges the page and the listings that show it, over real HTTP PURGE requests."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import TestCase, override_settings

from catalog.tests import factories


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in edge cache that records the PURGE requests it receives."""

    received: list[str] = []

    def do_PURGE(self):
        self.received.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class PurgeOnPublishTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        PurgeRecorder.received.clear()
        self.genre = factories.GenreFactory(name="Noir")
        self.show = factories.ShowPageFactory(title="Night Ferry")
        self.show.genres.add(self.genre)
        factories.publish(self.show)
        self.season = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))

    def _backend(self):
        port = self.server.server_address[1]
        return {
            "edge": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }

    def test_publishing_an_episode_purges_it_and_its_listings(self):
        episode = factories.EpisodePageFactory(parent=self.season, number=1, slug="pilot")
        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            episode.save_revision().publish()
        purged = set(PurgeRecorder.received)
        for path in [
            "/shows/night-ferry/season-1/pilot/",
            "/shows/night-ferry/season-1/",
            "/shows/night-ferry/",
            "/shows/",
            "/",
        ]:
            self.assertIn(f"localhost{path}", purged)

    def test_publishing_a_show_purges_its_genre_pages(self):
        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.show.save_revision().publish()
        self.assertIn("localhost/shows/genres/noir/", set(PurgeRecorder.received))

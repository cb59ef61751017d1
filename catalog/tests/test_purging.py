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


class PurgeTestCase(TestCase):
    """Runs a PurgeRecorder on a free local port for the test class."""

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

    def _backend(self):
        port = self.server.server_address[1]
        return {
            "edge": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }


class PurgeOnPublishTests(PurgeTestCase):
    def setUp(self):
        PurgeRecorder.received.clear()
        self.genre = factories.GenreFactory(name="Noir")
        self.show = factories.ShowPageFactory(title="Night Ferry")
        self.show.genres.add(self.genre)
        factories.publish(self.show)
        self.season = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))

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


class PurgeOnMoveAndDeleteTests(PurgeTestCase):
    """Moving purges the old and new addresses and both sets of listings; deleting purges
    the page's address and its listings."""

    def setUp(self):
        self.genre = factories.GenreFactory(name="Noir")
        self.show = factories.ShowPageFactory(title="Night Ferry")
        self.show.genres.add(self.genre)
        factories.publish(self.show)
        self.season = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))
        self.season_2 = factories.publish(factories.SeasonPageFactory(parent=self.show, number=2))
        self.episode = factories.publish(
            factories.EpisodePageFactory(parent=self.season, number=1, slug="pilot")
        )
        self.other_show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        self.other_season = factories.publish(
            factories.SeasonPageFactory(parent=self.other_show, number=1)
        )
        self.empty_show = factories.publish(factories.ShowPageFactory(title="Quiet Coast"))
        PurgeRecorder.received.clear()

    def _purged(self, change):
        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            change()
        return set(PurgeRecorder.received)

    def test_moving_an_episode_purges_old_and_new_addresses_and_listings(self):
        purged = self._purged(lambda: self.episode.move(self.other_season, pos="last-child"))
        for path in [
            "/shows/night-ferry/season-1/pilot/",  # old address
            "/shows/night-ferry/season-1/",  # old listings
            "/shows/night-ferry/",
            "/shows/harbour-lights/season-1/pilot/",  # new address
            "/shows/harbour-lights/season-1/",  # new listings
            "/shows/harbour-lights/",
            "/shows/",
            "/",
        ]:
            self.assertIn(f"localhost{path}", purged)

    def test_moving_a_season_purges_its_episodes_old_and_new_addresses(self):
        purged = self._purged(lambda: self.season.move(self.empty_show, pos="last-child"))
        for path in [
            "/shows/night-ferry/season-1/",
            "/shows/night-ferry/season-1/pilot/",
            "/shows/night-ferry/",
            "/shows/quiet-coast/season-1/",
            "/shows/quiet-coast/season-1/pilot/",
            "/shows/quiet-coast/",
        ]:
            self.assertIn(f"localhost{path}", purged)

    def test_deleting_an_episode_purges_it_and_its_listings(self):
        purged = self._purged(self.episode.delete)
        for path in [
            "/shows/night-ferry/season-1/pilot/",
            "/shows/night-ferry/season-1/",
            "/shows/night-ferry/",
            "/shows/",
            "/",
        ]:
            self.assertIn(f"localhost{path}", purged)

    def test_deleting_a_show_purges_it_its_pages_and_its_genre_pages(self):
        purged = self._purged(self.show.delete)
        for path in [
            "/shows/night-ferry/",
            "/shows/night-ferry/season-1/",
            "/shows/night-ferry/season-1/pilot/",
            "/shows/",
            "/",
            "/shows/genres/noir/",
        ]:
            self.assertIn(f"localhost{path}", purged)

    def test_the_deleted_page_is_purged_again_after_the_delete_commits(self):
        # Wagtail purges at once, inside the transaction; a request before the commit would
        # cache the page again, so the address is purged once more after the commit.
        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=False) as after_commit,
        ):
            self.episode.delete()
        PurgeRecorder.received.clear()
        with override_settings(WAGTAILFRONTENDCACHE=self._backend()):
            for callback in after_commit:
                callback()
        self.assertIn("localhost/shows/night-ferry/season-1/pilot/", set(PurgeRecorder.received))
        self.assertIn("localhost/shows/night-ferry/season-1/", set(PurgeRecorder.received))

    def test_deleting_a_draft_purges_nothing_of_it(self):
        draft = factories.EpisodePageFactory(
            parent=self.season_2, number=5, slug="draft", live=False
        )
        purged = self._purged(draft.delete)
        self.assertNotIn("localhost/shows/night-ferry/season-2/draft/", purged)

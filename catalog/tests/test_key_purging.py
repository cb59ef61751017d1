"""Changes purge by surrogate key after the commit, through each edge adapter's real HTTP
API shape (a local stand-in for Varnish, Fastly's and Cloudflare's APIs), and a French
translation purges French keys and URLs only."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import TestCase, override_settings

from catalog.clients.edge import CloudflareTagPurger, EdgePurgeError, FastlyKeyPurger
from catalog.tests import factories, translations
from engagement.tasks import purge_rated_page


class EdgeStandIn(BaseHTTPRequestHandler):
    """Answers as Varnish (PURGE + xkey-purge), Fastly and Cloudflare do; records each call."""

    calls: list[tuple[str, str, dict, bytes]] = []
    status = 200

    def _record(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.calls.append((self.command, self.path, dict(self.headers), body))
        payload = json.dumps({"success": self.status == 200}).encode()
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_PURGE = do_POST = _record

    def log_message(self, *args):
        pass


class EdgeTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), EdgeStandIn)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.location = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        EdgeStandIn.calls = []
        EdgeStandIn.status = 200

    def varnish(self):
        return override_settings(
            EDGE_KEY_PURGERS={
                "varnish": {
                    "BACKEND": "catalog.clients.edge.VarnishXkeyPurger",
                    "LOCATION": self.location,
                }
            }
        )

    def purged_keys(self) -> set[str]:
        return {
            key
            for method, _, headers, _ in EdgeStandIn.calls
            if method == "PURGE"
            for key in headers.get("xkey-purge", "").split()
        }


class KeyPurgeTests(EdgeTestCase):
    def setUp(self):
        super().setUp()
        self.genre = factories.GenreFactory(name="Noir")
        self.person = factories.PersonFactory(name="Ada Lane")
        self.show = factories.ShowPageFactory(title="Night Ferry", slug="night-ferry")
        self.show.genres.add(self.genre)
        factories.ShowCreditFactory(show=self.show, person=self.person)
        factories.publish(self.show)
        self.season = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))

    def test_publishing_purges_the_page_its_listings_and_nothing_before_the_commit(self):
        episode = factories.EpisodePageFactory(parent=self.season, number=1, slug="pilot")
        with self.varnish(), self.captureOnCommitCallbacks(execute=False) as callbacks:
            episode.save_revision().publish()
        self.assertEqual(EdgeStandIn.calls, [])  # nothing in the editor's transaction
        with self.varnish():
            for callback in callbacks:
                callback()
        home = self.show.get_parent().get_parent()
        expected = {f"p{episode.pk}", f"p{self.season.pk}", f"p{self.show.pk}", f"p{home.pk}"}
        self.assertLessEqual(expected | {"home-en", "search-en", "sugg-en"}, self.purged_keys())
        self.assertFalse([key for key in self.purged_keys() if key.endswith(("-fr", "-es"))])

    def test_a_show_purges_its_genres_and_peoples_listings(self):
        with self.varnish(), self.captureOnCommitCallbacks(execute=True):
            self.show.save_revision().publish()
        self.assertLessEqual(
            {f"p{self.show.pk}", "idx-shows-en", f"idx-g{self.genre.pk}", f"idx-n{self.person.pk}"},
            self.purged_keys(),
        )

    def test_a_changed_genre_or_person_purges_where_it_is_shown(self):
        with self.varnish(), self.captureOnCommitCallbacks(execute=True):
            self.genre.name = "Neo-noir"
            self.genre.save()
            self.person.delete()
        self.assertLessEqual(
            {f"g{self.genre.pk}", f"idx-g{self.genre.pk}", "idx-genres-en", "idx-people-en"},
            self.purged_keys(),
        )
        self.assertTrue([key for key in self.purged_keys() if key.startswith("n")])

    def test_a_move_purges_everything_under_it_and_both_places(self):
        episode = factories.publish(factories.EpisodePageFactory(parent=self.season, number=1))
        other = factories.publish(factories.ShowPageFactory(title="Harbour"))
        with self.varnish(), self.captureOnCommitCallbacks(execute=True):
            self.season.move(other, pos="last-child")
        self.assertLessEqual(
            {f"p{self.season.pk}", f"p{episode.pk}", f"p{self.show.pk}", f"p{other.pk}"},
            self.purged_keys(),
        )

    def test_a_rating_change_purges_the_summary_key(self):
        with self.varnish():
            purge_rated_page(self.show.pk)
        self.assertIn(f"rating-{self.show.pk}", self.purged_keys())

    def test_a_refused_purge_is_an_error_to_retry(self):
        EdgeStandIn.status = 403
        from catalog.tasks import purge_keys

        with self.varnish(), self.assertRaises(EdgePurgeError):
            purge_keys.run(keys=["p1"])


class TranslationPurgeTests(EdgeTestCase):
    def test_a_french_episode_purges_french_keys_and_urls_only(self):
        show = factories.publish(factories.ShowPageFactory(title="Night Ferry", slug="night-ferry"))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        fr_season = translations.translate_page(season, "fr")
        fr_show = fr_season.get_parent()
        episode = factories.EpisodePageFactory(parent=fr_season, number=1, slug="pilote")
        url_backend = {
            "edge": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": self.location,
            }
        }
        with (
            self.varnish(),
            override_settings(WAGTAILFRONTENDCACHE=url_backend),
            self.captureOnCommitCallbacks(execute=True),
        ):
            episode.save_revision().publish()
        keys = self.purged_keys()
        self.assertLessEqual(
            {f"p{episode.pk}", f"p{fr_season.pk}", f"p{fr_show.pk}", "home-fr"}, keys
        )
        self.assertFalse({f"p{season.pk}", f"p{show.pk}", "home-en", "home-es"} & keys)
        paths = [
            path
            for method, path, headers, _ in EdgeStandIn.calls
            if method == "PURGE" and "xkey-purge" not in headers
        ]
        self.assertIn("/fr/shows/night-ferry/season-1/pilote/", paths)
        self.assertIn("/fr/shows/night-ferry/season-1/", paths)
        self.assertIn("/fr/", paths)
        self.assertEqual([path for path in paths if not path.startswith("/fr/")], [])


class ProviderAdapterTests(EdgeTestCase):
    def test_fastly_gets_surrogate_keys_in_batches_of_256(self):
        keys = [f"p{n}" for n in range(300)]
        FastlyKeyPurger(
            {"SERVICE_ID": "svc1", "API_TOKEN": "t0ken", "API_URL": self.location}
        ).purge_keys(keys)
        self.assertEqual(
            [(c[0], c[1]) for c in EdgeStandIn.calls], [("POST", "/service/svc1/purge")] * 2
        )
        sent = [c[2]["Surrogate-Key"].split() for c in EdgeStandIn.calls]
        self.assertEqual(sent[0] + sent[1], keys)
        self.assertEqual(EdgeStandIn.calls[0][2]["Fastly-Key"], "t0ken")

    def test_cloudflare_gets_cache_tags_in_batches_of_30(self):
        keys = [f"p{n}" for n in range(45)]
        CloudflareTagPurger(
            {"ZONE_ID": "z9", "API_TOKEN": "t0ken", "API_URL": self.location}
        ).purge_keys(keys)
        self.assertEqual([c[1] for c in EdgeStandIn.calls], ["/zones/z9/purge_cache"] * 2)
        sent = [json.loads(c[3])["tags"] for c in EdgeStandIn.calls]
        self.assertEqual(sent[0] + sent[1], keys)
        self.assertEqual(EdgeStandIn.calls[0][2]["Authorization"], "Bearer t0ken")
        EdgeStandIn.status = 500
        with self.assertRaises(EdgePurgeError):
            CloudflareTagPurger(
                {"ZONE_ID": "z9", "API_TOKEN": "x", "API_URL": self.location}
            ).purge_keys(["p1"])

"""The edge config (deploy/varnish/default.vcl) through a real Varnish.

- ``ViewerCountryHeaderTests``: varnishtest runs the VCL in front of a local HTTP server
  that records what reaches the origin: a client-sent viewer country never does.
- ``EdgeRulesTests``: varnishd in front of a Django live server: cookies stripped on public
  pages and kept on private ones, private and cookie-setting answers never cached, PURGE,
  BAN and xkey purges only from the ACL.
- ``GraceTests``: a stale copy is served while the origin is down.
- ``ExactPurgeTests``: publishing an episode refreshes exactly the pages that show it (by
  surrogate key, after the commit), and a French translation only French pages.

Only the backend address is changed (``web`` resolves only in docker-compose).
"""

import re
import shutil
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.test import Client, LiveServerTestCase, SimpleTestCase, override_settings

from catalog.tests import factories, translations
from mediasite.tests.factories import UserFactory
from mediasite.tests.threads import ThreadsTestCase
from mediasite.tests.tools import needs
from mediasite.tests.varnish import OUTSIDE_ACL, Varnishd, needs_varnish

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"
HEADER = "CloudFront-Viewer-Country"


class Origin(BaseHTTPRequestHandler):
    """Records each request's method, path and viewer-country header."""

    seen: list[tuple[str, str, str | None]] = []

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path, self.headers.get(HEADER)))
        self.send_response(200)
        self.send_header("Cache-Control", "private, no-store")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


VTC = """varnishtest "client-sent viewer country is stripped"
varnish v1 -vcl {
    include "%(vcl)s";
} -start
client c1 {
    txreq -method POST -url "/api/v1/play/1" -hdr "%(header)s: FR"
    rxresp
    expect resp.status == 200
    txreq -url "/shows/" -hdr "%(header)s: FR" -hdr "cloudfront-viewer-country: BE"
    rxresp
    expect resp.status == 200
    txreq -url "/account/" -hdr "%(header)s: FR"
    rxresp
    expect resp.status == 200
} -run
"""


class ViewerCountryHeaderTests(SimpleTestCase):
    def test_the_vcl_unsets_the_header_first_thing_in_vcl_recv(self):
        text = VCL.read_text()
        recv = text[text.index("sub vcl_recv {") :]
        first_statement = next(
            line.strip()
            for line in recv.splitlines()[1:]
            if line.strip() and not line.strip().startswith("#")
        )
        self.assertEqual(first_statement, f"unset req.http.{HEADER};")
        self.assertEqual(settings.VIEWER_COUNTRY_HEADER, HEADER)

    @needs(shutil.which("varnishtest"), "needs varnishtest (Debian package varnish)")
    def test_varnish_strips_a_client_sent_country_before_the_origin(self):
        Origin.seen = []
        server = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        with tempfile.TemporaryDirectory(prefix="vcl-test-") as folder:
            vcl = re.sub(r'\.host = "web";', '.host = "127.0.0.1";', VCL.read_text())
            vcl = vcl.replace('.port = "8000";', f'.port = "{server.server_address[1]}";')
            edge = Path(folder) / "edge.vcl"
            edge.write_text(vcl)
            # varnishd compiles the VCL as its own unprivileged user.
            Path(folder).chmod(0o755)
            edge.chmod(0o644)
            test = Path(folder) / "strip.vtc"
            test.write_text(VTC % {"vcl": edge, "header": HEADER})
            result = subprocess.run(  # noqa: S603 - fixed tool and our own files
                ["varnishtest", "-t", "60", str(test)],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=120,
            )
        self.assertEqual(result.returncode, 0, result.stdout[-4000:] + result.stderr[-2000:])
        reached = [(method, path, country) for method, path, country in Origin.seen]
        self.assertIn(("POST", "/api/v1/play/1", None), reached)
        self.assertIn(("GET", "/shows/", None), reached)
        self.assertIn(("GET", "/account/", None), reached)
        self.assertFalse([request for request in reached if request[2] is not None], reached)


class VarnishTestCase(ThreadsTestCase, LiveServerTestCase):
    """A live server (committed data) with varnishd in front; each test starts empty."""

    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.edge = Varnishd(cls.server_thread.port).start()
        cls.addClassCleanup(cls.edge.stop)

    def setUp(self):
        super().setUp()
        self.edge.ban_everything()

    def purging_through_the_edge(self, *, urls=False):
        """Settings that send key purges (and URL purges if ``urls``) to this Varnish."""
        purgers = {
            "varnish": {
                "BACKEND": "catalog.clients.edge.VarnishXkeyPurger",
                "LOCATION": self.edge.url,
            }
        }
        url_backends = (
            {
                "varnish": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                    "LOCATION": self.edge.url,
                }
            }
            if urls
            else {}
        )
        return override_settings(EDGE_KEY_PURGERS=purgers, WAGTAILFRONTENDCACHE=url_backends)

    def warm(self, *paths):
        for path in paths:
            first = self.edge.get(path)
            self.assertEqual(first.status, 200, path)
            self.assertTrue(self.edge.get(path).hit, f"{path} was not cached")


@needs_varnish
class EdgeRulesTests(VarnishTestCase):
    def setUp(self):
        super().setUp()
        self.show = factories.publish(
            factories.ShowPageFactory(title="Night Ferry", slug="night-ferry")
        )
        self.user = UserFactory(email="viewer@example.com")
        client = Client()
        client.force_login(self.user)
        self.session = f"sessionid={client.cookies['sessionid'].value}"

    def test_public_pages_are_shared_whatever_cookie_comes_with_them(self):
        self.assertFalse(self.edge.get("/shows/night-ferry/").hit)
        again = self.edge.get("/shows/night-ferry/", headers={"Cookie": self.session})
        self.assertTrue(again.hit)
        self.assertNotIn("set-cookie", again.headers)
        self.assertNotIn("xkey", again.headers)  # the keys are for the edge only
        self.assertIn("s-maxage", again.headers["cache-control"])

    def test_private_pages_keep_their_cookies_and_are_never_cached(self):
        signed_in = self.edge.get("/account/", headers={"Cookie": self.session})
        self.assertEqual(signed_in.status, 200)
        self.assertIn(b"viewer@example.com", signed_in.body)
        anonymous = self.edge.get("/account/")
        self.assertEqual(anonymous.status, 302)  # to the sign-in page, not the cached page
        self.assertFalse(anonymous.hit)
        me = [self.edge.get("/api/v1/me", headers={"Cookie": self.session}) for _ in range(2)]
        self.assertEqual([r.status for r in me], [200, 200])
        self.assertFalse(any(r.hit for r in me))
        self.assertIn(b'"authenticated":true', me[1].body.replace(b" ", b""))

    def test_responses_setting_a_cookie_are_never_cached(self):
        answers = [self.edge.get("/accounts/login/") for _ in range(2)]
        self.assertTrue(all("set-cookie" in a.headers for a in answers))
        self.assertFalse(any(a.hit for a in answers))

    def test_purge_ban_and_xkey_purge_only_from_the_origins_network(self):
        path = "/shows/night-ferry/"
        self.warm(path)
        key = f"p{self.show.pk}"
        for method, headers in [("PURGE", {}), ("BAN", {}), ("PURGE", {"xkey-purge": key})]:
            refused = self.edge.get(path, method=method, headers=headers, source=OUTSIDE_ACL)
            self.assertEqual(refused.status, 405, (method, headers))
            self.assertTrue(self.edge.get(path).hit, (method, headers))
        for method, headers in [("PURGE", {}), ("BAN", {}), ("PURGE", {"xkey-purge": key})]:
            self.assertEqual(self.edge.get(path, method=method, headers=headers).status, 200)
            self.assertFalse(self.edge.get(path).hit, (method, headers))

    def test_a_ban_drops_the_path_and_everything_under_it(self):
        factories.publish(factories.ShowPageFactory(title="Harbour", slug="harbour"))
        self.warm("/shows/night-ferry/", "/shows/harbour/", "/search/?q=x")
        self.assertEqual(self.edge.get("/shows/", method="BAN").status, 200)
        self.assertFalse(self.edge.get("/shows/night-ferry/").hit)
        self.assertFalse(self.edge.get("/shows/harbour/").hit)
        self.assertTrue(self.edge.get("/search/?q=x").hit)


@needs_varnish
class GraceTests(SimpleTestCase):
    """Varnish in front of a stand-in origin that can be stopped."""

    def test_a_stale_copy_is_served_while_the_origin_is_down(self):
        server = ThreadingHTTPServer(("127.0.0.1", 0), ShortLivedPage)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        edge = Varnishd(server.server_address[1]).start()
        self.addCleanup(edge.stop)
        self.assertEqual(edge.get("/shows/").body, b"fresh")
        server.shutdown()
        server.server_close()
        time.sleep(2.5)  # past its 1 s TTL, and the probe has found the origin down
        stale = edge.get("/shows/")
        self.assertEqual((stale.status, stale.body), (200, b"fresh"))
        self.assertGreaterEqual(int(stale.headers["age"]), 2)
        self.assertEqual(edge.get("/not-cached/").status, 503)


class ShortLivedPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Cache-Control", "public, max-age=1, s-maxage=1")
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"fresh" if self.path != "/healthz" else b"ok...")

    def log_message(self, *args):
        pass


@needs_varnish
class ExactPurgeTests(VarnishTestCase):
    def setUp(self):
        super().setUp()
        self.genre = factories.GenreFactory(name="Noir", slug="noir")
        self.show = factories.ShowPageFactory(title="Night Ferry", slug="night-ferry")
        self.show.genres.add(self.genre)
        factories.publish(self.show)
        self.season = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))
        factories.publish(factories.EpisodePageFactory(parent=self.season, number=1, slug="pilot"))
        factories.publish(factories.ShowPageFactory(title="Harbour", slug="harbour"))

    def test_publishing_an_episode_refreshes_exactly_the_pages_that_show_it(self):
        showing = [
            "/shows/night-ferry/",
            "/shows/night-ferry/season-1/",
            "/",
            "/shows/",
            "/shows/genres/noir/",
        ]
        unrelated = ["/shows/harbour/", "/shows/night-ferry/season-1/pilot/"]
        self.warm(*showing, *unrelated)
        episode = factories.EpisodePageFactory(
            parent=self.season, number=2, title="The Crossing", slug="crossing"
        )
        with self.purging_through_the_edge():
            factories.publish(episode)
        for path in showing:
            refetched = self.edge.get(path)
            self.assertFalse(refetched.hit, path)
        self.assertIn(b"The Crossing", self.edge.get("/shows/night-ferry/season-1/").body)
        for path in unrelated:
            self.assertTrue(self.edge.get(path).hit, path)

    def test_a_french_translation_refreshes_french_pages_only(self):
        fr_season = translations.translate_page(self.season, "fr")
        english = ["/shows/night-ferry/", "/shows/night-ferry/season-1/", "/"]
        french = ["/fr/shows/night-ferry/", "/fr/shows/night-ferry/season-1/", "/fr/"]
        self.warm(*english, *french)
        episode = factories.EpisodePageFactory(
            parent=fr_season, number=2, title="La Traversée", slug="crossing"
        )
        with self.purging_through_the_edge(urls=True):
            factories.publish(episode)
        for path in french:
            self.assertFalse(self.edge.get(path).hit, path)
        self.assertIn(
            "La Traversée".encode(), self.edge.get("/fr/shows/night-ferry/season-1/").body
        )
        for path in english:
            self.assertTrue(self.edge.get(path).hit, path)

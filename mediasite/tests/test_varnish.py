"""The edge (deploy/varnish/default.vcl) never passes a client-sent viewer country on.

The real Varnish (varnishtest) runs the VCL in front of a local HTTP server that records
what reaches the origin. Only the backend address is changed (``web`` resolves only in
docker-compose).
"""

import re
import shutil
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from mediasite.tests.tools import needs

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

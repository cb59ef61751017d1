"""Host names and proxy headers: only what is configured is believed (issue 8, item 5)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase, override_settings

from mediasite.tests.test_settings import _run

SECRET = "Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2


@override_settings(ALLOWED_HOSTS=["media.example.com"], ALLOWED_HOST_PORTS=["8080"])
class HostPortTests(TestCase):
    def test_a_host_on_an_unconfigured_port_is_refused(self):
        response = self.client.get("/robots.txt", HTTP_HOST="media.example.com:9999")
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"not served on port 9999", response.content)

    def test_the_host_without_a_port_or_on_a_configured_port_is_served(self):
        for host in ("media.example.com", "media.example.com:8080"):
            with self.subTest(host=host):
                self.assertEqual(self.client.get("/robots.txt", HTTP_HOST=host).status_code, 200)

    def test_an_unknown_host_is_still_refused(self):
        self.assertEqual(
            self.client.get("/robots.txt", HTTP_HOST="evil.example.net").status_code, 400
        )


class ProductionHostsTests(SimpleTestCase):
    def test_production_refuses_wildcard_hosts(self):
        for hosts in ("*", ".example.com", "media.example.com,*"):
            with self.subTest(hosts=hosts):
                result = _run(
                    "import django; django.setup()", SECRET_KEY=SECRET, ALLOWED_HOSTS=hosts
                )
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("without wildcards", result.stderr)

    def test_production_accepts_no_port_unless_configured(self):
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ALLOWED_HOST_PORTS)"
        )
        default = _run(code, SECRET_KEY=SECRET, ALLOWED_HOSTS="media.example.com")
        self.assertEqual(default.stdout.strip(), "[]", default.stderr)
        listed = _run(code, SECRET_KEY=SECRET, ALLOWED_HOSTS="localhost", ALLOWED_HOST_PORTS="8080")
        self.assertEqual(listed.stdout.strip(), "['8080']", listed.stderr)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornProxyTrustTests(SimpleTestCase):
    """X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS (real gunicorn)."""

    def request_via_gunicorn(self, **env):
        port = _free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mediasite.settings.production",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "localhost",
            "ALLOWED_HOST_PORTS": str(port),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "1",
            "SECURE_SSL_REDIRECT": "true",
            **env,
        }
        if "FORWARDED_ALLOW_IPS" not in env:
            environment.pop("FORWARDED_ALLOW_IPS", None)
        server = subprocess.Popen(  # noqa: S603 - fixed interpreter and arguments
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "deploy/gunicorn.conf.py",
                "mediasite.wsgi",
            ],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    # The whole remaining minute: a loaded machine (parallel test workers) may
                    # take longer than a few seconds to answer the first request.
                    wait = max(1.0, deadline - time.monotonic())
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=wait)
                    connection.request(
                        "GET",
                        "/api/v1/openapi.json",
                        headers={"Host": f"localhost:{port}", "X-Forwarded-Proto": "https"},
                    )
                    response = connection.getresponse()
                    response.read()
                    return response
                except (ConnectionRefusedError, http.client.RemoteDisconnected):
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.3)
        finally:
            server.terminate()
            server.wait(timeout=30)

    def test_the_header_from_the_trusted_proxy_means_https(self):
        response = self.request_via_gunicorn()  # default: 127.0.0.1 is the proxy
        self.assertEqual(response.status, 200)
        self.assertIn("max-age", response.getheader("Strict-Transport-Security", ""))

    def test_the_header_from_anybody_else_is_ignored(self):
        response = self.request_via_gunicorn(FORWARDED_ALLOW_IPS="10.255.255.1")
        self.assertEqual(response.status, 301)
        self.assertTrue(response.getheader("Location").startswith("https://"))

"""A real Varnish (Debian's varnishd) running deploy/varnish/default.vcl for a test.

``Varnishd(backend_port)`` compiles the VCL with the backend at 127.0.0.1:<port> (``web``
resolves only in docker-compose), listens on a free loopback port with a private ``-n``
folder and 32 MB of memory, and stops with :meth:`stop`. :func:`request` talks HTTP to
it, optionally from another loopback address (127.0.0.2 is outside the purge ACL).
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from mediasite.tests.tools import needs

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
needs_varnish = needs(
    Path(VARNISHD).exists(), "needs varnishd (Debian packages varnish, varnish-modules)"
)
OUTSIDE_ACL = "127.0.0.2"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def hit(self) -> bool:
        return self.headers.get("x-cache") == "HIT"


def request(port: int, path: str, *, method="GET", headers=None, source=None) -> Response:
    """One request to 127.0.0.1:``port`` with ``Host: localhost`` (the default Site)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, headers={"Host": "localhost", **(headers or {})})
        answer = connection.getresponse()
        body = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)
    finally:
        connection.close()


class Varnishd:
    def __init__(self, backend_port: int):
        self.folder = Path(tempfile.mkdtemp(prefix="varnish-test-"))
        self.folder.chmod(0o755)  # varnishd compiles and runs the VCL as its own user
        self.port = free_port()
        vcl = VCL.read_text().replace('.host = "web";', '.host = "127.0.0.1";')
        vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
        # Probe each second so a stopped or restarted origin is noticed within the test.
        vcl = vcl.replace(".interval = 5s;", ".interval = 1s;")
        self.vcl = self.folder / "edge.vcl"
        self.vcl.write_text(vcl)
        self.vcl.chmod(0o644)
        self.process = None

    def start(self) -> Varnishd:
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                VARNISHD,
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-n",
                str(self.folder / "n"),
                "-f",
                str(self.vcl),
                "-s",
                "malloc,32m",
                "-T",
                "127.0.0.1:0",
                "-p",
                "thread_pools=1",
                "-p",
                "thread_pool_min=5",
                "-p",
                "thread_pool_max=50",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.wait_until_healthy()
        return self

    def wait_until_healthy(self, timeout: float = 30) -> None:
        """Until the backend probe passes: /healthz answers 200 through Varnish."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"varnishd exited: {self.process.stdout.read().decode()[-2000:]}"
                )
            try:
                if request(self.port, "/healthz").status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Varnish never found its backend healthy")
            time.sleep(0.2)

    def get(self, path: str, **kwargs) -> Response:
        return request(self.port, path, **kwargs)

    def ban_everything(self) -> None:
        assert self.get("/", method="BAN").status == 200

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)

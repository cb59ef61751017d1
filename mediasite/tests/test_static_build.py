"""The production build: ``collectstatic`` with the real manifest storage, and gunicorn.

The test settings serve static files from the finders, so nothing else in the suite would
notice a file that production's ``CompressedManifestStaticFilesStorage`` refuses (a vendored
script naming a source map that is not shipped broke the Docker build and ``make stack``).
These tests run the same commands as the Dockerfile, in subprocesses with production settings.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from mediasite.tests.shared import once_per_run

SECRET_KEY = "Yq3vT8-production-secret-for-the-build-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2


def production_env(static_root: Path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mediasite.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "STATIC_ROOT": str(static_root),
        **extra,
    }


def _collectstatic(static_root: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=production_env(static_root),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=900,  # brotli and gzip copies of every file: minutes on a busy machine
    )
    return {"returncode": result.returncode, "output": result.stderr + result.stdout}


def collectstatic() -> tuple[Path, dict]:
    """``manage.py collectstatic`` into a temporary STATIC_ROOT, once per test run.

    Brotli and gzip copies of every file take a minute of CPU; the collectstatic and gunicorn
    tests only read the result, so every test process of the run shares one.
    """
    return once_per_run("collectstatic", _collectstatic)


class CollectstaticTests(SimpleTestCase):
    """``manage.py collectstatic`` as the Dockerfile runs it, into a temporary STATIC_ROOT."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root, cls.result = collectstatic()

    def manifest(self) -> dict:
        self.assertEqual(self.result["returncode"], 0, self.result["output"])
        return json.loads((self.root / "staticfiles.json").read_text())["paths"]

    def test_succeeds_with_the_production_storage(self):
        self.assertEqual(self.result["returncode"], 0, self.result["output"])
        self.assertTrue((self.root / "staticfiles.json").is_file())

    def test_maps_each_shipped_script_to_a_hashed_file(self):
        paths = self.manifest()
        for name in ["vendor/hls.js/hls.min.js", "js/user-state.js", "css/main.css"]:
            with self.subTest(name=name):
                hashed = paths[name]
                self.assertNotEqual(hashed, name)
                self.assertTrue((self.root / hashed).is_file(), hashed)
                # whitenoise's compressed copies sit beside it (.br needs the brotli package).
                self.assertTrue((self.root / f"{hashed}.gz").is_file(), hashed)
                self.assertTrue((self.root / f"{hashed}.br").is_file(), hashed)
        self.assertIn("js/player/index.js", paths)

    def test_player_modules_import_each_other_by_hashed_names(self):
        """The storage rewrites ``import … from "./x.js"`` and ``import("./x.js")``, so a deploy
        never mixes versions; boot.js (the one the pages load) reaches every module."""
        paths = self.manifest()
        hashed_names = set(paths.values())
        seen, todo = set(), [paths["js/player/boot.js"]]
        while todo:
            name = todo.pop()
            seen.add(name)
            text = (self.root / name).read_text()
            imports = re.findall(
                r"""^(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]""", text, re.M
            ) + re.findall(r"""\bimport\(\s*['"]([^'"]+)['"]\s*\)""", text)
            for url in imports:
                target = os.path.normpath(os.path.join(os.path.dirname(name), url))
                with self.subTest(module=name, imports=url):
                    self.assertTrue(
                        target in hashed_names, f"{name} imports {url}, not a hashed name"
                    )
                    self.assertTrue((self.root / target).is_file(), target)
                if target not in seen:
                    todo.append(target)
        # Every module in static/js/player/ is reached from boot.js.
        modules = {path.name for path in (settings.BASE_DIR / "static/js/player").glob("*.js")}
        reached = {
            paths_key.rsplit("/", 1)[-1] for paths_key, hashed in paths.items() if hashed in seen
        }
        self.assertEqual(reached, modules)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornTests(SimpleTestCase):
    """The image's command, ``gunicorn -c deploy/gunicorn.conf.py mediasite.wsgi``, boots."""

    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="mediasite-gunicorn-"))
        self.addCleanup(shutil.rmtree, self.root, ignore_errors=True)
        self.static_root, result = collectstatic()
        self.assertEqual(result["returncode"], 0, result["output"])

    def start(self, **extra) -> tuple[subprocess.Popen, str]:
        port = free_port()
        env = production_env(
            self.static_root,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            # Production refuses a Host naming a port it does not serve on.
            ALLOWED_HOST_PORTS=str(port),
            WEB_CONCURRENCY="1",
            GUNICORN_THREADS="2",
            # Plain http on loopback: no redirect to https for the static file below.
            SECURE_SSL_REDIRECT="false",
            # The real database when the suite has one, else a throwaway SQLite file.
            DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{self.root}/db.sqlite3",
            **extra,
        )
        log = (self.root / "gunicorn.log").open("w")
        self.addCleanup(log.close)
        process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, fixed arguments
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"]
            + ["mediasite.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.addCleanup(self.stop, process)
        return process, f"http://127.0.0.1:{port}"

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def get(self, process: subprocess.Popen, url: str, timeout: float = 60, headers=None):
        """GET ``url``, retrying while gunicorn starts; fails if gunicorn exits."""
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
        while True:
            if process.poll() is not None:
                self.fail(f"gunicorn exited ({process.returncode}):\n{self.log()}")
            try:
                # The rest of the deadline: a loaded machine may take more than seconds.
                wait = max(1.0, deadline - time.monotonic())
                with urllib.request.urlopen(request, timeout=wait) as response:  # noqa: S310
                    return response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as error:
                return error.code, dict(error.headers), error.read()
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    self.fail(f"gunicorn did not answer in {timeout} s:\n{self.log()}")
                time.sleep(0.3)

    def log(self) -> str:
        return (self.root / "gunicorn.log").read_text(errors="replace")[-3000:]

    def test_boots_with_production_settings_and_answers_healthz(self):
        # Lower case, as gunicorn's own --log-level takes it (Django's logging once refused it).
        process, base = self.start(LOG_LEVEL="warning")
        status, _headers, body = self.get(process, f"{base}/healthz")
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["checks"]["database"]["status"], "ok")

        manifest = json.loads((self.static_root / "staticfiles.json").read_text())["paths"]
        hashed = manifest["js/user-state.js"]
        status, headers, body = self.get(process, f"{base}/static/{hashed}")
        self.assertEqual(status, 200)
        self.assertIn("immutable", headers.get("Cache-Control", ""))
        self.assertIn(b"mediasite", body)

    def test_serves_hashed_files_compressed_and_cached_for_good(self):
        """whitenoise answers Accept-Encoding with the .br (brotli installed) or .gz copy."""
        process, base = self.start()
        manifest = json.loads((self.static_root / "staticfiles.json").read_text())["paths"]
        url = f"{base}/static/{manifest['vendor/hls.js/hls.min.js']}"
        plain = (self.static_root / manifest["vendor/hls.js/hls.min.js"]).stat().st_size
        for accept, encoding in [("gzip, deflate, br", "br"), ("gzip", "gzip")]:
            with self.subTest(accept=accept):
                status, headers, body = self.get(process, url, headers={"Accept-Encoding": accept})
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("Content-Encoding"), encoding)
                self.assertLess(len(body), plain / 2)
                self.assertEqual(
                    headers.get("Cache-Control"), "max-age=315360000, public, immutable"
                )
                self.assertIn("Accept-Encoding", headers.get("Vary", ""))

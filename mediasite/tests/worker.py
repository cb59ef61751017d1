"""A real Celery worker in a subprocess, for tests: the embedded default's settings
(mediasite.settings.dev on a temporary SQLite file, DEV_CELERY_WORKER=1) with kombu's
filesystem transport, as scripts/run_dev.sh runs it. The broker is a folder of the test's
own, so no other worker on the machine can take its tasks. Used by the video pipeline
(mediasite/tests/test_dev_worker.py), Wagtail's tasks (search/tests/test_task_worker.py) and
wagtail-localize's jobs (catalog/tests/test_translation_worker.py).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

# The dev settings, with the schema made from the models (no migrations to run).
SETTINGS = """
from mediasite.settings.dev import *  # noqa: F403


class _NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


MIGRATION_MODULES = _NoMigrations()
"""


class WorkerProcessMixin:
    """``self.tmp`` (a fresh folder with the settings), ``self.env``, and ways to run
    manage.py or a script (``_run``) and a worker (``_start_worker``) with them."""

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="dev-worker-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        (self.tmp / "worker_settings.py").write_text(SETTINGS)
        self.env = self._env()

    def _migrate(self) -> None:
        """The schema from the models (``--run-syncdb``): seconds, not a migration run."""
        migrate = self._run("manage.py", "migrate", "--run-syncdb", "-v0")
        self.assertEqual(migrate.returncode, 0, migrate.stderr)

    def _env(self) -> dict:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "REDIS_"))}
        for name in ("CELERY_BROKER_URL", "MEDIA_PRIVATE_BUCKET", "FRONTEND_CACHE_URL"):
            keep.pop(name, None)
        return {
            **keep,
            "PYTHONPATH": os.pathsep.join([str(self.tmp), str(settings.BASE_DIR)]),
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "DEV_CELERY_WORKER": "1",
            "DATABASE_URL": f"sqlite:///{self.tmp / 'db.sqlite3'}",
            "CELERY_BROKER_DIR": str(self.tmp / "broker"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "private-media"),
            "DEMO_MEDIA": "0",
        }

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
            [sys.executable, *args],
            env=self.env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def _start_worker(self) -> subprocess.Popen:
        log = (self.tmp / "worker.log").open("w")
        self.addCleanup(log.close)
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "mediasite", "worker", "--pool=solo"]
            + ["--without-mingle", "--without-gossip", "--loglevel=INFO"],
            env=self.env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.addCleanup(self._stop, worker)
        return worker

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _worker_log(self) -> str:
        return (self.tmp / "worker.log").read_text()

"""The embedded default used by ``make run``: SQLite, local files, eager tasks (or a worker)."""

import contextlib
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
DEMO_ACCOUNTS_ENABLED = env_bool("DEMO_ACCOUNTS_ENABLED", True)
API_DOCS_ENABLED = env_bool("API_DOCS_ENABLED", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve static files from the finders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# SQLite with a Celery worker beside the web process: wait for the other writer instead of
# failing with "database is locked", take the write lock when a transaction starts (no
# deadlock upgrading a read lock), and let readers (the admin's status poll) read during a write.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL;",
    )

# `make run` starts a Celery worker beside runserver (scripts/run_dev.sh sets
# DEV_CELERY_WORKER=1): tasks go through kombu's filesystem transport, which needs no
# service, so an upload returns at once and the admin shows the transcode's progress.
# Without it (a plain `manage.py runserver`) tasks run eagerly, inside the request.
DEV_CELERY_WORKER = env_bool("DEV_CELERY_WORKER", False)
if DEV_CELERY_WORKER:
    CELERY_BROKER_DIR = Path(env.get("CELERY_BROKER_DIR", BASE_DIR / "var" / "celery-broker"))
    CELERY_BROKER_URL = env.get("CELERY_BROKER_URL") or "filesystem://"
    CELERY_TASK_ALWAYS_EAGER = False
    if CELERY_BROKER_URL == "filesystem://":
        CELERY_BROKER_TRANSPORT_OPTIONS = {
            "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
            "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
            "control_folder": str(CELERY_BROKER_DIR / "control"),
            "polling_interval": 0.5,
        }
        for _folder in ("queue", "control"):
            (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403

"""Settings for the test suite.

``make test`` points DATABASE_URL, REDIS_URL and the S3 variables at the real
services it starts; with nothing set the suite falls back to the embedded
default so a single test can be run quickly.
"""

import os

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.get("SECRET_KEY") or "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DEMO_ACCOUNTS_ENABLED = True
API_DOCS_ENABLED = True
# Tests that load the demo catalog skip its videos; catalog/tests/test_demo_media.py makes them.
DEMO_MEDIA = False
# Tests that need a worker say so; everything else runs tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILFRONTENDCACHE = {}
EDGE_KEY_PURGERS = {}

# One test database per run, so parallel runs on one machine (a developer and CI, or
# two worktrees) never drop each other's database.
DATABASES["default"].setdefault("TEST", {})["NAME"] = (  # noqa: F405
    f"test_{DATABASES['default']['NAME'] or 'mediasite'}_{os.getpid()}"  # noqa: F405
    if DATABASES["default"]["ENGINE"].endswith("postgresql")  # noqa: F405
    else None
)

# Redis is shared between runs while database ids restart with each test database, so
# each run gets its own cache namespace (stale renditions or site roots never leak in).
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405

"""``/healthz``: is this process able to serve? Checks the database; reports cache and broker."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check()
        status = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is a health finding
        logger.warning("health check failed: %s", exc)
        detail, status = str(exc)[:200], "error"
    return {
        "status": status,
        "detail": detail,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache():
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return what was stored")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager (tasks run in-process)"
    from mediasite.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "reachable"


@never_cache
def healthz(request):
    """200 when the database answers; cache and broker problems are reported, not fatal."""
    checks = {"database": _timed(_database), "cache": _timed(_cache), "broker": _timed(_broker)}
    healthy = checks["database"]["status"] == "ok"
    body = {"status": "ok" if healthy else "error", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)

"""Handing work to the Celery workers once a transaction commits, whatever the broker does.

The broker is Redis, and a Redis outage must cost slower work, never a failed write
(docs/caching.md, "Faults"): the change is already committed when the task is sent, so an
exception there would only turn a saved publish into an error page. ``send`` retries a
blip for about a second; when the broker stays unreachable it logs and calls the caller's
``fallback`` (run the work here, in the request) or, without one, leaves the work to the
beat task that catches it up (alerts, notices, renditions made on first render).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

#: A broker blip is retried within about a second, then the fallback takes over.
SEND_RETRY_POLICY = {"max_retries": 3, "interval_start": 0.2, "interval_step": 0.2}


def send(task, args=(), kwargs=None, *, fallback: Callable[[], None] | None = None) -> bool:
    """Queue ``task``; True when queued. Unreachable broker: log, run ``fallback``, False."""
    try:
        task.apply_async(
            tuple(args), dict(kwargs or {}), retry=True, retry_policy=SEND_RETRY_POLICY
        )
        return True
    except OperationalError:
        if fallback is None:
            logger.warning("task queue unreachable: %s left to its catch-up run", task.name)
        else:
            logger.warning("task queue unreachable: %s runs in this request", task.name)
            fallback()
        return False


def send_on_commit(task, args=(), kwargs=None, *, fallback=None) -> None:
    """``send`` once the current transaction commits (at once outside one)."""
    args, kwargs = tuple(args), dict(kwargs or {})
    transaction.on_commit(lambda: send(task, args, kwargs, fallback=fallback))

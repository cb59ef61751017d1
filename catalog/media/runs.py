"""A run's hold on an asset: claiming it, its heartbeat, and how the run ends if not ready.

Every write here is a queryset ``update()`` of the worker's own columns, filtered on the
run's token (``task_id``) where the run may have been superseded, so it never overwrites an
editor's edits, and a superseded run notices at its next heartbeat.
"""

import logging
import time
import uuid

from django.db import transaction
from django.utils import timezone

from catalog.models import VideoAsset

from .errors import TEMPORARY_ERRORS

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 3.0
Status = VideoAsset.Status


class Superseded(Exception):
    """Another run owns the asset now (it was re-enqueued or deleted): stop quietly."""


def claim(asset_id: int, task_id: str | None) -> str | None:
    """Mark the asset processing under a run token, or return None if this run must not start."""
    with transaction.atomic():
        asset = VideoAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None or not may_start(asset, task_id):
            return None
        token = task_id or uuid.uuid4().hex
        now = timezone.now()
        _assets(asset_id).update(
            status=Status.PROCESSING,
            stage="starting",
            progress=0,
            error="",
            task_id=token,
            attempts=asset.attempts + 1,
            processing_started_at=now,
            heartbeat_at=now,
        )
    return token


def may_start(asset: VideoAsset, task_id: str | None) -> bool:
    """A live run (fresh heartbeat) is left alone; so is an old message while a newer one waits.

    A ready or failed asset may always be run again (each run publishes to a new prefix and
    removes the old one, so re-runs never leave duplicates).
    """
    if asset.status == Status.PROCESSING and not asset.is_stale:
        logger.info("video %s: already processing (task %s); skipping", asset.pk, asset.task_id)
        return False
    waiting_for_other = asset.status == Status.PENDING and asset.task_id
    if task_id and waiting_for_other and task_id != asset.task_id:
        logger.info("video %s: task %s superseded by %s", asset.pk, task_id, asset.task_id)
        return False
    return True


class Heartbeat:
    """Writes stage, progress and ``heartbeat_at`` at most every few seconds (or when forced)."""

    def __init__(self, asset_id: int, token: str, interval: float = HEARTBEAT_SECONDS):
        self.asset_id, self.token, self.interval = asset_id, token, interval
        self._last = 0.0

    def __call__(self, progress: float | None = None, *, stage: str | None = None) -> None:
        now = time.monotonic()
        if stage is None and now - self._last < self.interval:
            return
        self._last = now
        fields: dict = {"heartbeat_at": timezone.now()}
        if stage is not None:
            fields["stage"] = stage
        if progress is not None:
            fields["progress"] = max(0, min(99, int(progress)))
        if not _assets(self.asset_id).filter(task_id=self.token).update(**fields):
            raise Superseded

    def scaled(self, start: float, end: float):
        """A callback taking 0–100 that reports ``start``–``end`` percent overall."""
        return lambda percent: self(start + (end - start) * percent / 100)


def mark_failed(asset_id: int, token: str, reason: str) -> None:
    """The run ended for good: ``failed`` with a reason editors can read."""
    logger.warning("video %s failed: %s", asset_id, reason)
    _assets(asset_id).filter(task_id=token).update(
        status=Status.FAILED, stage="", error=reason, heartbeat_at=timezone.now()
    )


def interrupted(asset_id: int, token: str, exc: Exception, *, final_attempt: bool) -> None:
    """Record a temporary failure: pending (the task retries) or, on the last attempt, failed."""
    logger.warning("video %s interrupted: %r", asset_id, exc)
    if final_attempt or not isinstance(exc, TEMPORARY_ERRORS):
        status, error = Status.FAILED, f"Processing failed: {exc}"
    else:
        status = Status.PENDING
        error = f"A temporary problem interrupted processing ({exc}); it will be retried."
    _assets(asset_id).filter(task_id=token).update(status=status, stage="", error=error[:2000])


def _assets(asset_id: int):
    return VideoAsset.objects.filter(pk=asset_id)

"""What views and tasks call to start, retry and recover video processing."""

import uuid
from datetime import timedelta

from django.utils.translation import gettext as _
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalog.models import SubtitleTrack, VideoAsset
from catalog.storage import private_storage

from . import hls_storage

STUCK_MESSAGE = "The worker stopped responding (lost or killed); retry to process again."


def enqueue_video_processing(asset: VideoAsset) -> str:
    """Mark the asset pending under a new task id; the task is sent when the transaction commits.

    The new task id supersedes any earlier message or run for this asset (see
    ``runs.may_start``), so a changed source is processed once, from the newest file.
    """
    from catalog.tasks import process_video_asset

    task_id = uuid.uuid4().hex
    fields = {"status": VideoAsset.Status.PENDING, "task_id": task_id, "stage": ""}
    fields.update(progress=0, error="", heartbeat_at=None)
    VideoAsset.objects.filter(pk=asset.pk).update(**fields)
    for name, value in fields.items():
        setattr(asset, name, value)
    transaction.on_commit(lambda: process_video_asset.apply_async(args=[asset.pk], task_id=task_id))
    return task_id


def retry_video_processing(asset: VideoAsset) -> str:
    """Enqueue a failed or stuck asset again; ValidationError for any other state."""
    if not asset.can_retry:
        raise ValidationError(
            _("“%(asset)s” is %(status)s; only failed or stuck videos can be retried.")
            % {"asset": asset, "status": asset.get_status_display().lower()}
        )
    return enqueue_video_processing(asset)


def recover_stuck_video_assets(*, now=None) -> int:
    """Mark processing assets whose heartbeat is older than the threshold failed; returns how many.

    They are not re-enqueued automatically: a source that kills its worker (out of memory,
    say) would otherwise do so forever. Editors see the message and can retry.
    """
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.VIDEO_STUCK_AFTER_SECONDS)
    stale = Q(heartbeat_at__lt=cutoff) | Q(
        heartbeat_at__isnull=True, processing_started_at__lt=cutoff
    )
    return (
        VideoAsset.objects.filter(status=VideoAsset.Status.PROCESSING)
        .filter(stale)
        .update(status=VideoAsset.Status.FAILED, stage="", error=STUCK_MESSAGE)
    )


def delete_video_storage(*, asset_id: int, names: list[str]) -> None:
    """Delete a deleted asset's HLS output, and its source and subtitle files unless another
    video still uses them."""
    storage = private_storage()
    hls_storage.delete_prefix(storage, hls_storage.asset_root(asset_id))
    for name in names:
        if name and not _file_in_use(name):
            storage.delete(name)


def _file_in_use(name: str) -> bool:
    return (
        VideoAsset.objects.filter(source=name).exists()
        or SubtitleTrack.objects.filter(file=name).exists()
    )


def video_status(asset: VideoAsset) -> dict:
    """The status the admin polls: a JSON-ready summary of one asset."""
    return {
        "id": asset.pk,
        "status": asset.status,
        "label": asset.status_label,
        "stage": asset.stage,
        "progress": asset.progress,
        "error": asset.error,
        "stuck": asset.is_stale,
        "can_retry": asset.can_retry,
        "duration": asset.duration_display,
        "resolution": asset.resolution,
        "renditions": [rendition.get("name") for rendition in asset.renditions],
    }

"""Background jobs for the catalog."""

import logging

from django.conf import settings
from django.core.management import call_command

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from celery import shared_task

from catalog.media.errors import TEMPORARY_ERRORS

# wagtail-localize's jobs run in this task (catalog/translation/jobs.py); imported here so
# the worker, which discovers each app's tasks module, registers it.
from catalog.translation.tasks import run_localize_job  # noqa: F401

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def purge_urls(urls: list[str]) -> int:
    """Purge these absolute URLs from the frontend cache (a no-op when none is configured)."""
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.purge()
    return len(urls)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=12,
)
def purge_keys(keys: list[str]) -> int:
    """Purge these surrogate keys at every configured edge (catalog/clients/edge.py).

    Retried with backoff for about half an hour; purging a key twice is harmless.
    """
    from catalog.clients.edge import key_purgers

    for purger in key_purgers():
        purger.purge_keys(keys)
    return len(keys)


@shared_task
def publish_scheduled() -> None:
    """Publish and unpublish pages whose go-live or expiry time has passed."""
    call_command("publish_scheduled", verbosity=0)


# --- video processing -------------------------------------------------------------------------


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TEMPORARY_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    soft_time_limit=settings.VIDEO_TASK_TIME_LIMIT,
    time_limit=settings.VIDEO_TASK_TIME_LIMIT + 300,
)
def process_video_asset(self, asset_id: int) -> str:
    """Probe, transcode and publish one video as HLS (see catalog/media/pipeline.py).

    Bad media and transcode failures are not retried: they end as ``failed`` with the reason.
    """
    from catalog.media.pipeline import process_asset

    final_attempt = self.request.retries >= self.max_retries
    return process_asset(asset_id, task_id=self.request.id, final_attempt=final_attempt)


@shared_task
def recover_stuck_video_assets() -> int:
    """Fail videos whose worker stopped sending heartbeats, so editors can retry them."""
    from catalog.media.services import recover_stuck_video_assets as recover

    count = recover()
    if count:
        logger.warning("marked %s stuck video(s) failed", count)
    return count


@shared_task(autoretry_for=TEMPORARY_ERRORS, retry_backoff=True, max_retries=5)
def delete_video_files(asset_id: int, names: list[str]) -> None:
    """Remove a deleted video's HLS output, source and subtitles from private storage."""
    from catalog.media.services import delete_video_storage

    delete_video_storage(asset_id=asset_id, names=names)


# --- image renditions ---------------------------------------------------------------------------


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def generate_standard_renditions(page_id: int) -> int:
    """Pre-generate the renditions public templates use for a page's artwork (idempotent)."""
    from catalog.image_renditions import standard_renditions_generate

    page = Page.objects.filter(pk=page_id).first()
    return standard_renditions_generate(page=page.specific) if page else 0

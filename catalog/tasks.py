"""Background jobs for the catalog."""

import logging

from django.core.management import call_command

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from celery import shared_task

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


@shared_task
def publish_scheduled() -> None:
    """Publish and unpublish pages whose go-live or expiry time has passed."""
    call_command("publish_scheduled", verbosity=0)

"""Background jobs for engagement (the beat schedule is in settings: CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import smtplib

from wagtail.models import Page

from celery import shared_task

from catalog.purging import changed_urls, rating_keys
from catalog.tasks import purge_keys, purge_urls
from catalog.visibility import visible_pages
from engagement.services import alerts

RETRIED = {
    "autoretry_for": (smtplib.SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(**RETRIED)
def send_episode_alerts(episode_id: int) -> int:
    """Alerts for an episode just published (nothing when it is not playable yet)."""
    return alerts.episode_alerts_send(episode_id=episode_id)


@shared_task(**RETRIED)
def send_due_episode_alerts() -> int:
    """Alerts for episodes whose ``available_from`` (or publication) has just passed."""
    return alerts.due_alerts_send()


@shared_task(**RETRIED)
def send_alert_digests() -> int:
    """The daily digest: one e-mail per account with queued alerts."""
    return alerts.digests_send()


@shared_task(ignore_result=True)
def purge_rated_page(page_id: int) -> int:
    """Purge a rated page (and the pages listing it) so its cached HTML shows the new
    summary; scheduled at most once per page per ``RATING_PURGE_DELAY`` by
    ``engagement.services.ratings.schedule_purge``. A page no longer visible is skipped
    (unpublishing purged it already)."""
    purge_keys.delay(keys=rating_keys(page_id))
    page = visible_pages(Page.objects.filter(pk=page_id)).first()
    if page is None:
        return 0
    urls = changed_urls(page)
    if urls:
        purge_urls(urls)
    return len(urls)

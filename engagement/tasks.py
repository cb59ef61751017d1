"""Background jobs for engagement (the beat schedule is in settings: CELERY_BEAT_SCHEDULE)."""

import smtplib

from celery import shared_task

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

"""Background jobs for subscriptions (scheduled by Celery beat, see settings)."""

import logging
import smtplib

from celery import shared_task

from subscriptions import notices, services

logger = logging.getLogger(__name__)


@shared_task
def expire_subscriptions() -> int:
    """Expire subscriptions past their period (and grace); renew development ones."""
    count = services.subscriptions_expire_due()
    if count:
        logger.info("expired %d subscriptions", count)
    return count


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_subscription_notices() -> int:
    """Trial-ending, payment-failed and ended e-mails, each sent once."""
    return notices.send_due_notices()

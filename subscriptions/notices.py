"""E-mails about a subscription: trial ending, payment failed, subscription ended.

Each occasion is sent once: a :class:`SubscriptionNotice` row with a unique
(subscription, kind, key) is written in the same transaction as the send, so a
rerun, a second worker or a redelivered task finds the row and sends nothing; a
failed send rolls the row back and the next run tries again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from subscriptions.languages import in_language_of
from subscriptions.models import Subscription, SubscriptionNotice

logger = logging.getLogger(__name__)
S = Subscription.Status
Kind = SubscriptionNotice.Kind


def _key(moment: datetime | None) -> str:
    return moment.isoformat() if moment else "open"


def _candidates(now: datetime):
    """(kind, subscription, key) for every notice that may be due now."""
    subscriptions = Subscription.objects.select_related("plan", "user").filter(user__is_active=True)
    remind_from = now + timedelta(days=settings.TRIAL_REMINDER_DAYS)
    for sub in subscriptions.filter(
        status=S.TRIALING,
        cancel_at_period_end=False,
        trial_ends_at__gt=now,
        trial_ends_at__lte=remind_from,
    ):
        yield Kind.TRIAL_ENDING, sub, _key(sub.trial_ends_at)
    for sub in subscriptions.filter(status=S.PAST_DUE):
        yield Kind.PAYMENT_FAILED, sub, _key(sub.current_period_end)
    recently = now - timedelta(days=2)
    for sub in subscriptions.filter(status=S.EXPIRED, updated_at__gte=recently):
        yield Kind.EXPIRED, sub, _key(sub.current_period_end)


def _send(kind: str, subscription: Subscription) -> None:
    context = {
        "subscription": subscription,
        "plan": subscription.plan,
        "user": subscription.user,
        "account_url": settings.BASE_URL + reverse("account:home"),
        "plans_url": settings.BASE_URL + reverse("account:plans"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "grace_days": settings.SUBSCRIPTION_GRACE_DAYS,
    }
    with in_language_of(subscription.user):
        subject = render_to_string(f"subscriptions/email/{kind}_subject.txt", context)
        body = render_to_string(f"subscriptions/email/{kind}_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, [subscription.user.email])


def notice_send_once(*, kind: str, subscription: Subscription, key: str) -> bool:
    """Send ``kind`` about ``subscription`` for occasion ``key`` unless already sent."""
    try:
        with transaction.atomic():
            _, created = SubscriptionNotice.objects.get_or_create(
                subscription=subscription, kind=kind, key=key
            )
            if created:
                _send(kind, subscription)
    except IntegrityError:  # another worker is sending the same notice
        return False
    return created


def send_due_notices(*, now: datetime | None = None) -> int:
    """Send every notice due now; returns how many were sent. Safe to run repeatedly.

    One address that cannot be reached does not hold up the others: each failure is
    logged and the rest are sent; then the first failure is raised, so the task is
    retried (sent notices are not sent again).
    """
    now = now or timezone.now()
    sent, failures = 0, []
    for kind, subscription, key in list(_candidates(now)):
        try:
            if notice_send_once(kind=kind, subscription=subscription, key=key):
                sent += 1
        except Exception as exc:  # noqa: BLE001 - logged, others still sent, raised below
            logger.warning("%s notice for subscription %s failed", kind, subscription.pk)
            failures.append(exc)
    if failures:
        raise failures[0]
    return sent

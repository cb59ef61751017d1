"""Writes about subscriptions: start, renew, fall behind, end, grant for free."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from subscriptions.models import Plan, Subscription

COMP_GRANT_ACTION = "mediasite.comp_grant"


def period_length(plan: Plan) -> timedelta:
    return timedelta(days=365 if plan.interval == Plan.Interval.YEAR else 30)


@transaction.atomic
def subscription_activate(
    *,
    user,
    plan: Plan,
    provider: str,
    period_end: datetime | None,
    customer_id: str = "",
    subscription_id: str = "",
) -> Subscription:
    """Make ``plan`` the user's active subscription until ``period_end`` (None: no end)."""
    subscription, _ = Subscription.objects.select_for_update().update_or_create(
        user=user,
        defaults={
            "plan": plan,
            "status": Subscription.Status.ACTIVE,
            "current_period_end": period_end,
            "cancel_at_period_end": False,
            "provider": provider,
            "provider_customer_id": customer_id,
            "provider_subscription_id": subscription_id,
        },
    )
    return subscription


def subscription_start(
    *,
    user,
    plan: Plan,
    provider: str,
    customer_id: str = "",
    subscription_id: str = "",
    now: datetime | None = None,
) -> Subscription:
    """Make ``plan`` the user's active subscription for one period from now."""
    now = now or timezone.now()
    return subscription_activate(
        user=user,
        plan=plan,
        provider=provider,
        period_end=now + period_length(plan),
        customer_id=customer_id,
        subscription_id=subscription_id,
    )


@transaction.atomic
def subscription_grant_comp(
    *, user, plan: Plan, granted_by, period_end: datetime | None = None
) -> Subscription:
    """Give ``user`` ``plan`` for free (provider "comp"), recorded in Wagtail's audit log."""
    subscription = subscription_activate(
        user=user, plan=plan, provider=Subscription.Provider.COMP, period_end=period_end
    )
    log(
        subscription,
        COMP_GRANT_ACTION,
        user=granted_by,
        data={"plan": plan.slug, "user_id": user.pk},
    )
    return subscription


def subscription_mark_paid(*, subscription: Subscription, period_end: datetime) -> Subscription:
    subscription.status = Subscription.Status.ACTIVE
    if subscription.current_period_end is None or period_end > subscription.current_period_end:
        subscription.current_period_end = period_end
    subscription.save(update_fields=["status", "current_period_end", "updated_at"])
    return subscription


def subscription_mark_past_due(*, subscription: Subscription) -> Subscription:
    subscription.status = Subscription.Status.PAST_DUE
    subscription.save(update_fields=["status", "updated_at"])
    return subscription


def subscription_sync(
    *,
    subscription: Subscription,
    status: str,
    cancel_at_period_end: bool,
    period_end: datetime | None,
    plan: Plan | None = None,
) -> Subscription:
    """Take the provider's view of the subscription."""
    subscription.status = status
    subscription.cancel_at_period_end = cancel_at_period_end
    if period_end is not None:
        subscription.current_period_end = period_end
    if plan is not None:
        subscription.plan = plan
    subscription.save()
    return subscription


def subscription_end(
    *, subscription: Subscription, period_end: datetime | None = None, now: datetime | None = None
) -> Subscription:
    """Canceled while paid-up time remains, expired otherwise."""
    now = now or timezone.now()
    if period_end is not None:
        subscription.current_period_end = period_end
    remaining = subscription.current_period_end and subscription.current_period_end > now
    subscription.status = Subscription.Status.CANCELED if remaining else Subscription.Status.EXPIRED
    subscription.cancel_at_period_end = False
    subscription.save()
    return subscription

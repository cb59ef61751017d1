"""Reads about plans, subscriptions and billing events."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from subscriptions.models import BillingEvent, Plan, Subscription


def plan_list(*, active_only: bool = True):
    plans = Plan.objects.all()
    return plans.filter(is_active=True) if active_only else plans


def plan_by_slug(slug: str) -> Plan | None:
    return Plan.objects.filter(slug=slug).first()


def subscription_get_for_user(*, user) -> Subscription | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Subscription.objects.select_related("plan").filter(user=user).first()


def subscription_by_provider_id(
    *, provider: str, subscription_id: str = "", customer_id: str = ""
) -> Subscription | None:
    """The provider's subscription by its id, else by the provider's customer id."""
    rows = Subscription.objects.select_related("plan").select_for_update()
    if subscription_id:
        found = rows.filter(provider=provider, provider_subscription_id=subscription_id).first()
        if found:
            return found
    if customer_id:
        return rows.filter(provider=provider, provider_customer_id=customer_id).first()
    return None


def user_for_billing(*, user_id=None, email: str | None = None):
    users = get_user_model().objects.all()
    if user_id not in (None, ""):
        try:
            return users.filter(pk=int(user_id)).first()
        except (TypeError, ValueError):
            return None
    if email:
        return users.filter(email__iexact=str(email).strip()).first()
    return None


def billing_history(*, user, limit: int = 50):
    """The user's billing lines, newest first."""
    return BillingEvent.objects.filter(user=user).order_by("-received_at", "-pk")[:limit]

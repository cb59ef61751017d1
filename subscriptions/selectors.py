"""Reads about plans, subscriptions and billing events."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from subscriptions.models import BillingEvent, Plan, PlanCopy, Subscription


def plan_list(*, active_only: bool = True):
    plans = Plan.objects.all()
    return plans.filter(is_active=True) if active_only else plans


def plans_with_copy(plans, language: str | None = None) -> list[Plan]:
    """The plans, each with its viewer-facing texts (``display_name``, ``description``,
    ``display_features``) in ``language`` (default: the active one): one more query."""
    plans = list(plans)
    copies = PlanCopy.objects.for_plans([plan.pk for plan in plans], language)
    for plan in plans:
        plan.copy = copies.get(plan.pk)
    return plans


def plan_display_name(plan_id) -> Coalesce:
    """The plan's name for viewers as a query expression (for annotations elsewhere):
    its copy in the active language, else in the default locale, else its own name.
    ``plan_id`` is an expression such as ``OuterRef("minimum_plan_id")``."""

    def copy_in(language):
        rows = PlanCopy.objects.filter(plan_id=plan_id, locale__language_code=language)
        return Subquery(rows.values("name")[:1])

    own = Subquery(Plan.objects.filter(pk=plan_id).values("name")[:1])
    language = get_language() or settings.LANGUAGE_CODE
    return Coalesce(copy_in(language), copy_in(settings.LANGUAGE_CODE), own)


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

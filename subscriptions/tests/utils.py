"""Helpers for the subscriptions tests (no catalog imports here)."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress

from mediasite.tests.factories import UserFactory
from subscriptions.models import Plan, Subscription


def make_plan(slug="basic", tier=1, **extra) -> Plan:
    defaults = {"name": slug.title(), "tier": tier, "price": Decimal("5.00"), "currency": "EUR"}
    defaults.update(extra)
    return Plan.objects.create(slug=slug, **defaults)


def verified_user(**extra):
    user = UserFactory(**extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def subscribe(user, plan, status=Subscription.Status.ACTIVE, period_end=None, **extra):
    if period_end is None:
        period_end = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
    return Subscription.objects.create(
        user=user, plan=plan, status=status, current_period_end=period_end, **extra
    )

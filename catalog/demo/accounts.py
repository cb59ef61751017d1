"""Demo sign-ins for the embedded default (never in production).

They exist only where ``settings.DEMO_ACCOUNTS_ENABLED`` is true, all share
``settings.DEMO_PASSWORD``, and their e-mail addresses are marked verified so
allauth lets them sign in at once. Existing accounts keep their password.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from allauth.account.models import EmailAddress

from catalog.demo.report import Report
from subscriptions.models import Plan, Subscription
from subscriptions.services import subscription_start

DEFAULT_PASSWORD = "mediasite-demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str
    staff: bool = False
    superuser: bool = False
    groups: tuple[str, ...] = ()
    plan: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("admin@example.com", "Ada Admin", "superuser", staff=True, superuser=True),
    DemoAccount("editor@example.com", "Eddie Editor", "editor", staff=True, groups=("Editors",)),
    DemoAccount(
        "moderator@example.com", "Mo Moderator", "moderator", staff=True, groups=("Moderators",)
    ),
    DemoAccount("viewer@example.com", "Vi Viewer", "viewer, no plan"),
    DemoAccount("basic@example.com", "Bas Basic", "basic plan", plan="basic"),
    DemoAccount("premium@example.com", "Prem Premium", "premium plan", plan="premium"),
)


def demo_accounts_enabled() -> bool:
    return bool(getattr(settings, "DEMO_ACCOUNTS_ENABLED", False))


def demo_password() -> str:
    return getattr(settings, "DEMO_PASSWORD", DEFAULT_PASSWORD) or DEFAULT_PASSWORD


@transaction.atomic
def ensure_demo_accounts(*, report: Report) -> list[DemoAccount]:
    """Create the missing demo accounts, put them in their groups, verify their e-mail."""
    if not demo_accounts_enabled():
        return []
    for account in DEMO_ACCOUNTS:
        user, created = _get_or_create_user(account)
        _join_groups(user, account.groups)
        _verify_email(user)
        _give_plan(user, account.plan)
        report.record("account", created)
    return list(DEMO_ACCOUNTS)


def _get_or_create_user(account: DemoAccount):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=account.email).first()
    if user is not None:
        return user, False
    user = user_model.objects.create_user(
        email=account.email,
        password=demo_password(),
        display_name=account.display_name,
        is_staff=account.staff,
        is_superuser=account.superuser,
    )
    return user, True


def _join_groups(user, names: tuple[str, ...]) -> None:
    for name in names:
        group, _ = Group.objects.get_or_create(name=name)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)


# The demo plans (slug, name, tier, monthly price in EUR, features).
DEMO_PLANS = (
    ("basic", "Basic", 1, Decimal("5.99"), "All subscriber episodes\nHD video"),
    ("premium", "Premium", 2, Decimal("11.99"), "Everything in Basic\nEarly releases\n4K video"),
)


def ensure_demo_plans() -> dict[str, Plan]:
    """The Basic and Premium plans (also when demo accounts are off: episodes use them)."""
    plans = {}
    for slug, name, tier, price, features in DEMO_PLANS:
        plans[slug], _ = Plan.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "tier": tier,
                "price": price,
                "currency": "EUR",
                "features": features,
            },
        )
    return plans


def _give_plan(user, slug: str) -> None:
    """A monthly demo subscription from the development provider (never charges).

    Re-running the loader starts a new period once the old one has ended, so demo accounts
    keep their plan on a machine where no Celery beat renews them.
    """
    if not slug:
        return
    plan = ensure_demo_plans()[slug]
    current = Subscription.objects.filter(user=user).first()
    if (
        current
        and current.plan_id == plan.pk
        and current.status == Subscription.Status.ACTIVE
        and (current.current_period_end is None or current.current_period_end > timezone.now())
    ):
        return
    subscription_start(user=user, plan=plan, provider=Subscription.Provider.DEV)


def _verify_email(user) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])

"""Seed the demo plans and, in the embedded default only, the demo sign-ins.

The accounts exist only where ``settings.DEMO_ACCOUNTS_ENABLED`` is true, all share
``settings.DEMO_PASSWORD``, and their e-mail addresses are marked verified so allauth
lets them sign in at once. Existing accounts keep their password; existing plans are
left as they are.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from allauth.account.models import EmailAddress

from mediasite.demo import Report
from subscriptions.demo.content import AccountData, PlanData, SubscriptionsDemo, demo_content
from subscriptions.models import Plan, Subscription, SubscriptionState
from subscriptions.services import subscription_start

DEFAULT_PASSWORD = "mediasite-demo"  # noqa: S105 - the documented DEMO_PASSWORD default


def demo_accounts_enabled() -> bool:
    return bool(getattr(settings, "DEMO_ACCOUNTS_ENABLED", False))


def demo_password() -> str:
    return getattr(settings, "DEMO_PASSWORD", DEFAULT_PASSWORD) or DEFAULT_PASSWORD


@transaction.atomic
def seed_demo(*, report: Report, content: SubscriptionsDemo | None = None) -> list[AccountData]:
    """The demo plans, then the demo accounts where enabled; returns the accounts seeded."""
    content = content or demo_content()
    plans = ensure_demo_plans(content.plans, report=report)
    return ensure_demo_accounts(content.accounts, plans=plans, report=report)


def ensure_demo_plans(items: tuple[PlanData, ...], *, report: Report) -> dict[str, Plan]:
    """Every demo plan, by slug (also when demo accounts are off: demo episodes use them)."""
    plans = {}
    for item in items:
        plans[item.slug], created = Plan.objects.get_or_create(
            slug=item.slug,
            defaults={
                "name": item.name,
                "tier": item.tier,
                "price": item.price,
                "currency": item.currency,
                "features": "\n".join(item.features),
            },
        )
        report.record("plan", created)
    return plans


def ensure_demo_accounts(
    items: tuple[AccountData, ...], *, plans: dict[str, Plan], report: Report
) -> list[AccountData]:
    """Create the missing demo accounts, put them in their groups, verify their e-mail."""
    if not demo_accounts_enabled():
        return []
    for account in items:
        user, created = _get_or_create_user(account)
        _join_groups(user, account.groups)
        _verify_email(user)
        if account.plan:
            _give_plan(user, plans[account.plan])
        report.record("account", created)
    return list(items)


def _get_or_create_user(account: AccountData):
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


def _give_plan(user, plan: Plan) -> None:
    """A monthly demo subscription from the development provider (never charges).

    Re-running the loader starts a new period once the old one has ended, so demo accounts
    keep their plan on a machine where no Celery beat renews them.
    """
    current = Subscription.objects.filter(user=user).first()
    if current and current.plan_id == plan.pk and current.state() is SubscriptionState.RUNNING:
        return
    subscription_start(user=user, plan=plan, provider=Subscription.Provider.DEV)


def _verify_email(user) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])

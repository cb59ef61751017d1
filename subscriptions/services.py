"""Writes about subscriptions: choose a plan, change it, cancel, renew, fall behind, end.

The account area, the expiry job and ``billing_services`` (webhooks) call these;
nothing else writes a :class:`Subscription`. Billing providers only report what
happened at the payment side (:mod:`subscriptions.billing.outcomes`); the functions
here write it down. Each function takes the user or subscription it acts on (the
account views always pass ``request.user``) and raises :class:`SubscriptionError`
with a sentence for people when the change is not allowed.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.log_actions import log
from wagtail.models import Locale

from subscriptions.billing.outcomes import CheckoutRedirect, PaymentOutcome
from subscriptions.errors import SubscriptionError
from subscriptions.models import BillingEvent, Plan, PlanCopy, Subscription

COMP_GRANT_ACTION = "mediasite.comp_grant"
S = Subscription.Status


@transaction.atomic
def subscription_activate(
    *,
    user,
    plan: Plan,
    provider: str,
    period_end: datetime | None,
    customer_id: str = "",
    subscription_id: str = "",
    trial_ends_at: datetime | None = None,
) -> Subscription:
    """Make ``plan`` the user's subscription until ``period_end`` (None: no end).

    Active, or trialing when ``trial_ends_at`` is given. A trial once taken stays
    recorded on the row, so the next subscription gets none.
    """
    defaults = {
        "plan": plan,
        "status": Subscription.Status.TRIALING if trial_ends_at else Subscription.Status.ACTIVE,
        "current_period_end": period_end,
        "cancel_at_period_end": False,
        "canceled_at": None,
        "provider": provider,
        "provider_customer_id": customer_id,
        "provider_subscription_id": subscription_id,
    }
    if trial_ends_at:
        defaults["trial_ends_at"] = trial_ends_at
    subscription, _ = Subscription.objects.select_for_update().update_or_create(
        user=user, defaults=defaults
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
        period_end=now + plan.period_length,
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


def record_billing_event(
    *,
    user,
    provider: str,
    type: str,
    description: str,
    amount: Decimal | None = None,
    currency: str = "",
) -> BillingEvent:
    """A line of the user's billing history for something that happened on our side."""
    return BillingEvent.objects.create(
        provider=provider,
        event_id=f"{provider}_{uuid.uuid4().hex}",
        type=type,
        user=user,
        amount=amount,
        currency=currency,
        description=description[:200],
        processed_at=timezone.now(),
    )


def _locked_subscription_of(user) -> Subscription | None:
    """The user's subscription, locked; the user's row is locked first, so two requests
    for a user without a subscription yet (a double-submitted checkout) queue up too."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    return Subscription.objects.select_for_update().select_related("plan").filter(user=user).first()


def _managed_here(subscription: Subscription) -> None:
    """Refuse changes to a subscription a payment provider manages off-site (Stripe)."""
    from subscriptions.billing import managed_on_site

    if not managed_on_site(subscription.provider):
        raise SubscriptionError(
            gettext(
                "Your subscription is billed through %(provider)s; "
                "change or cancel it there, or contact us."
            )
            % {"provider": subscription.get_provider_display()}
        )


def is_changeable(subscription: Subscription | None, now: datetime) -> bool:
    """Running (``Subscription.is_running``, grace included) and not ended by the provider:
    a plan change moves it; otherwise choosing a plan starts anew.

    A subscription the provider canceled (status canceled, paid-up time left) is not:
    choosing a plan starts a new one.
    """
    return (
        subscription is not None
        and subscription.is_running(now)
        and subscription.status != S.CANCELED
    )


def checkout_allowed(*, user, plan: Plan) -> None:
    """Raise :class:`SubscriptionError` unless ``user`` may start paying for ``plan``."""
    from subscriptions.entitlements import email_verified

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise SubscriptionError(gettext("Sign in to choose a plan."))
    if not email_verified(user):
        raise SubscriptionError(gettext("Verify your e-mail address before you subscribe."))
    if not plan.is_active:
        raise SubscriptionError(gettext("That plan is no longer offered."))


@transaction.atomic
def plan_choose(
    *, user, plan: Plan, provider, now: datetime | None = None
) -> Subscription | CheckoutRedirect:
    """Start, change or resume the user's subscription so that it is ``plan``.

    New (or ended) subscriptions go through ``provider.checkout``, and so does choosing
    a paid plan over a complimentary grant; a running subscription of ``provider`` is
    moved to the new plan (``provider.change_plan`` charges for it; upgrade or
    downgrade at once, the period end kept, a pending cancellation withdrawn); choosing
    the current plan of a subscription set to cancel resumes it. Subscriptions another
    provider bills (Stripe) are changed there.
    """
    now = now or timezone.now()
    checkout_allowed(user=user, plan=plan)
    current = _locked_subscription_of(user)
    if not is_changeable(current, now):
        return _checkout(user=user, plan=plan, provider=provider, previous=current, now=now)
    if current.plan_id == plan.pk:
        if current.cancel_at_period_end:
            return subscription_resume(user=user, now=now)
        raise SubscriptionError(
            gettext("You are already on the %(plan)s plan.") % {"plan": plan.name}
        )
    if current.provider == Subscription.Provider.COMP:
        return _checkout(user=user, plan=plan, provider=provider, previous=current, now=now)
    if current.provider != provider.name:
        _managed_here(current)
    outcome = provider.change_plan(subscription=current, plan=plan, now=now)
    return subscription_change_plan(subscription=current, plan=plan, outcome=outcome)


def _checkout(*, user, plan: Plan, provider, previous, now: datetime):
    """Ask the provider to take the money; a redirect goes back to the view, a payment
    made at once starts the plan here."""
    trial_end = trial_end_for(plan=plan, previous=previous, now=now)
    outcome = provider.checkout(
        user=user, plan=plan, previous=previous, trial_ends_at=trial_end, now=now
    )
    if isinstance(outcome, CheckoutRedirect):
        return outcome
    return subscription_checked_out(user=user, plan=plan, provider=provider.name, outcome=outcome)


def _with_note(description: str, outcome: PaymentOutcome) -> str:
    return f"{description}, {outcome.note}" if outcome.note else description


@transaction.atomic
def subscription_checked_out(
    *, user, plan: Plan, provider: str, outcome: PaymentOutcome
) -> Subscription:
    """Start ``plan`` as the provider's checkout reports it paid (or its trial begun)."""
    subscription = subscription_activate(
        user=user,
        plan=plan,
        provider=provider,
        period_end=outcome.period_end,
        trial_ends_at=outcome.trial_ends_at,
    )
    what = (
        f"{plan.trial_days}-day trial"
        if outcome.trial_ends_at
        else plan.get_interval_display().lower()
    )
    record_billing_event(
        user=user,
        provider=provider,
        type="checkout.completed",
        description=_with_note(f"{plan.name} ({what})", outcome),
        amount=outcome.amount,
        currency=outcome.currency,
    )
    return subscription


@transaction.atomic
def subscription_change_plan(
    *, subscription: Subscription, plan: Plan, outcome: PaymentOutcome
) -> Subscription:
    """Move a running subscription to ``plan`` at once; choosing a plan means wanting it,
    so a pending cancellation is withdrawn. The period end stays."""
    before = subscription.plan
    subscription.plan = plan
    subscription.cancel_at_period_end = False
    subscription.canceled_at = None
    subscription.save(update_fields=["plan", "cancel_at_period_end", "canceled_at", "updated_at"])
    direction = (
        "Upgraded"
        if plan.tier > before.tier
        else "Downgraded"
        if plan.tier < before.tier
        else "Changed"
    )
    description = f"{direction} from {before.name} to {plan.name}"
    if subscription.status == S.TRIALING:
        description += " (trial continues)"
    else:
        description = _with_note(description, outcome)
    record_billing_event(
        user=subscription.user,
        provider=subscription.provider,
        type="subscription.plan_changed",
        description=description,
        amount=outcome.amount,
        currency=outcome.currency,
    )
    return subscription


def trial_end_for(*, plan: Plan, previous: Subscription | None, now: datetime):
    """When a new subscription's trial ends, or None: one trial per person, ever."""
    if not plan.trial_days or (previous is not None and previous.trial_ends_at is not None):
        return None
    return now + timedelta(days=plan.trial_days)


@transaction.atomic
def subscription_cancel(*, user, now: datetime | None = None) -> Subscription:
    """Cancel at the end of the paid period; at once when the subscription has no end or
    its period is already over (in grace, where only a renewal would have continued it)."""
    now = now or timezone.now()
    subscription = _locked_subscription_of(user)
    if not is_changeable(subscription, now):
        raise SubscriptionError(gettext("You have no subscription to cancel."))
    _managed_here(subscription)
    if subscription.cancel_at_period_end:
        raise SubscriptionError(gettext("Your subscription is already set to end."))
    subscription.canceled_at = now
    end = subscription.current_period_end
    if end is None or end <= now:  # no end, or in grace: no renewal comes any more
        subscription.status = S.EXPIRED
        subscription.current_period_end = now
        description = f"{subscription.plan.name}: canceled, ended at once"
    else:
        subscription.cancel_at_period_end = True
        when = timezone.localtime(subscription.current_period_end).date().isoformat()
        description = f"{subscription.plan.name}: canceled, runs until {when}"
    subscription.save()
    record_billing_event(
        user=user,
        provider=subscription.provider,
        type="subscription.canceled",
        description=description,
    )
    return subscription


@transaction.atomic
def subscription_resume(*, user, now: datetime | None = None) -> Subscription:
    """Undo a cancellation while the period still runs."""
    now = now or timezone.now()
    subscription = _locked_subscription_of(user)
    running = subscription is not None and subscription.is_running(now)
    if not running or not subscription.cancel_at_period_end:
        raise SubscriptionError(gettext("Your subscription is not set to end."))
    _managed_here(subscription)
    subscription.cancel_at_period_end = False
    subscription.canceled_at = None
    subscription.save()
    record_billing_event(
        user=user,
        provider=subscription.provider,
        type="subscription.resumed",
        description=f"{subscription.plan.name}: cancellation withdrawn",
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
    trial_ends_at: datetime | None = None,
) -> Subscription:
    """Take the provider's view of the subscription."""
    subscription.status = status
    if trial_ends_at is not None:
        subscription.trial_ends_at = trial_ends_at
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
    subscription.canceled_at = subscription.canceled_at or now
    subscription.save()
    return subscription


def subscriptions_due_to_expire(now: datetime):
    """Subscriptions whose time is up (``Subscription.state`` ended) but not yet marked so."""
    return Subscription.objects.ended(now).exclude(status=S.EXPIRED)


def subscriptions_renew_due(*, now: datetime | None = None) -> int:
    """Start the next period of every running subscription whose period ended, for
    providers that renew on our side (the development one); returns how many."""
    from subscriptions.billing import PROVIDERS

    now = now or timezone.now()
    renewed = 0
    for provider in PROVIDERS.values():
        if not provider.renews_on_site:
            continue
        due = Subscription.objects.filter(
            status__in=[S.ACTIVE, S.TRIALING],
            provider=provider.name,
            cancel_at_period_end=False,
            current_period_end__lte=now,
        )
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                # Re-check under the row lock: another run may have renewed it meanwhile.
                subscription = (
                    due.select_for_update().select_related("plan", "user").filter(pk=pk).first()
                )
                if subscription is None:
                    continue
                outcome = provider.renewal(subscription=subscription, now=now)
                if outcome is not None:
                    subscription_renewed(subscription=subscription, outcome=outcome)
                    renewed += 1
    return renewed


def subscription_renewed(*, subscription: Subscription, outcome: PaymentOutcome) -> Subscription:
    """A renewal the provider took on our side: active until the outcome's period end."""
    subscription.status = S.ACTIVE
    subscription.current_period_end = outcome.period_end
    subscription.save(update_fields=["status", "current_period_end", "updated_at"])
    until = outcome.period_end.date().isoformat()
    record_billing_event(
        user=subscription.user,
        provider=subscription.provider,
        type="invoice.paid",
        description=_with_note(f"{subscription.plan.name} renewed until {until}", outcome),
        amount=outcome.amount,
        currency=outcome.currency,
    )
    return subscription


def subscriptions_expire_due(*, now: datetime | None = None) -> int:
    """Mark every subscription whose time is up as expired; returns how many. Idempotent.

    Runs from Celery beat. Subscriptions renewed on our side (the development
    provider, which never charges) are renewed first, so only real lapses expire.
    """
    now = now or timezone.now()
    subscriptions_renew_due(now=now)
    expired = 0
    for pk in subscriptions_due_to_expire(now).values_list("pk", flat=True):
        with transaction.atomic():
            # Re-check under the row lock: a webhook may have renewed it meanwhile.
            subscription = (
                subscriptions_due_to_expire(now).select_for_update().filter(pk=pk).first()
            )
            if subscription is None:
                continue
            subscription.status = S.EXPIRED
            subscription.cancel_at_period_end = False
            subscription.save(update_fields=["status", "cancel_at_period_end", "updated_at"])
            expired += 1
    return expired


def subscription_end_for_deleted_account(*, user, now: datetime | None = None) -> None:
    """An account being deleted stops its subscription at once (no further renewals),
    at the payment provider first; raises :class:`SubscriptionError` if that fails."""
    from subscriptions.billing import get_provider

    now = now or timezone.now()
    subscription = _locked_subscription_of(user)
    if subscription is None or subscription.status == S.EXPIRED:
        return
    provider = get_provider(subscription.provider)
    if provider is not None:
        provider.cancel_now(subscription=subscription)  # may refuse: nothing is deleted then
    Subscription.objects.filter(pk=subscription.pk).update(
        status=S.EXPIRED,
        cancel_at_period_end=False,
        canceled_at=subscription.canceled_at or now,
        current_period_end=now,
        updated_at=now,
    )


def plan_copy_ensure(*, plan: Plan) -> PlanCopy:
    """The plan's viewer-facing texts in the default locale, made from the plan's own
    name and features when missing (what editors translate, docs/localisation.md)."""
    copy, _created = PlanCopy.objects.get_or_create(
        plan=plan,
        locale=Locale.get_default(),
        defaults={"name": plan.name, "features": plan.features},
    )
    return copy

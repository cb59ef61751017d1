"""Services for what payment providers tell us by webhook: record each event once, apply it.

The webhook view (``subscriptions/webhooks.py``) verifies the signature and calls
:func:`billing_event_record_and_apply`; the provider's ``read_event`` says what the
event reports (:mod:`subscriptions.billing.outcomes`) and the functions here make the
change with ``subscriptions.services``. Each (provider, event id) is applied once: the
:class:`BillingEvent` row, unique on the pair, is claimed under a row lock, so a
replay or a concurrent redelivery finds it processed and changes nothing.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from mediasite import queueing
from subscriptions import selectors, services
from subscriptions.billing.base import BillingProvider, WebhookEvent
from subscriptions.billing.outcomes import (
    CheckoutCompleted,
    EventFact,
    PaymentFailed,
    PaymentReceived,
    SubscriptionChanged,
    SubscriptionEnded,
    SubscriptionRef,
)
from subscriptions.errors import WebhookError
from subscriptions.models import BillingEvent, Subscription

logger = logging.getLogger(__name__)

#: A signed event whose fields have shapes we did not expect.
UNEXPECTED_SHAPE = "The event's data has an unexpected shape."


def billing_event_record_and_apply(*, provider: BillingProvider, event: WebhookEvent) -> bool:
    """Record a verified event and apply it once; False when it was already processed.

    Raises :class:`WebhookError` (to be answered with 400) when the event cannot be
    applied; no subscription is changed then, and the event is kept unprocessed with
    its error, so a redelivery may retry it.
    """
    try:
        with transaction.atomic():
            return _record_and_apply(provider, event)
    except WebhookError as exc:
        _record_failure(provider.name, event, exc.message)
        raise
    except (TypeError, KeyError, IndexError, AttributeError, ValueError) as exc:
        logger.exception("billing event %s:%s could not be read", provider.name, event.id)
        _record_failure(provider.name, event, UNEXPECTED_SHAPE)
        raise WebhookError(UNEXPECTED_SHAPE) from exc


def _record_and_apply(provider: BillingProvider, event: WebhookEvent) -> bool:
    record = _claim(provider.name, event)
    if record.processed_at is not None:
        return False
    fact = provider.read_event(event)
    subscription = billing_event_apply(provider=provider.name, fact=fact) if fact else None
    summary = provider.summarize(event)
    if subscription is not None:
        record.user_id = subscription.user_id
        if subscription.status == Subscription.Status.PAST_DUE:
            transaction.on_commit(_send_notices_soon)
    record.amount = summary.get("amount")
    record.currency = summary.get("currency", "")
    record.description = summary.get("description", "")[:200]
    record.processed_at = timezone.now()
    record.error = ""
    record.save()
    return True


def billing_event_apply(*, provider: str, fact: EventFact) -> Subscription:
    """Make the change a provider's event reports; returns the subscription it concerns."""
    if isinstance(fact, CheckoutCompleted):
        return _checkout_completed(provider, fact)
    subscription = _subscription_for(provider, fact.ref)
    if isinstance(fact, PaymentReceived):
        return services.subscription_mark_paid(
            subscription=subscription, period_end=fact.period_end
        )
    if isinstance(fact, PaymentFailed):
        return services.subscription_mark_past_due(subscription=subscription)
    if isinstance(fact, SubscriptionChanged):
        return services.subscription_sync(
            subscription=subscription,
            status=fact.status,
            cancel_at_period_end=fact.cancel_at_period_end,
            period_end=fact.period_end,
            plan=_plan(fact.plan_slug, "No plan matches the price's metadata.plan.")
            if fact.plan_slug
            else None,
            trial_ends_at=fact.trial_ends_at,
        )
    if isinstance(fact, SubscriptionEnded):
        return services.subscription_end(subscription=subscription, period_end=fact.period_end)
    raise TypeError(f"Unknown billing event fact: {fact!r}")


def _checkout_completed(provider: str, fact: CheckoutCompleted) -> Subscription:
    user = selectors.user_for_billing(user_id=fact.user_id or None, email=fact.email)
    if user is None:
        raise WebhookError("No user matches the checkout metadata.")
    return services.subscription_start(
        user=user,
        plan=_plan(fact.plan_slug, "No plan matches metadata.plan."),
        provider=provider,
        customer_id=fact.customer_id,
        subscription_id=fact.subscription_id,
    )


def _plan(slug: str, missing: str):
    plan = selectors.plan_by_slug(slug)
    if plan is None:
        raise WebhookError(missing)
    return plan


def _subscription_for(provider: str, ref: SubscriptionRef) -> Subscription:
    subscription = selectors.subscription_by_provider_id(
        provider=provider, subscription_id=ref.subscription_id, customer_id=ref.customer_id
    )
    if subscription is None:
        raise WebhookError("No subscription matches this event.")
    return subscription


def _send_notices_soon() -> None:
    """Tell the subscriber about a failed payment now rather than at the next beat run."""
    from subscriptions.tasks import send_subscription_notices

    queueing.send(send_subscription_notices)  # the broker down: beat sends it on its next run


def _claim(provider: str, event: WebhookEvent) -> BillingEvent:
    """The event's row, locked; created if this is the first delivery."""
    try:
        with transaction.atomic():
            BillingEvent.objects.get_or_create(
                provider=provider,
                event_id=event.id,
                defaults={"type": event.type, "payload": event.payload},
            )
    except IntegrityError:  # a concurrent delivery created it first
        pass
    return BillingEvent.objects.select_for_update().get(provider=provider, event_id=event.id)


def _record_failure(provider: str, event: WebhookEvent, message: str) -> None:
    """Keep a failed (unprocessed) event with its error, so a redelivery may retry it."""
    logger.warning("billing event %s:%s refused: %s", provider, event.id, message)
    record, _ = BillingEvent.objects.get_or_create(
        provider=provider,
        event_id=event.id,
        defaults={"type": event.type, "payload": event.payload},
    )
    if record.processed_at is None:
        record.error = message
        record.save(update_fields=["error"])

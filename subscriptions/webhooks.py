"""``POST /api/v1/billing/webhook/<provider>``: signed provider events, verified and idempotent.

A plain Django view (the body must be read raw to check its signature). Every verified
event is recorded as a :class:`BillingEvent`; each (provider, event id) is applied
once, and a replay of a processed event answers 200 without changing anything.
Forged, stale or malformed deliveries answer 400 ``{"detail": …}`` and change no
subscription (the event is applied inside a transaction that is rolled back).
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from subscriptions.billing import WebhookError, get_provider
from subscriptions.models import BillingEvent

logger = logging.getLogger(__name__)


def _detail(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


@csrf_exempt
@require_POST
def billing_webhook(request, provider: str):
    billing = get_provider(provider)
    if billing is None or not billing.handles_webhooks:
        return _detail(404, "No such billing provider.")
    try:
        event = billing.verify_webhook(headers=request.headers, body=request.body)
    except WebhookError as exc:
        return _detail(400, exc.message)

    try:
        with transaction.atomic():
            record = _claim(provider, event)
            if record.processed_at is not None:
                return JsonResponse({"detail": "Already processed.", "duplicate": True})
            subscription = billing.apply_event(event)
            summary = billing.summarize(event)
            if subscription is not None:
                record.user_id = subscription.user_id
                if subscription.status == subscription.Status.PAST_DUE:
                    transaction.on_commit(_send_notices_soon)
            record.amount = summary.get("amount")
            record.currency = summary.get("currency", "")
            record.description = summary.get("description", "")[:200]
            record.processed_at = timezone.now()
            record.error = ""
            record.save()
    except WebhookError as exc:
        _record_failure(provider, event, exc.message)
        return _detail(400, exc.message)
    except (TypeError, KeyError, IndexError, AttributeError, ValueError):
        # A signed event whose fields have unexpected shapes: refuse it, keep it for a look.
        logger.exception("billing event %s:%s could not be read", provider, event.id)
        message = "The event's data has an unexpected shape."
        _record_failure(provider, event, message)
        return _detail(400, message)
    return JsonResponse({"detail": "Processed.", "duplicate": False})


def _send_notices_soon() -> None:
    """Tell the subscriber about a failed payment now rather than at the next beat run."""
    from subscriptions.tasks import send_subscription_notices

    try:
        send_subscription_notices.delay()
    except Exception:  # the broker is down: beat sends it on its next run
        logger.warning("could not queue subscription notices", exc_info=True)


def _claim(provider: str, event) -> BillingEvent:
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


def _record_failure(provider: str, event, message: str) -> None:
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

"""``POST /api/v1/billing/webhook/<provider>``: signed provider events, verified and idempotent.

A plain Django view (the body must be read raw to check its signature). It verifies
the delivery with the provider and hands the event to
``billing_services.billing_event_record_and_apply``, which records every verified event
as a :class:`BillingEvent` and applies each (provider, event id) once; a replay of a
processed event answers 200 without changing anything. Forged, stale or malformed
deliveries answer 400 ``{"detail": …}`` and change no subscription.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from subscriptions.billing import get_provider
from subscriptions.billing_services import billing_event_record_and_apply
from subscriptions.errors import WebhookError


def _detail(status: int, detail: str, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)


@csrf_exempt
@require_POST
def billing_webhook(request, provider: str):
    billing = get_provider(provider)
    if billing is None or not billing.handles_webhooks:
        return _detail(404, "No such billing provider.")
    try:
        event = billing.verify_webhook(headers=request.headers, body=request.body)
        applied = billing_event_record_and_apply(provider=billing, event=event)
    except WebhookError as exc:
        return _detail(400, exc.message)
    if not applied:
        return _detail(200, "Already processed.", duplicate=True)
    return _detail(200, "Processed.", duplicate=False)

"""Stripe: Checkout and the customer portal out, signed webhooks in; no SDK.

Choosing a plan creates a Checkout Session (``stripe_api.post``) and sends the subscriber
to Stripe's page; what happens next arrives as webhooks, which are the only thing that
changes a Stripe-billed subscription here: ``read_event`` says what each one reports
(:mod:`subscriptions.billing.outcomes`) and ``subscriptions.billing_services`` applies it.

Signature: header ``Stripe-Signature: t=<unix time>,v1=<hex>`` (several ``v1`` may be
present) where ``hex = HMAC-SHA256(secret, f"{t}.{raw_body}")``. Deliveries older or
newer than :data:`TOLERANCE_SECONDS` are refused. The secret is
``settings.STRIPE_WEBHOOK_SECRET``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings

from subscriptions.billing import stripe_api
from subscriptions.billing.base import BillingProvider, WebhookEvent
from subscriptions.billing.outcomes import (
    CheckoutCompleted,
    CheckoutRedirect,
    PaymentFailed,
    PaymentReceived,
    SubscriptionChanged,
    SubscriptionEnded,
    SubscriptionRef,
)
from subscriptions.errors import SubscriptionError, WebhookError

logger = logging.getLogger(__name__)

TOLERANCE_SECONDS = 300
SIGNATURE_HEADER = "Stripe-Signature"

# Stripe's subscription statuses onto ours.
STATUS_MAP = {
    "trialing": "trialing",
    "active": "active",
    "past_due": "past_due",
    "unpaid": "past_due",
    "incomplete": "past_due",
    "paused": "past_due",
    "canceled": "canceled",
    "incomplete_expired": "expired",
}


def webhook_secret() -> str:
    return getattr(settings, "STRIPE_WEBHOOK_SECRET", "") or ""


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header value for ``payload`` (used by tests and tools)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def _parse_header(header: str) -> tuple[int, list[str]]:
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise WebhookError("Malformed signature header.") from None
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise WebhookError("Malformed signature header.")
    return timestamp, signatures


def verify_signature(*, header: str | None, body: bytes, secret: str, now: float | None = None):
    if not header:
        raise WebhookError("Missing signature header.")
    timestamp, signatures = _parse_header(header)
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise WebhookError("Signature timestamp outside the tolerance window.")
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookError("Signature does not match.")


# Currencies Stripe counts in whole units rather than cents.
ZERO_DECIMAL_CURRENCIES = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                           "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}  # fmt: skip
DESCRIPTIONS = {
    "checkout.session.completed": "Subscription started",
    "invoice.paid": "Payment received",
    "invoice.payment_failed": "Payment failed",
    "customer.subscription.created": "Subscription created",
    "customer.subscription.updated": "Subscription updated",
    "customer.subscription.deleted": "Subscription ended",
}


def _dict(value, what: str) -> dict:
    """An optional object: absent is empty, anything but an object is refused."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise WebhookError(f"{what} must be an object.")
    return value


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise WebhookError(f"{what} must be a list.")
    return value


def _object_of(event: WebhookEvent) -> dict:
    data = event.payload.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise WebhookError("Missing data.object.")
    return obj


def _timestamp(value, what: str) -> datetime:
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise WebhookError(f"Missing or invalid {what}.") from None


def _require(mapping, key: str, what: str | None = None):
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if value in (None, ""):
        raise WebhookError(f"Missing {what or key}.")
    return value


UNREACHABLE = "We could not reach our payment provider; please try again shortly."


def _unavailable(exc: stripe_api.StripeAPIError, what: str):
    logger.error("Stripe %s failed: %s", what, exc.message)
    return SubscriptionError(UNREACHABLE)


def _redirect_url(response: dict) -> str:
    url = response.get("url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        logger.error("Stripe answered without a usable url: %r", response)
        raise SubscriptionError(UNREACHABLE)
    return url


class StripeProvider(BillingProvider):
    name = "stripe"
    label = "Stripe"
    handles_webhooks = True

    # -- sending subscribers to Stripe ---------------------------------------------

    def checkout(self, *, user, plan, previous=None, trial_ends_at=None, now=None):
        if not stripe_api.secret_key():
            raise SubscriptionError("Online payment is not set up yet; contact us.")
        if not plan.stripe_price_id:
            raise SubscriptionError(f"{plan.name} cannot be bought online yet.")
        base = settings.BASE_URL
        metadata = {"user_id": str(user.pk), "plan": plan.slug}
        params = {
            "mode": "subscription",
            "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
            "success_url": f"{base}/account/?checkout=done",
            "cancel_url": f"{base}/account/plans/",
            "client_reference_id": str(user.pk),
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
        }
        customer = previous.provider_customer_id if previous is not None else ""
        if customer and previous.provider == self.name:
            params["customer"] = customer
        else:
            params["customer_email"] = user.email
        if trial_ends_at:
            params["subscription_data"]["trial_period_days"] = plan.trial_days
        try:
            session = stripe_api.post("/v1/checkout/sessions", params)
        except stripe_api.StripeAPIError as exc:
            raise _unavailable(exc, "checkout") from exc
        return CheckoutRedirect(url=_redirect_url(session))

    def cancel_now(self, *, subscription) -> None:
        sub_id = subscription.provider_subscription_id
        if not sub_id or subscription.status == subscription.Status.EXPIRED:
            return
        try:
            stripe_api.delete(f"/v1/subscriptions/{quote(sub_id, safe='')}")
        except stripe_api.StripeAPIError as exc:
            if exc.status == 404:  # already gone at Stripe
                return
            raise _unavailable(exc, "cancellation") from exc

    def portal_url(self, *, subscription, return_url: str) -> str:
        if not subscription.provider_customer_id:
            raise SubscriptionError("Your billing details are not available yet.")
        params = {"customer": subscription.provider_customer_id, "return_url": return_url}
        try:
            session = stripe_api.post("/v1/billing_portal/sessions", params)
        except stripe_api.StripeAPIError as exc:
            raise _unavailable(exc, "billing portal") from exc
        return _redirect_url(session)

    def verify_webhook(self, *, headers, body: bytes) -> WebhookEvent:
        secret = webhook_secret()
        if not secret:
            raise WebhookError("webhook not configured")
        verify_signature(header=headers.get(SIGNATURE_HEADER), body=body, secret=secret)
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise WebhookError("The body is not valid JSON.") from None
        if not isinstance(payload, dict):
            raise WebhookError("The body is not a JSON object.")
        event_id = _require(payload, "id", "event id")
        event_type = _require(payload, "type", "event type")
        if not isinstance(event_id, str) or not isinstance(event_type, str):
            raise WebhookError("Event id and type must be strings.")
        return WebhookEvent(id=event_id, type=event_type, payload=payload)

    # -- reading events -----------------------------------------------------------

    def read_event(self, event: WebhookEvent):
        reader = READERS.get(event.type)
        if reader is None:
            return None
        return reader(_object_of(event))

    def summarize(self, event: WebhookEvent) -> dict:
        """Amount and a description for the billing history (invoices only)."""
        if not event.type.startswith("invoice."):
            return {"description": DESCRIPTIONS.get(event.type, event.type)}
        obj = _object_of(event)
        currency = str(obj.get("currency") or "").upper()[:3]
        cents = obj.get("amount_paid") if event.type == "invoice.paid" else obj.get("amount_due")
        amount = None
        if isinstance(cents, int) and not isinstance(cents, bool) and currency:
            amount = Decimal(cents) / (1 if currency in ZERO_DECIMAL_CURRENCIES else 100)
        return {
            "description": DESCRIPTIONS.get(event.type, event.type),
            "amount": amount,
            "currency": currency,
        }


def _string(mapping: dict, key: str, what: str | None = None) -> str:
    """An optional id or slug: absent is empty, anything but a string or number is refused."""
    value = mapping.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise WebhookError(f"{what or key} must be a string.")
    return str(value)


def _ref(obj: dict, key: str) -> SubscriptionRef:
    return SubscriptionRef(subscription_id=_string(obj, key), customer_id=_string(obj, "customer"))


def _checkout_completed(obj: dict) -> CheckoutCompleted:
    metadata = obj.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise WebhookError("Missing metadata.")
    _require(metadata, "plan", "metadata.plan")
    return CheckoutCompleted(
        plan_slug=_string(metadata, "plan", "metadata.plan"),
        user_id=_string(metadata, "user_id", "metadata.user_id"),
        email=_string(metadata, "email", "metadata.email") or _string(obj, "customer_email"),
        customer_id=_string(obj, "customer"),
        subscription_id=_string(obj, "subscription"),
    )


def _invoice_paid(obj: dict) -> PaymentReceived:
    period_end = obj.get("period_end")
    lines = _list(_dict(obj.get("lines"), "lines").get("data"), "lines.data")
    if lines and isinstance(lines[0], dict) and isinstance(lines[0].get("period"), dict):
        period_end = lines[0]["period"].get("end", period_end)
    return PaymentReceived(
        ref=_ref(obj, "subscription"),
        period_end=_timestamp(period_end, "invoice period end"),
    )


def _invoice_failed(obj: dict) -> PaymentFailed:
    return PaymentFailed(ref=_ref(obj, "subscription"))


def _subscription_updated(obj: dict) -> SubscriptionChanged:
    status = _require(obj, "status")
    status = STATUS_MAP.get(status) if isinstance(status, str) else None
    if status is None:
        raise WebhookError("Unknown subscription status.")
    period_end = obj.get("current_period_end")
    first = (_list(_dict(obj.get("items"), "items").get("data"), "items.data") or [None])[0]
    slug = ""
    if isinstance(first, dict):
        period_end = period_end or first.get("current_period_end")
        price = _dict(first.get("price"), "price")
        metadata = _dict(price.get("metadata"), "price.metadata")
        if metadata.get("plan") is not None and not isinstance(metadata["plan"], str):
            raise WebhookError("The price's metadata.plan must be a string.")
        slug = metadata.get("plan") or ""
    trial_end = obj.get("trial_end")
    return SubscriptionChanged(
        ref=_ref(obj, "id"),
        status=status,
        cancel_at_period_end=bool(obj.get("cancel_at_period_end", False)),
        period_end=_timestamp(period_end, "current_period_end") if period_end else None,
        plan_slug=slug,
        trial_ends_at=_timestamp(trial_end, "trial_end") if trial_end else None,
    )


def _subscription_deleted(obj: dict) -> SubscriptionEnded:
    period_end = obj.get("current_period_end")
    return SubscriptionEnded(
        ref=_ref(obj, "id"),
        period_end=_timestamp(period_end, "current_period_end") if period_end else None,
    )


# What each event type we act on reports.
READERS = {
    "checkout.session.completed": _checkout_completed,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _invoice_failed,
    "customer.subscription.created": _subscription_updated,
    "customer.subscription.updated": _subscription_updated,
    "customer.subscription.deleted": _subscription_deleted,
}

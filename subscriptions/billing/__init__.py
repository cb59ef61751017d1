"""Billing providers behind one interface (see :mod:`subscriptions.billing.base`).

``get_provider(name)`` returns the provider registered under ``name`` or ``None``.
Providers: ``dev`` (activates a plan at once and never charges) and ``stripe``
(a Stripe-compatible webhook adapter; no SDK, no network).
"""

from subscriptions.billing.base import BillingProvider, WebhookError, WebhookEvent
from subscriptions.billing.dev import DevProvider
from subscriptions.billing.stripe import StripeProvider

PROVIDERS: dict[str, BillingProvider] = {
    DevProvider.name: DevProvider(),
    StripeProvider.name: StripeProvider(),
}


def get_provider(name: str) -> BillingProvider | None:
    return PROVIDERS.get(name)


def checkout_provider() -> BillingProvider:
    """The provider that takes subscribers' money (``settings.BILLING_PROVIDER``)."""
    from django.conf import settings

    return PROVIDERS[settings.BILLING_PROVIDER]


__all__ = [
    "BillingProvider",
    "WebhookError",
    "WebhookEvent",
    "checkout_provider",
    "get_provider",
    "PROVIDERS",
]

"""Billing providers behind one interface (see :mod:`subscriptions.billing.base`).

``get_provider(name)`` returns the provider registered under ``name`` or ``None``.
Providers: ``dev`` (activates a plan at once and never charges) and ``stripe``
(Checkout, the customer portal and webhooks; no SDK). Providers report what happened
at the payment side (:mod:`subscriptions.billing.outcomes`); they never write to the
database nor import the services.
"""

from subscriptions.billing.base import BillingProvider, WebhookEvent
from subscriptions.billing.dev import DevProvider
from subscriptions.billing.outcomes import CheckoutRedirect, PaymentOutcome
from subscriptions.billing.stripe import StripeProvider
from subscriptions.errors import WebhookError

PROVIDERS: dict[str, BillingProvider] = {
    DevProvider.name: DevProvider(),
    StripeProvider.name: StripeProvider(),
}


def get_provider(name: str) -> BillingProvider | None:
    return PROVIDERS.get(name)


def managed_on_site(provider_name: str) -> bool:
    """Whether cancel, resume and plan changes for such a subscription happen here.

    Complimentary grants and the development provider: yes. A payment provider that
    bills off-site (Stripe): no, its customer portal does it and its webhooks tell us.
    """
    if provider_name == "comp":
        return True
    provider = PROVIDERS.get(provider_name)
    return bool(provider and provider.manages_on_site)


def checkout_provider() -> BillingProvider:
    """The provider that takes subscribers' money (``settings.BILLING_PROVIDER``)."""
    from django.conf import settings

    return PROVIDERS[settings.BILLING_PROVIDER]


__all__ = [
    "BillingProvider",
    "CheckoutRedirect",
    "PaymentOutcome",
    "WebhookError",
    "WebhookEvent",
    "checkout_provider",
    "managed_on_site",
    "get_provider",
    "PROVIDERS",
]

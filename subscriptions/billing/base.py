"""The interface every billing provider implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class WebhookError(Exception):
    """A webhook that must be refused with 400: forged, stale or malformed.

    ``message`` is safe to show to the caller.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckoutRedirect:
    """The subscriber pays on the provider's page at ``url``; its webhook starts the plan."""

    url: str


@dataclass(frozen=True)
class WebhookEvent:
    """A verified event: its provider-wide unique id, its type and its decoded payload."""

    id: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)


class BillingProvider:
    """One way of taking money (or not).

    ``verify_webhook`` authenticates and decodes a delivery, raising
    :class:`WebhookError`; ``apply_event`` changes subscriptions accordingly (inside
    the caller's transaction) and raises :class:`WebhookError` when the event lacks
    what it needs. ``checkout`` starts a subscription for a user, if the provider can
    do that without leaving the site.
    """

    name: str = ""
    charges_money: bool = True
    handles_webhooks: bool = False
    #: cancel/resume/plan changes are made by our own services (else at the provider)
    manages_on_site: bool = False
    label: str = ""

    def verify_webhook(self, *, headers, body: bytes) -> WebhookEvent:
        raise WebhookError(f"The {self.name} provider does not accept webhooks.")

    def apply_event(self, event: WebhookEvent):
        """Apply a verified event; return the subscription it changed, if any.

        Unknown types are ignored (they are still recorded).
        """
        return None

    def summarize(self, event: WebhookEvent) -> dict:
        """``description`` (and ``amount``, ``currency`` for payments) for the billing history."""
        return {"description": event.type}

    def checkout(self, *, user, plan, previous=None, now=None):
        """Start ``plan`` for ``user`` (``previous``: their ended subscription, if any).

        Called by ``services.plan_choose`` inside its transaction, after the checks.
        Returns the started Subscription, or a :class:`CheckoutRedirect` to the
        provider's payment page. Raises ``services.SubscriptionError`` when it cannot.
        """
        from subscriptions.services import SubscriptionError

        raise SubscriptionError("Online sign-up for plans is not available yet; contact us.")

    def renew_due(self, *, now=None) -> int:
        """Renew subscriptions whose period ended, for providers that renew on our side
        (called by the expiry job); a provider that bills off-site renews by webhook."""
        return 0

    def cancel_now(self, *, subscription) -> None:
        """Stop billing at the provider at once (an account is being deleted).

        Raises ``services.SubscriptionError`` if that cannot be done right now.
        """

    def portal_url(self, *, subscription, return_url: str) -> str:
        """Where the subscriber manages an off-site subscription (cards, plan, cancel)."""
        from subscriptions.services import SubscriptionError

        raise SubscriptionError("Contact us to change your billing details.")

    def change_plan(self, *, subscription, plan, now=None):
        """Move a running subscription to another plan."""
        from subscriptions.services import SubscriptionError

        raise SubscriptionError(
            "Plan changes for this subscription are made with our billing team."
        )

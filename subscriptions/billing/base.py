"""The interface every billing provider implements.

A provider talks to the payment side and reports what happened there
(:mod:`subscriptions.billing.outcomes`); it never writes to our database and never
imports the services, which make every change (``subscriptions.services``,
``subscriptions.billing_services``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from subscriptions.billing.outcomes import CheckoutRedirect, EventFact, PaymentOutcome
from subscriptions.errors import SubscriptionError, WebhookError

__all__ = ["BillingProvider", "CheckoutRedirect", "WebhookError", "WebhookEvent"]


@dataclass(frozen=True)
class WebhookEvent:
    """A verified event: its provider-wide unique id, its type and its decoded payload."""

    id: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)


class BillingProvider:
    """One way of taking money (or not).

    ``verify_webhook`` authenticates and decodes a delivery, raising
    :class:`WebhookError`; ``read_event`` says what a verified event reports, raising
    :class:`WebhookError` when it lacks what it needs. ``checkout`` starts paying for a
    plan, on the site or on the provider's page.
    """

    name: str = ""
    charges_money: bool = True
    handles_webhooks: bool = False
    #: cancel/resume/plan changes are made by our own services (else at the provider)
    manages_on_site: bool = False
    #: its subscriptions are renewed by the expiry job (``renewal``), not by webhook
    renews_on_site: bool = False
    label: str = ""

    def verify_webhook(self, *, headers, body: bytes) -> WebhookEvent:
        raise WebhookError(f"The {self.name} provider does not accept webhooks.")

    def read_event(self, event: WebhookEvent) -> EventFact | None:
        """What a verified event reports, or None for types we do not act on (they are
        still recorded)."""
        return None

    def summarize(self, event: WebhookEvent) -> dict:
        """``description`` (and ``amount``, ``currency`` for payments) for the billing history."""
        return {"description": event.type}

    def checkout(
        self, *, user, plan, previous=None, trial_ends_at=None, now=None
    ) -> PaymentOutcome | CheckoutRedirect:
        """Start paying for ``plan`` (``previous``: the user's ended subscription, if any;
        ``trial_ends_at``: the trial our rules grant, if any).

        Called by ``services.plan_choose`` after its checks. Returns what was paid when
        it is done at once, or a :class:`CheckoutRedirect` to the provider's payment page.
        Raises :class:`SubscriptionError` when it cannot.
        """
        raise SubscriptionError(_("Online sign-up for plans is not available yet; contact us."))

    def change_plan(self, *, subscription, plan, now=None) -> PaymentOutcome:
        """Charge (or not) for moving a running subscription to another plan."""
        raise SubscriptionError(
            _("Plan changes for this subscription are made with our billing team.")
        )

    def renewal(self, *, subscription, now) -> PaymentOutcome | None:
        """Take the next period's payment for a subscription whose period ended, for
        providers that renew on our side; None: not renewed."""
        return None

    def cancel_now(self, *, subscription) -> None:
        """Stop billing at the provider at once (an account is being deleted).

        Raises :class:`SubscriptionError` if that cannot be done right now.
        """

    def portal_url(self, *, subscription, return_url: str) -> str:
        """Where the subscriber manages an off-site subscription (cards, plan, cancel)."""
        raise SubscriptionError(_("Contact us to change your billing details."))

"""What a billing provider reports about the payment side; services write the rest.

Providers never write to the database: ``checkout``, ``change_plan`` and ``renewal``
return a :class:`PaymentOutcome` (or a :class:`CheckoutRedirect`), and ``read_event``
turns a verified webhook into one of the event facts below, which
``subscriptions.billing_services`` applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class CheckoutRedirect:
    """The subscriber pays on the provider's page at ``url``; its webhook starts the plan."""

    url: str


@dataclass(frozen=True)
class PaymentOutcome:
    """Done at the payment side: ``amount`` taken (or not: ``note`` says why), and for a
    checkout or a renewal the time paid up to (``period_end``; None: no end)."""

    amount: Decimal | None = None
    currency: str = ""
    note: str = ""
    period_end: datetime | None = None
    trial_ends_at: datetime | None = None


@dataclass(frozen=True)
class SubscriptionRef:
    """How the provider names a subscription: its id, else its customer's."""

    subscription_id: str = ""
    customer_id: str = ""


@dataclass(frozen=True)
class CheckoutCompleted:
    """The subscriber paid on the provider's page for the plan ``plan_slug``."""

    plan_slug: str
    user_id: str = ""
    email: str = ""
    customer_id: str = ""
    subscription_id: str = ""


@dataclass(frozen=True)
class PaymentReceived:
    """A payment went through: the subscription is paid up to ``period_end``."""

    ref: SubscriptionRef
    period_end: datetime


@dataclass(frozen=True)
class PaymentFailed:
    """A payment did not go through: the subscription is past due."""

    ref: SubscriptionRef


@dataclass(frozen=True)
class SubscriptionChanged:
    """The provider's view of the subscription (status already in our terms)."""

    ref: SubscriptionRef
    status: str
    cancel_at_period_end: bool = False
    period_end: datetime | None = None
    plan_slug: str = ""
    trial_ends_at: datetime | None = None


@dataclass(frozen=True)
class SubscriptionEnded:
    """The provider ended the subscription (paid-up time may remain until ``period_end``)."""

    ref: SubscriptionRef
    period_end: datetime | None = None


EventFact = (
    CheckoutCompleted | PaymentReceived | PaymentFailed | SubscriptionChanged | SubscriptionEnded
)

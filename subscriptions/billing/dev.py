"""The development provider: choosing a plan activates it at once. NEVER CHARGES ANYTHING.

Every outcome it reports says so (the services put that on each billing line). Its
subscriptions renew at the end of each period (``renewal``, asked by the expiry job)
unless the subscriber canceled; a trial turns into a paid-for (not charged) period.
"""

from __future__ import annotations

from django.utils import timezone

from subscriptions.billing.base import BillingProvider
from subscriptions.billing.outcomes import PaymentOutcome

NOT_CHARGED = "not charged: development billing"


class DevProvider(BillingProvider):
    """For the embedded default and tests: no payment, no webhook, clearly labelled."""

    name = "dev"
    label = "Development billing – no money is charged"
    charges_money = False
    manages_on_site = True
    renews_on_site = True

    def checkout(self, *, user, plan, previous=None, trial_ends_at=None, now=None):
        now = now or timezone.now()
        return PaymentOutcome(
            amount=0 if trial_ends_at else plan.price,
            currency=plan.currency,
            note=NOT_CHARGED,
            period_end=trial_ends_at or now + plan.period_length,
            trial_ends_at=trial_ends_at,
        )

    def change_plan(self, *, subscription, plan, now=None):
        trialing = subscription.status == subscription.Status.TRIALING
        return PaymentOutcome(
            amount=0 if trialing else plan.price, currency=plan.currency, note=NOT_CHARGED
        )

    def renewal(self, *, subscription, now):
        """The next period that covers ``now``, never charged."""
        plan = subscription.plan
        end = subscription.current_period_end
        while end <= now:
            end += plan.period_length
        return PaymentOutcome(
            amount=plan.price, currency=plan.currency, note=NOT_CHARGED, period_end=end
        )

"""The development provider: choosing a plan activates it at once. NEVER CHARGES ANYTHING."""

from __future__ import annotations

from subscriptions.billing.base import BillingProvider


class DevProvider(BillingProvider):
    """For the embedded default and tests: no payment, no webhook, clearly labelled."""

    name = "dev"
    label = "Development billing – no money is charged"
    charges_money = False

    def checkout(self, *, user, plan):
        from subscriptions import services

        return services.subscription_start(user=user, plan=plan, provider=self.name)

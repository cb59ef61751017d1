"""The development provider: choosing a plan activates it at once. NEVER CHARGES ANYTHING.

Every line it writes to the billing history says so. Its subscriptions renew
themselves at the end of each period (``renew_due``, from the expiry job) unless
the subscriber canceled; a trial turns into a paid-for (not charged) period.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from subscriptions.billing.base import BillingProvider

NOT_CHARGED = "not charged: development billing"


class DevProvider(BillingProvider):
    """For the embedded default and tests: no payment, no webhook, clearly labelled."""

    name = "dev"
    label = "Development billing – no money is charged"
    charges_money = False
    manages_on_site = True

    def checkout(self, *, user, plan, previous=None, now=None):
        from subscriptions import services

        now = now or timezone.now()
        trial_end = services.trial_end_for(plan=plan, previous=previous, now=now)
        subscription = services.subscription_activate(
            user=user,
            plan=plan,
            provider=self.name,
            period_end=trial_end or now + services.period_length(plan),
            trial_ends_at=trial_end,
        )
        what = f"{plan.trial_days}-day trial" if trial_end else plan.get_interval_display().lower()
        services.record_billing_event(
            user=user,
            provider=self.name,
            type="checkout.completed",
            description=f"{plan.name} ({what}), {NOT_CHARGED}",
            amount=0 if trial_end else plan.price,
            currency=plan.currency,
        )
        return subscription

    def change_plan(self, *, subscription, plan, now=None):
        from subscriptions import services

        before = subscription.plan
        subscription.plan = plan
        # Choosing a plan means wanting it: a pending cancellation is withdrawn.
        subscription.cancel_at_period_end = False
        subscription.canceled_at = None
        subscription.save(
            update_fields=["plan", "cancel_at_period_end", "canceled_at", "updated_at"]
        )
        direction = (
            "Upgraded"
            if plan.tier > before.tier
            else "Downgraded"
            if plan.tier < before.tier
            else "Changed"
        )
        trialing = subscription.status == subscription.Status.TRIALING
        services.record_billing_event(
            user=subscription.user,
            provider=self.name,
            type="subscription.plan_changed",
            description=f"{direction} from {before.name} to {plan.name}"
            + (" (trial continues)" if trialing else f", {NOT_CHARGED}"),
            amount=0 if trialing else plan.price,
            currency=plan.currency,
        )
        return subscription

    def renew_due(self, *, now=None) -> int:
        """Start the next period of every running dev subscription whose period ended."""
        from subscriptions import services
        from subscriptions.models import Subscription

        now = now or timezone.now()
        status = Subscription.Status
        due = Subscription.objects.filter(
            Q(status__in=[status.ACTIVE, status.TRIALING]),
            provider=self.name,
            cancel_at_period_end=False,
            current_period_end__lte=now,
        )
        renewed = 0
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                subscription = (
                    due.select_for_update().select_related("plan", "user").filter(pk=pk).first()
                )
                if subscription is None:
                    continue
                plan = subscription.plan
                period = services.period_length(plan)
                end = subscription.current_period_end
                while end <= now:
                    end += period
                subscription.status = status.ACTIVE
                subscription.current_period_end = end
                subscription.save(update_fields=["status", "current_period_end", "updated_at"])
                services.record_billing_event(
                    user=subscription.user,
                    provider=self.name,
                    type="invoice.paid",
                    description=f"{plan.name} renewed until {end.date().isoformat()}, {NOT_CHARGED}",
                    amount=plan.price,
                    currency=plan.currency,
                )
                renewed += 1
        return renewed

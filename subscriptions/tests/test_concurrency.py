"""Two requests at once for the same subscriber (a double-clicked "Choose"): one checkout;
the same webhook event delivered twice at once: applied once.

Runs on the real database with two threads, each with its own connection; the user row
lock in ``services._locked_subscription_of`` makes the second wait and then see the first's
subscription.
"""

import threading

from django.db import connection, connections
from django.test import override_settings

from mediasite.tests.threads import ThreadsTestCase
from subscriptions import services
from subscriptions.billing import get_provider
from subscriptions.billing.base import WebhookEvent
from subscriptions.billing_services import billing_event_record_and_apply
from subscriptions.models import BillingEvent, Plan, Subscription
from subscriptions.tests.utils import make_plan, verified_user


class DoubleCheckoutTests(ThreadsTestCase):
    def test_two_simultaneous_choices_make_one_subscription_and_one_billing_line(self):
        self.assertEqual(connection.vendor, "postgresql")
        plan = make_plan("basic")
        user = verified_user()
        barrier = threading.Barrier(2)
        outcomes = []

        def choose():
            try:
                barrier.wait(timeout=10)
                services.plan_choose(user=user, plan=plan, provider=get_provider("dev"))
                outcomes.append("subscribed")
            except services.SubscriptionError as exc:
                outcomes.append(exc.message)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=choose) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(sorted(outcomes), ["You are already on the Basic plan.", "subscribed"])
        self.assertEqual(Subscription.objects.filter(user=user).count(), 1)
        self.assertEqual(BillingEvent.objects.filter(type="checkout.completed").count(), 1)


@override_settings(STRIPE_WEBHOOK_SECRET="whsec_test")
class DoubleDeliveryTests(ThreadsTestCase):
    """Stripe delivers the same event twice at once: it is applied once."""

    def test_two_simultaneous_deliveries_apply_the_event_once(self):
        self.assertEqual(connection.vendor, "postgresql")
        make_plan("basic")
        user = verified_user()
        payload = {
            "id": "evt_twice",
            "type": "invoice.paid",
            "data": {"object": {"subscription": "sub_1", "period_end": 4102444800}},
        }
        subscription = Subscription.objects.create(
            user=user,
            plan=Plan.objects.get(slug="basic"),
            status=Subscription.Status.PAST_DUE,
            provider="stripe",
            provider_subscription_id="sub_1",
        )
        event = WebhookEvent(id="evt_twice", type="invoice.paid", payload=payload)
        barrier = threading.Barrier(2)
        applied = []

        def deliver():
            try:
                barrier.wait(timeout=10)
                applied.append(
                    billing_event_record_and_apply(provider=get_provider("stripe"), event=event)
                )
            finally:
                connections.close_all()

        threads = [threading.Thread(target=deliver) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(sorted(applied), [False, True])
        self.assertEqual(BillingEvent.objects.filter(event_id="evt_twice").count(), 1)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, Subscription.Status.ACTIVE)

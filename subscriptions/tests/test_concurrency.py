"""Two requests at once for the same subscriber (a double-clicked "Choose"): one checkout.

Runs on the real database with two threads, each with its own connection; the user row
lock in ``services._locked_subscription_of`` makes the second wait and then see the first's
subscription.
"""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.test import TransactionTestCase

from subscriptions import services
from subscriptions.billing import get_provider
from subscriptions.models import BillingEvent, Subscription
from subscriptions.tests.utils import make_plan, verified_user


class DoubleCheckoutTests(TransactionTestCase):
    # Other TransactionTestCases flush the database and recreate content types with new ids:
    # restore the migrations' rows and forget cached content type ids (Wagtail's reference
    # index writes them when a subscription is saved).
    serialized_rollback = True

    def setUp(self):
        ContentType.objects.clear_cache()

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

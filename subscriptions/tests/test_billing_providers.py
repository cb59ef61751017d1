"""Billing providers report what happened at the payment side; the services do every write.

Guards issue 8.12: nothing under ``subscriptions/billing/`` imports the services (or the
selectors), and no provider call writes to the database; the services turn the
provider's outcome into the subscription and its billing line.
"""

import ast
import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subscriptions import services
from subscriptions.billing import PaymentOutcome, get_provider
from subscriptions.billing.base import WebhookEvent
from subscriptions.billing.outcomes import (
    CheckoutCompleted,
    PaymentFailed,
    PaymentReceived,
    SubscriptionChanged,
    SubscriptionEnded,
    SubscriptionRef,
)
from subscriptions.billing_services import billing_event_record_and_apply
from subscriptions.errors import SubscriptionError, WebhookError
from subscriptions.models import BillingEvent, Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user

BILLING_DIR = Path(services.__file__).resolve().parent / "billing"
FORBIDDEN = {
    "subscriptions.services",
    "subscriptions.selectors",
    "subscriptions.billing_services",
    "subscriptions.account_services",
}
WRITES = ("INSERT", "UPDATE", "DELETE")
S = Subscription.Status
DAY = datetime.timedelta(days=1)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


class NoWritesTestCase(TestCase):
    def assertNoWrites(self, call):
        with CaptureQueriesContext(connection) as queries:
            result = call()
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        self.assertEqual(writes, [])
        return result


class ProviderBoundaryTests(TestCase):
    def test_providers_do_not_import_the_services(self):
        files = sorted(BILLING_DIR.glob("*.py"))
        self.assertIn("dev.py", [f.name for f in files])
        for path in files:
            with self.subTest(path.name):
                self.assertEqual(imported_modules(path) & FORBIDDEN, set())

    def test_errors_have_their_own_module(self):
        # Services re-raise what providers raise: one class, defined once.
        self.assertIs(services.SubscriptionError, SubscriptionError)
        self.assertEqual(SubscriptionError.__module__, "subscriptions.errors")
        self.assertEqual(WebhookError.__module__, "subscriptions.errors")


class DevProviderTests(NoWritesTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.basic = make_plan("basic", tier=1, price=Decimal("5.00"))
        cls.premium = make_plan("premium", tier=2, price=Decimal("9.00"))
        cls.dev = get_provider("dev")

    def test_checkout_reports_an_uncharged_period_and_writes_nothing(self):
        user = verified_user()
        now = timezone.now()
        outcome = self.assertNoWrites(
            lambda: self.dev.checkout(user=user, plan=self.basic, now=now)
        )
        self.assertEqual(
            outcome,
            PaymentOutcome(
                amount=Decimal("5.00"),
                currency="EUR",
                note="not charged: development billing",
                period_end=now + 30 * DAY,
            ),
        )
        self.assertFalse(Subscription.objects.exists())
        self.assertFalse(BillingEvent.objects.exists())

    def test_a_trial_is_reported_free_until_its_end(self):
        trial_end = timezone.now() + 7 * DAY
        user = verified_user()
        outcome = self.assertNoWrites(
            lambda: self.dev.checkout(user=user, plan=self.basic, trial_ends_at=trial_end)
        )
        self.assertEqual((outcome.amount, outcome.period_end), (0, trial_end))
        self.assertEqual(outcome.trial_ends_at, trial_end)

    def test_plan_change_and_renewal_write_nothing(self):
        now = timezone.now()
        subscription = subscribe(verified_user(), self.basic, period_end=now - 40 * DAY)
        before = Subscription.objects.filter(pk=subscription.pk).values().get()
        change = self.assertNoWrites(
            lambda: self.dev.change_plan(subscription=subscription, plan=self.premium, now=now)
        )
        self.assertEqual(change.amount, Decimal("9.00"))
        renewal = self.assertNoWrites(lambda: self.dev.renewal(subscription=subscription, now=now))
        self.assertGreater(renewal.period_end, now)
        self.assertLessEqual(renewal.period_end, now + 30 * DAY)
        self.assertEqual(Subscription.objects.filter(pk=subscription.pk).values().get(), before)
        self.assertFalse(BillingEvent.objects.exists())

    def test_the_service_writes_what_the_provider_reported(self):
        user = verified_user()
        subscription = services.plan_choose(user=user, plan=self.basic, provider=self.dev)
        self.assertEqual((subscription.status, subscription.provider), (S.ACTIVE, "dev"))
        line = BillingEvent.objects.get(user=user)
        self.assertEqual(line.type, "checkout.completed")
        self.assertEqual(line.description, "Basic (monthly), not charged: development billing")
        self.assertEqual((line.amount, line.currency), (Decimal("5.00"), "EUR"))


@override_settings(STRIPE_WEBHOOK_SECRET="whsec_test")
class StripeEventTests(NoWritesTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.basic = make_plan("basic", tier=1)
        cls.user = verified_user()
        cls.stripe = get_provider("stripe")

    def event(self, type_, obj, event_id="evt_1"):
        payload = {"id": event_id, "type": type_, "data": {"object": obj}}
        return WebhookEvent(id=event_id, type=type_, payload=json.loads(json.dumps(payload)))

    def test_reading_events_says_what_happened_and_writes_nothing(self):
        end = datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)
        ref = SubscriptionRef(subscription_id="sub_1", customer_id="cus_1")
        sub = {"id": "sub_1", "customer": "cus_1"}
        cases = [
            (
                self.event(
                    "checkout.session.completed",
                    {"customer": "cus_1", "subscription": "sub_1", "metadata": {"plan": "basic"}}
                    | {"customer_email": "a@example.com"},
                ),
                CheckoutCompleted(
                    plan_slug="basic",
                    email="a@example.com",
                    customer_id="cus_1",
                    subscription_id="sub_1",
                ),
            ),
            (
                self.event(
                    "invoice.paid",
                    {"subscription": "sub_1", "customer": "cus_1", "period_end": end.timestamp()},
                ),
                PaymentReceived(ref=ref, period_end=end),
            ),
            (
                self.event(
                    "invoice.payment_failed", {"subscription": "sub_1", "customer": "cus_1"}
                ),
                PaymentFailed(ref=ref),
            ),
            (
                self.event("customer.subscription.updated", sub | {"status": "unpaid"}),
                SubscriptionChanged(ref=ref, status=S.PAST_DUE),
            ),
            (
                self.event("customer.subscription.deleted", sub | {"current_period_end": 0}),
                SubscriptionEnded(ref=ref),
            ),
            (self.event("customer.created", {"id": "cus_1"}), None),
        ]
        for event, expected in cases:
            with self.subTest(event.type):
                self.assertEqual(
                    self.assertNoWrites(lambda e=event: self.stripe.read_event(e)), expected
                )

    def test_the_service_records_applies_once_and_reports_replays(self):
        checkout = self.event(
            "checkout.session.completed",
            {"subscription": "sub_1", "metadata": {"user_id": str(self.user.pk), "plan": "basic"}},
        )
        self.assertTrue(billing_event_record_and_apply(provider=self.stripe, event=checkout))
        self.assertFalse(billing_event_record_and_apply(provider=self.stripe, event=checkout))
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual((subscription.provider, subscription.plan), ("stripe", self.basic))
        record = BillingEvent.objects.get(event_id="evt_1")
        self.assertEqual((record.user, record.description), (self.user, "Subscription started"))

    def test_a_refused_event_is_kept_with_its_error_and_changes_nothing(self):
        event = self.event("invoice.paid", {"subscription": "sub_nope", "period_end": 1})
        with self.assertRaises(WebhookError) as caught:
            billing_event_record_and_apply(provider=self.stripe, event=event)
        self.assertEqual(caught.exception.message, "No subscription matches this event.")
        record = BillingEvent.objects.get(event_id="evt_1")
        self.assertIsNone(record.processed_at)
        self.assertEqual(record.error, "No subscription matches this event.")
        self.assertFalse(Subscription.objects.exists())

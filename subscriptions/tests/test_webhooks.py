"""The billing webhook: signatures, replays, and what each Stripe event does."""

import datetime
import json
import time
from decimal import Decimal

from django.core import mail
from django.test import Client, TestCase, override_settings

from subscriptions.billing import get_provider
from subscriptions.billing.stripe import sign
from subscriptions.models import BillingEvent, Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user

SECRET = "whsec_test"
URL = "/api/v1/billing/webhook/stripe"
S = Subscription.Status


def ts(dt: datetime.datetime) -> int:
    return int(dt.timestamp())


@override_settings(STRIPE_WEBHOOK_SECRET=SECRET)
class WebhookTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.basic = make_plan("basic", tier=1)
        cls.premium = make_plan("premium", tier=2)
        cls.user = verified_user()

    def post(self, payload, *, secret=SECRET, timestamp=None, header=None, body=None):
        raw = body if body is not None else json.dumps(payload).encode()
        headers = {}
        if header is None:
            header = sign(raw, secret, timestamp)
        if header:
            headers["HTTP_STRIPE_SIGNATURE"] = header
        return self.client.post(URL, data=raw, content_type="application/json", **headers)

    def event(self, type_, obj, event_id="evt_1"):
        return {"id": event_id, "type": type_, "data": {"object": obj}}

    def checkout(self, event_id="evt_checkout"):
        return self.event(
            "checkout.session.completed",
            {
                "customer": "cus_1",
                "subscription": "sub_1",
                "metadata": {"user_id": str(self.user.pk), "plan": "basic"},
            },
            event_id,
        )


class SignatureTests(WebhookTestCase):
    def assertRefused(self, response):
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.json()["detail"])
        self.assertFalse(Subscription.objects.exists())

    def test_valid_signature_is_processed(self):
        response = self.post(self.checkout())
        self.assertEqual(response.status_code, 200, response.content)
        record = BillingEvent.objects.get(provider="stripe", event_id="evt_checkout")
        self.assertIsNotNone(record.processed_at)
        self.assertEqual(record.type, "checkout.session.completed")

    def test_no_csrf_token_needed(self):
        self.client = Client(enforce_csrf_checks=True)
        self.assertEqual(self.post(self.checkout()).status_code, 200)

    def test_wrong_secret(self):
        self.assertRefused(self.post(self.checkout(), secret="whsec_other"))

    def test_tampered_body(self):
        raw = json.dumps(self.checkout()).encode()
        header = sign(raw, SECRET)
        tampered = raw.replace(b'"basic"', b'"premium"')
        self.assertRefused(self.post(None, body=tampered, header=header))

    def test_stale_timestamp(self):
        self.assertRefused(self.post(self.checkout(), timestamp=int(time.time()) - 301))

    def test_future_timestamp(self):
        self.assertRefused(self.post(self.checkout(), timestamp=int(time.time()) + 301))

    def test_missing_header(self):
        self.assertRefused(self.post(self.checkout(), header=""))

    def test_garbled_header(self):
        self.assertRefused(self.post(self.checkout(), header="t=abc,v1="))

    def test_bad_json(self):
        self.assertRefused(self.post(None, body=b"{not json"))

    def test_missing_fields(self):
        self.assertRefused(self.post({"type": "invoice.paid"}))
        self.assertRefused(self.post(self.event("checkout.session.completed", {"metadata": {}})))
        self.assertRefused(self.post(self.event("invoice.paid", "not an object")))

    def test_unknown_user_or_plan_is_refused_without_change(self):
        event = self.checkout()
        event["data"]["object"]["metadata"]["plan"] = "gold"
        self.assertRefused(self.post(event))
        record = BillingEvent.objects.get(event_id="evt_checkout")
        self.assertIsNone(record.processed_at)
        self.assertIn("plan", record.error)

    @override_settings(STRIPE_WEBHOOK_SECRET="")
    def test_not_configured(self):
        response = self.post(self.checkout(), secret="anything")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["detail"], "webhook not configured")

    def test_unknown_provider_is_404(self):
        response = self.client.post(
            "/api/v1/billing/webhook/paypal", data=b"{}", content_type="application/json"
        )
        self.assertEqual(response.status_code, 404)
        self.assertIsNone(get_provider("paypal"))

    def test_get_is_not_allowed(self):
        self.assertEqual(self.client.get(URL).status_code, 405)


class ReplayTests(WebhookTestCase):
    def test_replay_is_a_no_op(self):
        self.assertEqual(self.post(self.checkout()).status_code, 200)
        subscription = Subscription.objects.get(user=self.user)
        Subscription.objects.filter(pk=subscription.pk).update(status=S.CANCELED)
        response = self.post(self.checkout())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["duplicate"])
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, S.CANCELED)
        self.assertEqual(BillingEvent.objects.count(), 1)

    def test_a_refused_event_can_be_redelivered(self):
        event = self.checkout()
        event["data"]["object"]["metadata"]["plan"] = "gold"
        self.assertEqual(self.post(event).status_code, 400)
        self.assertEqual(self.post(self.checkout()).status_code, 200)
        self.assertTrue(Subscription.objects.filter(user=self.user, status=S.ACTIVE).exists())
        self.assertEqual(BillingEvent.objects.get().error, "")

    def test_unknown_event_types_are_recorded(self):
        response = self.post(self.event("customer.created", {"id": "cus_1"}, "evt_other"))
        self.assertEqual(response.status_code, 200)
        record = BillingEvent.objects.get(event_id="evt_other")
        self.assertEqual(record.type, "customer.created")
        self.assertEqual(record.payload["data"]["object"]["id"], "cus_1")


class EventTests(WebhookTestCase):
    def setUp(self):
        self.now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    def existing(self, status=S.ACTIVE, period_end=None):
        return subscribe(
            self.user,
            self.basic,
            status=status,
            period_end=period_end or self.now + datetime.timedelta(days=5),
            provider="stripe",
            provider_customer_id="cus_1",
            provider_subscription_id="sub_1",
        )

    def test_checkout_completed_starts_the_plan(self):
        event = self.checkout()
        event["data"]["object"]["metadata"] = {"email": self.user.email.upper(), "plan": "premium"}
        self.assertEqual(self.post(event).status_code, 200)
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual(subscription.plan, self.premium)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(subscription.provider, "stripe")
        self.assertEqual(subscription.provider_subscription_id, "sub_1")
        self.assertGreater(subscription.current_period_end, self.now)

    def test_invoice_paid_extends_the_period(self):
        subscription = self.existing(status=S.PAST_DUE)
        end = self.now + datetime.timedelta(days=35)
        invoice = {"subscription": "sub_1", "lines": {"data": [{"period": {"end": ts(end)}}]}}
        self.assertEqual(self.post(self.event("invoice.paid", invoice)).status_code, 200)
        subscription.refresh_from_db()
        self.assertEqual((subscription.status, subscription.current_period_end), (S.ACTIVE, end))

    def test_invoice_paid_for_unknown_subscription_is_refused(self):
        invoice = {"subscription": "sub_nope", "period_end": ts(self.now)}
        self.assertEqual(self.post(self.event("invoice.paid", invoice)).status_code, 400)

    def test_payment_failed_is_past_due_and_the_subscriber_is_told_once(self):
        subscription = self.existing()
        invoice = {"subscription": "sub_1", "customer": "cus_1", "amount_due": 599}
        invoice["currency"] = "eur"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(self.event("invoice.payment_failed", invoice))
        self.assertEqual(response.status_code, 200)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, S.PAST_DUE)
        self.assertEqual([m.to for m in mail.outbox], [[self.user.email]])
        self.assertIn("payment", mail.outbox[0].subject)
        # The billing history line: whose, how much, what.
        line = BillingEvent.objects.get(event_id="evt_1")
        self.assertEqual(line.user, self.user)
        self.assertEqual((line.amount, line.currency), (Decimal("5.99"), "EUR"))
        self.assertEqual(line.description, "Payment failed")
        # A replay neither changes anything nor mails again.
        with self.captureOnCommitCallbacks(execute=True):
            replay = self.post(self.event("invoice.payment_failed", invoice))
        self.assertTrue(replay.json()["duplicate"])
        self.assertEqual(len(mail.outbox), 1)

    def test_invoice_amounts_in_zero_decimal_currencies(self):
        self.existing()
        end = ts(self.now + datetime.timedelta(days=30))
        invoice = {"subscription": "sub_1", "period_end": end, "amount_paid": 980}
        invoice["currency"] = "jpy"
        self.assertEqual(self.post(self.event("invoice.paid", invoice)).status_code, 200)
        line = BillingEvent.objects.get(event_id="evt_1")
        self.assertEqual((line.amount, line.currency, line.user), (Decimal(980), "JPY", self.user))

    def test_subscription_updated(self):
        subscription = self.existing()
        end = self.now + datetime.timedelta(days=20)
        obj = {
            "id": "sub_1",
            "status": "active",
            "cancel_at_period_end": True,
            "items": {
                "data": [
                    {"current_period_end": ts(end), "price": {"metadata": {"plan": "premium"}}}
                ]
            },
        }
        self.assertEqual(
            self.post(self.event("customer.subscription.updated", obj)).status_code, 200
        )
        subscription.refresh_from_db()
        self.assertEqual(subscription.plan, self.premium)
        self.assertTrue(subscription.cancel_at_period_end)
        self.assertEqual(subscription.current_period_end, end)

    def test_subscription_updated_with_unknown_status_is_refused(self):
        subscription = self.existing()
        obj = {"id": "sub_1", "status": "weird"}
        response = self.post(self.event("customer.subscription.updated", obj))
        self.assertEqual(response.status_code, 400)
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, S.ACTIVE)

    def test_signed_events_with_odd_shapes_are_400_and_change_nothing(self):
        subscription = self.existing()
        before = Subscription.objects.filter(pk=subscription.pk).values().get()
        odd = [
            ("customer.subscription.updated", {"id": "sub_1", "status": ["active"]}),
            (
                "customer.subscription.updated",
                {"id": "sub_1", "status": "active", "items": {"data": {}}},
            ),
            (
                "customer.subscription.updated",
                {
                    "id": "sub_1",
                    "status": "active",
                    "items": {"data": [{"price": {"metadata": "x"}}]},
                },
            ),
            (
                "customer.subscription.updated",
                {
                    "id": "sub_1",
                    "status": "active",
                    "items": {"data": [{"price": {"metadata": {"plan": 5}}}]},
                },
            ),
            ("invoice.paid", {"subscription": "sub_1", "lines": {"data": {"period": 1}}}),
            ("invoice.paid", {"subscription": "sub_1", "period_end": "soon"}),
            ("checkout.session.completed", {"metadata": {"user_id": "1", "plan": {"slug": "x"}}}),
        ]
        for number, (type_, obj) in enumerate(odd):
            with self.subTest(type=type_, obj=obj):
                response = self.post(self.event(type_, obj, f"evt_odd_{number}"))
                self.assertEqual(response.status_code, 400, response.content)
                self.assertTrue(response.json()["detail"])
        self.assertEqual(Subscription.objects.filter(pk=subscription.pk).values().get(), before)

    def test_subscription_deleted_in_period_is_canceled(self):
        subscription = self.existing()
        obj = {"id": "sub_1", "current_period_end": ts(self.now + datetime.timedelta(days=2))}
        self.post(self.event("customer.subscription.deleted", obj))
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, S.CANCELED)

    def test_subscription_deleted_after_period_is_expired(self):
        subscription = self.existing(period_end=self.now - datetime.timedelta(days=1))
        self.post(self.event("customer.subscription.deleted", {"id": "sub_1"}))
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, S.EXPIRED)


class DevProviderTests(TestCase):
    # What its checkout reports (and that it writes nothing): test_billing_providers.py.
    def test_dev_has_no_webhook(self):
        response = self.client.post(
            "/api/v1/billing/webhook/dev", data=b"{}", content_type="application/json"
        )
        self.assertEqual(response.status_code, 404)

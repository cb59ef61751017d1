"""Stripe Checkout and the customer portal, against a local fake of Stripe's API.

The whole round trip: choosing a plan sends the subscriber to the Checkout URL Stripe
returned; Stripe's signed webhook then starts the plan; "Manage billing" opens the portal.
"""

import datetime
import json

from django.test import TestCase, override_settings

from subscriptions.billing.stripe import sign
from subscriptions.billing.stripe_api import flatten
from subscriptions.models import BillingEvent, Subscription
from subscriptions.tests.fake_stripe import KEY, FakeStripe
from subscriptions.tests.utils import make_plan, subscribe, verified_user

WEBHOOK_SECRET = "whsec_checkout"
S = Subscription.Status


class FlattenTests(TestCase):
    def test_nested_parameters_use_stripe_brackets(self):
        pairs = flatten({"a": {"b": 1}, "items": [{"price": "p"}], "on": True, "none": None})
        self.assertEqual(pairs, [("a[b]", "1"), ("items[0][price]", "p"), ("on", "true")])


class StripeTestCase(TestCase):
    def setUp(self):
        self.stripe = FakeStripe().__enter__()
        self.addCleanup(self.stripe.__exit__, None, None, None)
        settings = override_settings(
            BILLING_PROVIDER="stripe",
            STRIPE_SECRET_KEY=KEY,
            STRIPE_API_BASE=self.stripe.url,
            STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
            BASE_URL="https://media.example.com",
        )
        settings.enable()
        self.addCleanup(settings.disable)
        self.plan = make_plan("basic", stripe_price_id="price_basic", trial_days=7)
        self.user = verified_user()
        self.client.force_login(self.user)

    def choose(self, slug="basic"):
        return self.client.post("/account/plans/", {"plan": slug})

    def webhook(self, event):
        body = json.dumps(event).encode()
        return self.client.post(
            "/api/v1/billing/webhook/stripe",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body, WEBHOOK_SECRET),
        )


class StripeCheckoutTests(StripeTestCase):
    def test_choosing_a_plan_goes_to_checkout_and_the_webhook_starts_it(self):
        response = self.choose()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("https://checkout.stripe.test/pay/cs_"))
        self.assertFalse(Subscription.objects.exists())  # nothing until Stripe says paid

        path, form, headers = self.stripe.requests[-1]
        self.assertEqual(path, "/v1/checkout/sessions")
        self.assertEqual(headers["Authorization"], f"Bearer {KEY}")
        self.assertTrue(headers["Idempotency-Key"])
        self.assertEqual(form["mode"], "subscription")
        self.assertEqual(form["line_items[0][price]"], "price_basic")
        self.assertEqual(form["customer_email"], self.user.email)
        self.assertEqual(form["metadata[user_id]"], str(self.user.pk))
        self.assertEqual(form["subscription_data[metadata][plan]"], "basic")
        self.assertEqual(form["subscription_data[trial_period_days]"], "7")
        self.assertEqual(form["success_url"], "https://media.example.com/account/?checkout=done")

        completed = {
            "id": "evt_done",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "customer": "cus_9",
                    "subscription": "sub_9",
                    "metadata": {"user_id": form["metadata[user_id]"], "plan": "basic"},
                }
            },
        }
        self.assertEqual(self.webhook(completed).status_code, 200)
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual((subscription.provider, subscription.status), ("stripe", S.ACTIVE))
        self.assertEqual(subscription.provider_customer_id, "cus_9")
        home = self.client.get("/account/?checkout=done")
        self.assertContains(home, "as soon as the payment is confirmed")
        self.assertContains(home, "data-billing-portal")
        self.assertEqual(BillingEvent.objects.get(event_id="evt_done").user, self.user)

    def test_manage_billing_opens_the_portal_for_my_customer(self):
        subscribe(self.user, self.plan, provider="stripe", provider_customer_id="cus_7")
        response = self.client.post("/account/billing/")
        self.assertEqual(response["Location"], "https://billing.stripe.test/session/cus_7")
        path, form, _ = self.stripe.requests[-1]
        self.assertEqual(path, "/v1/billing_portal/sessions")
        self.assertEqual(form["return_url"], "https://media.example.com/account/")
        self.assertEqual(self.client.get("/account/billing/").status_code, 405)

    def test_a_returning_customer_is_not_asked_for_an_email_nor_given_a_second_trial(self):
        subscribe(
            self.user,
            self.plan,
            status=S.EXPIRED,
            provider="stripe",
            provider_customer_id="cus_old",
            trial_ends_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        )
        self.choose()
        _, form, _ = self.stripe.requests[-1]
        self.assertEqual(form["customer"], "cus_old")
        self.assertNotIn("customer_email", form)
        self.assertNotIn("subscription_data[trial_period_days]", form)

    def test_stripe_errors_are_a_form_message_not_a_500(self):
        self.stripe.fail_with = (400, "No such price: 'price_basic'")
        response = self.choose()
        self.assertContains(response, "could not reach our payment provider", status_code=400)
        self.assertNotContains(response, "No such price", status_code=400)
        self.assertFalse(Subscription.objects.exists())

    def test_stripe_unreachable_is_a_form_message(self):
        with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):
            response = self.choose()
        self.assertContains(response, "could not reach our payment provider", status_code=400)

    def test_a_plan_without_a_stripe_price_cannot_be_bought(self):
        make_plan("premium", tier=2)
        response = self.choose("premium")
        self.assertContains(response, "cannot be bought online yet", status_code=400)
        self.assertEqual(self.stripe.requests, [])

    def test_without_a_secret_key_nothing_is_sent(self):
        with override_settings(STRIPE_SECRET_KEY=""):
            response = self.choose()
        self.assertContains(response, "not set up yet", status_code=400)
        self.assertEqual(self.stripe.requests, [])

    def test_portal_refused_for_plans_managed_here(self):
        subscribe(self.user, self.plan, provider="dev")
        response = self.client.post("/account/billing/", follow=True)
        self.assertContains(response, "managed here")
        self.assertEqual(self.stripe.requests, [])


class StripeDeletionTests(StripeTestCase):
    """Deleting an account cancels its Stripe subscription first; if Stripe cannot be
    reached, nothing is deleted (nobody keeps paying for an account that is gone)."""

    def setUp(self):
        super().setUp()
        self.user.set_password("pass-word-42")
        self.user.save()
        self.client.force_login(self.user)
        subscribe(self.user, self.plan, provider="stripe", provider_subscription_id="sub_42")

    def test_deletion_cancels_at_stripe(self):
        response = self.client.post("/account/delete/", {"confirmation": "pass-word-42"})
        self.assertEqual(response.status_code, 302)
        self.assertIn(("/v1/subscriptions/sub_42", {}), [r[:2] for r in self.stripe.requests])
        self.assertEqual(Subscription.objects.get(pk=self.user.subscription.pk).status, S.EXPIRED)

    def test_stripe_down_means_nothing_is_deleted(self):
        self.stripe.fail_with = (500, "Internal error")
        response = self.client.post("/account/delete/", {"confirmation": "pass-word-42"})
        self.assertContains(response, "Your account was not deleted")
        self.user.refresh_from_db()
        self.assertTrue(self.user.is_active)
        self.assertEqual(Subscription.objects.get(user=self.user).status, S.ACTIVE)

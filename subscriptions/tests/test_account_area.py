"""The account area (/account/): login required, private, export and deletion of one's own data."""

import json

from django.contrib.auth import get_user_model
from django.test import TestCase

from allauth.account.models import EmailAddress

from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory
from subscriptions import services
from subscriptions.models import BillingEvent, Subscription
from subscriptions.tests.utils import make_plan, subscribe

PASSWORD = "correct horse battery"
ACCOUNT_URLS = ["/account/", "/account/export/", "/account/delete/"]


class AccountAreaTestCase(TestCase):
    def setUp(self):
        clear_test_cache()
        self.user = UserFactory(email="me@example.com", display_name="Me")
        EmailAddress.objects.create(
            user=self.user, email="me@example.com", verified=True, primary=True
        )
        self.other = UserFactory(email="someone-else@example.com", display_name="Other")
        EmailAddress.objects.create(
            user=self.other, email="someone-else@example.com", verified=True, primary=True
        )


class AccessTests(AccountAreaTestCase):
    def test_anonymous_is_sent_to_login(self):
        for url in ACCOUNT_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))
                self.assertIn("no-store", response["Cache-Control"])

    def test_pages_are_private_and_no_store(self):
        self.client.force_login(self.user)
        for url in ACCOUNT_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("private", response["Cache-Control"])
                self.assertIn("no-store", response["Cache-Control"])

    def test_home_shows_profile_links_and_no_plan(self):
        self.client.force_login(self.user)
        response = self.client.get("/account/")
        self.assertContains(response, "me@example.com")
        self.assertContains(response, "No plan yet")
        for url in [
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/account/export/",
            "/account/delete/",
        ]:
            self.assertContains(response, f'href="{url}"')

    def test_profile_display_name_is_saved(self):
        self.client.force_login(self.user)
        response = self.client.post("/account/", {"display_name": "Night Owl"})
        self.assertRedirects(response, "/account/", fetch_redirect_response=False)
        self.user.refresh_from_db()
        self.assertEqual(self.user.display_name, "Night Owl")


class ExportTests(AccountAreaTestCase):
    def test_get_shows_a_form(self):
        self.client.force_login(self.user)
        response = self.client.get("/account/export/")
        self.assertContains(response, 'method="post"')

    def test_post_downloads_only_my_data(self):
        plan = make_plan("basic")
        subscribe(self.user, plan)
        subscribe(self.other, plan)
        for user, event_id in ((self.user, "evt_mine"), (self.other, "evt_theirs")):
            BillingEvent.objects.create(
                provider="stripe",
                event_id=event_id,
                type="invoice.paid",
                user=user,
                amount=5,
                currency="EUR",
                payload={"secret": "provider payload"},
            )
        self.client.force_login(self.user)
        response = self.client.post("/account/export/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertRegex(
            response["Content-Disposition"],
            r'^attachment; filename="mediasite-export-\d{4}-\d{2}-\d{2}\.json"$',
        )
        self.assertIn("no-store", response["Cache-Control"])
        data = json.loads(response.content)
        self.assertEqual(data["account"]["email"], "me@example.com")
        self.assertEqual(data["account"]["display_name"], "Me")
        self.assertEqual(data["email_addresses"][0]["email"], "me@example.com")
        body = response.content.decode()
        self.assertNotIn("someone-else@example.com", body)
        self.assertNotIn("password", data["account"])
        subscriptions = data["related"]["subscriptions.subscription"]
        self.assertEqual([row["plan"] for row in subscriptions], [plan.pk])
        lines = data["related"]["subscriptions.billingevent"]
        self.assertEqual([line["event_id"] for line in lines], ["evt_mine"])
        self.assertNotIn("provider payload", body)


class DeletionTests(AccountAreaTestCase):
    def test_wrong_password_keeps_the_account(self):
        self.client.force_login(self.user)
        response = self.client.post("/account/delete/", {"confirmation": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.user.refresh_from_db()
        self.assertTrue(self.user.is_active)
        self.assertEqual(self.user.email, "me@example.com")

    def test_confirmed_deletion_removes_personal_data_and_logs_out(self):
        self.client.force_login(self.user)
        response = self.client.post("/account/delete/", {"confirmation": PASSWORD})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

        self.user.refresh_from_db()
        self.assertFalse(self.user.is_active)
        self.assertFalse(self.user.has_usable_password())
        self.assertNotIn("me@example", self.user.email)
        self.assertEqual(self.user.display_name, "")
        self.assertFalse(EmailAddress.objects.filter(email="me@example.com").exists())
        self.assertFalse(get_user_model().objects.filter(email="me@example.com").exists())
        # Nobody else is touched.
        self.other.refresh_from_db()
        self.assertTrue(self.other.is_active)
        self.assertEqual(self.other.email, "someone-else@example.com")

        # The old credentials no longer sign in.
        clear_test_cache()
        self.client.post("/accounts/login/", {"login": "me@example.com", "password": PASSWORD})
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_deletion_ends_the_subscription_and_keeps_anonymous_billing_lines(self):
        plan = make_plan("basic")
        subscription = subscribe(self.user, plan, provider="dev")
        line = BillingEvent.objects.create(
            provider="stripe",
            event_id="evt_9",
            type="invoice.paid",
            user=self.user,
            amount=5,
            currency="EUR",
            payload={"customer_email": "me@example.com"},
        )
        self.client.force_login(self.user)
        self.client.post("/account/delete/", {"confirmation": PASSWORD})
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, Subscription.Status.EXPIRED)
        self.assertFalse(subscription.cancel_at_period_end)
        # No renewal will bring it back.
        services.subscriptions_expire_due()
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, Subscription.Status.EXPIRED)
        line.refresh_from_db()
        self.assertEqual((line.amount, line.payload), (5, {}))

    def test_account_without_password_confirms_with_email(self):
        self.user.set_unusable_password()
        self.user.save()
        self.client.force_login(self.user)
        response = self.client.post("/account/delete/", {"confirmation": "wrong@example.com"})
        self.assertEqual(response.status_code, 200)
        response = self.client.post("/account/delete/", {"confirmation": "ME@example.com"})
        self.assertEqual(response.status_code, 302)
        self.user.refresh_from_db()
        self.assertFalse(self.user.is_active)

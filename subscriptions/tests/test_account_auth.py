"""Sign-up, verification, login, rate limits and password reset through django-allauth."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase, override_settings

from allauth.account.models import EmailAddress

from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory

PASSWORD = "correct horse battery"


class AuthTestCase(TestCase):
    def setUp(self):
        # allauth keeps rate-limit counters in the cache (Redis or locmem).
        clear_test_cache()
        mail.outbox = []


class SignUpTests(AuthTestCase):
    def test_signup_creates_user_and_sends_verification_link_that_confirms(self):
        response = self.client.post(
            "/accounts/signup/",
            {
                "email": "new@example.com",
                "password1": "a-long pass phrase",
                "password2": "a-long pass phrase",
            },
        )
        self.assertEqual(response.status_code, 302)
        user = get_user_model().objects.get(email="new@example.com")
        address = EmailAddress.objects.get(user=user)
        self.assertFalse(address.verified)

        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["new@example.com"])
        link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body)
        self.assertIsNotNone(link, mail.outbox[0].body)

        confirm_url = link.group(1)
        self.assertEqual(self.client.get(confirm_url).status_code, 200)
        self.client.post(confirm_url)
        address.refresh_from_db()
        self.assertTrue(address.verified)

    def test_signup_page_is_private(self):
        response = self.client.get("/accounts/signup/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])
        self.assertContains(response, 'class="auth-form"')


class LoginTests(AuthTestCase):
    def setUp(self):
        super().setUp()
        self.user = UserFactory(email="viewer1@example.com")

    def test_login_with_email_and_password(self):
        response = self.client.post(
            "/accounts/login/", {"login": "viewer1@example.com", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/account/").status_code, 200)

    def test_bad_password_shows_a_form_error(self):
        response = self.client.post(
            "/accounts/login/", {"login": "viewer1@example.com", "password": "wrong"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertContains(response, "notice--error")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_failed_logins_for_one_address_are_limited(self):
        for _ in range(5):
            self.client.post(
                "/accounts/login/", {"login": "viewer1@example.com", "password": "wrong"}
            )
        # Even the right password is refused until the window passes.
        response = self.client.post(
            "/accounts/login/", {"login": "viewer1@example.com", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too many failed login attempts")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_login_attempts_per_ip_answer_429(self):
        statuses = [
            self.client.post(
                "/accounts/login/", {"login": f"nobody{i}@example.com", "password": "wrong"}
            ).status_code
            for i in range(31)
        ]
        self.assertNotIn(429, statuses[:30])
        self.assertEqual(statuses[30], 429)

    def test_login_by_code_is_offered(self):
        response = self.client.get("/accounts/login/")
        self.assertContains(response, "/accounts/login/code/")
        response = self.client.post("/accounts/login/code/", {"email": "viewer1@example.com"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(mail.outbox), 1)


class PasswordTests(AuthTestCase):
    def test_password_reset_sends_an_email(self):
        UserFactory(email="forgetful@example.com")
        response = self.client.post("/accounts/password/reset/", {"email": "forgetful@example.com"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["forgetful@example.com"])
        self.assertIn("/accounts/password/reset/key/", mail.outbox[0].body)

    def test_password_change_requires_login(self):
        response = self.client.get("/accounts/password/change/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])


class StaffMFATests(AuthTestCase):
    def setUp(self):
        super().setUp()
        self.staff = UserFactory(email="staff1@example.com", is_staff=True)
        self.client.force_login(self.staff)

    @override_settings(MFA_REQUIRED_FOR_STAFF=True)
    def test_staff_without_mfa_are_sent_to_set_it_up(self):
        response = self.client.get("/account/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/accounts/2fa/totp/activate/")
        # The setup page itself is not redirected back (it may ask to reauthenticate first).
        response = self.client.get("/accounts/2fa/totp/activate/")
        self.assertNotEqual(response.get("Location"), "/accounts/2fa/totp/activate/")
        self.assertEqual(self.client.get("/accounts/2fa/").status_code, 200)

    @override_settings(MFA_REQUIRED_FOR_STAFF=False)
    def test_not_enforced_when_off(self):
        self.assertEqual(self.client.get("/account/").status_code, 200)

    def test_mfa_pages_render(self):
        response = self.client.get("/accounts/2fa/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])

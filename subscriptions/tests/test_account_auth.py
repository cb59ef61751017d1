"""Sign-up, verification, login, rate limits and password reset through django-allauth."""

import re
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase, override_settings

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from mediasite.tests.cache import clear_test_cache
from mediasite.tests.clock import hold_rate_limit_clock
from mediasite.tests.factories import UserFactory

PASSWORD = "correct horse battery"


class AuthTestCase(TestCase):
    def setUp(self):
        # allauth keeps rate-limit counters in the cache (Redis or locmem), on a held clock.
        clear_test_cache()
        hold_rate_limit_clock(self)
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

    def _signup(self, email):
        return self.client.post(
            "/accounts/signup/",
            {"email": email, "password1": "a-long pass phrase", "password2": "a-long pass phrase"},
        )

    def test_signup_refuses_mixed_script_look_alike_addresses(self):
        for email in ("admin@ex\u0430mple.com", "admin@example.c\u043em"):  # Cyrillic а, о
            response = self._signup(email)
            self.assertEqual(response.status_code, 200, email)
            self.assertIn("different alphabets", str(response.context["form"].errors["email"]))
        self.assertFalse(get_user_model().objects.exists())

    def test_signup_refuses_address_literals(self):
        for email in ("x@[127.0.0.1]", "x@[::1]"):
            response = self._signup(email)
            self.assertEqual(response.status_code, 200, email)
            self.assertIn("not an IP address", str(response.context["form"].errors["email"]))
        self.assertFalse(get_user_model().objects.exists())

    def test_signup_accepts_single_script_international_addresses(self):
        self.assertEqual(self._signup("anna@m\u00fcnchen.de").status_code, 302)
        self.assertTrue(get_user_model().objects.filter(email="anna@m\u00fcnchen.de").exists())

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


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class OneSignInTests(AuthTestCase):
    """Wagtail's login routes hand over to allauth: its MFA step and rate limits hold for staff."""

    # Every route that once took a staff password (Wagtail's own, and allauth's).
    LOGIN_ROUTES = ["/admin/login/", "/_util/login/", "/accounts/login/"]
    ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/account/", "/admin/images/"]

    def setUp(self):
        super().setUp()
        self.staff = UserFactory(email="editor1@example.com", is_staff=True)
        self.staff.groups.add(Group.objects.get(name="Editors"))
        self.secret = generate_totp_secret()
        TOTP.activate(self.staff, self.secret)

    def _post_password(self, client, route, password=PASSWORD):
        # Wagtail's forms call the field "username", allauth's "login": send both.
        data = {"login": self.staff.email, "username": self.staff.email, "password": password}
        return client.post(route, data)

    def _assert_no_admin_page(self, client, route):
        for url in self.ADMIN_PAGES:
            response = client.get(url)
            self.assertEqual(response.status_code, 302, f"{url} after {route}")
            self.assertTrue(
                response["Location"].startswith("/accounts/login/"), response["Location"]
            )
        self.assertNotIn("_auth_user_id", client.session)

    def test_password_alone_reaches_no_admin_page_by_any_route(self):
        for route in self.LOGIN_ROUTES:
            client = Client()
            response = self._post_password(client, route)
            self.assertEqual(response.status_code, 302, route)
            self._assert_no_admin_page(client, route)

    def test_login_by_e_mail_code_still_asks_for_the_totp_code(self):
        self.client.post("/accounts/login/code/", {"email": self.staff.email})
        code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.M).group(1)
        response = self.client.post("/accounts/login/code/confirm/", {"code": code})
        self.assertEqual(response["Location"], "/accounts/2fa/authenticate/")
        self._assert_no_admin_page(self.client, "/accounts/login/code/")

    def test_the_code_after_the_password_opens_the_admin(self):
        response = self.client.post(
            "/admin/login/?next=/admin/pages/", {"username": self.staff.email, "password": PASSWORD}
        )
        self.assertEqual(response["Location"], "/accounts/login/?next=%2Fadmin%2Fpages%2F")
        response = self.client.post(
            response["Location"], {"login": self.staff.email, "password": PASSWORD}
        )
        self.assertEqual(response["Location"], "/accounts/2fa/authenticate/")
        response = self.client.post("/accounts/2fa/authenticate/", {"code": totp_code(self.secret)})
        self.assertEqual(response["Location"], "/admin/pages/")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_admin_asks_allauth_for_the_login(self):
        response = self.client.get("/admin/pages/")
        self.assertEqual(response["Location"], "/accounts/login/?next=/admin/pages/")
        self.assertEqual(
            self.client.get("/admin/login/")["Location"], "/accounts/login/?next=%2Fadmin%2F"
        )
        self.assertEqual(
            self.client.get("/_util/login/?next=/x/")["Location"], "/accounts/login/?next=%2Fx%2F"
        )

    def test_sixth_wrong_password_is_refused_on_every_route(self):
        for route in self.LOGIN_ROUTES:
            clear_test_cache()
            client = Client()
            for _ in range(5):
                self._post_password(client, route, password="wrong")
            # The right password, sixth: refused wherever it is typed.
            response = self._post_password(client, route)
            if route != "/accounts/login/":
                # Handed over: the password is not even read; allauth's form is the one place.
                self.assertEqual(response.status_code, 302, route)
                self.assertTrue(response["Location"].startswith("/accounts/login/"), route)
            else:
                self.assertContains(response, "Too many failed login attempts")
            self.assertNotIn("_auth_user_id", client.session, route)
            # Not even half-way: no login waits for its code.
            self.assertNotIn("account_login", client.session, route)

    def test_admin_logout_ends_the_session_through_allauth(self):
        self.client.force_login(self.staff)
        # Wagtail's "Log out" posts here; allauth signs out and sends people home.
        response = self.client.post("/admin/logout/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/admin/")["Location"], "/accounts/login/?next=/admin/")

    def test_admin_password_reset_hands_over_to_allauth(self):
        UserFactory(email="subscriber1@example.com")
        for email in ("subscriber1@example.com", self.staff.email):
            response = self.client.post("/admin/password_reset/", {"email": email})
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], "/accounts/password/reset/")
        self.assertEqual(mail.outbox, [])
        # allauth's reset is limited per address: the 6th mail in a row is not sent.
        for _ in range(6):
            self.client.post("/accounts/password/reset/", {"email": self.staff.email})
        self.assertEqual(len(mail.outbox), 5)

    def test_wagtail_account_settings_do_not_change_passwords_or_addresses(self):
        self.client.force_login(self.staff)
        response = self.client.get("/admin/account/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="password-old_password"')
        self.assertNotContains(response, 'name="email-email"')


class SignedInPasswordLimitTests(AuthTestCase):
    """Forms that ask a signed-in user for the password again refuse the 6th try."""

    def setUp(self):
        super().setUp()
        self.user = UserFactory(email="viewer2@example.com")
        self.client.force_login(self.user)

    def test_reauthenticate(self):
        for _ in range(5):
            self.client.post("/accounts/reauthenticate/", {"password": "wrong"})
        response = self.client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        self.assertEqual(response.status_code, 429)

    def test_password_change(self):
        data = {
            "oldpassword": "wrong",
            "password1": "a new pass phrase",
            "password2": "a new pass phrase",
        }
        for _ in range(5):
            self.client.post("/accounts/password/change/", data)
        response = self.client.post("/accounts/password/change/", {**data, "oldpassword": PASSWORD})
        self.assertEqual(response.status_code, 429)
        self.user.refresh_from_db()
        self.assertTrue(self.user.check_password(PASSWORD))

    def test_account_deletion(self):
        for _ in range(5):
            response = self.client.post("/account/delete/", {"confirmation": "wrong"})
            self.assertContains(response, "That is not your password.")
        response = self.client.post("/account/delete/", {"confirmation": PASSWORD})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too many attempts")
        self.assertNotContains(response, "That is not your password.")
        self.assertTrue(get_user_model().objects.filter(pk=self.user.pk, is_active=True).exists())


class ViewRestrictionPasswordTests(AuthTestCase):
    """The shared passwords of restricted pages and collections are rate limited too."""

    def _post_six(self, url, return_url):
        for _ in range(5):
            response = self.client.post(url, {"password": "wrong", "return_url": return_url})
            self.assertEqual(response.status_code, 200)
        return self.client.post(url, {"password": "sesame", "return_url": return_url})

    def test_page_password(self):
        from wagtail.models import Page, PageViewRestriction

        page = Page.objects.get(depth=2)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
        )
        url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
        self.assertEqual(self._post_six(url, "/").status_code, 429)
        clear_test_cache()
        response = self.client.post(url, {"password": "sesame", "return_url": "/"})
        self.assertEqual(response.status_code, 302)

    def test_document_collection_password(self):
        from wagtail.models import Collection, CollectionViewRestriction

        restriction = CollectionViewRestriction.objects.create(
            collection=Collection.get_first_root_node(),
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="sesame",
        )
        url = f"/documents/authenticate_with_password/{restriction.pk}/"
        self.assertEqual(self._post_six(url, "/documents/").status_code, 429)

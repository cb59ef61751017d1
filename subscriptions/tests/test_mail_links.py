"""allauth's e-mails link and name the configured site, whatever Host the request had."""

import re

from django.core import mail
from django.test import TestCase, override_settings

from mediasite.tests.cache import clear_test_cache
from subscriptions.tests.utils import verified_user

FORGED = "evil.example.net:8443"
URL = re.compile(r"https?://[^\s]+")


@override_settings(BASE_URL="https://media.example.com", WAGTAIL_SITE_NAME="Mediasite")
class MailLinksTests(TestCase):
    def setUp(self):
        clear_test_cache()
        mail.outbox = []

    def assert_configured(self, message):
        text = f"{message.subject}\n{message.body}"
        self.assertNotIn("evil.example.net", text)
        self.assertTrue(message.subject.startswith("[Mediasite] "), message.subject)
        links = URL.findall(message.body)
        self.assertTrue(links, message.body)
        for link in links:
            self.assertTrue(link.startswith("https://media.example.com/"), link)

    def test_password_reset_link_is_on_base_url(self):
        verified_user(email="ada@example.com")
        response = self.client.post(
            "/accounts/password/reset/", {"email": "ada@example.com"}, HTTP_HOST=FORGED
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(mail.outbox), 1)
        self.assert_configured(mail.outbox[0])
        self.assertIn("/accounts/password/reset/key/", mail.outbox[0].body)

    def test_unknown_account_notice_links_are_on_base_url(self):
        self.client.post(
            "/accounts/password/reset/", {"email": "nobody@example.com"}, HTTP_HOST=FORGED
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assert_configured(mail.outbox[0])

    def test_signup_confirmation_link_is_on_base_url(self):
        self.client.post(
            "/accounts/signup/",
            {
                "email": "new@example.com",
                "password1": "a-long pass phrase",
                "password2": "a-long pass phrase",
            },
            HTTP_HOST=FORGED,
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assert_configured(mail.outbox[0])
        self.assertIn("https://media.example.com/accounts/confirm-email/", mail.outbox[0].body)

    @override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
    def test_account_already_exists_notice_links_are_on_base_url(self):
        verified_user(email="ada@example.com")
        self.client.post(
            "/accounts/signup/",
            {
                "email": "ada@example.com",
                "password1": "a-long pass phrase",
                "password2": "a-long pass phrase",
            },
            HTTP_HOST=FORGED,
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assert_configured(mail.outbox[0])

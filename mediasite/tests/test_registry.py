"""The account area and /api/v1 are composed from what each app registers.

A fake app registers a page, a menu entry, a ``/me`` field, an export section and a
deletion hook; the site is recomposed from the registry (as mediasite/urls.py and
mediasite/api.py compose it at start-up) and each part shows up where it belongs,
without any other app knowing about it.
"""

import json
import re
from types import ModuleType

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import TestCase, override_settings
from django.urls import include, path

from wagtail.utils.urlpatterns import decorate_urlpatterns

from mediasite import urls as site_urls
from mediasite.api import build_api
from mediasite.cache import private
from mediasite.registry import Registry, registry
from mediasite.tests.factories import UserFactory


@login_required
def fake_list_view(request):
    return HttpResponse("The fake app's list")


def composed_urlconf() -> ModuleType:
    """The site's URLconf with /account/ and /api/v1/ recomposed from the registry now."""
    composed = decorate_urlpatterns(
        [
            path("account/", include(registry.account_urlconf())),
            path("api/v1/", build_api(registry).urls),
        ],
        private,
    )
    # First match wins, for URLs and for namespaces: the recomposed ones shadow the originals.
    urlconf = ModuleType("composed_urls")
    urlconf.urlpatterns = composed + site_urls.urlpatterns
    return urlconf


class FakeAppContributionTests(TestCase):
    def setUp(self):
        self.deleted = []
        self.enterContext(registry.override())
        registry.add_account_pages("fake/", [path("", fake_list_view, name="fake_list")])
        registry.add_menu_entry("Fake list", "fake_list", order=50)
        registry.add_me_field(
            "fake_badge",
            str | None,
            lambda request: "gold" if request.user.is_authenticated else None,
            description="The fake app's badge.",
        )
        registry.add_export_section("fake_app", lambda user: {"owner": user.email})
        registry.add_deletion_hook(lambda user: self.deleted.append((user.pk, user.email)))
        self.enterContext(override_settings(ROOT_URLCONF=composed_urlconf()))
        self.user = UserFactory(email="me@example.com")

    def test_the_page_is_mounted_under_account_and_private(self):
        self.client.force_login(self.user)
        response = self.client.get("/account/fake/")
        self.assertContains(response, "The fake app's list")
        self.assertIn("no-store", response["Cache-Control"])

    def test_the_menu_entry_appears_in_the_account_menu_in_its_order(self):
        self.client.force_login(self.user)
        html = self.client.get("/account/").content.decode()
        start = html.index('<nav class="account-menu"')
        menu = html[start : html.index("</nav>", start)]
        self.assertEqual(
            re.findall(r'href="([^"]+)"', menu),
            [
                "/account/",
                "/account/plans/",
                *("/account/profiles/", "/account/list/", "/account/history/"),  # engagement
                "/account/fake/",
                *("/account/alerts/", "/account/notices/"),  # engagement
                "/account/export/",
                "/account/delete/",
            ],
        )
        self.assertIn('aria-current="page">Your account<', menu)

    def test_the_me_field_is_served_and_documented(self):
        self.assertIsNone(self.client.get("/api/v1/me").json()["fake_badge"])
        self.client.force_login(self.user)
        body = self.client.get("/api/v1/me").json()
        self.assertEqual(body["fake_badge"], "gold")
        self.assertIn("plan", body)  # subscriptions' field is still there
        schema = self.client.get("/api/v1/openapi.json").json()
        properties = schema["components"]["schemas"]["MeOut"]["properties"]
        self.assertEqual(properties["fake_badge"]["description"], "The fake app's badge.")

    def test_the_export_section_is_in_the_download(self):
        self.client.force_login(self.user)
        data = json.loads(self.client.post("/account/export/").content)
        self.assertEqual(data["fake_app"], {"owner": "me@example.com"})
        self.assertEqual(data["account"]["email"], "me@example.com")

    def test_the_deletion_hook_runs_before_the_account_is_anonymised(self):
        self.client.force_login(self.user)
        response = self.client.post("/account/delete/", {"confirmation": "correct horse battery"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.deleted, [(self.user.pk, "me@example.com")])


class RegistryTests(TestCase):
    def test_the_real_apps_contribute_their_parts(self):
        fresh = Registry()
        self.assertEqual(
            [entry.url_name for entry in fresh.menu()],
            [
                "home",
                "plans",
                "profiles",
                "list",
                "history",
                "alerts",
                "notices",
                "export",
                "delete",
            ],
        )
        self.assertIn("plan", [field.name for field in fresh.me_fields()])
        self.assertEqual(
            [name for name, _ in fresh.export_sections()],
            [
                *("profiles", "my_list", "ratings", "reviews", "viewing_history"),
                *("alert_preferences", "episode_alerts", "moderation"),
                *("account", "email_addresses", "two_factor", "social_accounts"),
            ],
        )
        self.assertEqual(fresh.exported_apps(), ["subscriptions"])

    def test_a_name_registered_twice_is_a_configuration_error(self):
        fresh = Registry()
        attempts = {
            "account URL name": lambda: fresh.add_account_pages(
                "x/", [path("", fake_list_view, name="home")]
            ),
            "menu entry": lambda: fresh.add_menu_entry("Again", "home"),
            "export section": lambda: fresh.add_export_section("account", dict),
            "/me field": lambda: fresh.add_me_field("plan", str, str),
        }
        fresh.autodiscover()
        for what, attempt in attempts.items():
            with self.subTest(what), self.assertRaises(ImproperlyConfigured):
                attempt()

    def test_a_me_field_may_not_shadow_a_core_one(self):
        fresh = Registry()
        fresh.add_me_field("csrf_token", str, lambda request: "forged")
        with self.assertRaisesMessage(ImproperlyConfigured, "csrf_token"):
            build_api(fresh, urls_namespace="api-v1-clash")

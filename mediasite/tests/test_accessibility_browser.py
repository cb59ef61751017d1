"""axe-core in Chromium on every public page type, signed out and signed in (user-state.js
decorates the header then), on the account pages and allauth's login and sign-up forms, at
desktop width (and a few at phone width): any violation of impact serious or critical fails.

The browser context bypasses the CSP (``bypass_csp=True``) for one reason: Playwright injects
axe-core as an inline script, which the site's policy forbids. test_csp_browser.py checks the
policy itself, with no bypass.
"""

from django.conf import settings
from django.test import override_settings

from catalog.tests.browser import BrowserTestCase, needs_browser
from mediasite.tests.a11y import (
    axe_violations,
    blocking,
    delete_image_files,
    describe_violations,
    needs_axe,
    public_catalog,
)
from mediasite.tests.factories import UserFactory

DESKTOP, PHONE = 1280, 390
# At phone width the header folds (the account name is hidden): the page types with the most
# in them, signed in, are checked there too; every type at desktop width.
PHONE_PAGES = ("home", "show", "episode (locked)", "search results", "account")
EMAIL, PASSWORD = "viewer@example.com", "Tangerine-lighthouse-42"
SIGNED_OUT_ONLY = {"log in": "/accounts/login/", "sign up": "/accounts/signup/"}
SIGNED_IN_ONLY = {"account": "/account/", "plans": "/account/plans/", "my list": "/account/list/"}
# Renditions are cached by image id; the shared Redis outlives the test database's ids.
LOCAL_RENDITIONS = {
    **settings.CACHES,
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


@needs_axe
@needs_browser
@override_settings(CACHES=LOCAL_RENDITIONS)
class AxeBrowserTests(BrowserTestCase):
    def check(self, page, pages: dict[str, str], role: str, width: int = DESKTOP) -> list[str]:
        page.set_viewport_size({"width": width, "height": 800})
        problems = []
        for name, path in pages.items():
            page.goto(f"{self.live_server_url}{path}")
            problems += self.axe(page, f"{name} ({role}, {width}px) {path}")
        return problems

    def axe(self, page, where: str) -> list[str]:
        # user-state.js has asked /api/v1/me and decorated the header.
        page.wait_for_selector("html[data-authenticated]", state="attached")
        return describe_violations(where, blocking(axe_violations(page)))

    def sign_in(self, page) -> list[str]:
        """Through allauth's form; saving the profile then lists a message on the account page
        (allauth's own "signed in" message is dropped by the account adapter)."""
        page.goto(f"{self.live_server_url}/accounts/login/")
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form.auth-form button[type=submit]")
        page.goto(f"{self.live_server_url}/account/")
        page.fill("input[name=display_name]", "Axe Viewer")
        with page.expect_navigation():
            page.click("form.account-form button[type=submit]")
        self.assertEqual(page.locator(".messages li").count(), 1, "the profile-saved message")
        return self.axe(page, "account with a message (signed in)")

    def test_no_serious_or_critical_violations_on_any_page_type(self):
        self.addCleanup(delete_image_files)
        pages = {**public_catalog(), "not found": "/no-such-page/"}
        viewer = UserFactory(email=EMAIL)
        viewer.set_password(PASSWORD)
        viewer.save()
        with self.browser(bypass_csp=True) as page:
            problems = self.check(page, {**pages, **SIGNED_OUT_ONLY}, "signed out")
            problems += self.sign_in(page)
            pages.update(SIGNED_IN_ONLY)
            problems += self.check(page, pages, "signed in")
            phone = {name: pages[name] for name in PHONE_PAGES}
            problems += self.check(page, phone, "signed in", PHONE)
            signed_in = page.locator(".user-menu.is-signed-in").count()
        self.assertEqual(problems, [], "\n".join(problems))
        self.assertEqual(signed_in, 1, "the header was decorated for the signed-in user")
        self.assertEqual(self.page_errors, [])


@needs_axe
@needs_browser
@override_settings(CACHES=LOCAL_RENDITIONS)
class ReportFormsAxeBrowserTests(BrowserTestCase):
    """The report dialogs (static/js/engagement/reports.js) open: a review's and the
    episode page's "Report a problem"."""

    def test_report_dialogs_have_no_serious_or_critical_violations(self):
        from django.test import Client

        from engagement.tests.moderation_helpers import make_review, show_with_episode

        show, episode = show_with_episode()
        review = make_review(UserFactory(), show, body="Worth a look.")
        client = Client()
        client.force_login(UserFactory())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        problems = []
        with self.browser(bypass_csp=True) as page:
            page.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": session,
                        "url": self.live_server_url,
                    }
                ]
            )
            page.goto(f"{self.live_server_url}{show.url}")
            page.locator(f'[data-review-id="{review.pk}"] [data-review-report]').click()
            page.locator("dialog[data-report-dialog]").wait_for()
            problems += describe_violations(
                "show page, review report dialog", blocking(axe_violations(page))
            )
            page.goto(f"{self.live_server_url}{episode.url}")
            page.get_by_role("button", name="Report a problem").click()
            page.locator("dialog[data-report-dialog]").wait_for()
            problems += describe_violations(
                "episode page, report a problem dialog", blocking(axe_violations(page))
            )
        self.assertEqual(problems, [], "\n".join(problems))
        self.assertEqual(self.page_errors, [])

"""The Content-Security-Policy in a real browser: public pages and the Wagtail admin run
without a single CSP violation (Chromium reports each on the console)."""

from django.conf import settings

from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from mediasite.tests.factories import UserFactory


@needs_browser
class CSPBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.violations: list[str] = []

    def watch(self, page) -> None:
        super().watch(page)
        page.on("console", self.record_console)

    def record_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def visit(self, page, path: str) -> None:
        response = page.goto(f"{self.live_server_url}{path}")
        self.assertLess(response.status, 400, path)
        self.assertTrue(response.headers.get("content-security-policy"), path)
        page.wait_for_load_state("networkidle")

    def test_public_pages_run_without_violations(self):
        show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        genre = factories.GenreFactory(name="Drama")
        with self.browser() as page:
            for path in (
                "/",
                "/shows/",
                show.url,
                season.url,
                episode.url,
                genre.get_absolute_url(),
                "/search/?q=harbour",
            ):
                self.visit(page, path)
        self.assertEqual(self.violations, [], "\n".join(self.violations))
        self.assertEqual(self.page_errors, [])

    def test_the_admin_page_editor_runs_without_violations(self):
        show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        editor = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
        self.client.force_login(editor)
        session = self.client.cookies[settings.SESSION_COOKIE_NAME].value
        with self.browser() as page:
            page.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": session,
                        "url": self.live_server_url,
                    }
                ]
            )
            self.visit(page, "/admin/")
            self.visit(page, f"/admin/pages/{show.pk}/edit/")
            # The editor's scripts ran: the form is there and Wagtail's admin JS initialised.
            page.wait_for_selector("form[data-edit-form]", timeout=15_000)
            self.assertTrue(page.evaluate("() => typeof window.wagtail === 'object'"))
            self.visit(page, f"/admin/pages/{show.get_parent().pk}/")
            self.visit(page, "/admin/images/")
        self.assertEqual(self.violations, [], "\n".join(self.violations))
        self.assertEqual(self.page_errors, [])

    def test_the_api_docs_run_from_vendored_assets_without_violations(self):
        requests: list[str] = []
        with self.browser() as page:
            page.on("request", lambda request: requests.append(request.url))
            self.visit(page, "/api/v1/docs")
            page.wait_for_selector(".swagger-ui .info", timeout=15_000)
        self.assertEqual(self.violations, [], "\n".join(self.violations))
        self.assertEqual(self.page_errors, [])
        for url in requests:
            self.assertTrue(url.startswith(self.live_server_url), url)

"""The episode and season forms in the Wagtail admin log no JavaScript error (issue 9, item 12).

Chromium opens the add and edit forms as a signed-in editor (a session from ``force_login``)
and records console errors and uncaught exceptions: Stimulus reports a controller that fails
to connect (such as ``w-sync`` with an empty target selector) as a console error.
"""

from django.conf import settings
from django.urls import reverse

from catalog.models import EpisodePage, SeasonPage
from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from mediasite.tests.factories import UserFactory


@needs_browser
class AdminFormsConsoleTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.console_errors: list[str] = []

    def watch(self, page) -> None:
        super().watch(page)
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

    def test_episode_and_season_forms_log_no_errors(self):
        admin = UserFactory(is_staff=True, is_superuser=True)
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        self.client.force_login(admin)
        session = self.client.cookies[settings.SESSION_COOKIE_NAME].value
        forms = {
            "episode add": self._add_url(EpisodePage, season),
            "episode edit": reverse("wagtailadmin_pages:edit", args=[episode.pk]),
            "season add": self._add_url(SeasonPage, show),
            "season edit": reverse("wagtailadmin_pages:edit", args=[season.pk]),
        }
        errors = {}
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
            for name, path in forms.items():
                page.goto(f"{self.live_server_url}{path}")
                page.locator("#id_title").wait_for()
                page.wait_for_load_state("networkidle")
                self.assertIn(path, page.url)
                errors[name] = self.console_errors + self.page_errors
                self.console_errors, self.page_errors = [], []
        self.assertEqual(errors, {name: [] for name in forms})

    @staticmethod
    def _add_url(model, parent) -> str:
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

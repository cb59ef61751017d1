"""The editor's admin in Chromium: the searchable country list on shows, and uploading a
video from the chooser an episode opens. Both under the admin's Content-Security-Policy."""

from django.conf import settings

from catalog.models import ShowPage, VideoAsset
from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from catalog.tests.media_fixtures import cleanup_asset_storage
from mediasite.tests.factories import UserFactory


@needs_browser
class EditorAdminBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.violations: list[str] = []
        editor = UserFactory(email="browser-editor@example.com", is_staff=True, is_superuser=True)
        self.client.force_login(editor)
        self.session = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    def watch(self, page) -> None:
        super().watch(page)
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and self.violations.append(message.text)
            ),
        )

    def open(self, page, path: str) -> None:
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": self.session,
                    "url": self.live_server_url,
                }
            ]
        )
        response = page.goto(f"{self.live_server_url}{path}")
        self.assertLess(response.status, 400, path)
        page.wait_for_selector("form[data-edit-form]", timeout=15_000)

    def test_typing_filters_the_countries_and_the_checked_one_is_saved(self):
        show = factories.publish(factories.ShowPageFactory(title="Salt Roads"))
        with self.browser() as page:
            self.open(page, f"/admin/pages/{show.pk}/edit/")
            search = page.get_by_label("Find a country")
            search.fill("fra")
            visible = page.locator(
                "[data-checkbox-filter] input[type=checkbox]:visible"
            ).evaluate_all("(inputs) => inputs.map((input) => input.value)")
            self.assertEqual(visible, ["FR"])
            search.press("Enter")  # must not submit the form
            page.get_by_label("France", exact=True).check()
            status = page.locator(".checkbox-filter__status").text_content()
            search.fill("")
            total = page.locator("[data-checkbox-filter] input[type=checkbox]:visible").count()
            page.locator("button[type=submit]", has_text="Save draft").first.click()
            page.wait_for_selector(".messages .success", timeout=15_000)

        self.assertIn("Selected: France.", status)
        self.assertGreater(total, 240)
        saved = ShowPage.objects.get(pk=show.pk).get_latest_revision_as_object()
        self.assertEqual(saved.region_codes, ["FR"])
        self.assertEqual(self.violations, [], "\n".join(self.violations))
        self.assertEqual(self.page_errors, [])

    def test_a_video_uploaded_in_the_chooser_is_chosen(self):
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        clip = self.files.clip("chooser.mp4", size="320x180", seconds=2)
        with self.browser() as page:
            self.open(page, f"/admin/pages/{episode.pk}/edit/")
            page.locator("#id_video-chooser .unchosen [data-chooser-action-choose]").click()
            modal = page.locator(".modal-dialog")
            modal.get_by_role("tab", name="Upload").click()
            form = modal.locator("form[data-chooser-modal-creation-form]")
            form.locator("input[name=title]").fill("Uploaded from the chooser")
            form.locator("input[name=source]").set_input_files(str(clip))
            form.locator("button[type=submit]").click()
            page.wait_for_selector(".modal-dialog", state="detached", timeout=30_000)
            chosen_title = page.locator("#id_video-chooser [data-chooser-title]").text_content()
            chosen_id = page.locator("#id_video").input_value()

        asset = VideoAsset.objects.get(title="Uploaded from the chooser")
        self.addCleanup(cleanup_asset_storage, asset)
        self.assertEqual(chosen_title.strip(), "Uploaded from the chooser")
        self.assertEqual(chosen_id, str(asset.pk))
        self.assertEqual(asset.status, VideoAsset.Status.READY, asset.error)
        self.assertEqual(self.violations, [], "\n".join(self.violations))
        self.assertEqual(self.page_errors, [])

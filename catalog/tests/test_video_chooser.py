"""The video chooser that episode, trailer and extra fields open: poster, status and duration
in the listing, and an upload tab with the same checks as the Videos "Add" form."""

import json

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.images import get_image_model

from catalog.models import VideoAsset
from mediasite.tests.factories import UserFactory
from mediasite.tests.tools import needs_ffmpeg

from .media_fixtures import cleanup_asset_storage, make_asset, tiny_image_file
from .test_media_admin import VideoAdminTestCase, processing, upload

Status = VideoAsset.Status
CHOOSER = "wagtailsnippetchoosers_catalog_videoasset:{}"


def modal(response) -> dict:
    """A chooser response: the modal workflow's JSON ({"html": …} or {"step": …, …})."""
    return json.loads(response.content)


@needs_ffmpeg
class VideoChooserListingTests(VideoAdminTestCase):
    def test_lists_poster_title_status_with_the_error_and_duration(self):
        poster = get_image_model().objects.create(title="Still", file=tiny_image_file())
        self.addCleanup(poster.file.delete, False)
        make_asset(self, self.small, title="Pilot", status=Status.READY, duration=83, poster=poster)
        make_asset(
            self,
            self.small,
            title="Broken cut",
            status=Status.FAILED,
            error="The file has sound but no video.",
        )
        make_asset(self, self.small, title="Finale", status=Status.PROCESSING, progress=40)

        html = modal(self.client.get(reverse(CHOOSER.format("choose"))))["html"]

        for heading in ("Poster", "Title", "Status", "Duration"):
            self.assertIn(f">{heading}<", html.replace("\n", "").replace("  ", ""))
        self.assertIn("Pilot", html)
        self.assertIn("1:23", html)
        self.assertIn(poster.get_rendition("fill-96x54").url, html)
        self.assertIn("Broken cut", html)
        self.assertIn("The file has sound but no video.", html)
        self.assertIn("40%", html)
        # The upload tab is there for editors, with a file field.
        self.assertIn('id="tab-create"', html)
        self.assertIn('type="file"', html)

    def test_search_results_keep_the_columns(self):
        make_asset(self, self.small, title="Broken cut", status=Status.FAILED, error="No video.")
        response = self.client.get(reverse(CHOOSER.format("choose_results")), {"q": "broken"})
        self.assertContains(response, "Broken cut")
        self.assertContains(response, "No video.")


@needs_ffmpeg
class VideoChooserUploadTests(VideoAdminTestCase):
    def post(self, title, path, name=None):
        return self.client.post(
            reverse(CHOOSER.format("create")), {"title": title, "source": upload(path, name)}
        )

    def test_a_valid_upload_is_chosen_and_sent_to_the_pipeline(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.post("Uploaded here", self.small)
        asset = VideoAsset.objects.get(title="Uploaded here")
        self.addCleanup(cleanup_asset_storage, asset)
        data = modal(response)
        self.assertEqual(data["step"], "chosen")
        self.assertEqual(str(data["result"]["id"]), str(asset.pk))
        self.assertEqual(len(processing(callbacks)), 1)
        asset.refresh_from_db()
        self.assertEqual(asset.status, Status.READY)

    def test_a_bad_file_is_a_form_error_and_nothing_is_stored(self):
        response = self.post("Meeting notes", self.files.text())
        data = modal(response)
        self.assertEqual(data["step"], "reshow_creation_form")
        self.assertIn("not a video we can read", data["htmlFragment"])
        self.assertFalse(VideoAsset.objects.filter(title="Meeting notes").exists())

    def test_the_size_limit_applies(self):
        with self.settings(VIDEO_MAX_UPLOAD_MB=1):
            big = self.files.dir / "big.mp4"
            big.write_bytes(b"\0" * (2 * 1024 * 1024 + 1))
            data = modal(self.post("Too big", big))
        self.assertIn("the limit is 1 MB", data["htmlFragment"])
        self.assertFalse(VideoAsset.objects.filter(title="Too big").exists())

    def test_users_who_may_not_add_videos_cannot_upload(self):
        moderator = UserFactory(email="chooser-moderator@example.com", is_staff=True)
        moderator.groups.add(Group.objects.get(name="Moderators"))
        self.client.force_login(moderator)
        response = self.post("Sneaky", self.small)
        self.assertIn(response.status_code, (302, 403))
        self.assertFalse(VideoAsset.objects.filter(title="Sneaky").exists())

"""The Videos admin: upload validation as form errors, enqueueing, status JSON and retry."""

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalog import content_version
from catalog.models import VideoAsset
from mediasite.tests.factories import UserFactory

from .media_fixtures import MediaFiles, cleanup_asset_storage, make_asset

Status = VideoAsset.Status
URL = "wagtailsnippets_catalog_videoasset:{}"


def processing(callbacks) -> list:
    """The on-commit callbacks that send a video to the pipeline (not the content
    version's bumps, which every saved video with a new output adds)."""
    return [callback for callback in callbacks if callback is not content_version.bump]


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="video/mp4")


def asset_form(title, source=None):
    data = nested_form_data(
        {
            "title": title,
            "subtitles": inline_formset([]),
            "chapters": inline_formset([]),
        }
    )
    if source is not None:
        data["source"] = source
    return data


class VideoAdminTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = MediaFiles()
        cls.small = cls.files.clip("small.mp4", size="640x360", seconds=3)

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        cls.editor = UserFactory(email="video-editor@example.com", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def setUp(self):
        self.client.force_login(self.editor)


class UploadValidationTests(VideoAdminTestCase):
    """A bad upload is a field error on ``source`` with a 200, never a 500 or a stored file."""

    def post_upload(self, path, name=None):
        response = self.client.post(
            reverse(URL.format("add")), asset_form("Bad upload", upload(path, name))
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(VideoAsset.objects.filter(title="Bad upload").exists())
        return response.context["form"].errors.get("source", [])

    def assertSourceError(self, path, message_part, name=None):
        errors = self.post_upload(path, name)
        self.assertTrue(any(message_part in error for error in errors), errors)

    def test_zero_byte_file(self):
        self.assertSourceError(self.files.empty(), "empty")

    def test_text_file_renamed_mp4(self):
        self.assertSourceError(self.files.text(), "not a video we can read")

    def test_truncated_mp4(self):
        self.assertSourceError(self.files.truncated(self.small), "damaged, incomplete")

    def test_audio_only(self):
        self.assertSourceError(self.files.audio_only(), "sound but no video", name="sound.mp4")

    def test_wrong_extension(self):
        self.assertSourceError(self.small, ".txt files are not accepted", name="clip.txt")

    @override_settings(VIDEO_MAX_DURATION_SECONDS=2)
    def test_too_long(self):
        self.assertSourceError(self.small, "The video is 3 s long; the limit is 2 s.")

    @override_settings(VIDEO_MAX_UPLOAD_MB=1)
    def test_too_big(self):
        big = self.files.dir / "big.mp4"
        big.write_bytes(b"\0" * (2 * 1024 * 1024 + 1))
        self.assertSourceError(big, "The file is 2 MB; the limit is 1 MB.")

    @override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
    def test_large_uploads_are_probed_from_their_temporary_file(self):
        self.assertSourceError(self.files.text("long-notes.mp4"), "not a video we can read")


class EnqueueOnSaveTests(VideoAdminTestCase):
    def test_new_upload_is_processed_once(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(
                reverse(URL.format("add")), asset_form("Pilot", upload(self.small))
            )
        asset = VideoAsset.objects.get(title="Pilot")
        self.addCleanup(cleanup_asset_storage, asset)
        # To the edit page, whose status panel follows the processing.
        self.assertRedirects(response, reverse(URL.format("edit"), args=[asset.pk]))
        self.assertEqual(len(processing(callbacks)), 1)
        asset.refresh_from_db()
        self.assertEqual(asset.status, Status.READY)
        self.assertEqual(asset.attempts, 1)

    def test_editing_without_a_new_source_does_not_reprocess(self):
        asset = make_asset(self, self.small, status=Status.READY, task_id="done")
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.client.post(
                reverse(URL.format("edit"), args=[asset.pk]), asset_form("Renamed")
            )
        self.assertEqual(response.status_code, 302)
        asset.refresh_from_db()
        self.assertEqual((asset.title, asset.status, asset.task_id), ("Renamed", "ready", "done"))
        self.assertEqual(processing(callbacks), [])

    def test_a_new_source_is_processed_again(self):
        asset = make_asset(self, self.small, status=Status.READY, task_id="done")
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.post(
                reverse(URL.format("edit"), args=[asset.pk]),
                asset_form("Recut", upload(self.small, "recut.mp4")),
            )
        self.addCleanup(cleanup_asset_storage, asset)
        asset.refresh_from_db()
        self.assertEqual(asset.status, Status.PENDING)
        self.assertNotEqual(asset.task_id, "done")
        self.assertEqual(len(processing(callbacks)), 1)

    def test_editor_save_does_not_overwrite_worker_progress(self):
        asset = make_asset(self, self.small)
        url = reverse(URL.format("edit"), args=[asset.pk])
        form = self.client.get(url).context["form"]
        self.assertTrue(form.instance.pk)
        VideoAsset.objects.filter(pk=asset.pk).update(
            status=Status.READY, hls_prefix="hls/x/y/", progress=100
        )
        self.client.post(url, asset_form("Edited meanwhile"))
        asset.refresh_from_db()
        self.assertEqual((asset.status, asset.hls_prefix), (Status.READY, "hls/x/y/"))


class StatusAndRetryTests(VideoAdminTestCase):
    def test_edit_page_shows_status_and_retry_for_a_failed_video(self):
        asset = make_asset(self, self.small, status=Status.FAILED, error="The file is empty.")
        response = self.client.get(reverse(URL.format("edit"), args=[asset.pk]))
        self.assertContains(response, "Failed: The file is empty.")
        self.assertContains(response, "Retry processing")
        self.assertContains(response, reverse(URL.format("retry"), args=[asset.pk]))
        self.assertContains(response, reverse(URL.format("status"), args=[asset.pk]))
        self.assertContains(response, "catalog/admin/video-status.js")

    def test_status_json(self):
        asset = make_asset(self, self.small, status=Status.PROCESSING, progress=42, stage="x")
        response = self.client.get(reverse(URL.format("status"), args=[asset.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-cache", response["Cache-Control"])
        data = response.json()
        self.assertEqual((data["status"], data["progress"]), ("processing", 42))
        self.assertEqual(data["label"], "Processing 42%")

    def test_retry_re_enqueues_a_failed_video(self):
        asset = make_asset(self, self.small, status=Status.FAILED, error="Boom", task_id="old")
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.client.post(reverse(URL.format("retry"), args=[asset.pk]))
        self.assertRedirects(response, reverse(URL.format("edit"), args=[asset.pk]))
        asset.refresh_from_db()
        self.assertEqual((asset.status, asset.error), (Status.PENDING, ""))
        self.assertNotEqual(asset.task_id, "old")
        self.assertEqual(len(callbacks), 1)

    def test_retry_is_refused_for_a_ready_video(self):
        asset = make_asset(self, self.small, status=Status.READY, task_id="done")
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.post(reverse(URL.format("retry"), args=[asset.pk]))
        asset.refresh_from_db()
        self.assertEqual((asset.status, asset.task_id), (Status.READY, "done"))
        self.assertEqual(callbacks, [])

    def test_retry_needs_post_and_permission(self):
        asset = make_asset(self, self.small, status=Status.FAILED)
        url = reverse(URL.format("retry"), args=[asset.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        outsider = UserFactory(email="outsider@example.com", is_staff=True)
        outsider.groups.add(Group.objects.get(name="Moderators"))
        self.client.force_login(outsider)
        response = self.client.post(url)
        self.assertIn(response.status_code, (302, 403))
        asset.refresh_from_db()
        self.assertEqual(asset.status, Status.FAILED)

    def test_listing_shows_status_and_filters(self):
        make_asset(self, self.small, title="Broken one", status=Status.FAILED, error="No video.")
        make_asset(self, self.small, title="Busy one", status=Status.PROCESSING, progress=30)
        response = self.client.get(reverse(URL.format("list")))
        self.assertContains(response, "No video.")
        self.assertContains(response, "30%")
        response = self.client.get(reverse(URL.format("list")), {"status": "failed"})
        self.assertContains(response, "Broken one")
        self.assertNotContains(response, "Busy one")

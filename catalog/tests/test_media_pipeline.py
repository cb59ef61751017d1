"""The pipeline end to end: real ffmpeg, real private storage (SeaweedFS S3 when configured)."""

import re
from datetime import timedelta

from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.images import get_image_model

from catalog.media import services
from catalog.media.pipeline import process_asset
from catalog.media.runs import Heartbeat, Superseded, claim
from catalog.models import VideoAsset
from catalog.storage import private_storage
from catalog.tasks import process_video_asset, recover_stuck_video_assets

from .media_fixtures import (
    SUBTITLES_EN,
    MediaFiles,
    make_asset,
    read_text,
    stored_prefixes,
    tiny_image_file,
)

Status = VideoAsset.Status
STREAM_INF = re.compile(r"^#EXT-X-STREAM-INF:(.*)$", re.MULTILINE)
# Fields a re-run must leave as they were (prefix, timestamps, attempts and task id differ).
STABLE_FIELDS = ["status", "error", "progress", "duration", "width", "height", "renditions"]


def attributes(line: str) -> dict[str, str]:
    """Attribute list of an HLS tag, quotes removed."""
    pairs = re.findall(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)', line)
    return {key: value.strip('"') for key, value in pairs}


class MediaTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        # Clips first: TestCase.setUpClass runs setUpTestData, which may process one.
        cls.files = MediaFiles()
        cls.addClassCleanup(cls.files.cleanup)
        cls.make_clips()
        super().setUpClass()

    @classmethod
    def make_clips(cls):
        cls.small = cls.files.clip("small.mp4", size="640x360", seconds=3)

    def assertFailedWith(self, asset, reason_part):
        asset.refresh_from_db()
        self.assertEqual(asset.status, Status.FAILED)
        self.assertIn(reason_part, asset.error)
        return asset


class PipelineEndToEndTests(MediaTestCase):
    """One 720p clip with subtitles through the whole pipeline; the output checked in storage."""

    @classmethod
    def make_clips(cls):
        cls.hd = cls.files.clip("hd.mp4", size="1280x720", seconds=6)

    @classmethod
    def setUpTestData(cls):
        asset = make_asset(cls, cls.hd, title="Harbour lights", subtitles=SUBTITLES_EN)
        cls.outcome = process_asset(asset.pk)
        asset.refresh_from_db()
        cls.asset, cls.prefix = asset, asset.hls_prefix

    def test_asset_is_ready_with_the_source_facts(self):
        asset = self.asset
        self.assertEqual(self.outcome, "ready")
        self.assertEqual((asset.status, asset.progress, asset.error), (Status.READY, 100, ""))
        self.assertTrue(asset.is_ready)
        self.assertRegex(self.prefix, rf"^hls/{asset.pk}/[0-9a-f]{{32}}/$")
        self.assertEqual((asset.width, asset.height), (1280, 720))
        self.assertAlmostEqual(asset.duration, 6.0, delta=0.1)
        self.assertEqual((asset.video_codec, asset.audio_codec), ("h264", "aac"))
        self.assertIsNotNone(asset.processed_at)
        self.assertEqual(stored_prefixes(asset), [self.prefix])
        self.assertEqual([r["name"] for r in asset.renditions], ["720p", "480p", "360p"])

    def test_master_playlist_lists_every_variant_with_required_attributes(self):
        master = read_text(self.asset.master_playlist_path)
        self.assertTrue(master.startswith("#EXTM3U"))
        variants = STREAM_INF.findall(master)
        self.assertEqual(len(variants), 3)
        for line in variants:
            attrs = attributes(line)
            self.assertGreater(int(attrs["BANDWIDTH"]), 0)
            self.assertRegex(attrs["RESOLUTION"], r"^\d+x\d+$")
            self.assertRegex(attrs["CODECS"], r"^avc1\.64[0-9a-f]{4},mp4a\.40\.2$")
            self.assertLessEqual(int(attrs["AVERAGE-BANDWIDTH"]), int(attrs["BANDWIDTH"]))
            self.assertEqual(attrs["SUBTITLES"], "subs")
        uris = [line for line in master.splitlines() if line and not line.startswith("#")]
        self.assertEqual(uris, ["720p/index.m3u8", "480p/index.m3u8", "360p/index.m3u8"])

    def test_variant_playlists_are_complete_and_their_segments_exist(self):
        storage = private_storage()
        for name in ("720p", "480p", "360p"):
            playlist = read_text(f"{self.prefix}{name}/index.m3u8")
            target = int(re.search(r"#EXT-X-TARGETDURATION:(\d+)", playlist).group(1))
            self.assertLessEqual(target, settings.HLS_SEGMENT_SECONDS + 1)
            self.assertIn("#EXT-X-PLAYLIST-TYPE:VOD", playlist)
            self.assertIn("#EXT-X-ENDLIST", playlist)
            segments = [s for s in playlist.splitlines() if s and not s.startswith("#")]
            self.assertGreaterEqual(len(segments), 2)
            for segment in segments:
                self.assertNotIn("/", segment)
                self.assertTrue(storage.exists(f"{self.prefix}{name}/{segment}"), segment)

    def test_subtitles_rendition(self):
        master = read_text(self.asset.master_playlist_path)
        (media,) = re.findall(r"^#EXT-X-MEDIA:(.*)$", master, re.MULTILINE)
        attrs = attributes(media)
        self.assertEqual(attrs["TYPE"], "SUBTITLES")
        self.assertEqual(attrs["GROUP-ID"], "subs")
        self.assertEqual(
            (attrs["LANGUAGE"], attrs["NAME"], attrs["DEFAULT"]), ("en", "English", "YES")
        )
        self.assertEqual(attrs["URI"], "subs/en.m3u8")
        playlist = read_text(f"{self.prefix}subs/en.m3u8")
        self.assertIn("#EXT-X-TARGETDURATION:6", playlist)
        self.assertIn("\nen.vtt\n", playlist)
        self.assertIn("#EXT-X-ENDLIST", playlist)
        vtt = read_text(f"{self.prefix}subs/en.vtt")
        self.assertTrue(vtt.startswith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:"))
        self.assertIn("Hello.", vtt)

    def test_thumbnail_sprite_and_its_vtt(self):
        storage = private_storage()
        self.assertEqual(self.asset.sprite_path, f"{self.prefix}thumbs/sprite.jpg")
        self.assertGreater(storage.size(self.asset.sprite_path), 1000)
        vtt = read_text(f"{self.prefix}thumbs/thumbs.vtt")
        self.assertTrue(vtt.startswith("WEBVTT"))
        cues = re.findall(r"sprite\.jpg#xywh=(\d+),(\d+),160,90", vtt)
        self.assertEqual(len(cues), 6)
        self.assertEqual(cues[1], ("160", "0"))

    def test_poster_frame_becomes_the_poster(self):
        poster = self.asset.poster
        self.assertIsNotNone(poster)
        self.assertTrue(self.asset.poster_generated)
        self.assertEqual((poster.width, poster.height), (1280, 720))
        self.assertIn("Harbour lights", poster.title)


class PipelineFailureTests(MediaTestCase):
    """Bad sources end as failed with a readable reason, and leave nothing in storage."""

    def assertFailsCleanly(self, path, reason_part):
        asset = make_asset(self, path)
        self.assertEqual(process_asset(asset.pk), "failed")
        asset = self.assertFailedWith(asset, reason_part)
        self.assertEqual(asset.hls_prefix, "")
        self.assertEqual(stored_prefixes(asset), [])

    def test_zero_byte_file(self):
        self.assertFailsCleanly(self.files.empty(), "empty")

    def test_text_file_renamed_mp4(self):
        self.assertFailsCleanly(self.files.text(), "not a video we can read")

    def test_truncated_mp4(self):
        self.assertFailsCleanly(self.files.truncated(self.small), "damaged, incomplete")

    def test_audio_only(self):
        self.assertFailsCleanly(self.files.audio_only(), "sound but no video")

    @override_settings(VIDEO_MAX_DURATION_SECONDS=2)
    def test_too_long(self):
        self.assertFailsCleanly(self.small, "The video is 3 s long; the limit is 2 s.")

    def test_subtitles_that_are_not_webvtt(self):
        srt = b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n"
        asset = make_asset(self, self.small, subtitles=srt)
        self.assertEqual(process_asset(asset.pk), "failed")
        self.assertFailedWith(asset, "not WebVTT")
        self.assertEqual(stored_prefixes(asset), [])

    def test_failed_task_is_not_retried(self):
        asset = make_asset(self, self.files.text("other.mp4"))
        result = process_video_asset.apply(args=[asset.pk])
        self.assertEqual(result.get(), "failed")
        self.assertFailedWith(asset, "not a video")


class PipelineIdempotencyTests(MediaTestCase):
    def stable(self, asset):
        asset.refresh_from_db()
        return {name: getattr(asset, name) for name in STABLE_FIELDS} | {"poster": asset.poster_id}

    def test_running_twice_leaves_one_prefix_and_the_same_state(self):
        asset = make_asset(self, self.small)
        process_asset(asset.pk)
        first, first_prefix = self.stable(asset), asset.hls_prefix
        process_asset(asset.pk)
        self.assertEqual(self.stable(asset), first)
        self.assertNotEqual(asset.hls_prefix, first_prefix)
        self.assertEqual(stored_prefixes(asset), [asset.hls_prefix])
        self.assertEqual(get_image_model().objects.filter(pk=asset.poster_id).count(), 1)

    def test_redelivered_message_reruns_without_duplicates(self):
        asset = make_asset(self, self.small)
        for _ in range(2):
            process_video_asset.apply(args=[asset.pk], task_id="same-message")
        asset.refresh_from_db()
        self.assertEqual((asset.status, asset.attempts), (Status.READY, 2))
        self.assertEqual(stored_prefixes(asset), [asset.hls_prefix])

    def test_failed_rerun_keeps_the_previous_output(self):
        asset = make_asset(self, self.small)
        process_asset(asset.pk)
        asset.refresh_from_db()
        ready_prefix = asset.hls_prefix
        storage = private_storage()
        storage.delete(asset.source.name)
        with self.files.text().open("rb") as handle:
            storage.save(asset.source.name, handle)
        self.assertEqual(process_asset(asset.pk), "failed")
        asset = self.assertFailedWith(asset, "not a video we can read")
        self.assertEqual(asset.hls_prefix, ready_prefix)
        self.assertTrue(asset.is_playable)
        self.assertEqual(stored_prefixes(asset), [ready_prefix])
        self.assertTrue(storage.exists(asset.master_playlist_path))

    def test_editor_chosen_poster_is_kept(self):
        image = get_image_model().objects.create(
            title="Chosen", file=tiny_image_file(), width=4, height=4
        )
        self.addCleanup(image.file.delete, False)
        asset = make_asset(self, self.small, poster=image)
        process_asset(asset.pk)
        asset.refresh_from_db()
        self.assertEqual((asset.poster_id, asset.poster_generated), (image.pk, False))


class PipelineConcurrencyTests(MediaTestCase):
    def test_duplicate_message_while_another_worker_processes_does_nothing(self):
        asset = make_asset(self, self.small)
        VideoAsset.objects.filter(pk=asset.pk).update(
            status=Status.PROCESSING, task_id="worker-a", heartbeat_at=timezone.now()
        )
        self.assertEqual(process_asset(asset.pk, task_id="worker-b"), "skipped")
        self.assertEqual(process_asset(asset.pk, task_id="worker-a"), "skipped")
        asset.refresh_from_db()
        self.assertEqual((asset.status, asset.task_id), (Status.PROCESSING, "worker-a"))
        self.assertEqual(stored_prefixes(asset), [])

    def test_an_older_message_gives_way_to_the_newest(self):
        asset = make_asset(self, self.small)
        VideoAsset.objects.filter(pk=asset.pk).update(status=Status.PENDING, task_id="newest")
        self.assertEqual(process_asset(asset.pk, task_id="older"), "skipped")

    def test_a_run_stops_when_an_editor_re_enqueues(self):
        asset = make_asset(self, self.small)
        token = claim(asset.pk, None)
        beat = Heartbeat(asset.pk, token)
        beat(10, stage="transcoding")
        services.enqueue_video_processing(asset)
        with self.assertRaises(Superseded):
            beat(20, stage="uploading")

    def test_a_stale_run_is_taken_over(self):
        asset = make_asset(self, self.small)
        stale = timezone.now() - timedelta(seconds=settings.VIDEO_STUCK_AFTER_SECONDS + 60)
        VideoAsset.objects.filter(pk=asset.pk).update(
            status=Status.PROCESSING, task_id="dead-worker", heartbeat_at=stale
        )
        self.assertEqual(process_asset(asset.pk, task_id="new-worker"), "ready")


class StuckDetectionTests(TestCase):
    def test_stale_processing_assets_are_marked_failed(self):
        old = timezone.now() - timedelta(seconds=settings.VIDEO_STUCK_AFTER_SECONDS + 60)
        stuck = VideoAsset.objects.create(title="Stuck", source="sources/x.mp4")
        fresh = VideoAsset.objects.create(title="Busy", source="sources/y.mp4")
        VideoAsset.objects.filter(pk=stuck.pk).update(status=Status.PROCESSING, heartbeat_at=old)
        VideoAsset.objects.filter(pk=fresh.pk).update(
            status=Status.PROCESSING, heartbeat_at=timezone.now()
        )
        stuck.refresh_from_db()
        self.assertTrue(stuck.is_stale)
        self.assertTrue(stuck.status_label.startswith("Stuck"))
        self.assertEqual(recover_stuck_video_assets.apply().get(), 1)
        stuck.refresh_from_db()
        fresh.refresh_from_db()
        self.assertEqual(stuck.status, Status.FAILED)
        self.assertEqual(stuck.error, services.STUCK_MESSAGE)
        self.assertTrue(stuck.can_retry)
        self.assertEqual(fresh.status, Status.PROCESSING)

    def test_beat_runs_the_check_every_five_minutes(self):
        entry = settings.CELERY_BEAT_SCHEDULE["recover-stuck-video-assets"]
        self.assertEqual(entry["task"], "catalog.tasks.recover_stuck_video_assets")
        self.assertEqual(entry["schedule"], 300.0)


class DeleteTests(MediaTestCase):
    def test_deleting_a_video_removes_its_files(self):
        asset = make_asset(self, self.small, subtitles=SUBTITLES_EN)
        process_asset(asset.pk)
        asset.refresh_from_db()
        subtitle = asset.subtitles.get().file.name
        storage = private_storage()
        with self.captureOnCommitCallbacks(execute=True):
            VideoAsset.objects.get(pk=asset.pk).delete()
        self.assertEqual(stored_prefixes(asset), [])
        self.assertFalse(storage.exists(asset.source.name))
        self.assertFalse(storage.exists(subtitle))

    def test_a_source_another_video_uses_is_kept(self):
        asset = make_asset(self, self.small)
        twin = VideoAsset.objects.create(title="Twin", source=asset.source.name)
        with self.captureOnCommitCallbacks(execute=True):
            twin.delete()
        self.assertTrue(private_storage().exists(asset.source.name))

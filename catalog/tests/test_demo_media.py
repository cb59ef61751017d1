"""The demo loader's videos: made with ffmpeg, processed by the real pipeline, attached once."""

import secrets
import subprocess
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings

from wagtail.models import Revision

from catalog.demo import media
from catalog.models import AccessLevel, EpisodePage, ShowPage, VideoAsset
from catalog.storage import private_storage
from catalog.tests import factories
from mediasite.demo import Report
from mediasite.tests.tools import needs_ffmpeg

from .media_fixtures import cleanup_asset_storage

# The smallest plan that still has markers (12 s) and one 360p rendition each.
SMALL = media.MediaPlan(
    shows=1, size="640x360", episode_seconds=12, trailer_seconds=2, subscriber_episodes=1
)


class DemoMediaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        levels = [AccessLevel.FREE, AccessLevel.FREE, AccessLevel.SUBSCRIBERS]
        levels += [AccessLevel.SUBSCRIBERS]
        cls.episodes = [
            factories.publish(
                factories.EpisodePageFactory(parent=season, number=number, access_level=level)
            )
            for number, level in enumerate(levels, start=1)
        ]

    def setUp(self):
        # Random large keys keep this run's HLS prefixes apart from others' in a shared bucket.
        def new_asset(title):
            asset = VideoAsset(title=title, pk=10**8 + secrets.randbelow(9 * 10**8))
            self.addCleanup(cleanup_asset_storage, asset)
            return asset

        patcher = mock.patch.object(media, "new_asset", new_asset)
        patcher.start()
        self.addCleanup(patcher.stop)

    def load(self) -> tuple[list[VideoAsset], Report]:
        report = Report()
        assets = media.ensure_demo_media(
            report=report, plan=SMALL, say=lambda line: None, shows=[self.show]
        )
        return assets, report

    @needs_ffmpeg
    def test_makes_processes_and_attaches_the_videos_once(self):
        assets, report = self.load()

        self.assertEqual(report.created["demo video"], 2)
        episode_video, trailer = assets
        storage = private_storage()
        for asset in assets:
            self.assertEqual(asset.status, VideoAsset.Status.READY, asset.error)
            self.assertTrue(storage.exists(asset.master_playlist_path))
            self.assertTrue(asset.sprite_path)
        self.assertEqual(
            sorted(episode_video.subtitles.values_list("language", flat=True)), ["en", "fr"]
        )
        self.assertEqual(
            (episode_video.intro_start, episode_video.intro_end, episode_video.credits_start),
            (2.0, 6.0, 8.0),
        )
        self.assertEqual(episode_video.chapters.count(), 3)

        free, also_free, paid, other_paid = (
            EpisodePage.objects.get(pk=episode.pk) for episode in self.episodes
        )
        self.assertEqual([free.video_id, also_free.video_id], [episode_video.pk] * 2)
        self.assertEqual(paid.video_id, episode_video.pk)  # one subscribers-only episode too
        self.assertIsNone(other_paid.video_id)
        # The runtime is the clip's length, not the planned one (issue 9, item 8).
        self.assertEqual(free.runtime_minutes, episode_video.duration_minutes)
        self.assertEqual(free.trailer_id, trailer.pk)
        self.assertEqual(ShowPage.objects.get(pk=self.show.pk).trailer_id, trailer.pk)
        self.assertFalse(free.has_unpublished_changes)
        self.assertEqual(free.get_latest_revision().as_object().video_id, episode_video.pk)

        processed = list(VideoAsset.objects.order_by("pk").values_list("pk", "processed_at"))
        revisions = Revision.objects.count()
        assets_again, report_again = self.load()

        self.assertEqual(report_again.created["demo video"], 0)
        self.assertEqual(report_again.created["video link"], 0)
        self.assertEqual([a.pk for a in assets_again], [a.pk for a in assets])
        self.assertEqual(
            list(VideoAsset.objects.order_by("pk").values_list("pk", "processed_at")), processed
        )
        self.assertEqual(Revision.objects.count(), revisions)

    def test_without_ffmpeg_the_step_is_skipped_with_a_message(self):
        lines = []
        with mock.patch.object(media.shutil, "which", return_value=None):
            assets = media.ensure_demo_media(report=Report(), say=lines.append, shows=[self.show])
        self.assertEqual(assets, [])
        self.assertEqual(lines, [media.NO_FFMPEG])
        self.assertFalse(VideoAsset.objects.exists())

    def test_a_failing_clip_skips_that_show_and_goes_on(self):
        lines = []
        error = subprocess.CalledProcessError(1, ["ffmpeg"], stderr="boom")
        with (
            mock.patch.object(media, "ffmpeg_available", return_value=True),
            mock.patch.object(media, "make_clip", side_effect=error),
        ):
            assets = media.ensure_demo_media(report=Report(), say=lines.append, shows=[self.show])
        self.assertEqual(assets, [])
        self.assertIn("Demo videos for Harbour Lights skipped", lines[-1])
        self.assertIsNone(ShowPage.objects.get(pk=self.show.pk).trailer_id)

    def test_the_loader_runs_the_step_unless_told_not_to(self):
        with (
            mock.patch.object(media, "ensure_demo_media") as step,
            mock.patch("catalog.demo.builder.build_demo"),
        ):
            load = ("load_demo_catalog", "--no-progress", "--no-accounts")
            with override_settings(DEMO_MEDIA=True):
                call_command(*load, stdout=StringIO())
                call_command(*load, "--no-media", stdout=StringIO())
            call_command(*load, stdout=StringIO())  # tests: off
        self.assertEqual(step.call_count, 1)

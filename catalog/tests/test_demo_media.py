"""The demo loader's videos: made with ffmpeg, processed by the real pipeline, attached once."""

import secrets
import subprocess
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.models import Locale, Revision

from catalog import selectors
from catalog.demo import media
from catalog.models import AccessLevel, EpisodePage, ShowPage, VideoAsset
from catalog.storage import private_storage
from catalog.tests import factories
from home.models import HomePage
from mediasite.demo import Report
from mediasite.tests.tools import needs_ffmpeg

from .media_fixtures import cleanup_asset_storage, read_text

# The smallest plan that still has markers (12 s), one 360p rendition each, and two sample
# episodes to deal out in turn.
SMALL = media.MediaPlan(
    episodes=2, trailers=1, size="640x360", episode_seconds=12, trailer_seconds=2
)


class RandomKeysMixin:
    """Demo assets get random large keys: HLS prefixes stay apart from others' in a shared
    bucket, and their files are removed after each test."""

    def setUp(self):
        super().setUp()

        def new_asset(title):
            asset = VideoAsset(title=title, pk=10**8 + secrets.randbelow(9 * 10**8))
            self.addCleanup(cleanup_asset_storage, asset)
            return asset

        patcher = mock.patch.object(media, "new_asset", new_asset)
        patcher.start()
        self.addCleanup(patcher.stop)


class DemoMediaTests(RandomKeysMixin, TestCase):
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
        later = timezone.now() + timedelta(days=7)
        upcoming = factories.EpisodePageFactory(parent=season, number=5, available_from=later)
        cls.episodes.append(factories.publish(upcoming))

    def load(self) -> tuple[list[VideoAsset], Report]:
        report = Report()
        assets = media.ensure_demo_media(
            report=report, plan=SMALL, say=lambda line: None, shows=[self.show]
        )
        return assets, report

    @needs_ffmpeg
    def test_makes_processes_and_shares_the_clips_over_every_episode_once(self):
        assets, report = self.load()

        self.assertEqual(report.created["demo video"], 3)
        first, second, trailer = assets
        storage = private_storage()
        for asset in assets:
            self.assertEqual(asset.status, VideoAsset.Status.READY, asset.error)
            self.assertTrue(asset.is_playable)
            self.assertTrue(storage.exists(asset.master_playlist_path))
            self.assertTrue(asset.sprite_path)
        for asset in assets:  # every clip: English audio, en, fr and es tracks in that order
            tracks = asset.subtitles.order_by("sort_order").values_list("language", "label")
            self.assertEqual(
                list(tracks), [("en", "English"), ("fr", "Français"), ("es", "Español")]
            )
            self.assertEqual(asset.audio_language, "en")
        french = read_text(first.subtitles.get(language="fr").file.name)
        self.assertIn("C'est parti.", french)
        self.assertEqual((first.intro_start, first.intro_end, first.credits_start), (2.0, 6.0, 8.0))
        self.assertEqual(first.chapters.count(), 3)

        pages = [EpisodePage.objects.get(pk=episode.pk) for episode in self.episodes]
        # Every episode, free or not, gets a video: the two clips in turn.
        self.assertEqual([page.video_id for page in pages], [first.pk, second.pk] * 2 + [first.pk])
        # The trailer goes to the show and to the episode that has not premiered yet.
        # The runtime is the clip's length, not the planned one (issue 9, item 8).
        self.assertEqual(pages[0].runtime_minutes, first.duration_minutes)
        self.assertEqual(ShowPage.objects.get(pk=self.show.pk).trailer_id, trailer.pk)
        self.assertEqual([page.trailer_id for page in pages], [None] * 4 + [trailer.pk])
        self.assertFalse(pages[0].has_unpublished_changes)
        self.assertEqual(pages[3].get_latest_revision().as_object().video_id, second.pk)

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

    def test_a_failing_clip_is_left_out_and_the_loader_goes_on(self):
        lines = []
        error = subprocess.CalledProcessError(1, ["ffmpeg"], stderr="boom")
        with (
            mock.patch.object(media, "ffmpeg_available", return_value=True),
            mock.patch.object(media, "make_clip", side_effect=error),
        ):
            assets = media.ensure_demo_media(
                report=Report(), plan=SMALL, say=lines.append, shows=[self.show]
            )
        self.assertEqual(assets, [])
        self.assertIn("Demo video Demo · Trailer 1 skipped", lines[-1])
        self.assertIsNone(ShowPage.objects.get(pk=self.show.pk).trailer_id)
        self.assertFalse(EpisodePage.objects.filter(video__isnull=False).exists())

    def test_the_loader_runs_the_step_unless_told_not_to(self):
        with (
            mock.patch.object(media, "ensure_demo_media") as step,
            mock.patch("catalog.demo.builder.build_demo"),
            mock.patch("catalog.demo.translations.ensure_translations"),
        ):
            load = ("load_demo_catalog", "--no-progress", "--no-accounts")
            with override_settings(DEMO_MEDIA=True):
                call_command(*load, stdout=StringIO())
                call_command(*load, "--no-media", stdout=StringIO())
            call_command(*load, stdout=StringIO())  # tests: off
        self.assertEqual(step.call_count, 1)


@override_settings(DEMO_ACCOUNTS_ENABLED=True)
class DemoCatalogPlaysTests(RandomKeysMixin, TestCase):
    """On the loaded demo, every episode has a video that plays for those entitled to it."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_catalog", "--no-progress", "--no-media", stdout=StringIO())

    def play(self, page_id: int):
        return self.client.post(f"/api/v1/play/{page_id}", content_type="application/json")

    def free_rail_episode_ids(self) -> list[int]:
        home = HomePage.objects.get(depth=2, locale=Locale.get_default())
        rail = next(
            block.value
            for block in home.body
            if block.block_type == "rail" and block.value["title"] == "Start watching free"
        )
        cards = selectors.rail_cards(
            source=rail["source"],
            page_ids=[item.pk for item in rail["items"]],
            genre=None,
            collection=None,
            limit=rail["limit"],
        )
        return [card.page.pk for card in cards]

    @needs_ffmpeg
    def test_every_demo_episode_plays(self):
        self.assertEqual(self.free_rail_episode_ids(), [])  # no video yet: nothing offered

        media.ensure_demo_media(report=Report(), plan=SMALL, say=lambda line: None)

        episodes = EpisodePage.objects.live().select_related("video")
        self.assertGreater(episodes.count(), 200)
        self.assertEqual([e.pk for e in episodes if not e.video or not e.video.is_playable], [])
        self.assertEqual(ShowPage.objects.live().filter(trailer__isnull=True).count(), 0)

        rail = self.free_rail_episode_ids()
        self.assertEqual(len(rail), 8)
        for page_id in rail:
            with self.subTest(page_id=page_id):
                response = self.play(page_id)
                self.assertEqual(response.status_code, 200, response.content)
                self.assertTrue(response.json()["manifest_url"])

        # A free French episode plays the shared video, which has French subtitles.
        french = EpisodePage.objects.get(
            locale__language_code="fr", season__show__slug="signal-lost", season__number=1, number=1
        )
        self.assertEqual(french.access_level, AccessLevel.FREE)
        self.assertTrue(french.video.subtitles.filter(language="fr").exists())
        response = self.play(french.pk)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["audio_language"], "en")

        now = timezone.now()
        candidates = (
            EpisodePage.objects.live()
            .filter(minimum_plan__slug="premium")
            .select_related("season__show")
            .order_by("path")
        )
        premium = next(
            episode
            for episode in candidates
            if (episode.available_from is None or episode.available_from <= now)
            and not episode.season.show.region_codes
        )
        self.assertEqual(self.play(premium.pk).status_code, 401)
        self.client.force_login(get_user_model().objects.get(email="premium@example.com"))
        response = self.play(premium.pk)
        self.assertEqual(response.status_code, 200, response.content)

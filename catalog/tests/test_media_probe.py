"""Probing real files with ffprobe, the bitrate ladder and the human-readable messages."""

from django.test import SimpleTestCase, override_settings

from catalog.media.errors import InvalidMedia
from catalog.media.humanize import format_duration, format_size
from catalog.media.ladder import TIERS, ladder_for
from catalog.media.probe import probe
from catalog.media.thumbnails import sprite_layout
from catalog.media.transcode import parse_progress

from .media_fixtures import MediaFiles


class ProbeTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = MediaFiles()
        cls.clip = cls.files.clip("clip.mp4", size="1280x720", seconds=3)
        cls.silent = cls.files.clip("silent.mp4", size="640x360", seconds=2, audio=False)

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def test_reads_size_duration_and_codecs(self):
        result = probe(self.clip)
        self.assertEqual((result.width, result.height), (1280, 720))
        self.assertAlmostEqual(result.duration, 3.0, delta=0.1)
        self.assertEqual(result.fps, 25.0)
        self.assertEqual((result.video_codec, result.audio_codec), ("h264", "aac"))
        self.assertTrue(result.has_audio)
        self.assertIn("mp4", result.format_name)
        self.assertEqual(result.size, self.clip.stat().st_size)

    def test_video_without_audio_is_fine(self):
        result = probe(self.silent)
        self.assertFalse(result.has_audio)
        self.assertEqual(result.audio_codec, "")

    def assertInvalid(self, path, message_part):
        with self.assertRaises(InvalidMedia) as caught:
            probe(path)
        self.assertIn(message_part, caught.exception.reason)

    def test_rejects_an_empty_file(self):
        self.assertInvalid(self.files.empty(), "empty")

    def test_rejects_a_text_file_named_mp4(self):
        self.assertInvalid(self.files.text(), "not a video we can read")

    def test_rejects_a_truncated_mp4(self):
        self.assertInvalid(self.files.truncated(self.clip), "damaged, incomplete")

    def test_rejects_audio_only(self):
        self.assertInvalid(self.files.audio_only(), "sound but no video")

    def test_rejects_a_missing_file(self):
        self.assertInvalid(self.files.dir / "nope.mp4", "missing")

    @override_settings(VIDEO_MAX_DURATION_SECONDS=2)
    def test_rejects_a_video_over_the_duration_limit(self):
        self.assertInvalid(self.clip, "The video is 3 s long; the limit is 2 s.")


class LadderTests(SimpleTestCase):
    def test_full_hd_gets_every_tier(self):
        names = [r.name for r in ladder_for(1920, 1080)]
        self.assertEqual(names, ["1080p", "720p", "480p", "360p"])

    def test_never_upscales(self):
        for width, height in [(1280, 720), (854, 480), (1920, 800), (1080, 1920), (700, 400)]:
            for rendition in ladder_for(width, height):
                self.assertLessEqual(rendition.width, width)
                self.assertLessEqual(rendition.height, height)

    def test_720p_source_stops_at_720p(self):
        self.assertEqual([r.name for r in ladder_for(1280, 720)], ["720p", "480p", "360p"])

    def test_sizes_are_even_and_keep_the_aspect_ratio(self):
        for rendition in ladder_for(1920, 800):
            self.assertEqual((rendition.width % 2, rendition.height % 2), (0, 0))
            self.assertAlmostEqual(rendition.width / rendition.height, 2.4, delta=0.02)

    def test_small_source_gets_one_rendition_at_its_own_size(self):
        (only,) = ladder_for(321, 241)
        self.assertEqual((only.width, only.height, only.name), (320, 240, "240p"))

    def test_bitrates_and_bandwidth(self):
        top = ladder_for(1920, 1080)[0]
        self.assertEqual(top.video_bitrate, TIERS[0].video_bitrate)
        self.assertGreater(top.maxrate, top.video_bitrate)
        self.assertEqual(top.audio_bitrate, 128)
        self.assertEqual(top.bandwidth, round((top.maxrate + 128) * 1000 * 1.1))
        self.assertEqual(top.playlist, "1080p/index.m3u8")


class HelperTests(SimpleTestCase):
    def test_durations_read_like_the_issue(self):
        self.assertEqual(format_duration(3 * 3600), "3 h 0 min")
        self.assertEqual(format_duration(2 * 3600), "2 h 0 min")
        self.assertEqual(format_duration(125), "2 min 5 s")
        self.assertEqual(format_duration(4.4), "4 s")

    def test_sizes_read_like_the_issue(self):
        self.assertEqual(format_size(int(5.1 * 1024**3)), "5.1 GB")
        self.assertEqual(format_size(4096 * 1024**2), "4 GB")
        self.assertEqual(format_size(3 * 1024**2 // 2), "1.5 MB")

    def test_progress_lines(self):
        self.assertEqual(parse_progress("out_time_us=5000000\n", 10), 50.0)
        self.assertEqual(parse_progress("out_time_ms=10000000", 10), 100.0)
        self.assertIsNone(parse_progress("out_time_us=N/A", 10))
        self.assertIsNone(parse_progress("frame=12", 10))

    def test_sprite_layout_has_tiles_for_short_and_long_videos(self):
        short, long = sprite_layout(3), sprite_layout(600)
        self.assertEqual((short.interval, short.count), (1, 3))
        self.assertEqual((long.interval, long.count, long.columns, long.rows), (5, 120, 10, 12))

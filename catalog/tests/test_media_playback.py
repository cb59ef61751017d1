"""Signed playback end to end: the play API, the signed playlists, and the segments.

Runs against whatever private storage is configured: SeaweedFS S3 under `make test`
(segments are presigned S3 URLs, fetched over real HTTP) or local files.
"""

import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.test import TestCase, override_settings

from botocore.config import Config

from catalog.media.pipeline import process_asset
from catalog.models import AccessLevel, VideoAsset
from catalog.storage import is_s3, private_storage
from catalog.tests import factories
from catalog.tests.media_fixtures import MediaFiles, make_asset


def fetch(url: str) -> tuple[int, bytes]:
    """GET an absolute URL over HTTP (the S3 endpoint), returning status and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - test endpoint
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


class SignedPlaybackTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = MediaFiles()
        cls.addClassCleanup(cls.files.cleanup)
        cls.clip = cls.files.clip("play.mp4", size="640x360", seconds=4)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        asset = make_asset(cls, cls.clip, title="Pilot")
        process_asset(asset.pk)
        cls.asset = VideoAsset.objects.get(pk=asset.pk)
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, access_level=AccessLevel.FREE, video=cls.asset
            )
        )
        cls.locked = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=2, access_level=AccessLevel.SUBSCRIBERS, video=cls.asset
            )
        )

    def play(self, episode):
        return self.client.post(f"/api/v1/play/{episode.pk}", content_type="application/json")

    def first_segment(self, manifest_url: str) -> tuple[str, str]:
        master = self.client.get(manifest_url)
        self.assertEqual(master.status_code, 200)
        self.assertEqual(master["Content-Type"], "application/vnd.apple.mpegurl")
        self.assertIn("no-store", master["Cache-Control"])
        variant_uri = next(
            line for line in master.content.decode().splitlines() if line.endswith(".m3u8")
        )
        variant_url = manifest_url.rsplit("/", 1)[0] + "/" + variant_uri
        variant = self.client.get(variant_url)
        self.assertEqual(variant.status_code, 200)
        segment = next(line for line in variant.content.decode().splitlines() if ".ts" in line)
        return variant_url, segment

    def test_free_episode_gets_a_signed_manifest(self):
        response = self.play(self.episode)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertTrue(body["manifest_url"].startswith("/play/"))
        self.assertTrue(body["manifest_url"].endswith("/master.m3u8"))
        self.assertAlmostEqual(body["duration"], 4, delta=0.5)
        self.assertIn("expires_at", body)

    def test_segments_download_with_the_signature_and_not_without(self):
        manifest_url = self.play(self.episode).json()["manifest_url"]
        variant_url, segment = self.first_segment(manifest_url)
        if is_s3(private_storage()):
            self.assertIn("Signature", segment)
            status, data = fetch(segment)
            self.assertEqual(status, 200)
            self.assertGreater(len(data), 1000)
            unsigned = urlunsplit(urlsplit(segment)._replace(query=""))
            self.assertEqual(fetch(unsigned)[0], 403)
        else:
            segment_url = variant_url.rsplit("/", 1)[0] + "/" + segment
            response = self.client.get(segment_url)
            self.assertEqual(response.status_code, 200)
            self.assertGreater(len(b"".join(response.streaming_content)), 1000)
            tampered = segment_url.replace("/play/", "/play/x", 1)
            self.assertEqual(self.client.get(tampered).status_code, 403)
        self.assertEqual(self.client.get("/media/" + self.asset.hls_prefix).status_code, 404)

    def test_a_tampered_manifest_url_is_403(self):
        manifest_url = self.play(self.episode).json()["manifest_url"]
        token = manifest_url.split("/")[2]
        forged = manifest_url.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
        self.assertEqual(self.client.get(forged).status_code, 403)

    def test_subscribers_episode_with_a_ready_video_is_still_refused(self):
        response = self.play(self.locked)
        self.assertEqual(response.status_code, 401)
        self.assertNotIn("manifest_url", response.json())

    def test_a_failed_rerun_keeps_the_previous_output_playable(self):
        VideoAsset.objects.filter(pk=self.asset.pk).update(
            status=VideoAsset.Status.FAILED, error="The re-run failed."
        )
        response = self.play(self.episode)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get(response.json()["manifest_url"]).status_code, 200)


UNREACHABLE_S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": "mediasite-private",
        "endpoint_url": "http://127.0.0.1:9",  # the discard port: nothing listens
        "access_key": "x",
        "secret_key": "y",
        "client_config": Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}),
    },
}


class StorageOutageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        asset = VideoAsset.objects.create(
            title="Offline",
            source="sources/offline.mp4",
            status=VideoAsset.Status.READY,
            hls_prefix="hls/1/outage/",
        )
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, access_level=AccessLevel.FREE, video=asset
            )
        )

    def test_unreachable_storage_is_a_503_and_pages_still_render(self):
        storages = {**settings.STORAGES, "private": UNREACHABLE_S3}
        with override_settings(STORAGES=storages):
            response = self.client.post(f"/api/v1/play/{self.episode.pk}")
            self.assertEqual(response.status_code, 503)
            self.assertIn("unavailable", response.json()["detail"])
            self.assertEqual(self.client.get(self.episode.url).status_code, 200)

"""Every playback asks can_play: episodes, trailers and extras, regions and unknown countries.

Trailers and extras are free, but a show's regions hold for them as for its episodes, and
an extra on an episode page keeps to that episode's window. With REQUIRE_VIEWER_COUNTRY on
(production) a missing or unknown country refuses region-restricted videos.
"""

import datetime
import json

from django.test import TestCase, override_settings

from catalog.models import AccessLevel
from catalog.tasks import process_video_asset
from catalog.tests import factories
from catalog.tests.media_fixtures import OneClipMixin, make_asset

COUNTRY_HEADER = "HTTP_CLOUDFRONT_VIEWER_COUNTRY"
NOW = datetime.datetime.now(datetime.UTC)


def with_extra(page, asset):
    page.body = json.dumps([{"type": "video", "value": {"video": asset.pk, "caption": ""}}])
    return factories.publish(page)


class PlayRulesTests(OneClipMixin, TestCase):
    clip_name = "rules.mp4"
    clip_size = "160x120"

    @classmethod
    def setUpTestData(cls):
        video = make_asset(cls, cls.clip, title="Episode")
        process_video_asset(video.pk)
        cls.trailer = make_asset(cls, cls.clip, title="Trailer")
        process_video_asset(cls.trailer.pk)
        cls.extra = make_asset(cls, cls.clip, title="Extra")
        process_video_asset(cls.extra.pk)
        cls.later_extra = make_asset(cls, cls.clip, title="Later extra")
        process_video_asset(cls.later_extra.pk)
        cls.article_extra = make_asset(cls, cls.clip, title="Article extra")
        process_video_asset(cls.article_extra.pk)

        cls.show = with_extra(
            factories.ShowPageFactory(allowed_regions=["FR", "BE"], trailer=cls.trailer),
            cls.extra,
        )
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(
                parent=season,
                number=1,
                video=video,
                trailer=cls.trailer,
                access_level=AccessLevel.FREE,
            )
        )
        upcoming = factories.EpisodePageFactory(
            parent=season, number=2, available_from=NOW + datetime.timedelta(days=2)
        )
        cls.upcoming = with_extra(upcoming, cls.later_extra)
        cls.article = with_extra(factories.ArticlePageFactory(), cls.article_extra)

    def post(self, url, country=None):
        headers = {COUNTRY_HEADER: country} if country is not None else {}
        return self.client.post(url, content_type="application/json", **headers)

    def assertRefused(self, response, reason, status=403):
        body = response.json()
        self.assertEqual(response.status_code, status, body)
        self.assertEqual(body["reason"], reason)
        self.assertTrue(body["detail"])
        self.assertNotIn("manifest_url", body)

    def assertPlays(self, response):
        self.assertEqual(response.status_code, 200, response.json())
        self.assertIn("/play/", response.json()["manifest_url"])

    # --- trailers -----------------------------------------------------------------------

    def test_a_show_trailer_is_region_restricted_like_its_episodes(self):
        url = f"/api/v1/play/trailer/{self.show.pk}"
        self.assertRefused(self.post(url, "DE"), "region")
        self.assertPlays(self.post(url, "FR"))
        self.assertPlays(self.post(url, "be"))

    def test_an_episode_trailer_follows_its_show_regions(self):
        url = f"/api/v1/play/trailer/{self.episode.pk}"
        self.assertRefused(self.post(url, "US"), "region")
        self.assertPlays(self.post(url, "BE"))

    # --- extras -------------------------------------------------------------------------

    def test_an_extra_on_a_show_page_keeps_to_the_show_regions(self):
        url = f"/api/v1/play/video/{self.extra.pk}"
        self.assertRefused(self.post(url, "DE"), "region")
        self.assertPlays(self.post(url, "FR"))

    def test_an_extra_on_an_episode_page_keeps_to_its_window(self):
        response = self.post(f"/api/v1/play/video/{self.later_extra.pk}", "FR")
        self.assertRefused(response, "not_yet_available")

    def test_an_extra_on_an_article_plays_everywhere(self):
        self.assertPlays(self.post(f"/api/v1/play/video/{self.article_extra.pk}", "DE"))

    # --- missing or unknown country -----------------------------------------------------

    @override_settings(REQUIRE_VIEWER_COUNTRY=True)
    def test_required_country_refuses_restricted_videos_without_one(self):
        for country in (None, "", "XX", "T1", "not-a-country"):
            with self.subTest(country=country):
                self.assertRefused(
                    self.post(f"/api/v1/play/{self.episode.pk}", country), "region_unknown"
                )
                self.assertRefused(
                    self.post(f"/api/v1/play/trailer/{self.show.pk}", country), "region_unknown"
                )
                self.assertRefused(
                    self.post(f"/api/v1/play/video/{self.extra.pk}", country), "region_unknown"
                )
                # Unrestricted videos need no country.
                self.assertPlays(self.post(f"/api/v1/play/video/{self.article_extra.pk}", country))
        self.assertPlays(self.post(f"/api/v1/play/{self.episode.pk}", "FR"))

    @override_settings(REQUIRE_VIEWER_COUNTRY=False)
    def test_without_the_requirement_a_missing_country_plays(self):
        self.assertPlays(self.post(f"/api/v1/play/{self.episode.pk}"))
        self.assertPlays(self.post(f"/api/v1/play/trailer/{self.show.pk}"))
        # A country that is reported is still checked.
        self.assertRefused(self.post(f"/api/v1/play/{self.episode.pk}", "DE"), "region")

"""The active profile's maturity ceiling holds on the play API: a kids profile (TV-PG) is
refused a TV-MA show's episode and trailer with reason ``maturity``; the main profile plays
them. The player shows the refusal's ``detail`` (static/js/player/player.js showLocked)."""

from django.test import TestCase

from catalog.models import AccessLevel
from catalog.tasks import process_video_asset
from catalog.tests import factories
from catalog.tests.media_fixtures import OneClipMixin, make_asset
from engagement.models import Profile
from engagement.services import profiles as services
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory


class KidsProfilePlaybackTests(OneClipMixin, TestCase):
    clip_name = "maturity.mp4"
    clip_size = "160x120"

    @classmethod
    def setUpTestData(cls):
        video = make_asset(cls, cls.clip, title="Episode")
        process_video_asset(video.pk)
        cls.trailer = make_asset(cls, cls.clip, title="Trailer")
        process_video_asset(cls.trailer.pk)

        cls.mature = factories.publish(
            factories.ShowPageFactory(maturity_rating="TV-MA", trailer=cls.trailer)
        )
        season = factories.publish(factories.SeasonPageFactory(parent=cls.mature, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, video=video, access_level=AccessLevel.FREE
            )
        )
        family = factories.publish(factories.ShowPageFactory(maturity_rating="TV-G"))
        family_season = factories.publish(factories.SeasonPageFactory(parent=family, number=1))
        cls.family_episode = factories.publish(
            factories.EpisodePageFactory(
                parent=family_season, number=1, video=video, access_level=AccessLevel.FREE
            )
        )

    def setUp(self):
        clear_test_cache()
        self.user = UserFactory(email="parent@example.com")
        self.main = Profile.objects.get(user=self.user, is_main=True)
        self.kids = services.profile_create(self.user, name="Kids", is_kids=True)
        self.client.force_login(self.user)

    def post(self, url, data=None):
        return self.client.post(url, data or {}, content_type="application/json")

    def as_kids(self):
        self.assertEqual(self.post(f"/api/v1/profiles/{self.kids.pk}/switch").status_code, 200)

    def test_kids_profile_is_refused_a_tv_ma_episode_with_maturity(self):
        self.as_kids()
        response = self.post(f"/api/v1/play/{self.episode.pk}")
        self.assertEqual(response.status_code, 403, response.content)
        body = response.json()
        self.assertEqual(body["reason"], "maturity")
        self.assertEqual(body["detail"], "This episode is rated above what this profile may watch.")
        self.assertNotIn("manifest_url", body)
        # No plan unlocks it: the player's lock shows the message without a "See plans" button.
        self.assertIsNone(body["upgrade_url"])

    def test_kids_profile_is_refused_the_trailer_too(self):
        self.as_kids()
        response = self.post(f"/api/v1/play/trailer/{self.mature.pk}")
        self.assertEqual(response.status_code, 403, response.content)
        self.assertEqual(response.json()["reason"], "maturity")
        self.assertIn("trailer", response.json()["detail"])

    def test_kids_profile_plays_what_is_within_its_ceiling(self):
        self.as_kids()
        response = self.post(f"/api/v1/play/{self.family_episode.pk}")
        self.assertEqual(response.status_code, 200, response.content)

    def test_main_profile_plays_the_tv_ma_episode_and_trailer(self):
        response = self.post(f"/api/v1/play/{self.episode.pk}")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertIn("manifest_url", response.json())
        self.assertEqual(self.post(f"/api/v1/play/trailer/{self.mature.pk}").status_code, 200)

    def test_lowering_a_profiles_ceiling_applies_at_once(self):
        services.profile_update(self.main, maturity_ceiling="TV-14")
        response = self.post(f"/api/v1/play/{self.episode.pk}")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["reason"], "maturity")

    def test_back_to_the_main_profile_plays_again(self):
        self.as_kids()
        self.assertEqual(self.post(f"/api/v1/play/{self.episode.pk}").status_code, 403)
        self.assertEqual(self.post(f"/api/v1/profiles/{self.main.pk}/switch").status_code, 200)
        self.assertEqual(self.post(f"/api/v1/play/{self.episode.pk}").status_code, 200)

"""The play API's refusals and the signed-URL checks (success paths: test_media_playback)."""

import datetime
from urllib.parse import quote

from django.core import signing
from django.test import TestCase

from allauth.account.models import EmailAddress

from catalog.media.signing import SALT, InvalidToken, make_token, read_token
from catalog.models import AccessLevel
from catalog.tests import factories
from mediasite.tests.factories import UserFactory
from subscriptions.tests.utils import make_plan, subscribe


class PlayApiRefusalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory())
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.free = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=1, access_level=AccessLevel.FREE)
        )
        cls.premium = factories.publish(
            factories.EpisodePageFactory(
                parent=cls.season, number=2, access_level=AccessLevel.SUBSCRIBERS
            )
        )
        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
        cls.upcoming = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=3, available_from=later)
        )

    def play(self, page_id):
        return self.client.post(f"/api/v1/play/{page_id}", content_type="application/json")

    def test_anonymous_on_premium_is_401_with_sign_in_link(self):
        response = self.play(self.premium.pk)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["reason"], "not_signed_in")
        # Signing in comes back to the episode, ready to play.
        self.assertEqual(
            response.json()["upgrade_url"], f"/accounts/login/?next={self.quoted(self.premium)}"
        )

    def test_signed_in_without_plan_is_403_with_upgrade_link(self):
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        self.client.force_login(user)
        response = self.play(self.premium.pk)
        self.assertEqual(response.status_code, 403)
        body = response.json()
        self.assertEqual(body["reason"], "no_plan")
        # Any plan unlocks an episode without a minimum plan: tier 1.
        self.assertEqual(
            body["upgrade_url"], f"/account/plans/?next={self.quoted(self.premium)}&tier=1"
        )
        self.assertTrue(body["detail"])

    def test_plan_too_low_names_the_tier_that_unlocks_the_episode(self):
        basic, premium = make_plan("basic", tier=1), make_plan("premium", tier=2)
        episode = factories.publish(
            factories.EpisodePageFactory(
                parent=self.season, number=4, access_level=AccessLevel.SUBSCRIBERS,
                minimum_plan=premium,
            )
        )  # fmt: skip
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        subscribe(user, basic)
        self.client.force_login(user)
        body = self.play(episode.pk).json()
        self.assertEqual(body["reason"], "plan_too_low")
        self.assertEqual(body["upgrade_url"], f"/account/plans/?next={self.quoted(episode)}&tier=2")

    @staticmethod
    def quoted(episode) -> str:
        """The episode's URL with #play, as it stands in a query string."""
        return quote(f"{episode.url}#play", safe="")

    def test_not_yet_available_is_403(self):
        response = self.play(self.upcoming.pk)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["reason"], "not_yet_available")

    def test_free_episode_without_video_is_404_with_detail(self):
        response = self.play(self.free.pk)
        self.assertEqual(response.status_code, 404)
        self.assertIn("not ready", response.json()["detail"])

    def test_unknown_or_unpublished_episode_is_404(self):
        self.assertEqual(self.play(999999).status_code, 404)
        draft = factories.EpisodePageFactory(parent=self.season, number=9, live=False)
        self.assertEqual(self.play(draft.pk).status_code, 404)

    def test_a_show_id_is_not_an_episode(self):
        self.assertEqual(self.play(self.show.pk).status_code, 404)

    def test_trailer_of_a_page_without_one_is_404(self):
        response = self.client.post(f"/api/v1/play/trailer/{self.show.pk}")
        self.assertEqual(response.status_code, 404)

    def test_huge_ids_are_404_with_a_message(self):
        # Beyond 64 bits SQLite cannot bind the number; beyond 32 the id column has none.
        for url in (
            "/api/v1/play/99999999999999999999999",
            "/api/v1/play/trailer/99999999999999999999999",
            "/api/v1/play/video/99999999999999999999999",
            "/api/v1/play/9223372036854775808",
            "/api/v1/play/2147483648",
        ):
            with self.subTest(url=url):
                response = self.client.post(url, content_type="application/json")
                self.assertEqual(response.status_code, 404, response.content)
                self.assertTrue(response.json()["detail"])

    def test_responses_are_private(self):
        self.assertIn("no-store", self.play(self.premium.pk)["Cache-Control"])


class SignedUrlTests(TestCase):
    def test_round_trip(self):
        token, expires = make_token(42, ttl=60)
        grant = read_token(token)
        self.assertEqual(grant.asset_id, 42)
        self.assertEqual(grant.expires_at, expires)

    def test_tampered_token_is_refused(self):
        token, _ = make_token(42, ttl=60)
        forged = signing.dumps([43, 9999999999], salt="another-salt")
        for bad in [token[:-2] + "xx", forged, "nonsense", ""]:
            with self.subTest(token=bad), self.assertRaises(InvalidToken):
                read_token(bad)

    def test_expired_token_is_refused(self):
        token = signing.dumps([42, 1000], salt=SALT, compress=True)
        with self.assertRaises(InvalidToken):
            read_token(token)

    def test_hls_view_answers_403_for_bad_tokens(self):
        for token in ["garbage", signing.dumps([1, 1000], salt=SALT, compress=True)]:
            response = self.client.get(f"/play/{token}/master.m3u8")
            self.assertEqual(response.status_code, 403)
            self.assertIn("detail", response.json())

    def test_path_traversal_is_404(self):
        token, _ = make_token(1, ttl=60)
        for path in ["../../etc/passwd.m3u8", "a/../../b.ts", "x.py"]:
            response = self.client.get(f"/play/{token}/{path}")
            self.assertEqual(response.status_code, 404, path)

"""The entitlement matrix on real pages: ``can_play`` and the play API's HTTP answer agree.

Every kind of viewer (anonymous, unverified, no plan, basic, premium, trialing, canceled
in period, past due in and past grace, unrenewed past grace, expired) against every kind
of episode (free, subscribers-only, premium-only, not yet available, no longer available,
region-restricted). The episodes share one video made by the real pipeline, so an
entitled viewer gets a 200 with a signed manifest URL.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase

from catalog.models import AccessLevel, EpisodePage
from catalog.tasks import process_video_asset
from catalog.tests import factories
from catalog.tests.media_fixtures import OneClipMixin, make_asset
from mediasite.tests.factories import UserFactory
from subscriptions.entitlements import Reason, can_play
from subscriptions.models import Plan, Subscription
from subscriptions.tests.utils import verified_user

NOW = datetime.datetime.now(datetime.UTC)
DAY = datetime.timedelta(days=1)
S = Subscription.Status
COUNTRY_HEADER = "HTTP_CLOUDFRONT_VIEWER_COUNTRY"

# What the API answers for each refusal: status and the call to action.
REFUSALS = {
    Reason.NOT_SIGNED_IN: (401, "/accounts/login/"),
    Reason.EMAIL_UNVERIFIED: (403, "/accounts/email/"),
    Reason.NO_PLAN: (403, "/account/plans/"),
    Reason.PLAN_TOO_LOW: (403, "/account/plans/"),
    Reason.EXPIRED: (403, "/account/plans/"),
    Reason.NOT_YET_AVAILABLE: (403, None),
    Reason.NO_LONGER_AVAILABLE: (403, None),
    Reason.REGION: (403, None),
}

OK, FREE, ANON, UNVERIFIED = Reason.OK, Reason.FREE, Reason.NOT_SIGNED_IN, Reason.EMAIL_UNVERIFIED
NO_PLAN, TOO_LOW, EXPIRED = Reason.NO_PLAN, Reason.PLAN_TOO_LOW, Reason.EXPIRED
LATER, GONE = Reason.NOT_YET_AVAILABLE, Reason.NO_LONGER_AVAILABLE

EPISODES = ["free", "subscribers", "premium_only", "upcoming", "gone", "regional"]
# Who, then the expected reason for each episode above (viewer without a country header).
MATRIX = {
    "anonymous": [FREE, ANON, ANON, LATER, GONE, ANON],
    "unverified": [FREE, UNVERIFIED, UNVERIFIED, LATER, GONE, UNVERIFIED],
    "no_plan": [FREE, NO_PLAN, NO_PLAN, LATER, GONE, NO_PLAN],
    "basic": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "premium": [FREE, OK, OK, LATER, GONE, OK],
    "trialing": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "canceled_in_period": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "set_to_cancel": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "unrenewed_in_grace": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "set_to_cancel_lapsed": [FREE, EXPIRED, TOO_LOW, LATER, GONE, EXPIRED],
    "past_due_in_grace": [FREE, OK, TOO_LOW, LATER, GONE, OK],
    "past_due_past_grace": [FREE, EXPIRED, TOO_LOW, LATER, GONE, EXPIRED],
    "unrenewed_past_grace": [FREE, EXPIRED, TOO_LOW, LATER, GONE, EXPIRED],
    "expired": [FREE, EXPIRED, TOO_LOW, LATER, GONE, EXPIRED],
}


class PlayEntitlementMatrixTests(OneClipMixin, TestCase):
    clip_name = "matrix.mp4"
    clip_size = "320x240"

    @classmethod
    def setUpTestData(cls):
        asset = make_asset(cls, cls.clip, title="Matrix")
        process_video_asset(asset.pk)
        basic = Plan.objects.create(name="Basic", slug="basic", tier=1, price=5)
        premium = Plan.objects.create(name="Premium", slug="premium", tier=2, price=10)

        def episode(season, number, **fields):
            page = factories.EpisodePageFactory(
                parent=season, number=number, video=asset, access_level=AccessLevel.SUBSCRIBERS
            )
            for name, value in fields.items():
                setattr(page, name, value)
            return factories.publish(page)

        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        regional_show = factories.publish(factories.ShowPageFactory(allowed_regions=["FR", "BE"]))
        regional_season = factories.publish(
            factories.SeasonPageFactory(parent=regional_show, number=1)
        )
        cls.episodes = {
            "free": episode(season, 1, access_level=AccessLevel.FREE),
            "subscribers": episode(season, 2),
            "premium_only": episode(season, 3, minimum_plan=premium),
            "upcoming": episode(season, 4, available_from=NOW + 3 * DAY),
            "gone": episode(season, 5, available_from=NOW - 9 * DAY, available_until=NOW - DAY),
            "regional": episode(regional_season, 1),
        }

        def member(status, plan=basic, period_end=NOW + 10 * DAY, **extra):
            user = verified_user()
            Subscription.objects.create(
                user=user, plan=plan, status=status, current_period_end=period_end, **extra
            )
            return user

        cls.users = {
            "anonymous": None,
            "unverified": UserFactory(),
            "no_plan": verified_user(),
            "basic": member(S.ACTIVE),
            "premium": member(S.ACTIVE, plan=premium),
            "trialing": member(S.TRIALING, trial_ends_at=NOW + 10 * DAY),
            "canceled_in_period": member(S.CANCELED, period_end=NOW + DAY),
            "set_to_cancel": member(S.ACTIVE, period_end=NOW + DAY, cancel_at_period_end=True),
            # Period over: a renewal may still come (grace), unless the subscriber canceled.
            "unrenewed_in_grace": member(S.ACTIVE, period_end=NOW - DAY),
            "set_to_cancel_lapsed": member(
                S.ACTIVE, period_end=NOW - DAY, cancel_at_period_end=True
            ),
            "past_due_in_grace": member(S.PAST_DUE, period_end=NOW - DAY),
            "past_due_past_grace": member(S.PAST_DUE, period_end=NOW - 10 * DAY),
            "unrenewed_past_grace": member(S.ACTIVE, period_end=NOW - 10 * DAY),
            "expired": member(S.EXPIRED, period_end=NOW - DAY),
        }

    def play(self, who, name, country=None):
        self.client.logout()
        if self.users[who] is not None:
            self.client.force_login(self.users[who])
        headers = {COUNTRY_HEADER: country} if country else {}
        return self.client.post(
            f"/api/v1/play/{self.episodes[name].pk}", content_type="application/json", **headers
        )

    def decide(self, who, name, country=None):
        user = self.users[who] or AnonymousUser()
        episode = EpisodePage.objects.select_related("season__show", "minimum_plan").get(
            pk=self.episodes[name].pk
        )
        return can_play(user, episode, country=country)

    def assertAnswer(self, who, name, reason, country=None):
        decision = self.decide(who, name, country)
        self.assertEqual(decision.reason, reason)
        self.assertEqual(decision.allowed, reason in (OK, FREE))
        response = self.play(who, name, country)
        body = response.json()
        if decision.allowed:
            self.assertEqual(response.status_code, 200, body)
            self.assertIn("/play/", body["manifest_url"])
            self.assertIn("expires_at", body)
        else:
            status, upgrade_url = REFUSALS[reason]
            self.assertEqual(response.status_code, status, body)
            self.assertEqual(body["reason"], reason)
            # The link's path; its query carries the episode (test_playback_api).
            self.assertEqual((body["upgrade_url"] or "").partition("?")[0] or None, upgrade_url)
            self.assertEqual(body["detail"], decision.message)
            self.assertNotIn("manifest_url", body)

    def test_matrix_without_country(self):
        for who, reasons in MATRIX.items():
            for name, reason in zip(EPISODES, reasons, strict=True):
                with self.subTest(who=who, episode=name):
                    self.assertAnswer(who, name, reason)

    def test_region_restricted_show(self):
        for who, reasons in MATRIX.items():
            unrestricted = reasons[EPISODES.index("regional")]
            with self.subTest(who=who, country="DE"):
                self.assertAnswer(who, "regional", Reason.REGION, country="DE")
            with self.subTest(who=who, country="fr"):
                self.assertAnswer(who, "regional", unrestricted, country="fr")
        # An unrestricted show plays from anywhere.
        self.assertAnswer("basic", "subscribers", OK, country="DE")

    def test_free_episode_of_a_restricted_show_is_restricted_too(self):
        free = self.episodes["regional"]
        free.access_level = AccessLevel.FREE
        free.save_revision().publish()
        self.assertAnswer("anonymous", "regional", Reason.REGION, country="US")
        self.assertAnswer("anonymous", "regional", FREE, country="BE")
        # Nor can its video be fetched as a free "extra" from elsewhere.
        response = self.client.post(f"/api/v1/play/video/{free.video_id}", **{COUNTRY_HEADER: "US"})
        self.assertEqual(response.status_code, 404)

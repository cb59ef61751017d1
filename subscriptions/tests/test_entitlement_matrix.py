"""can_play with plans and subscriptions: every kind of viewer against every kind of episode."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase, override_settings

from mediasite.tests.factories import UserFactory
from subscriptions.entitlements import Reason, can_play
from subscriptions.models import Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
S = Subscription.Status


def episode(access="subscribers", start=None, end=None, **extra):
    return SimpleNamespace(access_level=access, available_from=start, available_until=end, **extra)


FREE = episode("free")
SUBSCRIBERS = episode()
PREMIUM_TIER = episode(required_tier=2)
UPCOMING = episode(start=NOW + DAY)
GONE = episode(end=NOW - DAY)
REGIONAL = episode(allowed_regions=["FR", "BE"])


class EntitlementMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        basic = make_plan("basic", tier=1)
        premium = make_plan("premium", tier=2)

        def member(status, plan=basic, period_end=NOW + 10 * DAY, **extra):
            user = verified_user()
            subscribe(user, plan, status=status, period_end=period_end, **extra)
            return user

        cls.users = {
            "anonymous": AnonymousUser(),
            "unverified": UserFactory(),
            "no_plan": verified_user(),
            "basic": member(S.ACTIVE),
            "premium": member(S.ACTIVE, plan=premium),
            "trialing": member(S.TRIALING),
            "canceled_in_period": member(S.CANCELED, period_end=NOW + DAY),
            "canceled_after_period": member(S.CANCELED, period_end=NOW - DAY),
            "unrenewed_in_grace": member(S.ACTIVE, period_end=NOW - DAY),
            "set_to_cancel_lapsed": member(
                S.ACTIVE, period_end=NOW - DAY, cancel_at_period_end=True
            ),
            "past_due_in_grace": member(S.PAST_DUE, period_end=NOW - DAY),
            "past_due_past_grace": member(S.PAST_DUE, period_end=NOW - 5 * DAY),
            "expired": member(S.EXPIRED, period_end=NOW - DAY),
            "staff_unverified": UserFactory(is_staff=True),
        }
        subscribe(cls.users["staff_unverified"], premium, period_end=NOW + DAY)

    def check(self, rows, **kwargs):
        for who, item, allowed, reason in rows:
            with self.subTest(who=who, episode=item):
                decision = can_play(self.users[who], item, now=NOW, **kwargs)
                self.assertEqual((decision.allowed, decision.reason), (allowed, reason))
                self.assertTrue(decision.message)

    def test_subscribers_only_episode(self):
        self.check(
            [
                ("anonymous", SUBSCRIBERS, False, Reason.NOT_SIGNED_IN),
                ("unverified", SUBSCRIBERS, False, Reason.EMAIL_UNVERIFIED),
                ("no_plan", SUBSCRIBERS, False, Reason.NO_PLAN),
                ("basic", SUBSCRIBERS, True, Reason.OK),
                ("premium", SUBSCRIBERS, True, Reason.OK),
                ("trialing", SUBSCRIBERS, True, Reason.OK),
                ("canceled_in_period", SUBSCRIBERS, True, Reason.OK),
                ("canceled_after_period", SUBSCRIBERS, False, Reason.EXPIRED),
                ("unrenewed_in_grace", SUBSCRIBERS, True, Reason.OK),
                ("set_to_cancel_lapsed", SUBSCRIBERS, False, Reason.EXPIRED),
                ("past_due_in_grace", SUBSCRIBERS, True, Reason.OK),
                ("past_due_past_grace", SUBSCRIBERS, False, Reason.EXPIRED),
                ("expired", SUBSCRIBERS, False, Reason.EXPIRED),
                ("staff_unverified", SUBSCRIBERS, True, Reason.OK),
            ]
        )

    def test_free_episode_plays_for_everyone(self):
        self.check([(who, FREE, True, Reason.FREE) for who in self.users])

    def test_availability_window_comes_first(self):
        self.check(
            [(who, UPCOMING, False, Reason.NOT_YET_AVAILABLE) for who in self.users]
            + [(who, GONE, False, Reason.NO_LONGER_AVAILABLE) for who in self.users]
        )

    def test_plan_tier(self):
        self.check(
            [
                ("basic", PREMIUM_TIER, False, Reason.PLAN_TOO_LOW),
                ("premium", PREMIUM_TIER, True, Reason.OK),
                ("no_plan", PREMIUM_TIER, False, Reason.NO_PLAN),
            ]
        )

    def test_region(self):
        self.check(
            [
                ("premium", REGIONAL, False, Reason.REGION),
                ("anonymous", REGIONAL, False, Reason.REGION),
            ],
            country="DE",
        )
        self.check([("premium", REGIONAL, True, Reason.OK)], country="fr")
        # Country unknown, or the episode not restricted: no region refusal.
        self.check([("premium", REGIONAL, True, Reason.OK)])
        self.check([("premium", SUBSCRIBERS, True, Reason.OK)], country="DE")

    @override_settings(SUBSCRIPTION_GRACE_DAYS=0)
    def test_grace_period_is_a_setting(self):
        self.check([("past_due_in_grace", SUBSCRIBERS, False, Reason.EXPIRED)])

    def test_query_count_is_bounded(self):
        user = self.users["basic"]
        with self.assertNumQueries(2):  # e-mail verified, subscription with plan
            can_play(user, SUBSCRIBERS, now=NOW)

"""can_play without the database: availability windows, free episodes, anonymous visitors."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import SimpleTestCase

from subscriptions.entitlements import Reason, can_play

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def episode(access="free", start=None, end=None):
    return SimpleNamespace(access_level=access, available_from=start, available_until=end)


class CanPlayTests(SimpleTestCase):
    signed_in = SimpleNamespace(is_authenticated=True)

    def test_matrix(self):
        cases = [
            (AnonymousUser(), episode("free"), True, Reason.FREE),
            (self.signed_in, episode("free"), True, Reason.FREE),
            (AnonymousUser(), episode("subscribers"), False, Reason.NOT_SIGNED_IN),
            (AnonymousUser(), episode("free", start=NOW + DAY), False, Reason.NOT_YET_AVAILABLE),
            (self.signed_in, episode("free", end=NOW - DAY), False, Reason.NO_LONGER_AVAILABLE),
            (AnonymousUser(), episode("free", NOW - DAY, NOW + DAY), True, Reason.FREE),
            (
                AnonymousUser(),
                episode("subscribers", start=NOW + DAY),
                False,
                Reason.NOT_YET_AVAILABLE,
            ),
        ]
        for user, item, allowed, reason in cases:
            with self.subTest(user=user, episode=item):
                decision = can_play(user, item, now=NOW)
                self.assertEqual((decision.allowed, decision.reason), (allowed, reason))
                self.assertTrue(decision.message)

    def test_window_edges(self):
        self.assertTrue(can_play(AnonymousUser(), episode("free", start=NOW), now=NOW).allowed)
        self.assertFalse(can_play(AnonymousUser(), episode("free", end=NOW), now=NOW).allowed)

    def test_not_yet_available_says_when(self):
        decision = can_play(AnonymousUser(), episode("free", start=NOW + DAY), now=NOW)
        self.assertIn("2 June 2026", decision.message)

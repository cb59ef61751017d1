"""can_play without the database: availability windows, free episodes, anonymous visitors."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import SimpleTestCase, override_settings

from subscriptions.entitlements import FreeVideo, Reason, can_play

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


class RegionTests(SimpleTestCase):
    """Region-restricted items against known, missing and unknown viewer countries."""

    restricted = SimpleNamespace(
        access_level="free", available_from=None, available_until=None, allowed_regions=["FR"]
    )
    everywhere = SimpleNamespace(access_level="free", available_from=None, available_until=None)

    def reason(self, item, country):
        return can_play(AnonymousUser(), item, now=NOW, country=country).reason

    def test_known_countries(self):
        self.assertEqual(self.reason(self.restricted, "FR"), Reason.FREE)
        self.assertEqual(self.reason(self.restricted, " fr "), Reason.FREE)
        self.assertEqual(self.reason(self.restricted, "DE"), Reason.REGION)

    @override_settings(REQUIRE_VIEWER_COUNTRY=True)
    def test_missing_or_unknown_country_is_refused_when_required(self):
        for country in (None, "", "XX", "T1", "ZZ", "FRA", "<script>"):
            with self.subTest(country=country):
                decision = can_play(AnonymousUser(), self.restricted, now=NOW, country=country)
                self.assertEqual(decision.reason, Reason.REGION_UNKNOWN)
                self.assertFalse(decision.allowed)
                self.assertEqual(self.reason(self.everywhere, country), Reason.FREE)

    @override_settings(REQUIRE_VIEWER_COUNTRY=False)
    def test_missing_country_plays_when_not_required(self):
        for country in (None, "XX"):
            with self.subTest(country=country):
                self.assertEqual(self.reason(self.restricted, country), Reason.FREE)

    def test_free_videos_keep_to_their_regions_and_window(self):
        trailer = FreeVideo(allowed_regions=("BE",), noun="trailer")
        self.assertEqual(self.reason(trailer, "BE"), Reason.FREE)
        self.assertEqual(self.reason(trailer, "NL"), Reason.REGION)
        extra = FreeVideo(available_from=NOW + DAY)
        self.assertEqual(self.reason(extra, "NL"), Reason.NOT_YET_AVAILABLE)

    def test_reason_values_are_the_api_contract(self):
        self.assertEqual(Reason.REGION, "region")
        self.assertEqual(Reason.REGION_UNKNOWN, "region_unknown")

"""can_play without the database: availability windows, free episodes, anonymous visitors."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import SimpleTestCase, override_settings

from subscriptions.entitlements import FreeVideo, Reason, blocked_for, can_play

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


class MaturityTests(SimpleTestCase):
    """A profile's ceiling against an item's rating: refused above it, with ``maturity``."""

    signed_in = SimpleNamespace(is_authenticated=True)

    def rated(self, rating, access="free"):
        return SimpleNamespace(
            access_level=access, available_from=None, available_until=None, maturity_rating=rating
        )

    def test_ceiling_against_rating(self):
        cases = [
            ("TV-PG", "TV-MA", False),
            ("TV-PG", "TV-14", False),
            ("TV-PG", "TV-PG", True),
            ("TV-PG", "TV-Y", True),
            ("TV-Y", "TV-G", False),
            ("TV-MA", "TV-MA", True),
            (None, "TV-MA", True),  # no cap
            ("TV-PG", None, False),  # unrated counts as the top: never shown by mistake
            ("TV-PG", "garbage", False),
            (None, None, True),
        ]
        for ceiling, rating, allowed in cases:
            with self.subTest(ceiling=ceiling, rating=rating):
                decision = can_play(self.signed_in, self.rated(rating), ceiling=ceiling, now=NOW)
                self.assertEqual(decision.allowed, allowed)
                self.assertEqual(blocked_for(ceiling, rating), not allowed)
                if not allowed:
                    self.assertEqual(decision.reason, Reason.MATURITY)
                    self.assertIn("rated above what this profile may watch", decision.message)

    def test_maturity_comes_before_plan_checks_and_covers_trailers(self):
        # A kids profile on a premium TV-MA episode learns about the rating, not the plan.
        decision = can_play(AnonymousUser(), self.rated("TV-MA", "subscribers"), ceiling="TV-PG")
        self.assertEqual(decision.reason, Reason.MATURITY)
        trailer = FreeVideo(noun="trailer", maturity_rating="TV-MA")
        decision = can_play(AnonymousUser(), trailer, ceiling="TV-PG", now=NOW)
        self.assertEqual(decision.reason, Reason.MATURITY)
        self.assertIn("trailer", decision.message)
        self.assertEqual(Reason.MATURITY, "maturity")

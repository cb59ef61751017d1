"""access_requirement: what an item needs before Play, by the rules can_play uses."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import SimpleTestCase

from subscriptions.entitlements import (
    LEAVING_SOON_DAYS,
    Reason,
    access_requirement,
    can_play,
)

NOW = datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def item(access="subscribers", start=None, end=None):
    return SimpleNamespace(access_level=access, available_from=start, available_until=end)


class AccessRequirementTests(SimpleTestCase):
    def test_access_and_labels(self):
        cases = [
            (item("free"), None, "free", "Free"),
            (item(), None, "subscribers", "Subscribers"),
            (item(), "Premium", "plan", "Premium"),
            (item("free"), "Premium", "free", "Free"),  # free needs no plan, whatever is set
        ]
        for episode, plan, access, label in cases:
            with self.subTest(access=access, plan=plan):
                requirement = access_requirement(episode, plan_name=plan, now=NOW)
                self.assertEqual((requirement.access, requirement.access_label), (access, label))

    def test_windows(self):
        soon = NOW + datetime.timedelta(days=LEAVING_SOON_DAYS - 1)
        later = NOW + datetime.timedelta(days=LEAVING_SOON_DAYS + 1)
        cases = [
            (item(start=NOW + 11 * DAY), "coming", "Coming 12 Dec"),
            (item(end=soon), "leaving", f"Leaving {soon.day} {soon:%b}"),
            (item(end=later), None, ""),
            (item(end=NOW - DAY), "gone", "No longer available"),
            (item(start=NOW - DAY), None, ""),
        ]
        for episode, window, label in cases:
            with self.subTest(window=window):
                requirement = access_requirement(episode, now=NOW)
                self.assertEqual((requirement.window, requirement.window_label), (window, label))

    def test_the_window_agrees_with_can_play(self):
        for start, end in ((NOW + DAY, None), (None, NOW - DAY), (NOW - DAY, NOW + DAY)):
            episode = item("free", start, end)
            decision = can_play(AnonymousUser(), episode, now=NOW)
            window = access_requirement(episode, now=NOW).window
            closed = {
                Reason.NOT_YET_AVAILABLE: "coming",
                Reason.NO_LONGER_AVAILABLE: "gone",
            }.get(decision.reason)
            self.assertEqual(closed, window if window != "leaving" else None)

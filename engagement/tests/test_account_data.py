"""Engagement's part of the account's data export and of account deletion."""

import json

from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.test import TestCase
from django.utils import timezone

from catalog.tests import factories
from engagement.models import (
    AlertPreference,
    EpisodeAlert,
    Profile,
    Rating,
    Review,
    ViewingProgress,
    WatchlistItem,
)
from engagement.profiles import ensure_main_profile
from mediasite.tests.factories import UserFactory
from subscriptions.account_services import account_delete, account_export

SECTIONS = [
    "profiles",
    "my_list",
    "ratings",
    "reviews",
    "viewing_history",
    "alert_preferences",
    "episode_alerts",
]


class AccountDataCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Lighthouse"))
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))

    def setUp(self):
        self.user = UserFactory()
        self.main = ensure_main_profile(self.user)
        self.kids = Profile.objects.create(
            user=self.user, name="Kids", is_kids=True, pin_hash=make_password("1234")
        )
        WatchlistItem.objects.create(profile=self.kids, page=self.show)
        ViewingProgress.objects.create(
            profile=self.main, episode=self.episode, position=61.5, last_watched_at=timezone.now()
        )
        AlertPreference.objects.create(profile=self.main, frequency="daily")
        EpisodeAlert.objects.create(user=self.user, episode=self.episode, status="sent")

    def all_rows(self, user) -> dict:
        return {
            "profiles": Profile.objects.filter(user=user).count(),
            "my_list": WatchlistItem.objects.filter(profile__user=user).count(),
            "progress": ViewingProgress.objects.filter(profile__user=user).count(),
            "alert_preferences": AlertPreference.objects.filter(profile__user=user).count(),
            "alerts": EpisodeAlert.objects.filter(user=user).count(),
        }


class ExportTests(AccountDataCase):
    def setUp(self):
        super().setUp()
        Rating.objects.create(profile=self.main, page=self.show, score=4)
        Review.objects.create(
            user=self.user, profile=self.main, page=self.show, score=4, body="Fine."
        )

    def test_the_export_has_every_engagement_section(self):
        data = account_export(self.user)
        for section in SECTIONS:
            with self.subTest(section=section):
                self.assertTrue(data[section], f"{section} is empty")
        self.assertEqual([p["name"] for p in data["profiles"]], [self.main.name, "Kids"])
        self.assertEqual(data["my_list"][0]["profile"], "Kids")
        self.assertEqual(data["my_list"][0]["page"]["title"], "Lighthouse")
        self.assertEqual(data["ratings"][0]["score"], 4)
        self.assertEqual(data["reviews"][0]["body"], "Fine.")
        self.assertEqual(data["viewing_history"][0]["position"], 61.5)
        self.assertEqual(
            data["alert_preferences"], [{"profile": self.main.name, "frequency": "daily"}]
        )
        self.assertEqual(data["episode_alerts"][0]["status"], "sent")

    def test_pin_hashes_are_never_exported(self):
        text = json.dumps(account_export(self.user), cls=DjangoJSONEncoder)
        self.assertNotIn(self.kids.pin_hash, text)
        self.assertNotIn("pin_hash", text)
        kids = account_export(self.user)["profiles"][1]
        self.assertTrue(kids["has_pin"])

    def test_other_accounts_rows_are_not_in_the_export(self):
        other = UserFactory()
        WatchlistItem.objects.create(profile=ensure_main_profile(other), page=self.episode)
        data = account_export(other)
        self.assertEqual(len(data["my_list"]), 1)
        self.assertEqual(data["viewing_history"], [])
        self.assertEqual(data["episode_alerts"], [])


class DeletionTests(AccountDataCase):
    def test_deletion_leaves_nothing_of_the_account_in_engagement_tables(self):
        other = UserFactory()
        other_profile = ensure_main_profile(other)
        WatchlistItem.objects.create(profile=other_profile, page=self.show)
        account_delete(self.user)
        self.assertEqual(
            self.all_rows(self.user),
            {"profiles": 0, "my_list": 0, "progress": 0, "alert_preferences": 0, "alerts": 0},
        )
        self.assertEqual(self.all_rows(other)["my_list"], 1)  # others keep theirs

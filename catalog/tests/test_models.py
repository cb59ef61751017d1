"""Database constraints and model rules hold even when the admin form is bypassed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from catalog.models import EpisodePage, SeasonPage
from catalog.tests import factories


class ConstraintTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.ShowPageFactory()
        cls.season = factories.SeasonPageFactory(parent=cls.show, number=1)
        cls.episode = factories.EpisodePageFactory(parent=cls.season, number=1)

    def test_season_number_unique_per_show(self):
        season2 = factories.SeasonPageFactory(parent=self.show, number=2)
        with self.assertRaises(IntegrityError), transaction.atomic():
            SeasonPage.objects.filter(pk=season2.pk).update(number=1)

    def test_saving_a_duplicate_season_is_refused(self):
        with self.assertRaises(ValidationError):
            factories.SeasonPageFactory(parent=self.show, number=1)

    def test_same_season_number_in_another_show_is_fine(self):
        other = factories.SeasonPageFactory(number=1)
        self.assertEqual(other.slug, "season-1")

    def test_episode_number_unique_per_season(self):
        episode2 = factories.EpisodePageFactory(parent=self.season, number=2)
        with self.assertRaises(IntegrityError), transaction.atomic():
            EpisodePage.objects.filter(pk=episode2.pk).update(number=1)

    def test_window_must_end_after_start_in_the_database(self):
        start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        EpisodePage.objects.filter(pk=self.episode.pk).update(available_from=start)
        with self.assertRaises(IntegrityError), transaction.atomic():
            EpisodePage.objects.filter(pk=self.episode.pk).update(
                available_until=start - datetime.timedelta(days=1)
            )

    def test_parent_links_are_kept_in_step_with_the_tree(self):
        self.assertEqual(self.season.show_id, self.show.pk)
        self.assertEqual(self.episode.season_id, self.season.pk)

    def test_moved_episode_follows_its_new_season(self):
        season2 = factories.SeasonPageFactory(parent=self.show, number=2)
        episode = factories.EpisodePageFactory(parent=self.season, number=7)
        episode.move(season2, pos="last-child")
        episode.refresh_from_db()
        self.assertEqual(episode.season_id, season2.pk)

    def test_cannot_move_episode_onto_a_taken_number(self):
        season2 = factories.SeasonPageFactory(parent=self.show, number=3)
        factories.EpisodePageFactory(parent=season2, number=1)
        self.assertFalse(self.episode.can_move_to(season2))
        self.assertTrue(self.episode.can_move_to(self.season))

    def test_availability_window(self):
        now = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
        episode = EpisodePage(
            available_from=now - datetime.timedelta(days=1),
            available_until=now + datetime.timedelta(days=1),
        )
        self.assertTrue(episode.is_available_at(now))
        self.assertFalse(episode.is_available_at(now + datetime.timedelta(days=2)))
        self.assertFalse(episode.is_available_at(now - datetime.timedelta(days=2)))

    def test_season_slug_is_forced_from_number(self):
        season = SeasonPage.objects.get(pk=self.season.pk)
        season.slug = "whatever"
        season.save()
        self.assertEqual(season.slug, "season-1")

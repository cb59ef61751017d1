"""``manage.py load_demo_engagement``: the demo accounts' viewing state, idempotently."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from catalog.tests import factories
from engagement.demo.content import demo_content
from engagement.models import (
    Profile,
    Rating,
    RatingSummary,
    Review,
    ReviewStatus,
    ViewingProgress,
    WatchlistItem,
)

MODELS = [Profile, WatchlistItem, Rating, RatingSummary, Review, ViewingProgress]


def load() -> str:
    out = StringIO()
    call_command("load_demo_engagement", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    rows = {model.__name__: model.objects.count() for model in MODELS}
    rows["summaries"] = sorted(
        RatingSummary.objects.values_list("page_id", "rating_count", "rating_sum", "review_count")
    )
    return rows


@override_settings(DEMO_ACCOUNTS_ENABLED=True)
class LoadDemoEngagementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_accounts", stdout=StringIO())
        index = factories.ShowIndexPageFactory()
        content = demo_content()
        slugs = {item.show for section in ("my_list", "ratings", "progress", "reviews")
                 for item in getattr(content, section)}  # fmt: skip
        cls.shows = {
            slug: factories.publish(factories.ShowPageFactory(parent=index, slug=slug))
            for slug in sorted(slugs)
        }
        season = factories.publish(
            factories.SeasonPageFactory(parent=cls.shows["the-long-harbour"], number=1)
        )
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        cls.output = load()

    def test_premium_gets_a_kids_profile_with_a_low_ceiling(self):
        kids = Profile.objects.get(user__email="premium@example.com", name="Kids")
        self.assertTrue(kids.is_kids)
        self.assertEqual(kids.maturity_ceiling, "TV-PG")
        self.assertEqual(kids.avatar, "lime")
        self.assertTrue(
            Profile.objects.filter(user__email="premium@example.com", is_main=True).exists()
        )

    def test_basic_and_premium_have_lists_ratings_progress_and_reviews(self):
        for email in ("basic@example.com", "premium@example.com"):
            with self.subTest(email=email):
                self.assertTrue(WatchlistItem.objects.filter(profile__user__email=email).exists())
                self.assertTrue(Rating.objects.filter(profile__user__email=email).exists())
                self.assertTrue(
                    ViewingProgress.objects.filter(
                        profile__user__email=email, episode=self.episode, position__gt=0
                    ).exists()
                )
                self.assertTrue(Review.objects.visible().filter(user__email=email).exists())
        self.assertFalse(Review.objects.exclude(status=ReviewStatus.PUBLISHED).exists())

    def test_summaries_match_the_rows(self):
        harbour = self.shows["the-long-harbour"]
        summary = RatingSummary.objects.get(page=harbour)
        ratings = Rating.objects.filter(page=harbour)
        self.assertEqual(summary.rating_count, ratings.count())
        self.assertEqual(summary.rating_sum, sum(r.score for r in ratings))
        self.assertEqual(
            summary.review_count, Review.objects.visible().filter(page=harbour).count()
        )

    def test_a_second_run_creates_nothing(self):
        before = snapshot()
        output = load()
        self.assertEqual(snapshot(), before)
        self.assertIn("found already in place", output)
        self.assertIn("ready", self.output)

    def test_without_the_catalog_it_stops_with_a_message(self):
        self.shows["signal-lost"].delete()
        with self.assertRaisesMessage(CommandError, "No show 'signal-lost'"):
            load()

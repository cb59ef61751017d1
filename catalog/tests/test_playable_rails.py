"""No rail, and not the home page's hero, offers an episode whose video cannot play."""

from django.test import TestCase

from catalog import selectors
from catalog.choices import RailSource
from catalog.models import VideoAsset
from catalog.tests import factories


def rail_episode_ids(source: str, page_ids=()) -> list[int]:
    cards = selectors.rail_cards(
        source=source, page_ids=list(page_ids), genre=None, collection=None, limit=12
    )
    return [card.page.pk for card in cards if card.kind == "episode"]


class PlayableRailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        ready = VideoAsset.objects.create(title="Ready", hls_prefix="hls/1/ready/", status="ready")
        # Re-processing keeps the previous output playing; a first run has none yet.
        rerun = VideoAsset.objects.create(title="Rerun", hls_prefix="hls/2/old/", status="failed")
        pending = VideoAsset.objects.create(title="Pending")
        failed = VideoAsset.objects.create(title="Failed", status="failed", error="bad file")
        videos = [ready, rerun, pending, failed, None]
        cls.episodes = [
            factories.publish(factories.EpisodePageFactory(parent=season, number=n, video=video))
            for n, video in enumerate(videos, start=1)
        ]
        cls.playable = [e.pk for e in cls.episodes[:2]]

    def test_newest_episodes_rail_lists_only_playable_episodes(self):
        self.assertEqual(sorted(rail_episode_ids(RailSource.NEWEST_EPISODES)), self.playable)

    def test_hand_picked_rail_drops_episodes_that_cannot_play_and_keeps_shows(self):
        picked = [self.show.pk, *(e.pk for e in reversed(self.episodes))]
        cards = selectors.rail_cards(
            source=RailSource.HANDPICKED, page_ids=picked, genre=None, collection=None, limit=12
        )
        self.assertEqual([card.page.pk for card in cards], [self.show.pk, *reversed(self.playable)])

    def test_the_hero_features_an_episode_only_if_it_can_play(self):
        ready, _, pending, *_ = self.episodes
        self.assertEqual(selectors.hero_feature(ready).pk, ready.pk)
        self.assertIsNone(selectors.hero_feature(pending))
        self.assertEqual(selectors.hero_feature(self.show).pk, self.show.pk)

    def test_the_home_page_hero_leaves_out_an_episode_that_cannot_play(self):
        home = factories.HomePageFactory()
        home.hero_page = self.episodes[2]
        home.save_revision().publish()
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["hero"])
        self.assertNotContains(response, self.episodes[2].url)

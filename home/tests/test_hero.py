"""The home page hero's button: "Watch now" opens the featured show's first episode, playing."""

from django.test import TestCase

from catalog.models import VideoAsset
from catalog.tests import factories
from mediasite.tests.cache import clear_test_cache


def playable_video(title: str) -> VideoAsset:
    return VideoAsset.objects.create(
        title=title, source="videos/none.mp4", status=VideoAsset.Status.READY,
        hls_prefix=f"hls/{title}/",
    )  # fmt: skip


class HeroWatchNowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.HomePageFactory()
        cls.show = factories.publish(factories.ShowPageFactory(title="Night Shift"))
        season_1 = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        season_2 = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=2))
        # S1E1 has no video yet; S1E2 and S2E1 have one: S1E2 is where watching starts.
        factories.publish(factories.EpisodePageFactory(parent=season_1, number=1))
        factories.publish(
            factories.EpisodePageFactory(parent=season_2, number=1, video=playable_video("b"))
        )
        cls.first = factories.publish(
            factories.EpisodePageFactory(parent=season_1, number=2, video=playable_video("a"))
        )

    def setUp(self):
        clear_test_cache()

    def feature(self, page):
        self.home.hero_page = page
        self.home.save_revision().publish()

    def watch_now_href(self) -> str:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return response.context["hero_url"]

    def test_a_featured_show_opens_its_first_playable_episode_ready_to_play(self):
        self.feature(self.show)
        self.assertEqual(self.watch_now_href(), f"{self.first.url}#play")
        self.assertContains(self.client.get("/"), f'href="{self.first.url}#play" data-hero-watch')

    def test_a_featured_episode_opens_ready_to_play(self):
        other = factories.publish(
            factories.EpisodePageFactory(
                parent=self.first.get_parent(), number=7, video=playable_video("c")
            )
        )
        self.feature(other)
        self.assertEqual(self.watch_now_href(), f"{other.url}#play")

    def test_a_show_with_nothing_to_play_yet_opens_the_show(self):
        empty = factories.publish(factories.ShowPageFactory(title="Coming Soon"))
        factories.publish(factories.SeasonPageFactory(parent=empty, number=1))
        self.feature(empty)
        self.assertEqual(self.watch_now_href(), empty.url)

    def test_an_unpublished_episode_is_skipped(self):
        self.first.unpublish()
        self.feature(self.show)
        href = self.watch_now_href()
        self.assertIn("/season-2/", href)
        self.assertTrue(href.endswith("#play"), href)

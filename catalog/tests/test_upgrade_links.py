"""A locked episode's page links to the plans page carrying the episode and the tier it needs."""

from urllib.parse import quote

from django.test import TestCase

from catalog.models import AccessLevel
from catalog.tests import factories
from mediasite.tests.cache import clear_test_cache
from subscriptions.tests.utils import make_plan


class SeePlansLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.premium = make_plan("premium", tier=2)
        show = factories.publish(factories.ShowPageFactory())
        cls.season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))

    def setUp(self):
        clear_test_cache()

    def episode(self, number, **fields):
        return factories.publish(
            factories.EpisodePageFactory(parent=self.season, number=number, **fields)
        )

    def see_plans_href(self, episode) -> str:
        html = self.client.get(episode.url).content.decode()
        tag = html[: html.index("data-see-plans")]
        return tag[tag.rindex('href="') + 6 :].split('"')[0].replace("&amp;", "&")

    def test_a_premium_episode_asks_for_its_tier(self):
        episode = self.episode(1, access_level=AccessLevel.SUBSCRIBERS, minimum_plan=self.premium)
        next_url = quote(f"{episode.url}#play", safe="")
        self.assertEqual(self.see_plans_href(episode), f"/account/plans/?next={next_url}&tier=2")

    def test_any_plan_unlocks_an_episode_without_a_minimum_plan(self):
        episode = self.episode(2, access_level=AccessLevel.SUBSCRIBERS)
        self.assertTrue(self.see_plans_href(episode).endswith("&tier=1"))

    def test_free_episodes_have_no_plans_link(self):
        episode = self.episode(3, access_level=AccessLevel.FREE)
        self.assertNotContains(self.client.get(episode.url), "data-see-plans")

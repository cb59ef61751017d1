"""Page queries are bounded: the same SQL count on the demo catalog and on one 10x larger,
and at most ``MAX_QUERIES`` per public page with warm caches (docs/performance.md)."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from catalog.models import EpisodePage, SeasonPage, ShowPage

#: Issue 14's target for a public page, caches warm.
MAX_QUERIES = 15


def query_counts(client, urls: list[str]) -> dict[str, int]:
    """SQL queries per URL on a warm request (the first one fills Wagtail's site cache)."""
    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


class QueryCountTests(TestCase):
    def test_page_queries_do_not_grow_with_the_catalog(self):
        call_command("load_demo_catalog", "--no-progress", stdout=StringIO())
        show = ShowPage.objects.live().order_by("path").first()
        season = SeasonPage.objects.live().child_of(show).order_by("number").first()
        episode = EpisodePage.objects.live().child_of(season).order_by("number")[1]
        urls = ["/", "/shows/", show.url, season.url, episode.url, "/articles/"]
        demo = query_counts(self.client, urls)

        shows_before = ShowPage.objects.count()
        call_command(
            "load_demo_catalog",
            "--no-progress",
            "--shows",
            str(10 * shows_before),
            stdout=StringIO(),
        )
        self.assertGreaterEqual(ShowPage.objects.count(), 10 * shows_before)
        larger = query_counts(self.client, urls)

        self.assertEqual(demo, larger)
        for url, count in demo.items():
            self.assertLessEqual(count, MAX_QUERIES, f"{url} runs {count} queries")


class GatedEpisodeQueryTests(TestCase):
    def test_a_minimum_plan_costs_no_extra_query(self):
        from catalog.tests import factories
        from subscriptions.models import Plan

        premium = Plan.objects.create(name="Premium", slug="premium", tier=2, price=10)
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        plain, gated = (
            factories.publish(
                factories.EpisodePageFactory(parent=season, number=n, access_level="subscribers")
            )
            for n in (1, 2)
        )
        gated.minimum_plan = premium
        gated.save_revision().publish()
        counts = query_counts(self.client, [plain.url, gated.url])
        self.assertEqual(counts[plain.url], counts[gated.url])
        self.assertContains(self.client.get(gated.url), "For subscribers on Premium or higher")

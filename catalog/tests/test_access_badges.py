"""Locks you can see before Play: every card, row and episode page shows what it needs.

Free, a lock with the plan's name, "Coming <date>" and "Leaving <date>" are facts of the
episode (subscriptions.entitlements.access_requirement) and are in the shared HTML; the
region is the viewer's, so the HTML only carries data-regions and /api/v1/me the country.
"""

import datetime
import re

from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone

from catalog.models import VideoAsset
from catalog.tests import factories
from catalog.tests.test_image_renditions import make_image
from catalog.tests.test_query_counts import query_counts
from subscriptions.models import Plan


def _publish_episode(season, number, **fields):
    # A playable video unless told: rails and hand-picked cards offer only episodes that play.
    if "video" not in fields:
        fields["video"] = VideoAsset.objects.create(
            title=f"clip {season.pk}-{number}",
            source="videos/none.mp4",
            status=VideoAsset.Status.READY,
            hls_prefix=f"hls/{season.pk}-{number}/",
        )
    return factories.publish(factories.EpisodePageFactory(parent=season, number=number, **fields))


def _row(html: str, title: str) -> str:
    """The HTML of the episode row whose link names ``title``."""
    rows = re.findall(r'<li class="episode-row.*?</li>', html, flags=re.S)
    matching = [row for row in rows if f"</span> {title}</a>" in row]
    assert len(matching) == 1, f"one row for {title!r} in {len(rows)} rows"
    return matching[0]


class AccessBadgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.premium = Plan.objects.create(name="Premium", slug="premium-x", tier=2, price=10)
        cls.show = factories.publish(factories.ShowPageFactory(allowed_regions=["FR", "DE"]))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        soon = timezone.now() + datetime.timedelta(days=40)
        cls.coming_on = timezone.localtime(soon)
        cls.free = _publish_episode(cls.season, 1, title="Open door", access_level="free")
        cls.subscribers = _publish_episode(
            cls.season, 2, title="Members only", access_level="subscribers"
        )
        cls.gated = _publish_episode(
            cls.season, 3, title="Top shelf", access_level="subscribers", minimum_plan=cls.premium
        )
        cls.coming = _publish_episode(
            cls.season, 4, title="Not yet", access_level="free", available_from=soon
        )
        cls.leaving = _publish_episode(
            cls.season,
            5,
            title="Last call",
            access_level="free",
            available_until=timezone.now() + datetime.timedelta(days=3),
        )

    def test_show_page_rows_badge_every_access_level(self):
        html = self.client.get(self.show.url).content.decode()
        self.assertIn('badge--free">Free<', _row(html, "Open door"))
        self.assertIn("Locked: </span>Subscribers<", _row(html, "Members only"))
        gated = _row(html, "Top shelf")
        self.assertIn("badge--locked", gated)
        self.assertIn("Locked: </span>Premium<", gated)
        self.assertNotIn("badge--free", gated)
        coming = _row(html, "Not yet")
        self.assertIn(f"Coming {self.coming_on.day} {self.coming_on:%b}<", coming)
        self.assertIn("Leaving ", _row(html, "Last call"))

    def test_rows_carry_the_show_regions_for_the_region_badge(self):
        html = self.client.get(self.season.url).content.decode()
        self.assertIn('data-regions="DE FR"', _row(html, "Top shelf"))

    def test_episode_page_shows_the_plan_lock_before_play(self):
        html = self.client.get(self.gated.url).content.decode()
        player = html[html.index('class="player__overlay"') : html.index('class="player__play"')]
        self.assertIn("Locked: </span>Premium<", player)
        self.assertIn('data-regions="DE FR"', html)

    def test_episode_page_shows_coming_date(self):
        html = self.client.get(self.coming.url).content.decode()
        self.assertIn(f"Coming {self.coming_on.day} {self.coming_on:%b}", html)

    def test_episode_cards_badge_the_plan(self):
        from django.template.loader import render_to_string

        from catalog.selectors import cards_for_pages

        html = "".join(
            render_to_string("components/card.html", {"card": card})
            for card in cards_for_pages([self.gated.pk, self.free.pk, self.show.pk])
        )
        cards = re.findall(r"<article.*?</article>", html, flags=re.S)
        self.assertIn("Locked: </span>Premium<", cards[0])
        self.assertIn('badge--free">Free<', cards[1])
        self.assertIn('data-regions="DE FR"', cards[2])  # the show's card

    def test_badges_cost_no_query_per_row(self):
        plain = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=plain, number=1))
        for number in range(1, 6):
            _publish_episode(season, number, access_level="free")
        counts = query_counts(self.client, [self.show.url, plain.url])
        self.assertEqual(counts[self.show.url], counts[plain.url])


class SeasonTabTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory())
        for number in (1, 2, 3):
            season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=number))
            for episode in (1, 2):
                _publish_episode(season, episode, title=f"S{number} E{episode} story")

    def test_the_first_season_is_shown_by_default(self):
        html = self.client.get(self.show.url).content.decode()
        self.assertIn("S1 E1 story", html)
        self.assertNotIn("S2 E1 story", html)
        self.assertIn('href="?season=1#episodes" aria-current="page"', html)

    def test_a_tab_link_shows_that_season_only(self):
        response = self.client.get(self.show.url, {"season": "2"})
        html = response.content.decode()
        self.assertIn("S2 E2 story", html)
        self.assertNotIn("S1 E1 story", html)
        self.assertNotIn("S3 E1 story", html)
        self.assertIn('href="?season=2#episodes" aria-current="page"', html)
        self.assertEqual(html.count('aria-current="page">Season'), 1)
        # The hero still starts at the beginning of the show.
        self.assertRegex(html, r"Start watching.*S1 E1")
        self.assertIn("public", response["Cache-Control"])

    def test_an_unknown_season_is_not_found(self):
        for value in ("9", "abc", "-1"):
            with self.subTest(value=value):
                self.assertEqual(self.client.get(self.show.url, {"season": value}).status_code, 404)

    def test_each_season_costs_the_same_queries(self):
        first, third = f"{self.show.url}?season=1", f"{self.show.url}?season=3"
        counts = query_counts(self.client, [first, third])
        self.assertEqual(counts[first], counts[third])


# Renditions are cached by image id in the shared Redis (see test_image_renditions).
@override_settings(
    CACHES={
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
class StillFallbackTests(TestCase):
    def test_rows_fall_back_to_the_video_poster_then_the_backdrop(self):
        backdrop = make_image(self, "showbackdrop")
        still, frame = make_image(self, "ownstill"), make_image(self, "videoframe")
        show = factories.publish(factories.ShowPageFactory(backdrop=backdrop))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        video = VideoAsset.objects.create(title="Pilot", poster=frame, poster_generated=True)
        _publish_episode(season, 1, title="With still", still=still, video=video)
        _publish_episode(season, 2, title="With video", video=video)
        _publish_episode(season, 3, title="Bare", video=None)
        for url in (show.url, season.url):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertIn("ownstill", _row(html, "With still"))
                self.assertIn("videoframe", _row(html, "With video"))
                self.assertIn("showbackdrop", _row(html, "Bare"))
                self.assertNotIn("episode-row__placeholder", html)


class MeCountryTests(TestCase):
    def test_me_reports_the_cdn_country(self):
        header = "HTTP_" + settings.VIEWER_COUNTRY_HEADER.upper().replace("-", "_")
        for sent, expected in (("fr", "FR"), ("XX", None), (None, None)):
            with self.subTest(sent=sent):
                extra = {header: sent} if sent else {}
                response = self.client.get("/api/v1/me", **extra)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["country"], expected)
                self.assertIn("no-store", response["Cache-Control"])

    def test_the_country_is_in_the_openapi_schema(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        me = next(s for name, s in schema["components"]["schemas"].items() if name.startswith("Me"))
        self.assertIn("country", me["properties"])

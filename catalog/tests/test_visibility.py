"""One reading of "publicly visible" (catalog/visibility.py), asked by every reader.

A page in another locale placed in the tree, and a page under a view restriction, are
live, but not publicly visible: listings, search, the play API (episodes and trailers),
the sitemap, the /api/v2 read API and purging all leave them out alike. Before, search,
the play API, the sitemap and /api/v2 used Wagtail's ``.live().public()``, which ignores
the locale.
"""

from django.test import TestCase

from wagtail.models import Locale, PageViewRestriction

from catalog import selectors
from catalog.models import AccessLevel
from catalog.purging import listing_urls
from catalog.tests import factories
from catalog.tests.media_fixtures import OneClipMixin, make_asset
from catalog.visibility import is_publicly_visible

NOT_VISIBLE = "No such page, or it is not published."


class VisibilityTests(OneClipMixin, TestCase):
    clip_name = "visibility.mp4"
    clip_size = "160x120"

    @classmethod
    def setUpTestData(cls):
        from catalog.tasks import process_video_asset

        trailer = make_asset(cls, cls.clip, title="Trailer")
        process_video_asset(trailer.pk)
        french = Locale.objects.get_or_create(language_code="fr")[0]

        def show_with_episode(title, **fields):
            show = factories.publish(
                factories.ShowPageFactory(title=title, trailer=trailer, **fields)
            )
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1, **fields))
            episode = factories.publish(
                factories.EpisodePageFactory(
                    parent=season,
                    number=1,
                    title=f"{title} pilot",
                    access_level=AccessLevel.SUBSCRIBERS,
                    **fields,
                )
            )
            return show, episode

        cls.visible_show, cls.visible_episode = show_with_episode("Lighthouse Keepers")
        cls.french_show, cls.french_episode = show_with_episode("Gardiens Phare", locale=french)
        cls.private_show, cls.private_episode = show_with_episode("Keepers Private")
        PageViewRestriction.objects.create(
            page=cls.private_show, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        cls.hidden = [cls.french_show, cls.french_episode, cls.private_show, cls.private_episode]

    def test_the_rule_itself(self):
        self.assertTrue(is_publicly_visible(self.visible_show))
        self.assertTrue(is_publicly_visible(self.visible_episode))
        for page in self.hidden:
            with self.subTest(page=page.title):
                self.assertFalse(is_publicly_visible(page))

    def test_listings(self):
        shows = set(selectors.shows_queryset().values_list("pk", flat=True))
        episodes = set(selectors.episodes_queryset().values_list("pk", flat=True))
        self.assertIn(self.visible_show.pk, shows)
        self.assertIn(self.visible_episode.pk, episodes)
        self.assertFalse({page.pk for page in self.hidden} & (shows | episodes))

    def test_search(self):
        for query in ("pilot", "Gardiens", "Keepers"):
            with self.subTest(query=query):
                results = self.client.get("/search/", {"q": query}).context["results"]
                found = {page.pk for page in results}
                self.assertFalse({page.pk for page in self.hidden} & found, query)
        found = {page.pk for page in self.client.get("/search/", {"q": "pilot"}).context["results"]}
        self.assertIn(self.visible_episode.pk, found)

    def test_play_api(self):
        visible = self.client.post(f"/api/v1/play/{self.visible_episode.pk}")
        self.assertEqual(visible.status_code, 401)  # found; sign in to watch
        self.assertEqual(
            self.client.post(f"/api/v1/play/trailer/{self.visible_show.pk}").status_code, 200
        )
        # /api/v1 has no language: pages of every site language play (a French episode's
        # player asks for its own page), private ones never do.
        french = self.client.post(f"/api/v1/play/{self.french_episode.pk}")
        self.assertEqual(french.status_code, 401)
        self.assertEqual(
            self.client.post(f"/api/v1/play/trailer/{self.french_show.pk}").status_code, 200
        )
        for page in [self.private_show, self.private_episode]:
            with self.subTest(page=page.title):
                url = (
                    f"/api/v1/play/{page.pk}"
                    if page.specific_class.__name__ == "EpisodePage"
                    else f"/api/v1/play/trailer/{page.pk}"
                )
                response = self.client.post(url)
                self.assertEqual(response.status_code, 404, response.json())
                self.assertEqual(response.json()["detail"], NOT_VISIBLE)

    def test_sitemap(self):
        body = self.client.get("/sitemap.xml").content.decode()
        if "<sitemapindex" in body:
            body = "".join(
                self.client.get(f"/sitemap-{section}.xml").content.decode()
                for section in ("pages", "genres", "people")
            )
        self.assertIn(self.visible_show.url, body)
        for page in self.hidden:
            with self.subTest(page=page.title):
                self.assertNotIn(f"/{page.slug}/<", body)

    def test_read_api(self):
        response = self.client.get("/api/v2/pages/", {"limit": 20})
        self.assertEqual(response.status_code, 200, response.content)
        ids = {item["id"] for item in response.json()["items"]}
        self.assertIn(self.visible_episode.pk, ids)
        self.assertFalse({page.pk for page in self.hidden} & ids)
        detail = self.client.get(f"/api/v2/pages/{self.french_episode.pk}/")
        self.assertEqual(detail.status_code, 404)

    def test_purging_lists_only_visible_listing_pages(self):
        urls = listing_urls(self.private_episode)
        self.assertTrue(any(url.endswith("/shows/") for url in urls), urls)
        self.assertFalse([url for url in urls if "keepers-private" in url], urls)

"""JSON-LD, canonical links, social cards, sitemap and robots.txt."""

import json
import re
from xml.etree import ElementTree

from django.test import TestCase

from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text

from catalog.tests import factories

JSON_LD = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> dict:
    match = JSON_LD.search(response.content)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


class StructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = factories.PersonFactory(name="Ada Brook")
        cls.show = factories.ShowPageFactory(
            title="Harbour Lights </script><b>", first_air_year=2019
        )
        cls.show.genres.add(factories.GenreFactory(name="Drama"))
        factories.publish(cls.show)
        factories.ShowCreditFactory(show=cls.show, person=cls.person, character="Keeper")
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=1, runtime_minutes=95)
        )
        cls.article = factories.publish(
            factories.ArticlePageFactory(
                author=cls.person, body=[("paragraph", rich_text("<p>Review.</p>"))]
            )
        )

    def test_show_is_a_tv_series(self):
        data = json_ld(self.client.get(self.show.url))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "TVSeries")
        self.assertEqual(data["name"], self.show.title)
        self.assertEqual(data["genre"], ["Drama"])
        self.assertEqual(data["startDate"], "2019")
        self.assertEqual(
            data["actor"][0], {"@type": "Person", "name": "Ada Brook", "characterName": "Keeper"}
        )
        self.assertEqual(data["containsSeason"][0]["seasonNumber"], 1)
        self.assertTrue(data["url"].endswith(self.show.url))

    def test_json_ld_cannot_break_out_of_its_script(self):
        response = self.client.get(self.show.url)
        self.assertNotIn(b"</script><b>", response.content)

    def test_season_is_a_tv_season(self):
        data = json_ld(self.client.get(self.season.url))
        self.assertEqual(data["@type"], "TVSeason")
        self.assertEqual(data["seasonNumber"], 1)
        self.assertEqual(data["partOfSeries"]["name"], self.show.title)
        self.assertEqual(data["episode"][0]["episodeNumber"], 1)

    def test_episode_is_a_tv_episode(self):
        data = json_ld(self.client.get(self.episode.url))
        self.assertEqual(data["@type"], "TVEpisode")
        self.assertEqual(data["episodeNumber"], 1)
        self.assertEqual(data["timeRequired"], "PT1H35M")
        self.assertTrue(data["isAccessibleForFree"])
        self.assertEqual(data["partOfSeason"]["seasonNumber"], 1)
        self.assertEqual(data["partOfSeries"]["name"], self.show.title)

    def test_article_is_an_article(self):
        data = json_ld(self.client.get(self.article.url))
        self.assertEqual(data["@type"], "Article")
        self.assertEqual(data["headline"], self.article.title)
        self.assertEqual(data["author"]["name"], "Ada Brook")
        self.assertEqual(data["datePublished"], self.article.date.isoformat())

    def test_every_page_has_canonical_description_and_social_card(self):
        for page in [self.show, self.season, self.episode, self.article]:
            with self.subTest(page=page.title):
                html = self.client.get(page.url).content.decode()
                self.assertIn(f'<link rel="canonical" href="{page.full_url}"', html)
                self.assertRegex(html, r'<meta name="description" content="[^"]+"')
                self.assertIn('property="og:title"', html)
                self.assertIn('name="twitter:card"', html)


class SitemapAndRobotsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Salt Roads"))
        cls.draft = factories.ShowPageFactory(title="Unreleased", live=False)
        cls.genre = factories.GenreFactory(name="Crime")
        cls.person = factories.PersonFactory(name="Noor Vale")

    def test_sitemap_lists_live_pages_genres_and_people(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        tree = ElementTree.fromstring(response.content)
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locations = [loc.text for loc in tree.findall("s:url/s:loc", ns)]
        self.assertTrue(any(loc.endswith(self.show.url) for loc in locations))
        self.assertFalse(any("unreleased" in loc for loc in locations))
        self.assertTrue(any(loc.endswith(self.genre.get_absolute_url()) for loc in locations))
        self.assertTrue(any(loc.endswith(self.person.get_absolute_url()) for loc in locations))

    def test_robots_points_at_the_sitemap_and_hides_private_areas(self):
        body = self.client.get("/robots.txt").content.decode()
        # The configured (default Wagtail) Site's root, not the request's Host.
        root = Site.objects.get(is_default_site=True).root_url
        self.assertIn(f"Sitemap: {root}/sitemap.xml", body)
        for path in ["/admin/", "/account/", "/api/"]:
            self.assertIn(f"Disallow: {path}", body)

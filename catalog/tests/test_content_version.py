"""What is cached per content version (rails, related shows, routes) follows every change."""

from django.test import TestCase

from catalog import content_version, surrogate_keys
from catalog.choices import RailSource
from catalog.tests import factories


def newest_shows_home():
    home = factories.HomePageFactory()
    home.body = [("rail", {"title": "New shows", "source": RailSource.NEWEST_SHOWS, "limit": 12})]
    home.save_revision().publish()
    return home


class FragmentTests(TestCase):
    def test_a_cached_value_lasts_until_a_publish_and_keeps_its_keys(self):
        show = factories.publish(factories.ShowPageFactory(title="Old Light"))
        calls = []

        def compute():
            calls.append(1)
            surrogate_keys.record(f"p{show.pk}")
            return len(calls)

        with surrogate_keys.capture() as first:
            self.assertEqual(content_version.cached("probe", compute=compute), 1)
        with surrogate_keys.capture() as hit:
            self.assertEqual(content_version.cached("probe", compute=compute), 1)
        # A hit records the keys the first computation recorded.
        self.assertEqual(first, {f"p{show.pk}"})
        self.assertEqual(hit, first)
        show.title = "New Light"
        show.save_revision().publish()
        self.assertEqual(content_version.cached("probe", compute=compute), 2)

    def test_home_rail_shows_a_newly_published_show(self):
        newest_shows_home()
        factories.publish(factories.ShowPageFactory(title="Lantern Row"))
        self.assertContains(self.client.get("/"), "Lantern Row")
        factories.publish(factories.ShowPageFactory(title="Salt Meadow"))
        self.assertContains(self.client.get("/"), "Salt Meadow")

    def test_home_rail_drops_an_unpublished_show(self):
        newest_shows_home()
        show = factories.publish(factories.ShowPageFactory(title="Lantern Row"))
        self.assertContains(self.client.get("/"), "Lantern Row")
        show.unpublish()
        self.assertNotContains(self.client.get("/"), "Lantern Row")

    def test_related_shows_follow_a_genre_change(self):
        drama = factories.GenreFactory(name="Drama")
        show = factories.ShowPageFactory(title="Old Light")
        show.genres = [drama]
        factories.publish(show)
        other = factories.ShowPageFactory(title="Harbour Ghosts")
        factories.publish(other)
        self.assertNotContains(self.client.get(show.url), "Harbour Ghosts")
        other.genres = [drama]
        other.save_revision().publish()
        self.assertContains(self.client.get(show.url), "Harbour Ghosts")


class RouteTests(TestCase):
    def test_a_changed_slug_moves_the_page_at_once(self):
        show = factories.publish(factories.ShowPageFactory(title="Old Light", slug="old-light"))
        self.assertEqual(self.client.get("/shows/old-light/").status_code, 200)
        show.slug = "new-light"
        show.save_revision().publish()
        self.assertEqual(self.client.get("/shows/old-light/").status_code, 404)
        self.assertEqual(self.client.get("/shows/new-light/").status_code, 200)

    def test_an_unpublished_page_is_not_served_from_the_route_cache(self):
        show = factories.publish(factories.ShowPageFactory(slug="old-light"))
        self.assertEqual(self.client.get("/shows/old-light/").status_code, 200)
        show.unpublish()
        self.assertEqual(self.client.get("/shows/old-light/").status_code, 404)

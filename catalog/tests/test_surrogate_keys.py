"""Public responses carry the surrogate keys of what they show (catalog/surrogate_keys.py)."""

from django.test import TestCase, override_settings

from catalog import surrogate_keys
from catalog.tests import factories


def keys_of(response, header="xkey") -> set[str]:
    return set(response.get(header, "").replace(",", " ").split())


class ResponseKeysTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.genre = factories.GenreFactory(name="Noir")
        cls.person = factories.PersonFactory(name="Ada Lane")
        cls.show = factories.ShowPageFactory(title="Night Ferry", slug="night-ferry")
        cls.show.genres.add(cls.genre)
        factories.ShowCreditFactory(show=cls.show, person=cls.person)
        factories.publish(cls.show)
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=1, slug="pilot")
        )
        cls.other = factories.publish(factories.ShowPageFactory(title="Harbour", slug="harbour"))

    def test_a_show_page_names_itself_its_episodes_genres_people_and_rating(self):
        keys = keys_of(self.client.get("/shows/night-ferry/"))
        for key in [
            f"p{self.show.pk}",
            f"p{self.episode.pk}",
            f"g{self.genre.pk}",
            f"n{self.person.pk}",
            f"rating-{self.show.pk}",
        ]:
            self.assertIn(key, keys)
        self.assertNotIn(f"p{self.other.pk}", keys)

    def test_listings_carry_their_listing_key_and_their_items(self):
        keys = keys_of(self.client.get("/shows/"))
        self.assertLessEqual({"idx-shows-en", f"p{self.show.pk}", f"p{self.other.pk}"}, keys)
        keys = keys_of(self.client.get(self.genre.get_absolute_url()))
        self.assertLessEqual(
            {f"g{self.genre.pk}", f"idx-g{self.genre.pk}", f"p{self.show.pk}"}, keys
        )
        self.assertNotIn(f"p{self.other.pk}", keys)
        keys = keys_of(self.client.get(self.person.get_absolute_url()))
        self.assertLessEqual(
            {f"n{self.person.pk}", f"idx-n{self.person.pk}", f"p{self.show.pk}"}, keys
        )
        home = self.show.get_parent().get_parent()
        self.assertLessEqual({"home-en", f"p{home.pk}"}, keys_of(self.client.get("/")))

    def test_search_and_suggestions_carry_their_keys(self):
        self.assertIn("search-en", keys_of(self.client.get("/search/?q=ferry")))
        self.assertIn("sugg-en", keys_of(self.client.get("/search/suggest/?q=ni")))

    def test_private_responses_carry_none(self):
        self.assertNotIn("xkey", self.client.get("/api/v1/me"))

    def test_the_header_name_and_separator_follow_the_setting(self):
        with override_settings(EDGE_KEYS_HEADER="Surrogate-Key"):
            response = self.client.get("/shows/night-ferry/")
        self.assertNotIn("xkey", response)
        self.assertIn(f"p{self.show.pk} ", response["Surrogate-Key"])
        with override_settings(EDGE_KEYS_HEADER="Cache-Tag"):
            response = self.client.get("/shows/night-ferry/")
        self.assertIn(f"p{self.show.pk},", response["Cache-Tag"])
        self.assertNotIn(" ", response["Cache-Tag"])


class HeaderBoundTests(TestCase):
    def test_listing_keys_stay_and_page_keys_fill_up_to_the_limit(self):
        keys = ["p1", "idx-shows-en", *(f"p{n}" for n in range(100, 1100)), "g7"]
        value = surrogate_keys.header_value(keys, header="xkey", max_bytes=200)
        self.assertLessEqual(len(value), 200)
        kept = value.split()
        self.assertEqual(kept[:2], ["idx-shows-en", "g7"])
        self.assertEqual(kept[2:5], ["p1", "p100", "p101"])

    def test_capture_collects_keys_and_still_records_them(self):
        with surrogate_keys.capture() as outer:
            surrogate_keys.record("p1")
            with surrogate_keys.capture() as inner:
                surrogate_keys.record("p2", "home-en")
        self.assertEqual(outer, {"p1", "p2", "home-en"})
        self.assertEqual(inner, {"p2", "home-en"})
        surrogate_keys.record("p3")  # outside a request: nothing to record to, no error

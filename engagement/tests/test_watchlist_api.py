"""My List API: GET/POST /api/v1/watchlist and DELETE /api/v1/watchlist/{page_id}."""

import datetime
import json

from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from catalog.tests import factories
from engagement.models import Profile, WatchlistItem
from engagement.profiles import SESSION_KEY, ensure_main_profile
from engagement.services.watchlist import watchlist_add
from mediasite.tests.factories import UserFactory


class WatchlistFixtures:
    @classmethod
    def make_catalog(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Lighthouse"))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(
                parent=cls.season, number=1, title="Storm", air_date=datetime.date(2024, 1, 5)
            )
        )
        cls.draft_show = factories.ShowPageFactory(title="Unpublished", live=False)
        cls.article = factories.publish(factories.ArticlePageFactory())

    def sign_in(self, user=None, profile=None):
        user = user or UserFactory()
        self.client.force_login(user)
        if profile is not None:
            session = self.client.session
            session[SESSION_KEY] = profile.pk
            session.save()
        return user

    def add(self, page_id, client=None):
        return (client or self.client).post(
            "/api/v1/watchlist", {"page_id": page_id}, content_type="application/json"
        )


class WatchlistAddTests(WatchlistFixtures, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_catalog()

    def test_anonymous_is_401(self):
        self.assertEqual(self.add(self.show.pk).status_code, 401)
        self.assertEqual(self.client.get("/api/v1/watchlist").status_code, 401)
        self.assertEqual(self.client.delete(f"/api/v1/watchlist/{self.show.pk}").status_code, 401)
        self.assertFalse(WatchlistItem.objects.exists())

    def test_add_show_is_201_then_200_with_one_row(self):
        user = self.sign_in()
        first = self.add(self.show.pk)
        self.assertEqual(first.status_code, 201)
        body = first.json()
        self.assertEqual(body["page_id"], self.show.pk)
        self.assertEqual(body["kind"], "show")
        self.assertEqual(body["title"], "Lighthouse")
        self.assertEqual(body["url"], self.show.url)
        second = self.add(self.show.pk)
        self.assertEqual(second.status_code, 200)
        profile = ensure_main_profile(user)
        self.assertEqual(WatchlistItem.objects.filter(profile=profile).count(), 1)

    def test_add_episode(self):
        self.sign_in()
        body = self.add(self.episode.pk).json()
        self.assertEqual(body["kind"], "episode")
        self.assertIn("Lighthouse", body["subtitle"])

    def test_not_visible_or_not_a_show_or_episode_is_404(self):
        self.sign_in()
        for page_id in (self.draft_show.pk, self.article.pk, self.season.pk, 999999, 2**31, 0):
            with self.subTest(page_id=page_id):
                response = self.add(page_id)
                self.assertEqual(response.status_code, 404)
                self.assertIsInstance(response.json()["detail"], str)
        self.assertFalse(WatchlistItem.objects.exists())

    def test_huge_or_negative_ids_are_404_not_500(self):
        self.sign_in()
        for page_id in (2**63, -1):
            with self.subTest(page_id=page_id):
                self.assertEqual(self.add(page_id).status_code, 404)
                self.assertEqual(
                    self.client.delete(f"/api/v1/watchlist/{page_id}").status_code, 404
                )

    def test_missing_page_id_is_422(self):
        self.sign_in()
        response = self.client.post("/api/v1/watchlist", {}, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertIn("page_id", response.json()["detail"])

    def test_write_needs_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(UserFactory())
        self.assertEqual(self.add(self.show.pk, client).status_code, 403)
        token = client.get("/api/v1/me").json()["csrf_token"]
        response = client.post(
            "/api/v1/watchlist",
            json.dumps({"page_id": self.show.pk}),
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        self.assertEqual(response.status_code, 201)

    def test_items_belong_to_the_active_profile(self):
        user = UserFactory()
        main = ensure_main_profile(user)
        kids = Profile.objects.create(user=user, name="Kids", is_kids=True)
        self.sign_in(user, kids)
        self.add(self.show.pk)
        self.assertTrue(WatchlistItem.objects.filter(profile=kids, page=self.show).exists())
        self.assertFalse(WatchlistItem.objects.filter(profile=main).exists())


class WatchlistRemoveTests(WatchlistFixtures, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_catalog()

    def test_delete_is_204_and_idempotent(self):
        self.sign_in()
        self.add(self.show.pk)
        for _ in range(2):
            response = self.client.delete(f"/api/v1/watchlist/{self.show.pk}")
            self.assertEqual(response.status_code, 204)
        self.assertFalse(WatchlistItem.objects.exists())

    def test_delete_of_an_unpublished_page_still_in_the_list_works(self):
        user = self.sign_in()
        profile = ensure_main_profile(user)
        watchlist_add(profile=profile, page=self.show)
        self.show.unpublish()
        self.assertEqual(self.client.delete(f"/api/v1/watchlist/{self.show.pk}").status_code, 204)
        self.assertFalse(WatchlistItem.objects.exists())
        # Gone from the list and not visible: nothing to name any more.
        self.assertEqual(self.client.delete(f"/api/v1/watchlist/{self.show.pk}").status_code, 404)

    def test_another_accounts_item_is_never_touched(self):
        other = UserFactory()
        theirs, _ = watchlist_add(profile=ensure_main_profile(other), page=self.show)
        self.sign_in()
        self.assertEqual(self.client.delete(f"/api/v1/watchlist/{self.show.pk}").status_code, 204)
        self.assertTrue(WatchlistItem.objects.filter(pk=theirs.pk).exists())
        self.assertEqual(self.client.get("/api/v1/watchlist").json()["count"], 0)


class WatchlistListTests(WatchlistFixtures, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_catalog()
        cls.user = UserFactory()
        cls.profile = ensure_main_profile(cls.user)
        # Three shows, added in this order; their newest episodes aired in another order.
        cls.shows = []
        for title, aired in (("Cedar", 2020), ("alder", 2024), ("Birch", 2022)):
            show = factories.publish(factories.ShowPageFactory(title=title))
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            factories.publish(
                factories.EpisodePageFactory(
                    parent=season, number=1, air_date=datetime.date(aired, 6, 1)
                )
            )
            watchlist_add(profile=cls.profile, page=show)
            cls.shows.append(show)

    def titles(self, **params):
        response = self.client.get("/api/v1/watchlist", params)
        self.assertEqual(response.status_code, 200)
        return [item["title"] for item in response.json()["items"]]

    def test_sorts(self):
        self.sign_in(self.user)
        self.assertEqual(self.titles(), ["Birch", "alder", "Cedar"])
        self.assertEqual(self.titles(sort="title"), ["alder", "Birch", "Cedar"])
        self.assertEqual(self.titles(sort="latest"), ["alder", "Birch", "Cedar"])

    def test_latest_release_of_an_episode_is_its_air_date(self):
        watchlist_add(profile=self.profile, page=self.episode)  # aired 2024-01-05
        self.sign_in(self.user)
        self.assertEqual(self.titles(sort="latest"), ["alder", "Storm", "Birch", "Cedar"])
        item = self.client.get("/api/v1/watchlist").json()["items"][0]
        self.assertEqual(item["latest_release"], "2024-01-05")

    def test_pagination(self):
        self.sign_in(self.user)
        first = self.client.get("/api/v1/watchlist", {"per_page": 2}).json()
        self.assertEqual((first["count"], first["pages"], first["next_page"]), (3, 2, 2))
        self.assertEqual(len(first["items"]), 2)
        second = self.client.get("/api/v1/watchlist", {"per_page": 2, "page": 2}).json()
        self.assertEqual([i["title"] for i in second["items"]], ["Cedar"])
        self.assertIsNone(second["next_page"])

    def test_bad_parameters_are_422(self):
        self.sign_in(self.user)
        for params in ({"sort": "rating"}, {"page": "x"}, {"per_page": "0"}):
            with self.subTest(params=params):
                response = self.client.get("/api/v1/watchlist", params)
                self.assertEqual(response.status_code, 422)
                self.assertIsInstance(response.json()["detail"], str)

    def test_unpublished_pages_are_left_out(self):
        self.shows[0].unpublish()
        self.sign_in(self.user)
        self.assertEqual(self.titles(), ["Birch", "alder"])

    def test_another_account_sees_only_its_own(self):
        self.sign_in()
        self.assertEqual(self.client.get("/api/v1/watchlist").json()["count"], 0)

    def test_query_count_does_not_grow_with_the_list(self):
        self.sign_in(self.user)
        watchlist_add(profile=self.profile, page=self.episode)
        self.client.get("/api/v1/watchlist")  # warm the visibility cache
        with CaptureQueriesContext(connection) as few:
            self.client.get("/api/v1/watchlist")
        for number in range(2, 7):
            show = factories.publish(factories.ShowPageFactory())
            watchlist_add(profile=self.profile, page=show)
            episode = factories.EpisodePageFactory(parent=self.season, number=number)
            watchlist_add(profile=self.profile, page=factories.publish(episode))
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get("/api/v1/watchlist")
        self.assertEqual(response.json()["count"], 14)

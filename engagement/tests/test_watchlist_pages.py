"""/account/list/ (sort, pagination, remove, empty state) and the shared public HTML."""

import datetime

from django.test import Client, TestCase

from catalog.tests import factories
from engagement.models import WatchlistItem
from engagement.profiles import ensure_main_profile
from engagement.services.watchlist import watchlist_add
from mediasite.tests.factories import UserFactory


class AccountListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory()
        cls.profile = ensure_main_profile(cls.user)
        cls.shows = {}
        for title, aired in (("Cedar", 2020), ("alder", 2024), ("Birch", 2022)):
            show = factories.publish(factories.ShowPageFactory(title=title))
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            factories.publish(
                factories.EpisodePageFactory(
                    parent=season, number=1, air_date=datetime.date(aired, 6, 1)
                )
            )
            watchlist_add(profile=cls.profile, page=show)
            cls.shows[title] = show

    def titles(self, response):
        return [entry.card.title for entry in response.context["entries"]]  # the rendered order

    def test_anonymous_goes_to_sign_in(self):
        response = self.client.get("/account/list/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_lists_sorted_and_private(self):
        self.client.force_login(self.user)
        response = self.client.get("/account/list/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(self.titles(response), ["Birch", "alder", "Cedar"])
        self.assertContains(response, 'href="/account/list/"')  # the menu entry
        self.assertContains(response, ">My List</a>")
        by_title = self.client.get("/account/list/", {"sort": "title"})
        self.assertEqual(self.titles(by_title), ["alder", "Birch", "Cedar"])
        latest = self.client.get("/account/list/", {"sort": "latest"})
        self.assertEqual(self.titles(latest), ["alder", "Birch", "Cedar"])
        unknown = self.client.get("/account/list/", {"sort": "<script>"})
        self.assertEqual(self.titles(unknown), ["Birch", "alder", "Cedar"])
        self.assertNotContains(unknown, "<script>")

    def test_paginated(self):
        for _ in range(30):
            watchlist_add(profile=self.profile, page=factories.publish(factories.ShowPageFactory()))
        self.client.force_login(self.user)
        first = self.client.get("/account/list/")
        self.assertEqual(len(first.context["entries"]), 24)
        self.assertContains(first, 'href="?sort=added&amp;page=2"')
        second = self.client.get("/account/list/", {"page": 2})
        self.assertEqual(len(second.context["entries"]), 9)
        self.assertEqual(second.context["entries"][-1].card.title, "Cedar")

    def test_remove_needs_post_and_csrf(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        show = self.shows["Birch"]
        self.assertEqual(client.get("/account/list/remove/").status_code, 405)
        self.assertEqual(
            client.post("/account/list/remove/", {"page_id": show.pk}).status_code, 403
        )
        page = client.get("/account/list/")
        token = page.context["csrf_token"]
        response = client.post(
            "/account/list/remove/",
            {"page_id": show.pk, "sort": "title", "csrfmiddlewaretoken": str(token)},
        )
        self.assertRedirects(response, "/account/list/?sort=title", fetch_redirect_response=False)
        self.assertFalse(WatchlistItem.objects.filter(profile=self.profile, page=show).exists())

    def test_remove_touches_only_ones_own_list(self):
        self.client.force_login(UserFactory())
        self.client.post("/account/list/remove/", {"page_id": self.shows["Birch"].pk})
        self.assertEqual(WatchlistItem.objects.filter(profile=self.profile).count(), 3)
        for bad in ("x", "-1", str(2**40)):
            response = self.client.post("/account/list/remove/", {"page_id": bad})
            self.assertEqual(response.status_code, 302)

    def test_empty_state(self):
        self.client.force_login(UserFactory())
        response = self.client.get("/account/list/")
        self.assertContains(response, "Your list is empty")
        self.assertContains(response, "data-watchlist-empty")


class SharedPublicHtmlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour"))
        season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))

    def test_show_and_episode_pages_are_byte_identical_for_anonymous_and_signed_in(self):
        user = UserFactory()
        watchlist_add(profile=ensure_main_profile(user), page=self.show)
        signed_in = Client()
        signed_in.force_login(user)
        for page in (self.show, self.episode):
            with self.subTest(page=page.title):
                anonymous = Client().get(page.url)
                viewer = signed_in.get(page.url)
                self.assertEqual(anonymous.status_code, 200)
                self.assertEqual(anonymous.content, viewer.content)
                self.assertNotIn("Cookie", viewer.get("Vary", ""))
                self.assertFalse(viewer.cookies)

    def test_pages_carry_page_ids_and_hidden_list_buttons(self):
        response = Client().get(self.show.url)
        html = response.content.decode()
        self.assertIn(
            f'data-watchlist-toggle data-watchlist-main data-page-id="{self.show.pk}" '
            'aria-pressed="false" hidden',
            html,
        )
        # The episode row carries its id and its own (compact) button.
        self.assertIn(f'data-page-id="{self.episode.pk}"', html)
        self.assertIn(
            f'data-watchlist-toggle data-page-id="{self.episode.pk}" aria-pressed="false" hidden',
            html,
        )
        self.assertIn("js/engagement/state.js", html)
        episode = Client().get(self.episode.url).content.decode()
        self.assertIn(f'data-watchlist-main data-page-id="{self.episode.pk}"', episode)

    def test_cards_carry_page_ids(self):
        from django.template.loader import render_to_string

        from catalog.selectors import show_card

        html = render_to_string("components/card.html", {"card": show_card(self.show)})
        self.assertIn(
            f'<article class="card card--show card--portrait" data-page-id="{self.show.pk}"', html
        )
        self.assertIn("My List: Harbour", html)

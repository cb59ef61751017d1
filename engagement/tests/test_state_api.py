"""GET /api/v1/me/state: per page My List, rating, progress, watched and maturity lock."""

from django.test import TestCase
from django.utils import timezone

import pytest

from catalog.tests import factories
from engagement.models import Profile, Rating, ViewingProgress
from engagement.profiles import SESSION_KEY, ensure_main_profile
from engagement.services.watchlist import watchlist_add
from mediasite.tests.factories import UserFactory
from subscriptions.maturity import MaturityRating


def make_show(title, rating=MaturityRating.TV_14, episodes=1):
    show = factories.publish(factories.ShowPageFactory(title=title, maturity_rating=rating))
    season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
    eps = [
        factories.publish(factories.EpisodePageFactory(parent=season, number=n + 1))
        for n in range(episodes)
    ]
    return show, season, eps


def use_profile(client, profile):
    session = client.session
    session[SESSION_KEY] = profile.pk
    session.save()


class StateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.season, (cls.episode,) = make_show("Harbour", MaturityRating.TV_MA)
        cls.kids_show, _, (cls.kids_episode,) = make_show("Puppets", MaturityRating.TV_Y)
        cls.article = factories.publish(factories.ArticlePageFactory())
        cls.draft = factories.ShowPageFactory(title="Draft", live=False)
        cls.user = UserFactory()
        cls.profile = ensure_main_profile(cls.user)
        cls.kids = Profile.objects.create(
            user=cls.user, name="Kids", is_kids=True, maturity_ceiling=MaturityRating.TV_PG
        )

    def state(self, *ids, raw=None):
        pages = raw if raw is not None else ",".join(str(i) for i in ids)
        return self.client.get("/api/v1/me/state", {"pages": pages})

    def test_anonymous_is_401(self):
        response = self.state(self.show.pk)
        self.assertEqual(response.status_code, 401)
        self.assertIsInstance(response.json()["detail"], str)

    def test_empty_state(self):
        self.client.force_login(self.user)
        body = self.state(self.show.pk).json()
        self.assertEqual(body["profile_id"], self.profile.pk)
        self.assertEqual(
            body["pages"][str(self.show.pk)],
            {
                "in_watchlist": False,
                "my_rating": None,
                "progress": None,
                "watched": False,
                "blocked": False,
            },
        )

    def test_reads_watchlist_rating_and_progress(self):
        watchlist_add(profile=self.profile, page=self.show)
        Rating.objects.create(profile=self.profile, page=self.show, score=4)
        ViewingProgress.objects.create(
            profile=self.profile,
            episode=self.episode,
            position=754.5,
            duration=2880,
            watched=True,
            last_watched_at=timezone.now(),
        )
        self.client.force_login(self.user)
        pages = self.state(self.show.pk, self.episode.pk).json()["pages"]
        self.assertTrue(pages[str(self.show.pk)]["in_watchlist"])
        self.assertEqual(pages[str(self.show.pk)]["my_rating"], 4)
        self.assertEqual(
            pages[str(self.episode.pk)]["progress"], {"position": 754.5, "duration": 2880}
        )
        self.assertTrue(pages[str(self.episode.pk)]["watched"])
        self.assertFalse(pages[str(self.episode.pk)]["in_watchlist"])

    def test_state_is_the_active_profiles(self):
        watchlist_add(profile=self.profile, page=self.kids_show)
        self.client.force_login(self.user)
        use_profile(self.client, self.kids)
        body = self.state(self.kids_show.pk).json()
        self.assertEqual(body["profile_id"], self.kids.pk)
        self.assertFalse(body["pages"][str(self.kids_show.pk)]["in_watchlist"])

    def test_another_accounts_state_is_never_visible(self):
        watchlist_add(profile=self.profile, page=self.show)
        Rating.objects.create(profile=self.profile, page=self.show, score=5)
        other = UserFactory()
        self.client.force_login(other)
        # A foreign profile id in the session falls back to the account's own main profile.
        use_profile(self.client, self.profile)
        body = self.state(self.show.pk).json()
        self.assertNotEqual(body["profile_id"], self.profile.pk)
        self.assertFalse(body["pages"][str(self.show.pk)]["in_watchlist"])
        self.assertIsNone(body["pages"][str(self.show.pk)]["my_rating"])

    def test_kids_profile_sees_mature_show_season_and_episode_blocked(self):
        self.client.force_login(self.user)
        use_profile(self.client, self.kids)
        ids = [self.show.pk, self.season.pk, self.episode.pk, self.kids_show.pk]
        ids += [self.kids_episode.pk, self.article.pk]
        pages = self.state(*ids).json()["pages"]
        blocked = {int(pk) for pk, state in pages.items() if state["blocked"]}
        self.assertEqual(blocked, {self.show.pk, self.season.pk, self.episode.pk})
        self.assertEqual(len(pages), 6)

    def test_main_profile_sees_nothing_blocked(self):
        self.client.force_login(self.user)
        pages = self.state(self.show.pk, self.episode.pk).json()["pages"]
        self.assertFalse(any(state["blocked"] for state in pages.values()))

    def test_missing_and_invisible_ids_are_left_out(self):
        self.client.force_login(self.user)
        pages = self.state(raw=f"{self.show.pk},{self.draft.pk},999999,0,{2**31},{2**70}")
        self.assertEqual(pages.status_code, 200)
        self.assertEqual(list(pages.json()["pages"]), [str(self.show.pk)])

    def test_invalid_requests_are_422(self):
        self.client.force_login(self.user)
        cases = {
            "too many": ",".join(str(n) for n in range(1, 102)),
            "not a number": f"{self.show.pk},abc",
            "negative": "-4",
            "empty": "",
        }
        for name, raw in cases.items():
            with self.subTest(name):
                response = self.state(raw=raw)
                self.assertEqual(response.status_code, 422)
                self.assertIsInstance(response.json()["detail"], str)

    def test_exactly_100_ids_is_fine(self):
        self.client.force_login(self.user)
        raw = ",".join([str(self.show.pk), *(str(n) for n in range(10**6, 10**6 + 99))])
        response = self.state(raw=raw)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.json()["pages"]), [str(self.show.pk)])


@pytest.mark.django_db
def test_fifty_pages_cost_at_most_six_queries(client, django_assert_max_num_queries):
    """Session, user, profile, the visibility cache's two fills, and the one state query."""
    user = UserFactory()
    profile = ensure_main_profile(user)
    ids = []
    for n in range(5):
        show, season, episodes = make_show(f"Show {n}", episodes=8)
        ids += [show.pk, season.pk, *(episode.pk for episode in episodes)]
        watchlist_add(profile=profile, page=show)
        Rating.objects.create(profile=profile, page=episodes[0], score=3)
        ViewingProgress.objects.create(
            profile=profile, episode=episodes[1], position=10, last_watched_at=timezone.now()
        )
    assert len(ids) == 50
    client.force_login(user)
    from mediasite.tests.cache import clear_test_cache

    clear_test_cache()  # the cold case: visibility's locale and restrictions not cached yet
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/me/state", {"pages": ",".join(map(str, ids))})
    assert response.status_code == 200
    pages = response.json()["pages"]
    assert len(pages) == 50
    assert sum(state["in_watchlist"] for state in pages.values()) == 5
    assert sum(state["my_rating"] == 3 for state in pages.values()) == 5
    assert sum(state["progress"] is not None for state in pages.values()) == 5

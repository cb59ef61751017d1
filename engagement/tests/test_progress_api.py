"""Progress reports, watched marks, Continue watching and Next up (issue 10 §5)."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

import pytest

from catalog.models import VideoAsset
from catalog.tests import factories
from engagement.models import Profile, ViewingProgress
from engagement.profiles import ensure_main_profile
from engagement.services import progress as services
from mediasite.tests.factories import UserFactory
from mediasite.tests.threads import ThreadsTestCase


def video(title="Clip", duration=100.0, credits_start=None, playable=True):
    return VideoAsset.objects.create(
        title=title,
        hls_prefix=f"hls/{title}/" if playable else "",
        status="ready" if playable else "pending",
        duration=duration,
        credits_start=credits_start,
    )


def episode(season, number, **fields):
    fields.setdefault("video", video(f"{season.pk}-{number}"))
    return factories.publish(factories.EpisodePageFactory(parent=season, number=number, **fields))


class ProgressCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Lighthouse"))
        cls.s1 = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.s2 = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=2))
        cls.e1 = episode(cls.s1, 1)
        cls.e2 = episode(cls.s1, 2, video=video("credits", duration=100.0, credits_start=80.0))
        cls.e3 = episode(cls.s1, 3)
        cls.s2e1 = episode(cls.s2, 1)
        cls.s2e2 = episode(cls.s2, 2)
        cls.user = UserFactory()
        cls.profile = ensure_main_profile(cls.user)

    def setUp(self):
        self.client.force_login(self.user)

    def put(self, episode_id, client=None, **body):
        return (client or self.client).put(
            f"/api/v1/progress/{episode_id}", body, content_type="application/json"
        )

    def row(self, episode, profile=None):
        return ViewingProgress.objects.filter(
            profile=profile or self.profile, episode_id=episode.pk
        ).first()

    def watch(self, *episodes):
        for item in episodes:
            self.assertEqual(
                self.put(item.pk, position=100, duration=100, event="ended").status_code, 200
            )


class ProgressWriteTests(ProgressCase):
    def test_saves_the_position_and_answers_it(self):
        response = self.put(self.e1.pk, position=42.5, duration=100)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"episode_id": self.e1.pk, "saved": True, "position": 42.5, "watched": False},
        )
        row = self.row(self.e1)
        self.assertEqual((row.position, row.duration, row.watched), (42.5, 100.0, False))

    def test_anonymous_is_401(self):
        self.client.logout()
        response = self.put(self.e1.pk, position=1, duration=100)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Sign in first.")
        self.assertFalse(ViewingProgress.objects.exists())

    def test_writes_need_the_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        response = self.put(self.e1.pk, client=client, position=1, duration=100)
        self.assertEqual(response.status_code, 403)
        token = client.get("/api/v1/me").json()["csrf_token"]
        response = client.put(
            f"/api/v1/progress/{self.e1.pk}",
            {"position": 1, "duration": 100},
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        self.assertEqual(response.status_code, 200)

    def test_bad_positions_are_422_with_a_message(self):
        for body in (
            {"position": -1, "duration": 100},
            {"position": 101.5, "duration": 100},
            {"position": 1, "duration": 0},
            {"position": 1, "duration": 100, "event": "dance"},
        ):
            with self.subTest(body=body):
                response = self.put(self.e1.pk, **body)
                self.assertEqual(response.status_code, 422)
                self.assertIsInstance(response.json()["detail"], str)
        self.assertFalse(ViewingProgress.objects.exists())
        # A second of slack past the end is rounding, not an error.
        self.assertEqual(self.put(self.e1.pk, position=100.9, duration=100).status_code, 200)

    def test_missing_invisible_and_huge_ids_are_404(self):
        draft = factories.EpisodePageFactory(parent=self.s1, number=9, live=False)
        for page_id in (0, -3, 2**31, 2**40, 999_999, draft.pk, self.s1.pk, self.show.pk):
            with self.subTest(page_id=page_id):
                response = self.put(page_id, position=1, duration=100)
                self.assertEqual(response.status_code, 404)
                self.assertTrue(response.json()["detail"])
        self.assertFalse(ViewingProgress.objects.exists())

    def test_timer_reports_are_throttled_but_events_always_write(self):
        self.assertTrue(self.put(self.e1.pk, position=10, duration=100).json()["saved"])
        throttled = self.put(self.e1.pk, position=25, duration=100)
        self.assertEqual(throttled.status_code, 200)
        self.assertFalse(throttled.json()["saved"])
        self.assertEqual(self.row(self.e1).position, 10)
        for event, position in (("pause", 26), ("seek", 50), ("ended", 30), ("pagehide", 31)):
            self.assertTrue(
                self.put(self.e1.pk, position=position, duration=100, event=event).json()["saved"]
            )
            self.assertEqual(self.row(self.e1).position, position)
        # Another episode has its own throttle.
        self.assertTrue(self.put(self.e3.pk, position=5, duration=100).json()["saved"])
        # Once the window passes (the key expires), a timer report writes again.
        cache.delete(services._throttle_key(self.profile.pk, self.e1.pk))
        self.assertTrue(self.put(self.e1.pk, position=60, duration=100).json()["saved"])
        self.assertEqual(self.row(self.e1).position, 60)

    def test_watched_at_90_percent_without_credits_marker(self):
        self.put(self.e1.pk, position=89.5, duration=100, event="pause")
        self.assertFalse(self.row(self.e1).watched)
        response = self.put(self.e1.pk, position=90, duration=100, event="pause").json()
        self.assertTrue(response["watched"])
        row = self.row(self.e1)
        # Watched: it starts over from 0 next time.
        self.assertEqual((row.watched, row.position), (True, 0))

    def test_watched_at_the_credits_marker(self):
        self.put(self.e2.pk, position=79, duration=100, event="pause")
        self.assertFalse(self.row(self.e2).watched)
        self.put(self.e2.pk, position=80, duration=100, event="pause")
        self.assertTrue(self.row(self.e2).watched)

    def test_watched_stays_watched_when_rewatched_and_a_write_undismisses(self):
        self.watch(self.e1)
        self.put(self.e1.pk, position=20, duration=100, event="pause")
        row = self.row(self.e1)
        self.assertEqual((row.watched, row.position), (True, 20))
        ViewingProgress.objects.filter(pk=row.pk).update(dismissed=True)
        self.put(self.e1.pk, position=21, duration=100, event="seek")
        self.assertFalse(self.row(self.e1).dismissed)

    def test_profiles_of_one_account_and_other_accounts_keep_their_own(self):
        kid = Profile.objects.create(user=self.user, name="Kid")
        self.put(self.e1.pk, position=30, duration=100)
        session = self.client.session
        session["engagement.profile_id"] = kid.pk
        session.save()
        self.put(self.e1.pk, position=70, duration=100)
        self.assertEqual(self.row(self.e1).position, 30)
        self.assertEqual(self.row(self.e1, kid).position, 70)
        # A profile id of another account in the session falls back to that account's own.
        other = UserFactory()
        self.client.force_login(other)
        session = self.client.session
        session["engagement.profile_id"] = self.profile.pk
        session.save()
        self.put(self.e1.pk, position=5, duration=100, event="pause")
        self.assertEqual(self.row(self.e1).position, 30)
        self.assertEqual(self.row(self.e1, ensure_main_profile(other)).position, 5)

    def test_resume_point_read(self):
        self.put(self.e1.pk, position=75.4, duration=100)
        body = self.client.get(f"/api/v1/progress/{self.e1.pk}").json()
        self.assertEqual(body["position"], 75.4)
        self.assertEqual(self.client.get(f"/api/v1/progress/{self.e3.pk}").json()["position"], 0)
        self.assertEqual(self.client.get(f"/api/v1/progress/{2**31}").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(f"/api/v1/progress/{self.e1.pk}").status_code, 401)

    def test_progress_for_pages_is_one_query_for_me_state(self):
        from engagement.selectors.progress import progress_for_pages

        self.put(self.e1.pk, position=30, duration=100)
        self.watch(self.e2)
        with self.assertNumQueries(1):
            state = progress_for_pages(self.profile, [self.e1.pk, self.e2.pk, self.e3.pk])
        self.assertEqual(
            state,
            {
                self.e1.pk: {"progress": 30.0, "watched": False},
                self.e2.pk: {"progress": 0.0, "watched": True},
            },
        )


class WatchedMarkTests(ProgressCase):
    def mark(self, page, watched=True):
        return self.client.put(
            f"/api/v1/watched/{page.pk}", {"watched": watched}, content_type="application/json"
        )

    def test_mark_an_episode_watched_and_unwatched(self):
        self.put(self.e1.pk, position=30, duration=100)
        response = self.mark(self.e1)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["episodes"], 1)
        self.assertEqual((self.row(self.e1).watched, self.row(self.e1).position), (True, 0))
        self.mark(self.e1, False)
        self.assertEqual((self.row(self.e1).watched, self.row(self.e1).position), (False, 0))

    def test_mark_a_whole_season(self):
        self.put(self.e3.pk, position=30, duration=100)
        response = self.mark(self.s1)
        self.assertEqual(response.json()["episodes"], 3)
        watched = set(
            ViewingProgress.objects.filter(profile=self.profile, watched=True).values_list(
                "episode_id", flat=True
            )
        )
        self.assertEqual(watched, {self.e1.pk, self.e2.pk, self.e3.pk})
        self.mark(self.s1, False)
        self.assertFalse(ViewingProgress.objects.filter(watched=True).exists())

    def test_marks_refuse_shows_missing_pages_and_anonymous(self):
        self.assertEqual(self.mark(self.show).status_code, 404)
        self.assertEqual(
            self.client.put(
                "/api/v1/watched/99999999999", {"watched": True}, content_type="application/json"
            ).status_code,
            404,
        )
        response = self.client.put(
            f"/api/v1/watched/{self.e1.pk}", {"watched": "maybe"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 422)
        self.client.logout()
        self.assertEqual(self.mark(self.e1).status_code, 401)
        self.assertFalse(ViewingProgress.objects.exists())


class ContinueWatchingTests(ProgressCase):
    def rails(self):
        response = self.client.get("/api/v1/continue-watching")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_in_progress_newest_first_with_resume_point(self):
        self.put(self.e1.pk, position=25, duration=100)
        self.put(self.s2e1.pk, position=50, duration=200)
        cards = self.rails()["continue_watching"]
        self.assertEqual([c["episode_id"] for c in cards], [self.s2e1.pk, self.e1.pk])
        first = cards[0]
        self.assertEqual(first["position"], 50)
        self.assertEqual(first["duration"], 200)
        self.assertEqual(first["progress"], 0.25)
        self.assertEqual(first["show_title"], "Lighthouse")
        self.assertEqual((first["season_number"], first["episode_number"]), (2, 1))
        self.assertEqual(first["url"], self.s2e1.url)

    def test_watched_and_invisible_episodes_are_left_out(self):
        self.put(self.e1.pk, position=25, duration=100)
        self.watch(self.e3)
        self.put(self.s2e2.pk, position=25, duration=100)
        self.s2e2.unpublish()
        ids = [c["episode_id"] for c in self.rails()["continue_watching"]]
        self.assertEqual(ids, [self.e1.pk])

    def test_next_up_crosses_seasons(self):
        self.watch(self.e1, self.e2, self.e3)
        body = self.rails()
        self.assertEqual(body["continue_watching"], [])
        self.assertEqual([c["episode_id"] for c in body["next_up"]], [self.s2e1.pk])

    def test_next_up_follows_the_last_watched_and_skips_watched_ones(self):
        self.watch(self.s2e1, self.e1)  # e1 is the latest: next is e2
        self.assertEqual([c["episode_id"] for c in self.rails()["next_up"]], [self.e2.pk])
        self.watch(self.e2, self.e3)  # after e3, s2e1 is watched already: s2e2
        self.assertEqual([c["episode_id"] for c in self.rails()["next_up"]], [self.s2e2.pk])
        self.watch(self.s2e2)  # the show is finished
        self.assertEqual(self.rails()["next_up"], [])

    def test_next_up_offers_only_available_playable_episodes(self):
        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
        season3 = factories.publish(factories.SeasonPageFactory(parent=self.show, number=3))
        episode(season3, 1, available_from=later)
        episode(season3, 2, video=video("not-ready", playable=False))
        third = episode(season3, 3)
        self.watch(self.s2e2)
        self.assertEqual([c["episode_id"] for c in self.rails()["next_up"]], [third.pk])

    def test_a_show_in_progress_is_on_continue_watching_not_next_up(self):
        self.watch(self.e1)
        self.put(self.e2.pk, position=20, duration=100)
        body = self.rails()
        self.assertEqual([c["episode_id"] for c in body["continue_watching"]], [self.e2.pk])
        self.assertEqual(body["next_up"], [])

    def test_dismiss_and_bring_back(self):
        self.put(self.e1.pk, position=25, duration=100)
        response = self.client.delete(f"/api/v1/continue-watching/{self.e1.pk}")
        self.assertEqual(response.status_code, 204)
        self.assertEqual(self.rails()["continue_watching"], [])
        self.assertEqual(self.row(self.e1).position, 25)  # not forgotten
        self.put(self.e1.pk, position=30, duration=100, event="pause")
        self.assertEqual([c["episode_id"] for c in self.rails()["continue_watching"]], [self.e1.pk])

    def test_dismiss_a_next_up_card(self):
        self.watch(self.e1)
        self.client.delete(f"/api/v1/continue-watching/{self.e2.pk}")
        self.assertEqual(self.rails()["next_up"], [])
        # The dismissed one is not history: it was never watched.
        cards = self.client.get("/account/history/").context["cards"]
        self.assertEqual([card.episode_id for _row, card in cards], [self.e1.pk])

    def test_dismiss_refusals(self):
        self.assertEqual(self.client.delete("/api/v1/continue-watching/0").status_code, 404)
        self.assertEqual(self.client.delete(f"/api/v1/continue-watching/{2**31}").status_code, 404)
        self.client.logout()
        self.assertEqual(
            self.client.delete(f"/api/v1/continue-watching/{self.e1.pk}").status_code, 401
        )
        self.assertEqual(self.client.get("/api/v1/continue-watching").status_code, 401)

    def test_another_accounts_rails_are_its_own(self):
        self.put(self.e1.pk, position=25, duration=100)
        self.client.force_login(UserFactory())
        self.assertEqual(self.rails(), {"continue_watching": [], "next_up": []})

    def test_query_count_does_not_grow_with_history(self):
        def other_show(title):
            show = factories.publish(factories.ShowPageFactory(title=title))
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            self.watch(episode(season, 1))
            episode(season, 2)

        self.put(self.e1.pk, position=25, duration=100)
        other_show("Other")
        with CaptureQueriesContext(connection) as few:
            body = self.rails()
        self.assertEqual((len(body["continue_watching"]), len(body["next_up"])), (1, 1))
        season3 = factories.publish(factories.SeasonPageFactory(parent=self.show, number=3))
        for number in range(1, 6):
            self.put(episode(season3, number).pk, position=10, duration=100)
        other_show("Another")
        other_show("Yet another")
        with CaptureQueriesContext(connection) as many:
            body = self.rails()
        self.assertEqual((len(body["continue_watching"]), len(body["next_up"])), (6, 3))
        self.assertEqual(len(many), len(few))


@pytest.mark.django_db
def test_a_progress_write_costs_at_most_three_queries(client, django_assert_max_num_queries):
    """Past the session and the user (every signed-in request's), a write is the active
    profile, the episode and one upsert."""
    show = factories.publish(factories.ShowPageFactory())
    season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
    item = episode(season, 1)
    user = UserFactory()
    ensure_main_profile(user)
    client.force_login(user)
    url = f"/api/v1/progress/{item.pk}"
    client.put(url, {"position": 1, "duration": 100}, content_type="application/json")

    def own_queries(queries):
        auth = ('"django_session"', 'FROM "subscriptions_user"')
        return [q for q in queries if not any(table in q["sql"] for table in auth)]

    for position, event in ((2, "pause"), (95, "ended"), (3, "seek")):
        with CaptureQueriesContext(connection) as captured:
            response = client.put(
                url,
                {"position": position, "duration": 100, "event": event},
                content_type="application/json",
            )
        assert response.status_code == 200 and response.json()["saved"]
        assert len(own_queries(captured.captured_queries)) <= 3, captured.captured_queries

    # The service itself, given the profile: the episode and the upsert.
    profile = ensure_main_profile(user)
    with django_assert_max_num_queries(3):
        services.record_progress(profile, item.pk, position=4, duration=100, event="pause")
    # A throttled timer report costs no query at all.
    with django_assert_max_num_queries(0):
        result = services.record_progress(profile, item.pk, position=5, duration=100)
    assert not result.saved
    row = ViewingProgress.objects.get(profile=profile)
    assert (row.position, row.watched) == (4, True)


def test_the_upsert_names_the_models_table():
    assert ViewingProgress._meta.db_table in services._UPSERT


class RacingReportTests(ThreadsTestCase):
    def test_racing_first_reports_make_one_row_without_errors(self):
        """Many first reports at once (PostgreSQL, real threads): one row, no IntegrityError."""
        from concurrent.futures import ThreadPoolExecutor

        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        item = episode(season, 1)
        profile = ensure_main_profile(UserFactory())

        def report(position):
            try:
                return services.record_progress(
                    profile, item.pk, position=position, duration=100, event="seek"
                ).saved
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(report, [float(n) for n in range(1, 25)]))
        self.assertTrue(all(results))
        row = ViewingProgress.objects.get(profile=profile, episode_id=item.pk)
        self.assertTrue(1 <= row.position <= 24)

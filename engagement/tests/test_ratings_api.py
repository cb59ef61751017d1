"""PUT/DELETE /api/v1/ratings/{page_id}: the summary, the gate, bad input, the page HTML,
its query count, the debounced purge and account deletion."""

from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from catalog.tests import factories
from catalog.tests.test_purging import PurgeRecorder, PurgeTestCase
from engagement.models import Profile, Rating, RatingSummary
from engagement.services.ratings import PURGE_KEY, rate, schedule_purge, unrate
from engagement.tests.rating_fixtures import ApiMixin, make_catalog, make_viewer
from mediasite.tests.cache import clear_test_cache


class RatingApiTests(ApiMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.season, cls.episode = make_catalog()
        cls.user, cls.profile = make_viewer(email="rater@example.com")

    def setUp(self):
        clear_test_cache()
        self.client.force_login(self.user)

    def test_rating_a_show_answers_with_the_summary(self):
        response = self.rate(self.show.pk, 4)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"page_id": self.show.pk, "average": 4.0, "rating_count": 1, "review_count": 0,
             "my_rating": 4},
        )  # fmt: skip
        self.assertEqual(Rating.objects.get(profile=self.profile, page=self.show).score, 4)

    def test_changing_a_score_adjusts_the_sum_by_the_difference(self):
        other, other_profile = make_viewer()
        rate(other_profile, self.episode, 5)
        self.rate(self.episode.pk, 1)
        body = self.rate(self.episode.pk, 3).json()
        self.assertEqual((body["rating_count"], body["average"]), (2, 4.0))
        summary = RatingSummary.objects.get(page=self.episode)
        self.assertEqual((summary.rating_count, summary.rating_sum), (2, 8))

    def test_removing_a_rating(self):
        self.rate(self.show.pk, 2)
        response = self.send("delete", f"/api/v1/ratings/{self.show.pk}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["rating_count"], 0)
        self.assertIsNone(response.json()["average"])
        self.assertIsNone(response.json()["my_rating"])
        self.assertFalse(Rating.objects.filter(profile=self.profile).exists())
        # Removing what is not there changes nothing and is not an error.
        self.assertEqual(self.send("delete", f"/api/v1/ratings/{self.show.pk}").status_code, 200)
        self.assertEqual(RatingSummary.objects.get(page=self.show).rating_count, 0)

    def test_ratings_belong_to_the_active_profile(self):
        kid = Profile.objects.create(user=self.user, name="Kid", is_kids=True)
        session = self.client.session
        session["engagement.profile_id"] = kid.pk
        session.save()
        self.rate(self.show.pk, 5)
        self.assertEqual(Rating.objects.get(page=self.show).profile, kid)
        self.assertEqual(self.client.get(f"/api/v1/ratings/{self.show.pk}").json()["my_rating"], 5)

    def test_anonymous_is_401(self):
        self.client.logout()
        for response in (
            self.rate(self.show.pk, 4),
            self.send("delete", f"/api/v1/ratings/{self.show.pk}"),
        ):
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["detail"], "Sign in first.")
        self.assertFalse(Rating.objects.exists())

    def test_scores_outside_one_to_five_are_422(self):
        for score in (0, 6, -1, 2.5, "4", None, True, [3]):
            response = self.rate(self.show.pk, score)
            self.assertEqual(response.status_code, 422, score)
            self.assertIn("from 1 to 5", response.json()["detail"])
        self.assertEqual(self.send("put", f"/api/v1/ratings/{self.show.pk}", {}).status_code, 422)
        self.assertFalse(Rating.objects.exists())

    def test_pages_that_cannot_be_rated_are_404(self):
        draft = factories.EpisodePageFactory(parent=self.season, number=2, live=False)
        article = factories.publish(factories.ArticlePageFactory())
        for page_id in (draft.pk, article.pk, self.season.pk, 2**31, 2**40, 987654):
            response = self.rate(page_id, 3)
            self.assertEqual(response.status_code, 404, page_id)
            self.assertTrue(response.json()["detail"])
            self.assertEqual(
                self.send("delete", f"/api/v1/ratings/{page_id}").status_code, 404, page_id
            )
        self.assertEqual(self.rate(0, 3).status_code, 404)
        self.assertFalse(Rating.objects.exists())

    def test_writes_need_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        response = self.rate(self.show.pk, 4, client=client)
        self.assertEqual(response.status_code, 403)
        self.assertIn("token", response.json()["detail"])
        client.get("/api/v1/me")
        token = client.cookies["csrftoken"].value
        response = client.put(
            f"/api/v1/ratings/{self.show.pk}", data='{"score": 4}',
            content_type="application/json", headers={"X-CSRFToken": token},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)

    def test_the_endpoints_are_in_the_openapi_schema(self):
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertEqual(set(paths["/api/v1/ratings/{page_id}"]), {"put", "delete", "get"})
        self.assertEqual(set(paths["/api/v1/reviews"]), {"get", "post"})
        self.assertEqual(set(paths["/api/v1/reviews/{review_id}"]), {"patch", "delete"})
        self.assertEqual(set(paths["/api/v1/reviews/{review_id}/helpful"]), {"post", "delete"})

    def test_anyone_reads_the_live_summary(self):
        self.rate(self.show.pk, 3)
        self.client.logout()
        response = self.client.get(f"/api/v1/ratings/{self.show.pk}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.json()["rating_count"], response.json()["my_rating"]), (1, None))
        self.assertEqual(self.client.get("/api/v1/ratings/2147483648").status_code, 404)


class RatingSummaryOnPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.season, cls.episode = make_catalog()

    def test_the_show_and_episode_pages_show_the_summary(self):
        for index, score in enumerate([5, 4, 4]):
            rate(make_viewer(email=f"v{index}@example.com")[1], self.show, score)
        rate(make_viewer(email="e@example.com")[1], self.episode, 2)
        html = self.client.get(self.show.url).content.decode()
        self.assertIn("data-rating-average>4.3</span>", html)
        self.assertIn("(3 ratings)", html)
        self.assertIn("data-rating-widget hidden", html)
        html = self.client.get(self.episode.url).content.decode()
        self.assertIn("data-rating-average>2.0</span>", html)
        self.assertIn("(1 rating)", html)

    def test_an_unrated_page_says_so(self):
        self.assertContains(self.client.get(self.show.url), "No ratings yet")

    def test_the_page_is_the_same_for_everyone(self):
        user, profile = make_viewer()
        rate(profile, self.show, 3)
        anonymous = self.client.get(self.show.url).content
        self.client.force_login(user)
        self.assertEqual(self.client.get(self.show.url).content, anonymous)

    def test_show_and_episode_page_queries_do_not_grow_with_ratings_and_reviews(self):
        from engagement.models import Review

        def counts():
            result = {}
            for url in (self.show.url, self.episode.url):
                self.client.get(url)
                with CaptureQueriesContext(connection) as captured:
                    self.assertEqual(self.client.get(url).status_code, 200)
                result[url] = len(captured)
            return result

        before = counts()
        for index in range(30):
            user, profile = make_viewer(email=f"many{index}@example.com")
            rate(profile, self.show, 1 + index % 5)
            rate(profile, self.episode, 1 + index % 5)
            Review.objects.create(user=user, profile=profile, page=self.show, score=3, body="Good")
        RatingSummary.objects.filter(page=self.show).update(review_count=30)
        after = counts()
        self.assertEqual(before, after)
        self.assertContains(self.client.get(self.show.url), "30 reviews")


@override_settings(RATING_PURGE_DELAY=30)
class DebouncedPurgeTests(PurgeTestCase):
    """Celery runs eagerly in tests (the countdown is not waited for): the purge is sent
    at once, and the pending mark keeps every later vote within the delay from sending
    another."""

    @classmethod
    def setUpTestData(cls):
        cls.show, cls.season, cls.episode = make_catalog()

    def setUp(self):
        clear_test_cache()
        PurgeRecorder.received.clear()

    def vote(self, profile, page, score):
        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            if score is None:
                unrate(profile, page)
            else:
                rate(profile, page, score)

    def test_two_votes_purge_the_page_once(self):
        first, second = make_viewer()[1], make_viewer()[1]
        self.vote(first, self.episode, 4)
        self.vote(second, self.episode, 2)
        self.vote(first, self.episode, None)
        purged = PurgeRecorder.received
        episode_path = f"localhost{self.episode.url}"
        self.assertEqual(purged.count(episode_path), 1, purged)
        # The listings are purged with it (catalog.purging.changed_urls).
        self.assertIn(f"localhost{self.show.url}", purged)

    def test_after_the_delay_the_next_vote_purges_again(self):
        profile = make_viewer()[1]
        self.vote(profile, self.show, 4)
        cache.delete(PURGE_KEY.format(self.show.pk))  # the mark expired
        self.vote(profile, self.show, 5)
        self.assertEqual(PurgeRecorder.received.count(f"localhost{self.show.url}"), 2)

    def test_each_page_has_its_own_pending_purge(self):
        profile = make_viewer()[1]
        self.vote(profile, self.show, 4)
        self.vote(profile, self.episode, 4)
        self.assertIn(f"localhost{self.show.url}", PurgeRecorder.received)
        self.assertIn(f"localhost{self.episode.url}", PurgeRecorder.received)

    def test_the_same_score_again_schedules_nothing(self):
        profile = make_viewer()[1]
        self.vote(profile, self.show, 4)
        cache.delete(PURGE_KEY.format(self.show.pk))
        PurgeRecorder.received.clear()
        self.vote(profile, self.show, 4)
        self.assertEqual(PurgeRecorder.received, [])

    def test_the_pending_mark_lives_as_long_as_the_delay(self):
        self.assertTrue(schedule_purge(self.show.pk))
        self.assertFalse(schedule_purge(self.show.pk))
        ttl = cache.ttl(PURGE_KEY.format(self.show.pk))
        self.assertTrue(0 < ttl <= 30, ttl)

    def test_nothing_is_scheduled_when_the_vote_rolls_back(self):
        profile = make_viewer()[1]
        from django.db import transaction

        with (
            override_settings(WAGTAILFRONTENDCACHE=self._backend()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            try:
                with transaction.atomic():
                    rate(profile, self.show, 4)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
        self.assertEqual(PurgeRecorder.received, [])
        self.assertIsNone(cache.get(PURGE_KEY.format(self.show.pk)))


class AccountDeletionTests(TestCase):
    def test_deleting_the_account_removes_its_ratings_and_updates_summaries(self):
        from subscriptions.account_services import account_delete

        show, season, episode = make_catalog()
        user, main = make_viewer()
        kid = Profile.objects.create(user=user, name="Kid", is_kids=True)
        rate(main, show, 5)
        rate(kid, show, 1)
        rate(kid, episode, 3)
        rate(make_viewer()[1], show, 4)
        account_delete(user)
        self.assertFalse(Rating.objects.filter(profile__user=user).exists())
        show_summary = RatingSummary.objects.get(page=show)
        self.assertEqual((show_summary.rating_count, show_summary.rating_sum), (1, 4))
        self.assertEqual(RatingSummary.objects.get(page=episode).rating_count, 0)

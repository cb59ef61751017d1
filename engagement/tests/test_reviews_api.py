"""/api/v1/reviews: listing, writing, editing, deleting, helpful marks, sanitising,
escaping, holds for new accounts, the rate limit and account deletion."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.tests import factories
from engagement.models import (
    Rating,
    RatingSummary,
    Review,
    ReviewHelpful,
    ReviewStatus,
)
from engagement.services.reviews import set_status
from engagement.tests.rating_fixtures import ApiMixin, make_catalog, make_viewer
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.clock import hold_rate_limit_clock

OLD = timezone.now() - timedelta(days=365)


def old_viewer(**kwargs):
    user, profile = make_viewer(**kwargs)
    type(user).objects.filter(pk=user.pk).update(date_joined=OLD)
    user.refresh_from_db()
    return user, profile


class ReviewTestCase(ApiMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.season, cls.episode = make_catalog()
        cls.user, cls.profile = old_viewer(email="author@example.com", display_name="Ann")
        cls.other, cls.other_profile = old_viewer(email="other@example.com", display_name="Bo")

    def setUp(self):
        clear_test_cache()
        self.client.force_login(self.user)

    def post(self, body="A fine show.", score=4, spoiler=False, page_id=None, **extra):
        payload = {"page_id": page_id or self.show.pk, "score": score, "body": body,
                   "spoiler": spoiler, **extra}  # fmt: skip
        return self.send("post", "/api/v1/reviews", payload)

    def listing(self, query=""):
        return self.client.get(f"/api/v1/reviews?page={self.show.pk}{query}")

    def review_by(self, user, body="Good.", score=3, status=ReviewStatus.PUBLISHED, **kwargs):
        review = Review.objects.create(
            user=user, page=self.show, score=score, body=body, status=status, **kwargs
        )
        if status == ReviewStatus.PUBLISHED:
            RatingSummary.objects.get_or_create(page=self.show)
            from django.db.models import F

            RatingSummary.objects.filter(page=self.show).update(review_count=F("review_count") + 1)
        return review

    def summary(self):
        return RatingSummary.objects.filter(page=self.show).first() or RatingSummary()


class PostReviewTests(ReviewTestCase):
    def test_posting_a_review(self):
        response = self.post("Loved it.\nEvery episode.", score=5, spoiler=True)
        self.assertEqual(response.status_code, 201)
        body = response.json()
        self.assertEqual(body["author"], "Ann")
        self.assertEqual(body["body"], "Loved it.\nEvery episode.")
        self.assertEqual((body["score"], body["spoiler"], body["mine"]), (5, True, True))
        self.assertEqual(
            (body["status"], body["pending"], body["helpful_count"]), ("published", False, 0)
        )
        self.assertEqual(self.summary().review_count, 1)
        # The score is the active profile's rating of the show too.
        self.assertEqual(Rating.objects.get(profile=self.profile, page=self.show).score, 5)
        self.assertEqual((self.summary().rating_count, self.summary().rating_sum), (1, 5))

    def test_one_review_per_account_per_show(self):
        first = self.post().json()["id"]
        response = self.post("Again")
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json()["id"], first)
        self.assertIn("edit", response.json()["detail"])
        self.assertEqual(Review.objects.count(), 1)

    def test_anonymous_is_401(self):
        self.client.logout()
        response = self.post()
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Sign in first.")

    def test_only_visible_shows_take_reviews(self):
        draft = factories.ShowPageFactory(live=False)
        for page_id in (self.episode.pk, self.season.pk, draft.pk, 2**31, 10**12, 999999):
            response = self.post(page_id=page_id)
            self.assertEqual(response.status_code, 404, page_id)
            self.assertTrue(response.json()["detail"])
        self.assertEqual(self.post(page_id="nope").status_code, 422)
        self.assertFalse(Review.objects.exists())

    def test_bad_scores_and_flags_are_422(self):
        for score in (0, 6, "5", 4.5, None):
            response = self.post(score=score)
            self.assertEqual(response.status_code, 422, score)
            self.assertIn("1 to 5", response.json()["detail"])
        self.assertEqual(self.post(spoiler="yes").status_code, 422)
        self.assertFalse(Review.objects.exists())
        self.assertFalse(Rating.objects.exists())

    def test_empty_and_oversized_bodies_are_422(self):
        for body in ("", "   \n\n ", "<b></b>", "<script>alert(1)</script>", None, 42):
            response = self.post(body)
            self.assertEqual(response.status_code, 422, body)
            self.assertIsInstance(response.json()["detail"], str)
        response = self.post("x" * 5001)
        self.assertEqual(response.status_code, 422)
        self.assertIn("5,000", response.json()["detail"])
        self.assertEqual(self.post("y" * 100_000).status_code, 422)
        self.assertFalse(Review.objects.exists())
        # Exactly 5,000 characters is fine, and markup does not count towards it.
        self.assertEqual(self.post("<b>" + "z" * 5000 + "</b>").status_code, 201)

    def test_markup_is_stripped_to_plain_text_with_line_breaks(self):
        cases = {
            "<script>alert('x')</script>Nice": "Nice",
            "<b>Bold</b> and <i>it</i>": "Bold and it",
            'Go <a href="javascript:alert(1)" onclick="x()">here</a>': "Go here",
            "Tom &amp; Jerry &lt;3": "Tom & Jerry <3",
            "1 < 2 > 0": "1 < 2 > 0",
            "line one\r\nline two\n\nline four": "line one\nline two\n\nline four",
            "a<br>b<br/>c<p>d</p>e": "a\nb\nc\nd\ne",
            '<img src=x onerror="alert(1)">Pic': "Pic",
            "<style>body{}</style>Styled": "Styled",
        }
        for raw, expected in cases.items():
            Review.objects.all().delete()
            response = self.post(raw)
            self.assertEqual(response.status_code, 201, raw)
            self.assertEqual(response.json()["body"], expected, raw)
            self.assertEqual(Review.objects.get().body, expected, raw)


class ListReviewTests(ReviewTestCase):
    def test_anonymous_visitors_see_published_reviews(self):
        published = self.review_by(self.other, body="Great", spoiler=True)
        self.review_by(self.user, status=ReviewStatus.PENDING)
        self.review_by(old_viewer()[0], status=ReviewStatus.HIDDEN)
        self.client.logout()
        response = self.listing()
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 1)
        self.assertIsNone(body["my_review"])
        [item] = body["results"]
        self.assertEqual(item["id"], published.pk)
        self.assertEqual(item["author"], "Bo")
        # The account's id (for reporting it), never its e-mail address.
        self.assertEqual(item["author_id"], self.other.pk)
        self.assertNotIn(self.other.email, response.content.decode())
        self.assertEqual(
            (item["spoiler"], item["mine"], item["marked_helpful"]), (True, False, False)
        )
        for field in ("score", "body", "helpful_count", "created_at", "updated_at"):
            self.assertIn(field, item)

    def test_the_author_sees_their_pending_review_first_marked_as_such(self):
        self.review_by(self.other)
        pending = self.review_by(self.user, status=ReviewStatus.PENDING)
        body = self.listing().json()
        self.assertEqual(body["count"], 1)
        self.assertEqual([r["id"] for r in body["results"]][0], pending.pk)
        self.assertTrue(body["results"][0]["pending"])
        self.assertTrue(body["results"][0]["mine"])
        self.assertEqual(body["my_review"]["id"], pending.pk)
        # Nobody else sees it.
        self.client.force_login(self.other)
        self.assertNotIn(pending.pk, [r["id"] for r in self.listing().json()["results"]])

    def test_sorting_and_pagination(self):
        reviews = []
        for index in range(5):
            reviews.append(
                self.review_by(old_viewer()[0], body=f"R{index}", helpful_count=index % 3)
            )
        Review.objects.filter(pk=reviews[0].pk).update(
            created_at=timezone.now() - timedelta(days=3)
        )
        newest = self.listing("&sort=newest&limit=2").json()
        self.assertEqual([r["body"] for r in newest["results"]], ["R4", "R3"])
        self.assertEqual((newest["count"], newest["next_offset"]), (5, 2))
        last = self.listing("&sort=newest&limit=2&offset=4").json()
        self.assertEqual([r["body"] for r in last["results"]], ["R0"])
        self.assertIsNone(last["next_offset"])
        helpful = self.listing("&sort=helpful").json()
        self.assertEqual([r["body"] for r in helpful["results"]], ["R2", "R4", "R1", "R3", "R0"])
        self.assertEqual(self.listing("&offset=100").json()["results"], [])

    def test_bad_queries(self):
        self.assertEqual(self.client.get("/api/v1/reviews").status_code, 422)
        for query in ("&sort=best", "&limit=0", "&limit=51", "&offset=-1", "&offset=x"):
            response = self.listing(query)
            self.assertEqual(response.status_code, 422, query)
            self.assertIsInstance(response.json()["detail"], str)
        for page in (self.episode.pk, 0, -3, 2**31, 10**15):
            self.assertEqual(self.client.get(f"/api/v1/reviews?page={page}").status_code, 404, page)
        self.assertEqual(self.client.get("/api/v1/reviews?page=abc").status_code, 422)

    def test_marked_helpful_is_the_callers(self):
        review = self.review_by(self.other)
        ReviewHelpful.objects.create(review=review, user=self.user)
        self.assertTrue(self.listing().json()["results"][0]["marked_helpful"])
        self.client.force_login(old_viewer()[0])
        self.assertFalse(self.listing().json()["results"][0]["marked_helpful"])

    def test_the_list_costs_the_same_queries_for_many_reviews(self):
        def count():
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.listing().status_code, 200)
            return len(captured)

        self.review_by(self.other)
        self.listing()  # fills the visibility caches (locale, restrictions)
        few = count()
        for _ in range(15):
            review = self.review_by(old_viewer()[0])
            ReviewHelpful.objects.create(review=review, user=self.user)
        self.assertEqual(count(), few)

    def test_user_text_is_data_for_the_scripts(self):
        """Review text and names reach the browser only as JSON (the show page carries
        none of it) and the scripts set them with textContent, never as HTML."""
        evil = old_viewer(display_name='<img src=x onerror="alert(1)">')[0]
        self.review_by(evil, body="<script>alert(1)</script> as text")
        response = self.listing()
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        page = self.client.get(self.show.url).content.decode()
        self.assertNotIn("alert(1)", page)
        self.assertIn('id="reviews"', page)
        for script in ("api.js", "ratings.js", "reviews.js"):
            source = (Path(settings.BASE_DIR) / "static/js/engagement" / script).read_text()
            for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
                self.assertNotIn(sink, source, script)


class EditReviewTests(ReviewTestCase):
    def test_the_author_edits(self):
        review_id = self.post("First", score=2).json()["id"]
        response = self.send(
            "patch",
            f"/api/v1/reviews/{review_id}",
            {"body": "<b>Second</b>", "score": 4, "spoiler": True},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body["body"], body["score"], body["spoiler"]), ("Second", 4, True))
        self.assertEqual(Rating.objects.get(profile=self.profile, page=self.show).score, 4)
        self.assertEqual((self.summary().rating_count, self.summary().rating_sum), (1, 4))
        self.assertEqual(self.summary().review_count, 1)

    def test_another_account_or_no_review_is_404(self):
        review = self.review_by(self.other)
        for review_id in (review.pk, 987654, 2**31, 10**13):
            url = f"/api/v1/reviews/{review_id}"
            self.assertEqual(self.send("patch", url, {"body": "Mine now"}).status_code, 404)
            self.assertEqual(self.send("delete", url).status_code, 404)
        self.assertEqual(Review.objects.get(pk=review.pk).body, "Good.")
        self.client.logout()
        self.assertEqual(
            self.send("patch", f"/api/v1/reviews/{review.pk}", {"body": "x"}).status_code, 401
        )
        self.assertEqual(self.send("delete", f"/api/v1/reviews/{review.pk}").status_code, 401)

    def test_bad_edits_are_422(self):
        review_id = self.post("First").json()["id"]
        url = f"/api/v1/reviews/{review_id}"
        for payload in (
            {"body": ""},
            {"body": "<i></i>"},
            {"body": "x" * 5001},
            {"score": 9},
            {"spoiler": 1},
        ):
            self.assertEqual(self.send("patch", url, payload).status_code, 422, payload)
        self.assertEqual(Review.objects.get().body, "First")

    def test_a_hidden_review_stays_hidden_when_edited(self):
        review = self.review_by(self.user)
        set_status(review, ReviewStatus.HIDDEN)
        self.assertEqual(self.summary().review_count, 0)
        self.send("patch", f"/api/v1/reviews/{review.pk}", {"body": "Edited"})
        review.refresh_from_db()
        self.assertEqual((review.status, review.body), (ReviewStatus.HIDDEN, "Edited"))
        self.assertEqual(self.summary().review_count, 0)

    def test_deleting_ones_review(self):
        review_id = self.post("Bye", score=3).json()["id"]
        ReviewHelpful.objects.create(review_id=review_id, user=self.other)
        response = self.send("delete", f"/api/v1/reviews/{review_id}")
        self.assertEqual(response.status_code, 204)
        self.assertFalse(Review.objects.exists())
        self.assertFalse(ReviewHelpful.objects.exists())
        self.assertEqual(self.summary().review_count, 0)
        # The rating is the profile's and stays.
        self.assertEqual(self.summary().rating_count, 1)
        self.assertEqual(self.send("delete", f"/api/v1/reviews/{review_id}").status_code, 404)


@override_settings(REVIEW_HOLD_ACCOUNT_DAYS=7)
class HeldReviewTests(ReviewTestCase):
    def test_a_new_accounts_review_is_pending_and_not_counted(self):
        newcomer, _profile = make_viewer(display_name="New")
        self.client.force_login(newcomer)
        response = self.post("Hello")
        self.assertEqual(response.status_code, 201)
        self.assertEqual((response.json()["status"], response.json()["pending"]), ("pending", True))
        review = Review.objects.get(user=newcomer)
        self.assertIn("7 days", review.hold_reason)
        self.assertEqual(self.summary().review_count, 0)
        self.assertEqual(self.listing().json()["results"][0]["id"], review.pk)
        self.client.force_login(self.other)
        self.assertEqual(self.listing().json()["results"], [])

    def test_an_older_account_publishes_at_once(self):
        response = self.post("Hello")
        self.assertEqual(response.json()["status"], "published")
        self.assertEqual(self.summary().review_count, 1)

    def test_edits_check_the_hold_again(self):
        newcomer, _profile = make_viewer()
        self.client.force_login(newcomer)
        review_id = self.post("Hello").json()["id"]
        type(newcomer).objects.filter(pk=newcomer.pk).update(date_joined=OLD)
        response = self.send("patch", f"/api/v1/reviews/{review_id}", {"body": "Hello again"})
        self.assertEqual(response.json()["status"], "published")
        self.assertEqual(self.summary().review_count, 1)
        # And back: a published review of an account that is young again is held again.
        type(newcomer).objects.filter(pk=newcomer.pk).update(date_joined=timezone.now())
        response = self.send("patch", f"/api/v1/reviews/{review_id}", {"body": "Third"})
        self.assertEqual(response.json()["status"], "pending")
        self.assertEqual(self.summary().review_count, 0)


@override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "review_write": "3/m/user"})
class ReviewRateLimitTests(ReviewTestCase):
    def setUp(self):
        super().setUp()
        hold_rate_limit_clock(self)

    def test_review_writes_are_limited_per_account(self):
        review_id = self.post("One").json()["id"]
        url = f"/api/v1/reviews/{review_id}"
        self.assertEqual(self.send("patch", url, {"body": "Two"}).status_code, 200)
        self.assertEqual(self.send("patch", url, {"body": "Three"}).status_code, 200)
        response = self.send("patch", url, {"body": "Four"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("too fast", response.json()["detail"])
        self.assertEqual(Review.objects.get().body, "Three")
        # Another account is not held back.
        self.client.force_login(self.other)
        self.assertEqual(self.post("Mine").status_code, 201)


class HelpfulTests(ReviewTestCase):
    def test_marking_and_unmarking(self):
        review = self.review_by(self.other)
        url = f"/api/v1/reviews/{review.pk}/helpful"
        response = self.send("post", url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), {"id": review.pk, "helpful_count": 1, "marked_helpful": True}
        )
        again = self.send("post", url)
        self.assertEqual(again.status_code, 409)
        self.assertEqual(Review.objects.get(pk=review.pk).helpful_count, 1)
        response = self.send("delete", url)
        self.assertEqual(
            response.json(), {"id": review.pk, "helpful_count": 0, "marked_helpful": False}
        )
        self.assertEqual(self.send("delete", url).json()["helpful_count"], 0)
        self.assertFalse(ReviewHelpful.objects.exists())

    def test_not_ones_own_not_hidden_not_anonymous(self):
        own = self.review_by(self.user)
        response = self.send("post", f"/api/v1/reviews/{own.pk}/helpful")
        self.assertEqual(response.status_code, 403)
        self.assertIn("own", response.json()["detail"])
        hidden = Review.objects.create(
            user=old_viewer()[0], page=self.show, score=2, body="x", status=ReviewStatus.HIDDEN
        )
        for review_id in (hidden.pk, 123456, 2**31):
            self.assertEqual(
                self.send("post", f"/api/v1/reviews/{review_id}/helpful").status_code, 404
            )
        self.client.logout()
        other = self.review_by(self.other)
        self.assertEqual(self.send("post", f"/api/v1/reviews/{other.pk}/helpful").status_code, 401)


class ReviewCountTests(ReviewTestCase):
    def test_set_status_keeps_the_review_count_exact(self):
        review = self.review_by(self.other)
        self.assertEqual(self.summary().review_count, 1)
        set_status(review, ReviewStatus.HIDDEN)
        set_status(review, ReviewStatus.HIDDEN)
        self.assertEqual(self.summary().review_count, 0)
        set_status(review, ReviewStatus.PUBLISHED)
        self.assertEqual(self.summary().review_count, 1)

    def test_account_deletion_removes_reviews_and_helpful_marks(self):
        from subscriptions.account_services import account_delete

        mine = self.post("Mine", score=5).json()["id"]
        theirs = self.review_by(self.other)
        self.send("post", f"/api/v1/reviews/{theirs.pk}/helpful")
        ReviewHelpful.objects.create(review_id=mine, user=self.other)
        account_delete(self.user)
        self.assertFalse(Review.objects.filter(user=self.user).exists())
        self.assertEqual(Review.objects.get(pk=theirs.pk).helpful_count, 0)
        self.assertFalse(ReviewHelpful.objects.exists())
        summary = self.summary()
        self.assertEqual((summary.review_count, summary.rating_count), (1, 0))

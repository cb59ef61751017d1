"""A suspended account's writes through every engagement API endpoint are refused with 403
and the reason (issue 11 §3); viewing, its own viewing state and reads still work. A
lifted suspension lets the writes through again."""

import json

from django.test import TestCase

from engagement.models import Rating, Review, WatchlistItem
from engagement.profiles import ensure_main_profile
from engagement.services.moderation.actions import act
from engagement.tests.moderation_helpers import make_review, show_with_episode, staff, verified_user


class SuspendedWritesTests(TestCase):
    def setUp(self):
        self.show, self.episode = show_with_episode()
        self.author = verified_user(email="suspended@example.com")
        self.profile = ensure_main_profile(self.author)
        self.other_review = make_review(verified_user(), self.show, body="Someone else's view.")
        self.own_review = make_review(self.author, self.show)
        self.moderator = staff("Moderators", "mod@example.com")
        act(
            "suspend",
            moderator=self.moderator,
            target_type="user",
            target_id=self.author.pk,
            reason="Spam in reviews.",
            days=3,
        )
        self.client.force_login(self.author)

    def send(self, method, url, body=None):
        data = json.dumps(body) if body is not None else None
        return getattr(self.client, method)(url, data=data, content_type="application/json")

    def writes(self):
        return {
            "add to My List": ("post", "/api/v1/watchlist", {"page_id": self.show.pk}),
            "remove from My List": ("delete", f"/api/v1/watchlist/{self.show.pk}", None),
            "rate": ("put", f"/api/v1/ratings/{self.show.pk}", {"score": 5}),
            "remove a rating": ("delete", f"/api/v1/ratings/{self.show.pk}", None),
            "review": (
                "post",
                "/api/v1/reviews",
                {"page_id": self.show.pk, "score": 4, "body": "New text.", "spoiler": False},
            ),
            "edit one's review": (
                "patch",
                f"/api/v1/reviews/{self.own_review.pk}",
                {"body": "Edited while suspended."},
            ),
            "delete one's review": ("delete", f"/api/v1/reviews/{self.own_review.pk}", None),
            "mark helpful": ("post", f"/api/v1/reviews/{self.other_review.pk}/helpful", None),
            "report": (
                "post",
                "/api/v1/reports",
                {"target_type": "review", "target_id": self.other_review.pk, "reason": "spam"},
            ),
        }

    def test_every_contribution_is_refused_with_the_reason(self):
        for name, (method, url, body) in self.writes().items():
            with self.subTest(name):
                response = self.send(method, url, body)
                self.assertEqual(response.status_code, 403, response.content)
                self.assertIn("suspended", response.json()["detail"].lower())
        self.assertFalse(WatchlistItem.objects.filter(profile=self.profile).exists())
        self.assertFalse(Rating.objects.filter(profile=self.profile).exists())
        self.own_review.refresh_from_db()
        self.assertEqual(self.own_review.body, "A fine show.")
        self.assertEqual(Review.objects.filter(user=self.author).count(), 1)

    def test_viewing_and_reads_still_work(self):
        progress = self.send(
            "put", f"/api/v1/progress/{self.episode.pk}", {"position": 12, "duration": 100}
        )
        self.assertEqual(progress.status_code, 200, progress.content)
        state = self.client.get(f"/api/v1/me/state?pages={self.show.pk},{self.episode.pk}")
        self.assertEqual(state.status_code, 200)
        self.assertEqual(self.client.get(f"/api/v1/reviews?page={self.show.pk}").status_code, 200)
        self.assertEqual(self.client.get("/account/").status_code, 200)
        self.assertEqual(self.client.get(self.show.url).status_code, 200)

    def test_lifting_the_suspension_lets_writes_through(self):
        act(
            "lift",
            moderator=self.moderator,
            target_type="user",
            target_id=self.author.pk,
            reason="Appeal granted.",
        )
        response = self.send("put", f"/api/v1/ratings/{self.show.pk}", {"score": 5})
        self.assertEqual(response.status_code, 200, response.content)

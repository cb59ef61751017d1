"""The viewing history at /account/history/ (issue 10 §5)."""

from __future__ import annotations

from django.test import Client, TestCase

from catalog.tests import factories
from engagement.models import ViewingProgress
from engagement.profiles import ensure_main_profile
from engagement.tests.test_progress_api import episode
from mediasite.tests.factories import UserFactory


class HistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        show = factories.publish(factories.ShowPageFactory(title="Harbour <b>Lights</b>"))
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        cls.e1, cls.e2, cls.e3 = (episode(season, n) for n in (1, 2, 3))
        cls.user = UserFactory()
        cls.profile = ensure_main_profile(cls.user)

    def setUp(self):
        self.client.force_login(self.user)

    def put(self, item, position, event="pause"):
        response = self.client.put(
            f"/api/v1/progress/{item.pk}",
            {"position": position, "duration": 100, "event": event},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200)

    def history_ids(self, **params):
        response = self.client.get("/account/history/", params)
        self.assertEqual(response.status_code, 200)
        return [card.episode_id for _row, card in response.context["cards"]]

    def test_newest_first_private_and_in_the_menu(self):
        self.put(self.e1, 95)
        self.put(self.e2, 30)
        response = self.client.get("/account/history/")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(self.history_ids(), [self.e2.pk, self.e1.pk])
        self.assertContains(response, 'href="/account/history/"')
        self.assertContains(response, "30% watched")
        self.assertContains(response, "Harbour &lt;b&gt;Lights&lt;/b&gt;")

    def test_anonymous_goes_to_sign_in(self):
        self.client.logout()
        response = self.client.get("/account/history/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_paginated(self):
        from engagement.selectors import progress

        rows = ViewingProgress.objects.bulk_create(
            [
                ViewingProgress(
                    profile=self.profile, episode_id=item.pk, position=10, last_watched_at=when
                )
                for item, when in zip(
                    (self.e1, self.e2, self.e3),
                    ("2026-01-01T00:00Z", "2026-01-02T00:00Z", "2026-01-03T00:00Z"),
                    strict=True,
                )
            ]
        )
        self.assertEqual(len(rows), 3)
        original = progress.HISTORY_PER_PAGE
        progress.HISTORY_PER_PAGE = 2
        try:
            self.assertEqual(self.history_ids(), [self.e3.pk, self.e2.pk])
            self.assertEqual(self.history_ids(page=2), [self.e1.pk])
        finally:
            progress.HISTORY_PER_PAGE = original

    def test_remove_one_entry(self):
        self.put(self.e1, 40)
        self.put(self.e2, 50)
        row = ViewingProgress.objects.get(profile=self.profile, episode_id=self.e1.pk)
        response = self.client.post(f"/account/history/{row.pk}/remove/")
        self.assertRedirects(response, "/account/history/")
        self.assertEqual(self.history_ids(), [self.e2.pk])
        # GET does not remove.
        other = ViewingProgress.objects.get(profile=self.profile, episode_id=self.e2.pk)
        self.assertEqual(self.client.get(f"/account/history/{other.pk}/remove/").status_code, 405)

    def test_another_accounts_entry_is_404_and_stays(self):
        self.put(self.e1, 40)
        row = ViewingProgress.objects.get(profile=self.profile)
        self.client.force_login(UserFactory())
        self.assertEqual(self.client.post(f"/account/history/{row.pk}/remove/").status_code, 404)
        self.assertEqual(self.history_ids(), [])
        self.assertTrue(ViewingProgress.objects.filter(pk=row.pk).exists())

    def test_clear_all_asks_first_and_needs_csrf(self):
        self.put(self.e1, 40)
        self.put(self.e2, 95)
        response = self.client.get("/account/history/clear/")
        self.assertContains(response, "cannot be undone")
        self.assertEqual(ViewingProgress.objects.count(), 2)
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.user)
        self.assertEqual(strict.post("/account/history/clear/").status_code, 403)
        self.assertEqual(ViewingProgress.objects.count(), 2)
        keeper = UserFactory()
        keep = ViewingProgress.objects.create(
            profile=ensure_main_profile(keeper),
            episode_id=self.e1.pk,
            position=5,
            last_watched_at="2026-01-01T00:00Z",
        )
        self.assertRedirects(self.client.post("/account/history/clear/"), "/account/history/")
        self.assertEqual(list(ViewingProgress.objects.all()), [keep])

"""The queue in the admin: role separation on every moderation URL, grouping, filters with
counts, the detail view with its audit entries, the badge and the dashboard panel, and a
fixed number of queries whatever the number of reports."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from engagement.models import Appeal, ModerationAction, Report, ReviewStatus
from engagement.tests.moderation_helpers import (
    make_review,
    report,
    show_with_episode,
    staff,
    verified_user,
)
from mediasite.tests.factories import UserFactory

REFUSED = "refused"
SERVED = "served"
LOGIN = "login"


def answer(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return LOGIN
    if response.status_code in (403, 404) or (
        response.status_code == 302 and location == "/admin/"
    ):
        return REFUSED
    if response.status_code < 400:
        return SERVED
    return f"error {response.status_code}"


class RoleSeparationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.episode = show_with_episode()
        author = verified_user()
        cls.review = make_review(author, cls.show)
        action = ModerationAction.objects.create(
            action="warn", target_type="user", target_id=author.pk, subject=author
        )
        cls.appeal = Appeal.objects.create(action=action, user=author, body="Why?")
        cls.author = author
        cls.users = {
            "viewer": verified_user(),
            "editor": staff("Editors", "role-ed@example.com"),
            "moderator": staff("Moderators", "role-mod@example.com"),
            "admin": UserFactory(email="role-admin@example.com", is_staff=True, is_superuser=True),
        }

    def answers(self, method, url, data=None):
        got = {}
        for role in ["anonymous", *self.users]:
            client = Client()
            if role != "anonymous":
                client.force_login(self.users[role])
            response = getattr(client, method)(url, data or {})
            got[role] = answer(response)
        return got

    def expect(self, method, url, *, editor, moderator, data=None):
        self.assertEqual(
            self.answers(method, url, data),
            {
                "anonymous": LOGIN,
                "viewer": LOGIN,
                "editor": editor,
                "moderator": moderator,
                "admin": SERVED,
            },
            f"{method.upper()} {url}",
        )

    def test_queue_log_and_bulk_serve_both_roles(self):
        self.expect("get", "/admin/moderation/", editor=SERVED, moderator=SERVED)
        self.expect("get", "/admin/moderation/log/", editor=SERVED, moderator=SERVED)
        self.expect("post", "/admin/moderation/bulk/", editor=SERVED, moderator=SERVED)

    def test_blocked_terms_are_for_moderators(self):
        self.expect("get", "/admin/moderation/terms/", editor=REFUSED, moderator=SERVED)
        self.expect("post", "/admin/moderation/terms/1/delete/", editor=REFUSED, moderator=SERVED)

    def test_each_kind_of_item_for_its_own_role(self):
        items = {
            "review": (self.review.pk, REFUSED, SERVED),
            "user": (self.author.pk, REFUSED, SERVED),
            "appeal": (self.appeal.pk, REFUSED, SERVED),
            "episode": (self.episode.pk, SERVED, REFUSED),
        }
        for kind, (pk, editor, moderator) in items.items():
            base = f"/admin/moderation/item/{kind}/{pk}/"
            self.expect("get", base, editor=editor, moderator=moderator)
            for suffix in ("act/", "claim/", "note/"):
                self.expect("post", base + suffix, editor=editor, moderator=moderator)

    def test_changes_are_post_only(self):
        client = Client()
        client.force_login(self.users["moderator"])
        base = f"/admin/moderation/item/review/{self.review.pk}/"
        for url in (base + "act/", base + "claim/", base + "note/", "/admin/moderation/bulk/"):
            self.assertEqual(client.get(url).status_code, 405, url)

    def test_csrf_is_required_for_actions(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.users["moderator"])
        response = client.post(
            f"/admin/moderation/item/review/{self.review.pk}/act/", {"action": "hide"}
        )
        self.assertEqual(response.status_code, 403)
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)

    def test_missing_items_and_huge_ids_are_404(self):
        client = Client()
        client.force_login(self.users["admin"])
        for url in (
            "/admin/moderation/item/review/2147483647/",
            "/admin/moderation/item/review/99999999999/",
            "/admin/moderation/item/page/1/",
        ):
            self.assertEqual(client.get(url).status_code, 404, url)

    def test_moderators_cannot_edit_pages(self):
        client = Client()
        client.force_login(self.users["moderator"])
        self.assertEqual(answer(client.get(f"/admin/pages/{self.show.pk}/edit/")), REFUSED)
        self.assertEqual(answer(client.get("/admin/pages/")), REFUSED)


class QueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.episode = show_with_episode()
        cls.moderator = staff("Moderators", "queue-mod@example.com")
        cls.editor = staff("Editors", "queue-ed@example.com")
        cls.review = make_review(verified_user(), cls.show, body="Reported twice")
        cls.pending = make_review(
            verified_user(), cls.show, body="Waiting here", status=ReviewStatus.PENDING
        )
        for reason in ("spam", "spoilers"):
            client = Client()
            client.force_login(verified_user())
            report(client, "review", cls.review.pk, reason)
        client = Client()
        client.force_login(verified_user())
        report(client, "episode", cls.episode.pk, "wont_play", position=3)

    def test_reports_on_one_target_are_one_row_with_count_and_reasons(self):
        self.client.force_login(self.moderator)
        response = self.client.get("/admin/moderation/")
        rows = response.context["result"].rows
        keys = [row.key for row in rows]
        self.assertEqual(keys, [f"review:{self.review.pk}", f"review:{self.pending.pk}"])
        first = rows[0]
        self.assertEqual((first.reports, first.reporters), (2, 2))
        self.assertEqual(sorted(first.reasons), ["spam", "spoilers"])
        self.assertContains(response, "Spoilers not marked")
        self.assertContains(response, "waiting for approval")
        # The editor sees only the episode problem.
        self.client.force_login(self.editor)
        rows = self.client.get("/admin/moderation/").context["result"].rows
        self.assertEqual([row.key for row in rows], [f"episode:{self.episode.pk}"])

    def test_filters_and_their_counts(self):
        self.client.force_login(self.moderator)
        context = self.client.get("/admin/moderation/?reason=spam").context
        self.assertEqual([r.key for r in context["result"].rows], [f"review:{self.review.pk}"])
        self.assertEqual(context["result"].counts["reason"], {"spam": 1, "spoilers": 1})
        self.assertEqual(context["result"].counts["status"]["pending"], 1)
        pending = self.client.get("/admin/moderation/?status=pending").context["result"].rows
        self.assertEqual([r.key for r in pending], [f"review:{self.pending.pk}"])
        found = self.client.get("/admin/moderation/?q=twice").context["result"].rows
        self.assertEqual([r.key for r in found], [f"review:{self.review.pk}"])
        self.assertEqual(self.client.get("/admin/moderation/?mine=1").context["result"].total, 0)
        self.client.post(f"/admin/moderation/item/review/{self.pending.pk}/claim/")
        mine = self.client.get("/admin/moderation/?mine=1").context["result"].rows
        self.assertEqual([r.key for r in mine], [f"review:{self.pending.pk}"])
        self.assertEqual(self.client.get("/admin/moderation/?age=7").context["result"].total, 0)
        # A kind the role does not handle shows nothing.
        self.assertEqual(
            self.client.get("/admin/moderation/?kind=episode").context["result"].total, 0
        )

    def test_detail_shows_the_target_reports_and_the_audit_entry(self):
        self.client.force_login(self.moderator)
        url = f"/admin/moderation/item/review/{self.review.pk}/"
        response = self.client.get(url)
        self.assertContains(response, "Reported twice")
        self.assertContains(response, "data-open-report", count=2)
        self.client.post(url + "note/", {"body": "Looking into it"})
        self.client.post(url + "act/", {"action": "hide", "reason": "Spam link"})
        response = self.client.get(url)
        self.assertContains(response, "Looking into it")
        self.assertContains(response, 'data-audit-entry="moderation.hide"')
        self.assertContains(response, "Spam link")
        log = self.client.get("/admin/moderation/log/?action=hide")
        self.assertContains(log, 'data-log-entry="moderation.hide"')
        self.assertNotContains(
            self.client.get("/admin/moderation/log/?action=dismiss"), "data-log-entry"
        )
        # The editor's log shows no review actions.
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get("/admin/moderation/log/"), "data-log-entry")

    def test_episode_detail_links_to_editing_and_shows_the_video_status(self):
        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/moderation/item/episode/{self.episode.pk}/")
        self.assertContains(response, f"/admin/pages/{self.episode.pk}/edit/")
        self.assertContains(response, "Video:")
        self.assertContains(response, "Won&#x27;t play")

    def test_bulk_action_from_the_queue(self):
        self.client.force_login(self.moderator)
        response = self.client.post(
            "/admin/moderation/bulk/",
            {
                "items": [f"review:{self.review.pk}", f"review:{self.pending.pk}"],
                "action": "delete",
                "reason": "Spam wave",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.review.refresh_from_db()
        self.pending.refresh_from_db()
        self.assertEqual({self.review.status, self.pending.status}, {ReviewStatus.REMOVED})

    def test_menu_badge_and_dashboard_panel(self):
        self.client.force_login(self.moderator)
        home = self.client.get("/admin/")
        self.assertContains(home, "Moderation (2)")
        self.assertContains(home, "2 open items")
        self.client.force_login(self.editor)
        home = self.client.get("/admin/")
        self.assertContains(home, "Moderation (1)")
        self.assertContains(home, "1 open item")


class QueueQueryCountTests(TestCase):
    """The queue page's queries do not grow with the reports (bench: scripts/bench_moderation.py)."""

    def _seed(self, targets: int, per_target: int):
        user_model = get_user_model()
        start = user_model.objects.count()
        reporters = user_model.objects.bulk_create(
            user_model(email=f"q{start}-{i}@example.com") for i in range(per_target)
        )
        accounts = user_model.objects.bulk_create(
            user_model(email=f"t{start}-{i}@example.com") for i in range(targets)
        )
        Report.objects.bulk_create(
            Report(reporter=r, target_type="user", target_id=a.pk, reason="spam")
            for a in accounts
            for r in reporters
        )

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_fixed_number_of_queries(self):
        self.client.force_login(
            UserFactory(email="qc-admin@example.com", is_staff=True, is_superuser=True)
        )
        show, episode = show_with_episode()
        make_review(verified_user(), show, status=ReviewStatus.PENDING)
        self._seed(5, 2)
        # Oldest first: the pending review (made first) is on the page both times, so the
        # page has the same kinds of target to fetch.
        small = self.count_queries("/admin/moderation/?sort=oldest")
        self._seed(60, 4)
        large = self.count_queries("/admin/moderation/?sort=oldest")
        self.assertEqual(small, large)
        filtered = self.count_queries("/admin/moderation/?kind=user&reason=spam&q=t&page=2")
        self.assertLessEqual(filtered, large)
        self.assertLessEqual(large, 30)

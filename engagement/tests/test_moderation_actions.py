"""Every moderation action: its change, its audit entry and who is told; suspension and
ban effects; appeals; bulk actions."""

from django.core import mail
from django.test import Client, TestCase, override_settings

from wagtail.models import ModelLogEntry

from engagement.guards import write_refusal
from engagement.holds import hold_reason
from engagement.models import (
    AccountRestriction,
    Appeal,
    AppealStatus,
    BlockedTerm,
    ModerationAction,
    Notice,
    Report,
    ReportStatus,
    Review,
    ReviewStatus,
)
from engagement.services.moderation import ModerationError
from engagement.services.moderation.actions import act, act_bulk, claim, note_add
from engagement.services.moderation.appeals import appeal_create
from engagement.tests.moderation_helpers import (
    make_review,
    report,
    show_with_episode,
    staff,
    verified_user,
)


class ActionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show, cls.episode = show_with_episode()
        cls.author = verified_user(email="author@example.com")
        cls.reporters = [verified_user() for _ in range(2)]
        cls.moderator = staff("Moderators", "mod@example.com")
        cls.editor = staff("Editors", "ed@example.com")

    def setUp(self):
        self.review = make_review(self.author, self.show, body="Spoiler: the butler did it.")

    def report_review(self, review=None, reason="spoilers"):
        review = review or self.review
        for reporter in self.reporters:
            client = Client()
            client.force_login(reporter)
            self.assertEqual(report(client, "review", review.pk, reason).status_code, 201)

    def do(self, name, target_type="review", target_id=None, **kw):
        with self.captureOnCommitCallbacks(execute=True):
            return act(
                name,
                moderator=kw.pop("moderator", self.moderator),
                target_type=target_type,
                target_id=target_id or self.review.pk,
                **kw,
            )

    def audit(self, action):
        return ModelLogEntry.objects.get(
            object_id=str(action.pk), action=f"moderation.{action.action}"
        )

    def reporter_notices(self):
        return Notice.objects.filter(user__in=self.reporters)


class ReviewActionTests(ActionTestCase):
    def test_hide(self):
        self.report_review()
        action = self.do("hide", reason="Unmarked spoiler")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.HIDDEN)
        entry = self.audit(action)
        self.assertEqual(entry.user, self.moderator)
        self.assertEqual(entry.data["reason"], "Unmarked spoiler")
        self.assertEqual(
            sorted(entry.data["report_ids"]), sorted(Report.objects.values_list("pk", flat=True))
        )
        self.assertFalse(Report.objects.filter(status=ReportStatus.OPEN).exists())
        self.assertEqual(self.reporter_notices().count(), 2)
        author_notice = Notice.objects.get(user=self.author)
        self.assertIn("Unmarked spoiler", author_notice.body)
        self.assertTrue(author_notice.appealable)
        recipients = sorted(m.to[0] for m in mail.outbox)
        self.assertEqual(
            recipients, sorted([self.author.email, *[r.email for r in self.reporters]])
        )

    def test_restore(self):
        self.report_review()
        self.do("hide")
        action = self.do("restore", reason="On reflection fine")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)
        self.assertEqual(self.audit(action).data["reason"], "On reflection fine")

    def test_delete_is_a_soft_delete(self):
        self.report_review()
        action = self.do("delete", reason="Harassment")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.REMOVED)
        self.assertFalse(Review.objects.visible().filter(pk=self.review.pk).exists())
        self.assertEqual(len(self.audit(action).data["report_ids"]), 2)
        self.assertIn("removed", Notice.objects.get(user=self.author).body)
        with self.assertRaises(ModerationError) as refused:
            self.do("restore")
        self.assertEqual(refused.exception.status, 409)

    def test_dismiss_publishes_a_review_held_by_reports(self):
        with override_settings(MODERATION_REPORT_THRESHOLD=2):
            self.report_review()
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PENDING)
        action = self.do("dismiss", reason="No spoiler")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)
        self.assertEqual(
            set(Report.objects.values_list("status", flat=True)), {ReportStatus.DISMISSED}
        )
        self.assertTrue(self.audit(action))
        self.assertIn("no breach", self.reporter_notices().first().body)
        self.assertFalse(Notice.objects.filter(user=self.author).exists())

    def test_edit_and_approve_a_pending_review(self):
        pending = make_review(
            verified_user(), self.show, body="Great <b>show</b> darn", status=ReviewStatus.PENDING
        )
        with self.assertRaises(ModerationError):
            self.do("approve", target_id=self.review.pk)  # published: nothing to approve
        action = self.do("approve", target_id=pending.pk, body="Great show <i>x</i>")
        pending.refresh_from_db()
        self.assertEqual((pending.status, pending.body), (ReviewStatus.PUBLISHED, "Great show x"))
        self.assertTrue(self.audit(action).data["edited"])

    def test_warn_with_preset_and_text(self):
        self.report_review()
        action = self.do("warn", preset="spoilers", reason="Third time.")
        notice = Notice.objects.get(user=self.author)
        self.assertIn("Please mark spoilers", notice.body)
        self.assertIn("Third time.", notice.body)
        self.assertEqual(self.audit(action).data["preset"], "spoilers")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)
        with self.assertRaises(ModerationError):
            self.do("warn", preset="nonsense")

    def test_editor_cannot_act_on_reviews_and_moderator_not_on_episodes(self):
        with self.assertRaises(ModerationError) as refused:
            self.do("hide", moderator=self.editor)
        self.assertEqual(refused.exception.status, 403)
        with self.assertRaises(ModerationError):
            self.do("resolve", target_type="episode", target_id=self.episode.pk)

    def test_claim_and_note_are_logged(self):
        claim(moderator=self.moderator, target_type="review", target_id=self.review.pk)
        note = note_add(
            moderator=self.moderator,
            target_type="review",
            target_id=self.review.pk,
            body="Checking <script>x</script>with a colleague",
        )
        self.assertEqual(note.body, "Checking with a colleague")
        actions = set(ModelLogEntry.objects.values_list("action", flat=True))
        self.assertTrue({"moderation.claim", "moderation.note"} <= actions)


class EpisodeProblemTests(ActionTestCase):
    def test_editor_resolves_an_episode_problem_and_the_reporter_is_told(self):
        client = Client()
        client.force_login(self.reporters[0])
        report(client, "episode", self.episode.pk, "subtitles", position=12)
        action = self.do(
            "resolve",
            target_type="episode",
            target_id=self.episode.pk,
            moderator=self.editor,
            reason="Subtitles re-uploaded",
        )
        self.assertEqual(Report.objects.get().status, ReportStatus.RESOLVED)
        self.assertEqual(self.audit(action).user, self.editor)
        self.assertIn("fixed", Notice.objects.get(user=self.reporters[0]).body)


class RestrictionTests(ActionTestCase):
    def test_suspension_refuses_writes_with_a_reason_and_lifts(self):
        action = self.do(
            "suspend",
            target_type="user",
            target_id=self.author.pk,
            days=3,
            reason="Repeated spoilers",
        )
        refusal = write_refusal(self.author)
        self.assertIn("suspended", refusal)
        self.assertIn("Repeated spoilers", refusal)
        self.assertTrue(AccountRestriction.objects.get(action=action).ends_at)
        self.assertIn("3 days", Notice.objects.get(user=self.author).body)
        # Writing a report is refused by the gate with the reason.
        client = Client()
        client.force_login(self.author)
        response = report(client, "review", make_review(verified_user(), self.show).pk)
        self.assertEqual(response.status_code, 403)
        self.assertIn("suspended", response.json()["detail"])
        # Viewing and the account area still work.
        self.assertEqual(client.get("/account/notices/").status_code, 200)
        self.assertEqual(client.get(self.show.url).status_code, 200)
        lift = self.do("lift", target_type="user", target_id=self.author.pk)
        self.assertIsNone(write_refusal(self.author))
        self.assertTrue(self.audit(lift))
        with self.assertRaises(ModerationError):
            self.do("suspend", target_type="user", target_id=self.author.pk, days=0)

    def test_an_expired_suspension_no_longer_refuses(self):
        from datetime import timedelta

        from django.utils import timezone

        AccountRestriction.objects.create(
            user=self.author, kind="suspension", ends_at=timezone.now() - timedelta(seconds=1)
        )
        self.assertIsNone(write_refusal(self.author))

    def test_ban_hides_reviews_ends_sessions_and_refuses_sign_in(self):
        client = Client()
        client.force_login(self.author)
        self.assertEqual(client.get("/account/").status_code, 200)
        action = self.do("ban", target_type="review", target_id=self.review.pk, reason="Abuse")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewStatus.HIDDEN)
        self.author.refresh_from_db()
        self.assertFalse(self.author.is_active)
        self.assertEqual(action.subject, self.author)
        self.assertIn("banned", Notice.objects.get(user=self.author).body)
        # The old session is gone.
        self.assertEqual(client.get("/account/").status_code, 302)
        # Signing in with the right password: a readable refusal, not a session.
        response = Client().post(
            "/accounts/login/", {"login": self.author.email, "password": "correct horse battery"}
        )
        self.assertRedirects(response, "/accounts/inactive/", fetch_redirect_response=False)
        page = Client().get("/accounts/inactive/")
        self.assertContains(page, "cannot sign in")
        # A wrong password says only what it says for every account (no enumeration).
        wrong = Client().post(
            "/accounts/login/", {"login": self.author.email, "password": "nope nope nope"}
        )
        unknown = Client().post(
            "/accounts/login/", {"login": "nobody@example.com", "password": "nope nope nope"}
        )
        self.assertEqual(wrong.status_code, unknown.status_code)
        self.assertNotContains(wrong, "inactive")
        self.assertNotContains(wrong, "banned")
        # Lifting the ban brings the account and the reviews the ban hid back.
        self.do("lift", target_type="user", target_id=self.author.pk)
        self.author.refresh_from_db()
        self.review.refresh_from_db()
        self.assertTrue(self.author.is_active)
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)


class AppealTests(ActionTestCase):
    def test_appeal_once_then_granted_reverses(self):
        self.report_review()
        action = self.do("hide", reason="Spoiler")
        client = Client()
        client.force_login(self.author)
        page = client.get("/account/notices/")
        self.assertContains(page, "Appeal this decision")
        response = client.post(f"/account/notices/appeal/{action.pk}/", {"body": "It was marked"})
        self.assertEqual(response.status_code, 302)
        appeal = Appeal.objects.get()
        again = client.post(f"/account/notices/appeal/{action.pk}/", {"body": "Again"}, follow=True)
        self.assertContains(again, "already appealed")
        self.assertEqual(Appeal.objects.count(), 1)
        grant = self.do("grant", target_type="appeal", target_id=appeal.pk, reason="Fair")
        appeal.refresh_from_db()
        self.review.refresh_from_db()
        self.assertEqual(appeal.status, AppealStatus.GRANTED)
        self.assertEqual(self.review.status, ReviewStatus.PUBLISHED)
        self.assertTrue(self.audit(grant))
        self.assertTrue(Notice.objects.filter(user=self.author, subject="About your appeal"))

    def test_others_cannot_appeal_and_upheld_appeals_keep_the_action(self):
        action = self.do("suspend", target_type="user", target_id=self.author.pk, days=2)
        with self.assertRaises(ModerationError) as refused:
            appeal_create(user=self.reporters[0], action_id=action.pk, body="Let them")
        self.assertEqual(refused.exception.status, 404)
        appeal = appeal_create(user=self.author, action_id=action.pk, body="Please")
        self.do("uphold", target_type="appeal", target_id=appeal.pk, reason="It stands")
        self.assertIsNotNone(write_refusal(self.author))
        with self.assertRaises(ModerationError):
            self.do("grant", target_type="appeal", target_id=appeal.pk)

    def test_granting_a_suspension_appeal_lifts_it(self):
        action = self.do("suspend", target_type="user", target_id=self.author.pk, days=2)
        appeal = appeal_create(user=self.author, action_id=action.pk, body="Please")
        self.do("grant", target_type="appeal", target_id=appeal.pk)
        self.assertIsNone(write_refusal(self.author))


class BulkTests(ActionTestCase):
    def test_bulk_hide_acts_on_each_and_reports_refusals(self):
        others = [make_review(verified_user(), self.show) for _ in range(3)]
        items = [("review", r.pk) for r in others] + [("episode", self.episode.pk)]
        with self.captureOnCommitCallbacks(execute=True):
            done, refused = act_bulk("hide", moderator=self.moderator, items=items, reason="Spam")
        self.assertEqual(len(done), 3)
        self.assertEqual(len(refused), 1)  # a moderator may not act on episode problems
        self.assertEqual(
            set(
                Review.objects.filter(pk__in=[r.pk for r in others]).values_list(
                    "status", flat=True
                )
            ),
            {ReviewStatus.HIDDEN},
        )
        self.assertEqual(ModelLogEntry.objects.filter(action="moderation.hide").count(), 3)
        self.assertEqual(ModerationAction.objects.filter(action="hide").count(), 3)


class BlockedTermTests(TestCase):
    def test_blocked_terms_hold_reviews_whole_words_any_case(self):
        user = verified_user()
        self.assertIsNone(hold_reason(user, "A darn good show"))
        BlockedTerm.objects.create(term="darn")
        self.assertTrue(hold_reason(user, "A DARN good show"))
        self.assertIsNone(hold_reason(user, "Darnell was great"))

    def test_moderators_edit_the_list_in_the_admin(self):
        moderator = staff("Moderators", "terms-mod@example.com")
        editor = staff("Editors", "terms-ed@example.com")
        client = Client()
        client.force_login(editor)
        refused = client.post("/admin/moderation/terms/", {"term": "x"})
        # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
        self.assertEqual((refused.status_code, refused["Location"]), (302, "/admin/"))
        self.assertFalse(BlockedTerm.objects.exists())
        client.force_login(moderator)
        client.post("/admin/moderation/terms/", {"term": "  Heck  "})
        term = BlockedTerm.objects.get()
        self.assertEqual(term.term, "Heck")
        client.post(f"/admin/moderation/terms/{term.pk}/delete/")
        self.assertFalse(BlockedTerm.objects.exists())


class PersonalDataTests(ActionTestCase):
    def test_export_and_deletion(self):
        self.report_review()
        self.do("warn", preset="civility")
        reporter = self.reporters[0]
        client = Client()
        client.force_login(reporter)
        import json

        data = json.loads(client.post("/account/export/").content)["moderation"]
        self.assertEqual([r["reason"] for r in data["reports"]], ["spoilers"])
        self.assertEqual(len(data["notices"]), 1)
        open_report = make_review(verified_user(), self.show)
        report(client, "review", open_report.pk, "spam", note="mine")
        response = client.post("/account/delete/", {"confirmation": "correct horse battery"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Notice.objects.filter(user=reporter).exists())
        self.assertFalse(Report.objects.filter(reporter=reporter, status="open").exists())
        self.assertEqual(
            list(Report.objects.filter(reporter=reporter).values_list("note", flat=True)), [""]
        )


class WriteGateTests(ActionTestCase):
    """Every engagement write endpoint calls ``writer_profile``: a suspension refuses them all."""

    def test_writer_profile_refuses_a_suspended_account_with_the_reason(self):
        from django.test import RequestFactory

        from ninja.errors import HttpError

        from engagement.guards import writer_profile

        request = RequestFactory().post("/api/v1/watchlist")
        request.user = self.author
        request.session = {}
        writer_profile(request)  # allowed before
        self.do("suspend", target_type="user", target_id=self.author.pk, days=1, reason="Spam")
        with self.assertRaises(HttpError) as refused:
            writer_profile(request)
        self.assertEqual(refused.exception.status_code, 403)
        self.assertIn("Spam", str(refused.exception))

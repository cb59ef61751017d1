"""One reading of a subscription's state: ``Subscription.state`` and everything that asks it.

Playback (``can_play``), ``/api/v1/me``, the plans page, the account page, checkout
(``plan_choose``) and the expiry job must agree on whether a subscription runs, grace period included.
"""

import datetime
from types import SimpleNamespace

from django.test import TestCase, override_settings
from django.utils import timezone

from mediasite.tests.cache import clear_test_cache
from subscriptions import services
from subscriptions.entitlements import can_play
from subscriptions.models import BillingEvent, Subscription, SubscriptionState
from subscriptions.tests.utils import make_plan, subscribe, verified_user

S = Subscription.Status
DAY = datetime.timedelta(days=1)
RUNNING, IN_GRACE, ENDED = SubscriptionState
SUBSCRIBERS_ONLY = SimpleNamespace(
    access_level="subscribers", available_from=None, available_until=None
)

# (name, status, period end in days from now (None: no end), set to cancel, expected state)
STATES = [
    ("active", S.ACTIVE, 10, False, RUNNING),
    ("active without an end", S.ACTIVE, None, False, RUNNING),
    ("trialing", S.TRIALING, 10, False, RUNNING),
    ("active one day unrenewed", S.ACTIVE, -1, False, IN_GRACE),
    ("trialing one day past its end", S.TRIALING, -1, False, IN_GRACE),
    ("active set to cancel", S.ACTIVE, 10, True, RUNNING),
    ("active set to cancel, period over", S.ACTIVE, -1, True, ENDED),
    ("active unrenewed past grace", S.ACTIVE, -5, False, ENDED),
    ("past due in period", S.PAST_DUE, 10, False, RUNNING),
    ("past due in grace", S.PAST_DUE, -1, False, IN_GRACE),
    ("past due set to cancel, in grace", S.PAST_DUE, -1, True, IN_GRACE),
    ("past due past grace", S.PAST_DUE, -5, False, ENDED),
    ("past due without an end", S.PAST_DUE, None, False, RUNNING),
    ("canceled in period", S.CANCELED, 10, False, RUNNING),
    ("canceled after its period", S.CANCELED, -1, False, ENDED),
    ("canceled without an end", S.CANCELED, None, False, ENDED),
    ("expired", S.EXPIRED, -1, False, ENDED),
    ("expired with time left", S.EXPIRED, 10, False, ENDED),
]


@override_settings(SUBSCRIPTION_GRACE_DAYS=3)
class SubscriptionStateTests(TestCase):
    """A table of states; every caller gives the same answer for each row."""

    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan("basic", tier=1)
        cls.now = timezone.now()
        cls.rows = []
        for name, status, days, cancel, expected in STATES:
            subscription = subscribe(
                verified_user(),
                cls.plan,
                status=status,
                period_end=cls.now + days * DAY if days is not None else cls.now,
                cancel_at_period_end=cancel,
                provider="dev",
            )
            if days is None:
                Subscription.objects.filter(pk=subscription.pk).update(current_period_end=None)
                subscription.refresh_from_db()
            cls.rows.append((name, subscription, expected))

    def setUp(self):
        clear_test_cache()

    def test_the_model_reads_each_state(self):
        for name, subscription, expected in self.rows:
            with self.subTest(name):
                self.assertIs(subscription.state(self.now), expected)
                self.assertEqual(subscription.is_running(self.now), expected is not ENDED)

    def test_the_query_and_the_expiry_job_agree_with_the_model(self):
        ended = set(Subscription.objects.ended(self.now).values_list("pk", flat=True))
        due = set(services.subscriptions_due_to_expire(self.now).values_list("pk", flat=True))
        for name, subscription, expected in self.rows:
            with self.subTest(name):
                self.assertEqual(subscription.pk in ended, expected is ENDED)
                to_expire = expected is ENDED and subscription.status != S.EXPIRED
                self.assertEqual(subscription.pk in due, to_expire)

    def test_playback_api_and_account_pages_agree_with_the_model(self):
        for name, subscription, expected in self.rows:
            running = expected is not ENDED
            with self.subTest(name):
                user = subscription.user
                decision = can_play(user, SUBSCRIBERS_ONLY, now=self.now)
                self.assertEqual(decision.allowed, running)
                self.client.force_login(user)
                me = self.client.get("/api/v1/me").json()
                self.assertEqual(me["plan"], "basic" if running else None)
                page = self.client.get("/account/plans/")
                # A provider-canceled subscription runs out its time; choosing starts anew.
                changeable = running and subscription.status != S.CANCELED
                self.assertEqual(page.context["subscription"] is not None, changeable)
                self.assertEqual(services.is_changeable(subscription, self.now), changeable)
                home = self.client.get("/account/").content.decode()
                self.assertEqual("Your subscription has ended." in home, not running)
                if not running:
                    self.assertNotIn("data-cancel-plan", home)


@override_settings(SUBSCRIPTION_GRACE_DAYS=3)
class GraceOnThePlansPageTests(TestCase):
    """Issue 8.11: one day into grace the subscriber still plays and /api/v1/me reports
    the plan, so choosing a plan is a plan change, not a new checkout."""

    def setUp(self):
        clear_test_cache()
        self.basic = make_plan("basic", tier=1)
        self.premium = make_plan("premium", tier=2)
        self.user = verified_user()
        self.period_end = timezone.now() - DAY
        self.subscription = subscribe(
            self.user, self.basic, status=S.ACTIVE, period_end=self.period_end, provider="dev"
        )
        self.client.force_login(self.user)

    def test_in_grace_the_plan_counts_everywhere(self):
        self.assertTrue(can_play(self.user, SUBSCRIBERS_ONLY).allowed)
        self.assertEqual(self.client.get("/api/v1/me").json()["plan"], "basic")
        page = self.client.get("/account/plans/")
        self.assertContains(page, "You are on <strong>Basic</strong>")
        self.assertContains(page, "Upgrade to Premium")

    def test_choosing_a_plan_in_grace_changes_it_instead_of_checking_out(self):
        response = self.client.post("/account/plans/", {"plan": "premium"}, follow=True)
        self.assertContains(response, "Your plan is now Premium.")
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual(subscription.pk, self.subscription.pk)
        self.assertEqual(subscription.plan, self.premium)
        self.assertEqual(subscription.current_period_end, self.period_end)
        types = list(BillingEvent.objects.filter(user=self.user).values_list("type", flat=True))
        self.assertEqual(types, ["subscription.plan_changed"])
        self.assertEqual(self.client.get("/api/v1/me").json()["plan"], "premium")

    def test_cancelling_in_grace_ends_it_at_once(self):
        response = self.client.post("/account/cancel/", follow=True)
        self.assertContains(response, "Your plan is canceled.")
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual(subscription.status, S.EXPIRED)
        self.assertFalse(can_play(self.user, SUBSCRIBERS_ONLY).allowed)
        self.assertIsNone(self.client.get("/api/v1/me").json()["plan"])

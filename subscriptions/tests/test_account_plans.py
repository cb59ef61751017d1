"""Choosing, changing, canceling and resuming a plan in the account area (dev billing).

/account/plans/, /account/cancel/ and /account/resume/ act on ``request.user`` only;
the development provider activates at once and every billing line says "not charged".
"""

import datetime
from decimal import Decimal
from urllib.parse import quote, urlencode

from django.test import Client, TestCase
from django.utils import timezone

from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory
from subscriptions import services
from subscriptions.billing import checkout_provider
from subscriptions.models import BillingEvent, Plan, Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user

PLANS_URL = "/account/plans/"
CANCEL_URL = "/account/cancel/"
RESUME_URL = "/account/resume/"
HOME_URL = "/account/"
S = Subscription.Status
CLOSE = datetime.timedelta(minutes=2)


def subscription_snapshot(user) -> dict:
    """Every column of the user's subscription row, to prove nothing about it changed."""
    return Subscription.objects.filter(user=user).values().get()


class PlansTestCase(TestCase):
    def setUp(self):
        clear_test_cache()
        self.basic = make_plan("basic", tier=1, price=Decimal("5.00"))
        self.premium = make_plan("premium", tier=2, price=Decimal("9.00"))
        self.user = verified_user(email="me@example.com")

    def choose(self, slug, **kwargs):
        return self.client.post(PLANS_URL, {"plan": slug}, **kwargs)

    def subscription(self, user=None) -> Subscription:
        return Subscription.objects.select_related("plan").get(user=user or self.user)

    def assert_nothing_written(self):
        self.assertEqual(Subscription.objects.count(), 0)
        self.assertEqual(BillingEvent.objects.count(), 0)

    def assert_near(self, value, expected, delta=CLOSE):
        self.assertIsNotNone(value)
        self.assertAlmostEqual(value, expected, delta=delta)


class PlansPageTests(PlansTestCase):
    def test_anonymous_sees_the_plans_but_must_sign_in_to_choose(self):
        page = self.client.get(PLANS_URL)
        self.assertContains(page, "Premium")
        self.assertContains(page, "Sign up for Basic")
        self.assertContains(page, "/accounts/signup/?next=/account/plans/")
        self.assertNotContains(page, "data-plan-choose")
        self.assertIn("no-store", page["Cache-Control"])
        response = self.client.post(PLANS_URL, {"plan": "basic"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))
        self.assert_nothing_written()

    def test_page_is_private_and_no_store(self):
        self.client.force_login(self.user)
        response = self.client.get(PLANS_URL)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_lists_only_active_plans(self):
        make_plan("legacy", tier=1, name="Legacy Gold", is_active=False)
        self.client.force_login(self.user)
        response = self.client.get(PLANS_URL)
        self.assertContains(response, 'data-plan="basic"')
        self.assertContains(response, 'data-plan="premium"')
        self.assertContains(response, 'data-plan-choose="basic"')
        self.assertContains(response, "Choose Basic")
        self.assertNotContains(response, 'data-plan="legacy"')
        self.assertNotContains(response, "Legacy Gold")
        self.assertNotContains(response, 'value="legacy"')

    def test_inactive_plan_cannot_be_chosen(self):
        make_plan("legacy", tier=1, is_active=False)
        self.client.force_login(self.user)
        response = self.choose("legacy")
        self.assertEqual(response.status_code, 400)
        self.assertIn("plan", response.context["form"].errors)
        self.assertContains(response, "data-plan-error", status_code=400)
        self.assertContains(
            response, "That plan does not exist or is no longer offered.", status_code=400
        )
        self.assert_nothing_written()

    def test_shows_the_dev_billing_notice(self):
        self.client.force_login(self.user)
        response = self.client.get(PLANS_URL)
        self.assertFalse(checkout_provider().charges_money)
        self.assertContains(response, "data-billing-dev")
        self.assertContains(response, "no money is charged")
        self.assertContains(response, "nothing is charged")

    def test_verified_user_sees_no_verification_notice(self):
        self.client.force_login(self.user)
        response = self.client.get(PLANS_URL)
        self.assertNotContains(response, "data-needs-verification")
        self.assertNotContains(response, "Verify your e-mail")

    def test_unverified_user_sees_the_verification_notice(self):
        unverified = UserFactory(email="new@example.com")
        self.client.force_login(unverified)
        response = self.client.get(PLANS_URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-needs-verification")
        self.assertContains(response, "Verify your e-mail address before you subscribe")
        self.assertContains(response, "new@example.com")

    def test_subscriber_sees_current_plan_and_upgrade(self):
        self.client.force_login(self.user)
        self.choose("basic")
        response = self.client.get(PLANS_URL)
        self.assertContains(response, "You are on <strong>Basic</strong>", html=False)
        self.assertContains(response, "Your plan")
        self.assertContains(response, "Upgrade to Premium")
        self.assertNotContains(response, 'data-plan-choose="basic"')


class UnverifiedUserTests(PlansTestCase):
    def test_unverified_user_cannot_subscribe(self):
        unverified = UserFactory(email="new@example.com")
        self.client.force_login(unverified)
        response = self.choose("basic")
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Verify your e-mail address before you subscribe.",
            response.context["form"].non_field_errors(),
        )
        self.assertContains(response, "data-plan-error", status_code=400)
        self.assert_nothing_written()


class ChoosePlanTests(PlansTestCase):
    def test_choosing_basic_activates_it_at_once(self):
        self.client.force_login(self.user)
        before = timezone.now()
        response = self.choose("basic")
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)

        subscription = self.subscription()
        self.assertEqual(subscription.plan, self.basic)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(subscription.provider, "dev")
        self.assertFalse(subscription.cancel_at_period_end)
        self.assertIsNone(subscription.trial_ends_at)
        self.assert_near(subscription.current_period_end, before + datetime.timedelta(days=30))

        event = BillingEvent.objects.get()
        self.assertEqual(event.user, self.user)
        self.assertEqual(event.provider, "dev")
        self.assertEqual(event.type, "checkout.completed")
        self.assertEqual(event.amount, Decimal("5.00"))
        self.assertEqual(event.currency, "EUR")
        self.assertIn("not charged", event.description)
        self.assertIn("Basic", event.description)

    def test_home_shows_plan_message_and_billing_line(self):
        self.client.force_login(self.user)
        response = self.choose("basic", follow=True)
        self.assertEqual(response.redirect_chain, [(HOME_URL, 302)])
        self.assertContains(response, "You are subscribed to Basic. Enjoy watching!")
        self.assertContains(response, "data-account-plan")
        self.assertContains(response, "<strong>Basic</strong>", html=False)
        self.assertContains(response, 'data-subscription-status="active"')
        self.assertContains(response, "(development billing, not charged)")
        self.assertContains(response, "data-billing-history")
        event = BillingEvent.objects.get()
        self.assertContains(response, event.description)
        self.assertContains(response, "5.00 EUR")
        self.assertNotContains(response, "No plan yet")

    def test_yearly_plan_runs_365_days(self):
        make_plan("yearly", tier=1, price=Decimal("50.00"), interval=Plan.Interval.YEAR)
        self.client.force_login(self.user)
        before = timezone.now()
        response = self.choose("yearly")
        self.assertEqual(response.status_code, 302)
        subscription = self.subscription()
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assert_near(subscription.current_period_end, before + datetime.timedelta(days=365))
        event = BillingEvent.objects.get()
        self.assertEqual(event.amount, Decimal("50.00"))
        self.assertIn("yearly", event.description)


class TrialTests(PlansTestCase):
    def setUp(self):
        super().setUp()
        self.trial_plan = make_plan("trial", tier=1, name="Starter", trial_days=7)

    def test_trial_plan_starts_a_free_trial(self):
        self.client.force_login(self.user)
        before = timezone.now()
        response = self.choose("trial", follow=True)
        self.assertContains(response, "Your Starter trial has started.")

        subscription = self.subscription()
        self.assertEqual(subscription.status, S.TRIALING)
        self.assertEqual(subscription.provider, "dev")
        self.assert_near(subscription.trial_ends_at, before + datetime.timedelta(days=7))
        self.assertEqual(subscription.current_period_end, subscription.trial_ends_at)

        event = BillingEvent.objects.get()
        self.assertEqual(event.amount, Decimal("0"))
        self.assertIn("7-day trial", event.description)
        self.assertIn("not charged", event.description)

    def test_one_trial_per_person(self):
        self.client.force_login(self.user)
        self.choose("trial")
        first_trial_end = self.subscription().trial_ends_at
        Subscription.objects.filter(user=self.user).update(status=S.EXPIRED)

        before = timezone.now()
        response = self.choose("trial")
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)

        self.assertEqual(Subscription.objects.filter(user=self.user).count(), 1)
        subscription = self.subscription()
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(subscription.trial_ends_at, first_trial_end)
        self.assert_near(subscription.current_period_end, before + datetime.timedelta(days=30))
        second = BillingEvent.objects.filter(user=self.user).order_by("-pk").first()
        self.assertEqual(BillingEvent.objects.filter(user=self.user).count(), 2)
        self.assertEqual(second.amount, Decimal("5.00"))
        self.assertNotIn("trial", second.description)

    def test_trial_end_for(self):
        now = timezone.now()
        self.assertEqual(
            services.trial_end_for(plan=self.trial_plan, previous=None, now=now),
            now + datetime.timedelta(days=7),
        )
        self.assertIsNone(services.trial_end_for(plan=self.basic, previous=None, now=now))
        trialed = subscribe(self.user, self.basic, status=S.EXPIRED, trial_ends_at=now)
        self.assertIsNone(services.trial_end_for(plan=self.trial_plan, previous=trialed, now=now))


class ChangePlanTests(PlansTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.user)
        self.choose("basic")
        self.period_end = self.subscription().current_period_end

    def test_upgrade_then_downgrade(self):
        response = self.choose("premium", follow=True)
        self.assertContains(response, "Your plan is now Premium.")
        subscription = self.subscription()
        self.assertEqual(subscription.plan, self.premium)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(subscription.current_period_end, self.period_end)
        upgrade = BillingEvent.objects.order_by("-pk").first()
        self.assertEqual(upgrade.type, "subscription.plan_changed")
        self.assertEqual(upgrade.user, self.user)
        self.assertIn("Upgraded from Basic to Premium", upgrade.description)
        self.assertIn("not charged", upgrade.description)
        self.assertEqual(upgrade.amount, Decimal("9.00"))
        self.assertContains(response, upgrade.description)

        response = self.choose("basic")
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)
        subscription = self.subscription()
        self.assertEqual(subscription.plan, self.basic)
        self.assertEqual(subscription.current_period_end, self.period_end)
        downgrade = BillingEvent.objects.order_by("-pk").first()
        self.assertEqual(downgrade.type, "subscription.plan_changed")
        self.assertIn("Downgraded from Premium to Basic", downgrade.description)

        self.assertEqual(Subscription.objects.count(), 1)
        self.assertEqual(BillingEvent.objects.filter(user=self.user).count(), 3)

    def test_choosing_the_current_plan_again_is_refused(self):
        before = subscription_snapshot(self.user)
        response = self.choose("basic")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "already on", status_code=400)
        self.assertIn(
            "You are already on the Basic plan.", response.context["form"].non_field_errors()
        )
        self.assertEqual(subscription_snapshot(self.user), before)
        self.assertEqual(BillingEvent.objects.count(), 1)


class CancelResumeTests(PlansTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.user)
        self.choose("basic")

    def test_cancel_keeps_the_plan_until_the_period_ends(self):
        response = self.client.post(CANCEL_URL, follow=True)
        self.assertEqual(response.redirect_chain, [(HOME_URL, 302)])
        subscription = self.subscription()
        self.assertTrue(subscription.cancel_at_period_end)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertIsNotNone(subscription.canceled_at)
        end = timezone.localtime(subscription.current_period_end)
        self.assertContains(
            response, f"Your plan is canceled; you can watch until {end:%-d %B %Y}."
        )
        self.assertContains(response, f"Ends on {end:%-d %B %Y}.")
        self.assertContains(response, "Keep my plan")
        self.assertNotContains(response, "data-cancel-plan")
        line = BillingEvent.objects.order_by("-pk").first()
        self.assertEqual(line.type, "subscription.canceled")
        self.assertIn(f"runs until {end.date().isoformat()}", line.description)

    def test_cancel_needs_post(self):
        response = self.client.get(CANCEL_URL)
        self.assertEqual(response.status_code, 405)
        self.assertFalse(self.subscription().cancel_at_period_end)
        response = self.client.get(RESUME_URL)
        self.assertEqual(response.status_code, 405)

    def test_anonymous_cannot_cancel(self):
        self.client.logout()
        response = self.client.post(CANCEL_URL)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))
        self.assertFalse(self.subscription().cancel_at_period_end)

    def test_cancel_twice_is_an_error_and_changes_nothing(self):
        self.client.post(CANCEL_URL)
        before = subscription_snapshot(self.user)
        events = BillingEvent.objects.count()
        response = self.client.post(CANCEL_URL, follow=True)
        self.assertContains(response, "Your subscription is already set to end.")
        self.assertEqual(subscription_snapshot(self.user), before)
        self.assertEqual(BillingEvent.objects.count(), events)

    def test_resume_withdraws_the_cancellation(self):
        period_end = self.subscription().current_period_end
        self.client.post(CANCEL_URL)
        response = self.client.post(RESUME_URL, follow=True)
        self.assertEqual(response.redirect_chain, [(HOME_URL, 302)])
        self.assertContains(response, "Your Basic plan continues.")
        subscription = self.subscription()
        self.assertFalse(subscription.cancel_at_period_end)
        self.assertIsNone(subscription.canceled_at)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(subscription.current_period_end, period_end)
        line = BillingEvent.objects.order_by("-pk").first()
        self.assertEqual(line.type, "subscription.resumed")

    def test_resume_without_cancellation_is_an_error(self):
        before = subscription_snapshot(self.user)
        response = self.client.post(RESUME_URL, follow=True)
        self.assertContains(response, "Your subscription is not set to end.")
        self.assertEqual(subscription_snapshot(self.user), before)

    def test_choosing_the_same_plan_while_canceling_resumes_it(self):
        self.client.post(CANCEL_URL)
        response = self.client.get(PLANS_URL)
        self.assertContains(response, "Keep Basic")
        response = self.choose("basic", follow=True)
        self.assertEqual(response.redirect_chain, [(HOME_URL, 302)])
        self.assertContains(response, "Welcome back: your Basic plan continues.")
        subscription = self.subscription()
        self.assertFalse(subscription.cancel_at_period_end)
        self.assertEqual(subscription.status, S.ACTIVE)
        self.assertEqual(Subscription.objects.count(), 1)

    def test_cancel_without_an_end_expires_at_once(self):
        comp_user = verified_user(email="comp@example.com")
        staff = UserFactory(email="staff@example.com", is_staff=True)
        services.subscription_grant_comp(user=comp_user, plan=self.premium, granted_by=staff)
        self.assertIsNone(self.subscription(comp_user).current_period_end)

        self.client.force_login(comp_user)
        now = timezone.now()
        response = self.client.post(CANCEL_URL, follow=True)
        self.assertContains(response, "Your plan is canceled.")
        self.assertContains(response, "Your subscription has ended.")
        subscription = self.subscription(comp_user)
        self.assertEqual(subscription.status, S.EXPIRED)
        self.assertFalse(subscription.cancel_at_period_end)
        self.assert_near(subscription.current_period_end, now)
        self.assertFalse(subscription.is_running(timezone.now()))
        line = BillingEvent.objects.filter(user=comp_user).get()
        self.assertIn("ended at once", line.description)

    def test_nothing_to_cancel(self):
        other = verified_user(email="nobody@example.com")
        self.client.force_login(other)
        response = self.client.post(CANCEL_URL, follow=True)
        self.assertContains(response, "You have no subscription to cancel.")
        self.assertFalse(Subscription.objects.filter(user=other).exists())
        self.assertFalse(BillingEvent.objects.filter(user=other).exists())


class InvalidInputTests(PlansTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.user)

    def test_empty_plan_field(self):
        for data in ({"plan": ""}, {"plan": "", "other": "x"}):
            with self.subTest(data=data):
                response = self.client.post(PLANS_URL, data)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.context["form"].errors["plan"], ["Choose a plan."])
                self.assertContains(response, "Choose a plan.", status_code=400)
        self.assert_nothing_written()

    def test_post_without_any_data(self):
        # An empty body (e.g. a fetch() with the CSRF token in a header) must still be
        # answered with the form error, not the plain page.
        response = self.client.post(PLANS_URL, {})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.context["form"].errors["plan"], ["Choose a plan."])
        self.assert_nothing_written()

    def test_nonexistent_slug(self):
        for slug in ("nope", "' OR 1=1 --", "<script>"):
            with self.subTest(slug=slug):
                response = self.choose(slug)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(
                    response.context["form"].errors["plan"],
                    ["That plan does not exist or is no longer offered."],
                )
        self.assert_nothing_written()


class IsolationTests(PlansTestCase):
    def test_my_actions_never_touch_someone_elses_subscription(self):
        other = verified_user(email="other@example.com")
        subscribe(other, self.basic, provider="dev")
        BillingEvent.objects.create(
            provider="dev", event_id="other-1", type="x", user=other, description="Other's line"
        )
        before = subscription_snapshot(other)

        self.client.force_login(self.user)
        self.assertEqual(self.choose("basic").status_code, 302)
        self.assertEqual(self.choose("premium").status_code, 302)
        self.assertEqual(self.client.post(CANCEL_URL).status_code, 302)
        self.assertEqual(self.client.post(RESUME_URL).status_code, 302)
        self.assertEqual(self.client.post(CANCEL_URL).status_code, 302)

        self.assertEqual(subscription_snapshot(other), before)
        self.assertEqual(
            list(BillingEvent.objects.filter(user=other)),
            [BillingEvent.objects.get(event_id="other-1")],
        )
        mine = self.subscription()
        self.assertEqual(mine.plan, self.premium)
        self.assertTrue(mine.cancel_at_period_end)
        self.assertEqual(Subscription.objects.count(), 2)

        home = self.client.get(HOME_URL)
        self.assertNotContains(home, "Other&#x27;s line")
        self.assertNotContains(home, "Other's line")
        self.assertNotContains(home, "other@example.com")


class CsrfTests(PlansTestCase):
    def test_post_without_token_is_forbidden(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        for url, data in ((PLANS_URL, {"plan": "basic"}), (CANCEL_URL, {}), (RESUME_URL, {})):
            with self.subTest(url=url):
                response = client.post(url, data)
                self.assertEqual(response.status_code, 403)
        self.assert_nothing_written()

    def test_post_with_token_works(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        client.get(PLANS_URL)
        token = client.cookies["csrftoken"].value
        response = client.post(PLANS_URL, {"plan": "basic", "csrfmiddlewaretoken": token})
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)
        self.assertEqual(self.subscription().plan, self.basic)


class RepeatedChoiceTests(PlansTestCase):
    def test_choosing_twice_leaves_one_subscription(self):
        provider = checkout_provider()
        first = services.plan_choose(user=self.user, plan=self.basic, provider=provider)
        with self.assertRaises(services.SubscriptionError) as caught:
            services.plan_choose(user=self.user, plan=self.basic, provider=provider)
        self.assertIn("already on", caught.exception.message)
        self.assertEqual(Subscription.objects.filter(user=self.user).count(), 1)
        self.assertEqual(Subscription.objects.get(user=self.user).pk, first.pk)
        self.assertEqual(BillingEvent.objects.filter(user=self.user).count(), 1)

    def test_checkout_refused_for_unverified_and_inactive(self):
        provider = checkout_provider()
        unverified = UserFactory(email="new@example.com")
        with self.assertRaises(services.SubscriptionError):
            services.plan_choose(user=unverified, plan=self.basic, provider=provider)
        legacy = make_plan("legacy", is_active=False)
        with self.assertRaises(services.SubscriptionError) as caught:
            services.plan_choose(user=self.user, plan=legacy, provider=provider)
        self.assertEqual(caught.exception.message, "That plan is no longer offered.")
        self.assert_nothing_written()


class ProviderCanceledAndTrialTests(PlansTestCase):
    def test_a_provider_canceled_subscription_can_start_again(self):
        # A webhook ended it at the provider; paid-up time is left (status canceled).
        subscribe(self.user, self.basic, status=S.CANCELED, provider="stripe")
        self.client.force_login(self.user)
        page = self.client.get(PLANS_URL)
        self.assertContains(page, 'data-plan-choose="basic"')
        response = self.choose("basic")
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual((subscription.status, subscription.provider), (S.ACTIVE, "dev"))

    def test_changing_plan_during_a_trial_keeps_the_trial_and_charges_nothing(self):
        self.basic.trial_days = 7
        self.basic.save()
        self.client.force_login(self.user)
        self.choose("basic")
        self.choose("premium")
        subscription = Subscription.objects.get(user=self.user)
        self.assertEqual((subscription.status, subscription.plan), (S.TRIALING, self.premium))
        line = BillingEvent.objects.get(type="subscription.plan_changed")
        self.assertEqual(line.amount, 0)
        self.assertIn("trial continues", line.description)


class ProviderOwnershipTests(PlansTestCase):
    """Subscriptions a payment provider bills are changed there, not here."""

    def setUp(self):
        super().setUp()
        self.client.force_login(self.user)

    def test_a_stripe_subscription_is_not_canceled_resumed_or_changed_here(self):
        subscription = subscribe(self.user, self.basic, provider="stripe")
        before = subscription_snapshot(self.user)
        response = self.client.post(CANCEL_URL, follow=True)
        self.assertContains(response, "billed through Stripe")
        response = self.choose("premium")
        self.assertContains(response, "billed through Stripe", status_code=400)
        Subscription.objects.filter(pk=subscription.pk).update(cancel_at_period_end=True)
        response = self.client.post(RESUME_URL, follow=True)
        self.assertContains(response, "billed through Stripe")
        after = subscription_snapshot(self.user)
        self.assertEqual(
            {**before, "cancel_at_period_end": True, "updated_at": after["updated_at"]}, after
        )
        self.assertFalse(BillingEvent.objects.exists())
        home = self.client.get(HOME_URL)
        self.assertContains(home, "data-billed-elsewhere")
        self.assertNotContains(home, "data-cancel-plan")

    def test_choosing_a_paid_plan_over_a_complimentary_grant_checks_out(self):
        services.subscription_grant_comp(
            user=self.user, plan=self.basic, granted_by=None, period_end=None
        )
        self.choose("premium")
        subscription = self.subscription()
        self.assertEqual((subscription.plan, subscription.provider), (self.premium, "dev"))
        self.assertIsNotNone(subscription.current_period_end)
        self.assertTrue(BillingEvent.objects.filter(type="checkout.completed").exists())

    def test_changing_plan_withdraws_a_pending_cancellation(self):
        self.choose("basic")
        self.client.post(CANCEL_URL)
        self.choose("premium")
        subscription = self.subscription()
        self.assertEqual(subscription.plan, self.premium)
        self.assertFalse(subscription.cancel_at_period_end)
        self.assertIsNone(subscription.canceled_at)


EPISODE = "/shows/night-shift/season-1/the-call/#play"


class UpgradePathTests(PlansTestCase):
    """From a locked episode (the play API's upgrade_url) to the plan and back again."""

    def came_from(self, next_url=EPISODE, tier="2") -> str:
        return f"{PLANS_URL}?{urlencode({'next': next_url, 'tier': tier})}"

    def test_marks_the_plan_that_unlocks_the_episode(self):
        subscribe(self.user, self.basic)
        self.client.force_login(self.user)
        response = self.client.get(self.came_from())
        html = response.content.decode()
        premium = html[html.index('data-plan="premium"') :]
        basic = html[html.index('data-plan="basic"') : html.index('data-plan="premium"')]
        self.assertIn("data-unlocks", premium[: premium.index(">")])
        self.assertIn("Unlocks this episode", premium)
        self.assertNotIn("data-unlocks", basic)
        self.assertIn("Does not include this episode", basic)
        self.assertContains(response, "needs <strong>Premium</strong>")
        self.assertContains(response, f'href="{EPISODE}" data-back-to-episode')
        # The choice carries the episode and the tier along.
        self.assertContains(response, f'<input type="hidden" name="next" value="{EPISODE}">')
        self.assertContains(response, '<input type="hidden" name="tier" value="2">')

    def test_the_lowest_plan_at_the_tier_unlocks_it(self):
        make_plan("family", tier=3, price=Decimal("15.00"))
        self.client.force_login(self.user)
        for tier, unlocking in (("1", "basic"), ("2", "premium"), ("3", "family")):
            with self.subTest(tier=tier):
                response = self.client.get(self.came_from(tier=tier))
                self.assertEqual(response.context["required_tier"], int(tier))
                marked = [row["plan"].slug for row in response.context["plans"] if row["unlocks"]]
                self.assertEqual(marked, [unlocking])

    def test_choosing_the_plan_goes_back_to_the_episode(self):
        subscribe(self.user, self.basic)
        self.client.force_login(self.user)
        response = self.client.post(PLANS_URL, {"plan": "premium", "next": EPISODE, "tier": "2"})
        self.assertRedirects(response, EPISODE, fetch_redirect_response=False)
        self.assertEqual(self.subscription().plan, self.premium)
        # Nothing left to pop up, stale, on the next account page.
        self.assertNotContains(self.client.get(HOME_URL), 'class="messages"')

    def test_a_new_subscriber_goes_back_to_the_episode(self):
        self.client.force_login(self.user)
        response = self.client.post(PLANS_URL, {"plan": "basic", "next": EPISODE, "tier": "1"})
        self.assertRedirects(response, EPISODE, fetch_redirect_response=False)
        self.assertEqual(self.subscription().plan, self.basic)

    def test_a_next_off_this_site_is_refused(self):
        self.client.force_login(self.user)
        for bad in (
            "https://evil.example/",
            "//evil.example/shows/",
            "/\\evil.example",
            "javascript:alert(1)",
            "shows/relative/",
            "",
        ):
            with self.subTest(next=bad):
                page = self.client.get(self.came_from(next_url=bad))
                self.assertEqual(page.status_code, 200)
                self.assertIsNone(page.context["came_from"])
                self.assertNotContains(page, 'name="next"')
                self.assertNotContains(page, "evil.example")
                Subscription.objects.filter(user=self.user).delete()
                response = self.client.post(PLANS_URL, {"plan": "basic", "next": bad})
                self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)

    def test_a_bad_tier_is_ignored(self):
        self.client.force_login(self.user)
        for bad in ("0", "-1", "abc", "2.5", "99999999", "1e3", "٣"):
            with self.subTest(tier=bad):
                response = self.client.get(self.came_from(tier=bad))
                self.assertEqual(response.status_code, 200)
                self.assertIsNone(response.context["required_tier"])
                self.assertNotContains(response, "data-unlocks")
                self.assertNotContains(response, 'name="tier"')

    def test_a_plan_that_already_covers_it_says_so(self):
        subscribe(self.user, self.premium)
        self.client.force_login(self.user)
        response = self.client.get(self.came_from(tier="2"))
        self.assertTrue(response.context["covered"])
        self.assertContains(response, "Your plan already includes what you were about to watch.")
        self.assertContains(response, "data-back-to-episode")

    def test_signing_in_or_up_from_the_plans_page_keeps_the_episode(self):
        response = self.client.get(self.came_from())
        carried = quote(self.came_from(), safe="/")
        self.assertContains(response, f"/accounts/signup/?next={carried}")
        self.assertContains(response, f"/accounts/login/?next={carried}")
        self.assertContains(response, "data-unlocks")

    def test_signing_in_leaves_no_stale_message(self):
        self.user.set_password("Correct-horse-9")
        self.user.save()
        response = self.client.post(
            "/accounts/login/",
            {"login": self.user.email, "password": "Correct-horse-9", "next": self.came_from()},
        )
        self.assertRedirects(response, self.came_from(), fetch_redirect_response=False)
        page = self.client.get(self.came_from())
        self.assertNotContains(page, "Successfully signed in")
        self.assertNotContains(page, 'class="messages"')
        self.assertTrue(page.context["user"].is_authenticated)
        self.client.post("/accounts/logout/")
        self.client.force_login(self.user)
        self.assertNotContains(self.client.get(HOME_URL), "You have signed out")

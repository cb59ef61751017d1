"""The play API follows can_play for subscribers: a few rows of the entitlement matrix over HTTP.

Entitled viewers get past the entitlement check to "video not ready" (404), since these
episodes have no video; refusals carry the reason and an upgrade link.
"""

import datetime

from django.test import TestCase

from allauth.account.models import EmailAddress

from catalog.models import AccessLevel
from catalog.tests import factories
from mediasite.tests.factories import UserFactory
from subscriptions.models import Plan, Subscription

NOW = datetime.datetime.now(datetime.UTC)
DAY = datetime.timedelta(days=1)


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class PlayEntitlementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        cls.premium = factories.publish(
            factories.EpisodePageFactory(
                parent=season, number=1, access_level=AccessLevel.SUBSCRIBERS
            )
        )
        cls.upcoming = factories.publish(
            factories.EpisodePageFactory(
                parent=season,
                number=2,
                access_level=AccessLevel.SUBSCRIBERS,
                available_from=NOW + 3 * DAY,
            )
        )
        plan = Plan.objects.create(name="Basic", slug="basic", tier=1, price=5, currency="EUR")

        def member(status, period_end=NOW + 10 * DAY):
            user = verified(UserFactory())
            Subscription.objects.create(
                user=user, plan=plan, status=status, current_period_end=period_end
            )
            return user

        cls.active = member(Subscription.Status.ACTIVE)
        cls.canceled_in_period = member(Subscription.Status.CANCELED, NOW + DAY)
        cls.expired = member(Subscription.Status.EXPIRED, NOW - DAY)
        cls.past_due_late = member(Subscription.Status.PAST_DUE, NOW - 10 * DAY)
        cls.no_plan = verified(UserFactory())
        cls.unverified = UserFactory()

    def play(self, page, user=None):
        if user is not None:
            self.client.force_login(user)
        return self.client.post(f"/api/v1/play/{page.pk}", content_type="application/json")

    def assertRefused(self, response, status, reason, upgrade_url):
        self.assertEqual(response.status_code, status)
        body = response.json()
        self.assertEqual((body["reason"], body["upgrade_url"]), (reason, upgrade_url))
        self.assertNotIn("manifest_url", body)

    def assertEntitled(self, response):
        # Past the entitlement check: the episode simply has no video yet.
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("reason", response.json())

    def test_anonymous(self):
        self.assertRefused(self.play(self.premium), 401, "not_signed_in", "/accounts/login/")

    def test_unverified(self):
        response = self.play(self.premium, self.unverified)
        self.assertRefused(response, 403, "email_unverified", "/accounts/email/")

    def test_no_plan(self):
        self.assertRefused(self.play(self.premium, self.no_plan), 403, "no_plan", "/account/")

    def test_expired_and_past_grace(self):
        for user in (self.expired, self.past_due_late):
            with self.subTest(user=user):
                response = self.play(self.premium, user)
                self.assertRefused(response, 403, "subscription_expired", "/account/")

    def test_subscribers_play(self):
        for user in (self.active, self.canceled_in_period):
            with self.subTest(user=user):
                self.assertEntitled(self.play(self.premium, user))

    def test_not_yet_available_even_for_subscribers(self):
        response = self.play(self.upcoming, self.active)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["reason"], "not_yet_available")

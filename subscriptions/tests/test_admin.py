"""Subscriptions in the Wagtail admin: complimentary grants and who may see them."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse

from wagtail.models import ModelLogEntry

from mediasite.tests.factories import UserFactory
from subscriptions.models import Subscription
from subscriptions.tests.utils import make_plan, subscribe, verified_user


def url(name, *args):
    return reverse(f"wagtailsnippets_subscriptions_subscription:{name}", args=args)


class CompGrantTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
        cls.plan = make_plan("premium", tier=2)
        cls.viewer = verified_user()

    def test_grant_from_the_admin_is_comp_and_audited(self):
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(url("add")).status_code, 200)
        end = datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)
        response = self.client.post(
            url("add"),
            {
                "user": self.viewer.pk,
                "plan": self.plan.pk,
                "current_period_end": "2030-01-01 12:00",
            },
        )
        self.assertEqual(response.status_code, 302)
        subscription = Subscription.objects.get(user=self.viewer)
        self.assertEqual(subscription.provider, Subscription.Provider.COMP)
        self.assertEqual(subscription.status, Subscription.Status.ACTIVE)
        self.assertEqual(subscription.current_period_end.date(), end.date())
        entry = ModelLogEntry.objects.get(action="mediasite.comp_grant")
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.object_id, str(subscription.pk))
        self.assertEqual(entry.data["plan"], "premium")
        self.assertEqual(entry.message, "Granted a complimentary plan")

    def test_listing_and_plan_admin_render(self):
        subscribe(self.viewer, self.plan)
        self.client.force_login(self.admin)
        listing = self.client.get(url("list"))
        self.assertContains(listing, self.viewer.email)
        edit = self.client.get(url("edit", Subscription.objects.get().pk))
        self.assertEqual(edit.status_code, 200)
        plans = self.client.get(reverse("wagtailsnippets_subscriptions_plan:list"))
        self.assertContains(plans, "Premium")
        events = self.client.get(reverse("wagtailsnippets_subscriptions_billingevent:list"))
        self.assertEqual(events.status_code, 200)


class SubscriptionPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan()
        cls.subscriber = verified_user()
        cls.subscription = subscribe(cls.subscriber, cls.plan)
        group = Group.objects.create(name="Admin access only")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.staff = UserFactory(is_staff=True)
        cls.staff.groups.add(group)

    def test_staff_without_permission_cannot_see_subscriptions(self):
        self.client.force_login(self.staff)
        for response in (
            self.client.get(url("list")),
            self.client.get(url("edit", self.subscription.pk)),
            self.client.get(url("add")),
        ):
            self.assertIn(response.status_code, (302, 403))
            self.assertNotContains(
                response, self.subscriber.email, status_code=response.status_code
            )

    def test_a_subscriber_cannot_reach_the_admin(self):
        self.client.force_login(self.subscriber)
        response = self.client.get(url("edit", self.subscription.pk))
        self.assertEqual(response.status_code, 302)
        self.assertNotContains(response, self.subscriber.email, status_code=302)

"""The beat jobs: expiry (and development renewals) and the subscription e-mails, each once."""

import datetime
from unittest import mock

from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone

from subscriptions import notices, services, tasks
from subscriptions.models import BillingEvent, Subscription, SubscriptionNotice
from subscriptions.tests.utils import make_plan, subscribe, verified_user

S = Subscription.Status
DAY = datetime.timedelta(days=1)


@override_settings(SUBSCRIPTION_GRACE_DAYS=3)
class ExpiryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan("basic")
        cls.now = timezone.now()

    def member(self, status, period_end, provider="stripe", **extra):
        return subscribe(verified_user(), self.plan, status, period_end, provider=provider, **extra)

    def expire(self, now=None):
        return services.subscriptions_expire_due(now=now or self.now)

    def statuses(self, *subscriptions):
        return [Subscription.objects.get(pk=s.pk).status for s in subscriptions]

    def test_what_expires_and_what_does_not(self):
        keep = [
            self.member(S.ACTIVE, self.now + DAY),
            self.member(S.ACTIVE, self.now - DAY),  # renewal may still arrive (grace)
            self.member(S.PAST_DUE, self.now - 2 * DAY),  # in grace
            self.member(S.CANCELED, self.now + DAY),  # paid-up time left
            self.member(S.ACTIVE, self.now + DAY, cancel_at_period_end=True),
            subscribe(verified_user(), self.plan, S.ACTIVE, provider="comp", period_end=None),
        ]
        Subscription.objects.filter(pk=keep[-1].pk).update(current_period_end=None)
        lapse = [
            self.member(S.ACTIVE, self.now - 4 * DAY),  # never renewed, past grace
            self.member(S.TRIALING, self.now - 4 * DAY),
            self.member(S.PAST_DUE, self.now - 4 * DAY),
            self.member(S.CANCELED, self.now - DAY),  # no grace once canceled
            self.member(S.ACTIVE, self.now - DAY, cancel_at_period_end=True),
        ]
        self.assertEqual(self.expire(), len(lapse))
        self.assertEqual(self.statuses(*lapse), [S.EXPIRED] * len(lapse))
        self.assertEqual(self.statuses(*keep), [s.status for s in keep])
        self.assertFalse(Subscription.objects.get(pk=lapse[-1].pk).cancel_at_period_end)

    def test_past_due_and_set_to_cancel_expires_after_grace(self):
        lapsed = self.member(S.PAST_DUE, self.now - 4 * DAY, cancel_at_period_end=True)
        in_grace = self.member(S.PAST_DUE, self.now - DAY, cancel_at_period_end=True)
        self.assertEqual(self.expire(), 1)
        self.assertEqual(self.statuses(lapsed, in_grace), [S.EXPIRED, S.PAST_DUE])
        self.assertFalse(in_grace.is_running(self.now + 3 * DAY))

    def test_running_it_again_changes_nothing(self):
        self.member(S.PAST_DUE, self.now - 10 * DAY)
        self.assertEqual(self.expire(), 1)
        before = list(Subscription.objects.values())
        self.assertEqual(self.expire(), 0)
        self.assertEqual(list(Subscription.objects.values()), before)

    def test_development_subscriptions_renew_instead_of_lapsing(self):
        renewing = self.member(S.ACTIVE, self.now - 40 * DAY, provider="dev")
        trial = self.member(
            S.TRIALING, self.now - DAY, provider="dev", trial_ends_at=self.now - DAY
        )
        ending = self.member(S.ACTIVE, self.now - DAY, provider="dev", cancel_at_period_end=True)
        self.assertEqual(self.expire(), 1)
        renewing.refresh_from_db()
        trial.refresh_from_db()
        self.assertEqual(renewing.status, S.ACTIVE)
        self.assertGreater(renewing.current_period_end, self.now)
        self.assertLessEqual(renewing.current_period_end, self.now + 30 * DAY)
        self.assertEqual(trial.status, S.ACTIVE)  # the trial turned into a period
        self.assertEqual(self.statuses(ending), [S.EXPIRED])
        lines = BillingEvent.objects.filter(type="invoice.paid", provider="dev")
        self.assertEqual(lines.count(), 2)
        self.assertTrue(all("not charged" in line.description for line in lines))
        # Renewed periods are in the future, so the next run renews nothing.
        self.assertEqual(self.expire(), 0)
        self.assertEqual(lines.count(), 2)

    def test_the_celery_task_runs_the_service(self):
        self.member(S.CANCELED, timezone.now() - DAY)
        self.assertEqual(tasks.expire_subscriptions.delay().get(), 1)


@override_settings(TRIAL_REMINDER_DAYS=3, SUBSCRIPTION_GRACE_DAYS=3)
class NoticeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan("basic", trial_days=14)
        cls.now = timezone.now()

    def member(self, status, **extra):
        user = verified_user()
        return subscribe(user, self.plan, status, self.now + 2 * DAY, **extra)

    def test_trial_ending_is_sent_once(self):
        soon = self.member(S.TRIALING, trial_ends_at=self.now + 2 * DAY)
        self.member(S.TRIALING, trial_ends_at=self.now + 10 * DAY)  # not yet
        self.member(S.TRIALING, trial_ends_at=self.now + DAY, cancel_at_period_end=True)
        self.assertEqual(notices.send_due_notices(now=self.now), 1)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [soon.user.email])
        self.assertIn("trial ends", message.subject)
        self.assertIn("/account/", message.body)
        self.assertEqual(notices.send_due_notices(now=self.now), 0)
        self.assertEqual(len(mail.outbox), 1)

    def test_payment_failed_once_per_unpaid_period(self):
        subscription = self.member(S.PAST_DUE)
        self.assertEqual(tasks.send_subscription_notices.delay().get(), 1)
        self.assertEqual(tasks.send_subscription_notices.delay().get(), 0)
        self.assertIn("payment", mail.outbox[0].subject)
        # A later period that fails again is a new occasion.
        subscription.current_period_end += 30 * DAY
        subscription.save()
        self.assertEqual(notices.send_due_notices(now=self.now), 1)
        self.assertEqual(
            SubscriptionNotice.objects.filter(kind=SubscriptionNotice.Kind.PAYMENT_FAILED).count(),
            2,
        )

    def test_expired_subscription_gets_a_goodbye(self):
        self.member(S.EXPIRED)
        self.assertEqual(notices.send_due_notices(now=self.now), 1)
        self.assertIn("ended", mail.outbox[0].subject)
        self.assertIn("/account/plans/", mail.outbox[0].body)

    def test_deleted_accounts_get_no_mail(self):
        subscription = self.member(S.PAST_DUE)
        subscription.user.is_active = False
        subscription.user.save()
        self.assertEqual(notices.send_due_notices(now=self.now), 0)
        self.assertEqual(mail.outbox, [])

    def test_a_notice_already_recorded_is_not_sent_again(self):
        # What a second worker finds when the first one has sent (or is sending) it.
        subscription = self.member(S.PAST_DUE)
        kind = SubscriptionNotice.Kind.PAYMENT_FAILED
        key = subscription.current_period_end.isoformat()
        SubscriptionNotice.objects.create(subscription=subscription, kind=kind, key=key)
        self.assertFalse(notices.notice_send_once(kind=kind, subscription=subscription, key=key))
        self.assertEqual(notices.send_due_notices(now=self.now), 0)
        self.assertEqual(mail.outbox, [])

    def test_one_unreachable_address_does_not_hold_up_the_others(self):
        bad = self.member(S.PAST_DUE)
        good = self.member(S.PAST_DUE)
        real_send = notices.send_mail

        def send(subject, body, sender, to):
            if to == [bad.user.email]:
                raise ConnectionError("refused")
            return real_send(subject, body, sender, to)

        with mock.patch.object(notices, "send_mail", side_effect=send):
            for _ in range(2):
                with self.assertRaises(ConnectionError):
                    notices.send_due_notices(now=self.now)
        self.assertEqual([m.to for m in mail.outbox], [[good.user.email]])

    def test_a_failed_send_is_retried_next_time(self):
        self.member(S.PAST_DUE)
        down = mock.patch.object(notices, "send_mail", side_effect=ConnectionError("smtp down"))
        with down, self.assertRaises(ConnectionError):
            notices.send_due_notices(now=self.now)
        self.assertFalse(SubscriptionNotice.objects.exists())
        self.assertEqual(notices.send_due_notices(now=self.now), 1)
        self.assertEqual(len(mail.outbox), 1)


class BillingSettingsCheckTests(TestCase):
    def test_unknown_provider_is_a_system_check_error(self):
        from subscriptions.checks import billing_provider_check

        self.assertEqual(billing_provider_check(None), [])
        with override_settings(BILLING_PROVIDER="paypal"):
            errors = billing_provider_check(None)
        self.assertEqual([error.id for error in errors], ["subscriptions.E001"])

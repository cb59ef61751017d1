"""Two workers sending the same alerts at once (a redelivered task, two beat runs): one
e-mail. Real PostgreSQL, two threads with their own connections; a slow mail server
widens the window in which both are inside the send."""

import datetime
import threading
import time

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from catalog.tests import factories
from engagement.models import AlertFrequency, AlertPreference, EpisodeAlert, WatchlistItem
from engagement.profiles import ensure_main_profile
from engagement.services import alerts
from mediasite.tests.factories import UserFactory
from mediasite.tests.threads import ThreadsTestCase


class SlowBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(0.5)
        return super().send_messages(messages)


def run_twice_at_once(work) -> list:
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - the test asserts none happened
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@override_settings(EMAIL_BACKEND="engagement.tests.test_alerts_concurrency.SlowBackend")
class ConcurrentAlertTests(ThreadsTestCase):
    def setUp(self):
        super().setUp()
        self.assertEqual(connection.vendor, "postgresql")
        show = factories.publish(factories.ShowPageFactory())
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        self.user = UserFactory()
        self.profile = ensure_main_profile(self.user)
        item = WatchlistItem.objects.create(profile=self.profile, page=show)
        earlier = timezone.now() - datetime.timedelta(days=1)
        WatchlistItem.objects.filter(pk=item.pk).update(added_at=earlier)
        mail.outbox = []

    def test_two_beat_runs_at_once_send_one_mail(self):
        results = run_twice_at_once(alerts.due_alerts_send)
        self.assertEqual(sorted(results), [0, 1])
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(EpisodeAlert.objects.filter(user=self.user).count(), 1)

    def test_two_digest_runs_at_once_send_one_digest(self):
        AlertPreference.objects.create(profile=self.profile, frequency=AlertFrequency.DAILY)
        alerts.due_alerts_send()
        self.assertEqual(mail.outbox, [])
        results = run_twice_at_once(alerts.digests_send)
        self.assertEqual(sorted(results), [0, 1])
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(EpisodeAlert.objects.get().status, EpisodeAlert.Status.SENT)

"""New-episode alerts: immediate and digest, idempotency, availability timing, unsubscribe."""

import datetime
import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from celery.exceptions import Retry

from catalog.site_root import site_root_url
from catalog.tests import factories
from engagement.models import AlertFrequency, AlertPreference, EpisodeAlert, Profile, WatchlistItem
from engagement.profiles import SESSION_KEY, ensure_main_profile
from engagement.services import alerts
from engagement.tasks import send_alert_digests, send_due_episode_alerts, send_episode_alerts
from mediasite.tests.a11y import html_errors, missing_references, needs_vnu
from mediasite.tests.factories import UserFactory

HOUR = datetime.timedelta(hours=1)


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the server went away")


FAILING = override_settings(EMAIL_BACKEND="engagement.tests.test_alerts.FailingBackend")


class AlertCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Lighthouse"))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.other_show = factories.publish(factories.ShowPageFactory(title="Elsewhere"))

    def setUp(self):
        self.user = UserFactory(display_name="Rita Viewer")
        self.profile = ensure_main_profile(self.user)
        self.list_show(self.profile)

    def list_show(self, profile, show=None, *, added_at=None):
        item = WatchlistItem.objects.create(profile=profile, page=show or self.show)
        if added_at is not None:
            WatchlistItem.objects.filter(pk=item.pk).update(added_at=added_at)
        return item

    def publish_episode(self, number=1, **fields):
        """Publish an episode as an editor does; the publish signal's task runs on commit."""
        with self.captureOnCommitCallbacks(execute=True):
            return factories.publish(
                factories.EpisodePageFactory(parent=self.season, number=number, **fields)
            )

    def set_frequency(self, profile, frequency):
        AlertPreference.objects.update_or_create(profile=profile, defaults={"frequency": frequency})

    def second_profile(self, name="Sam", **fields):
        return Profile.objects.create(user=self.user, name=name, **fields)


class ImmediateAlertTests(AlertCase):
    def test_publishing_an_episode_mails_the_account_at_once(self):
        episode = self.publish_episode(title="The Storm")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.user.email])
        self.assertEqual(message.subject, "New episode of Lighthouse: The Storm")
        self.assertIn(site_root_url() + episode.url, message.body)
        self.assertIn("Lighthouse · S1 E1 · The Storm", message.body)
        alert = EpisodeAlert.objects.get(user=self.user, episode=episode)
        self.assertEqual(alert.status, EpisodeAlert.Status.SENT)
        self.assertIsNotNone(alert.sent_at)

    def test_accounts_that_did_not_list_the_show_hear_nothing(self):
        other = UserFactory()
        self.list_show(ensure_main_profile(other), self.other_show)
        self.publish_episode()
        self.assertEqual([m.to for m in mail.outbox], [[self.user.email]])

    def test_running_the_task_and_the_beat_again_sends_nothing_more(self):
        episode = self.publish_episode()
        send_episode_alerts.delay(episode_id=episode.pk)
        send_due_episode_alerts.delay()
        alerts.due_alerts_send()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(EpisodeAlert.objects.filter(user=self.user).count(), 1)

    def test_republishing_an_edited_episode_sends_nothing_more(self):
        episode = self.publish_episode()
        episode.title = "The Storm (revised)"
        with self.captureOnCommitCallbacks(execute=True):
            episode.save_revision().publish()
        self.assertEqual(len(mail.outbox), 1)

    def test_a_failed_send_leaves_no_row_and_the_retry_sends_once(self):
        with FAILING, self.assertRaises((smtplib.SMTPException, Retry)):  # the task retries
            self.publish_episode()
        self.assertFalse(EpisodeAlert.objects.exists())
        self.assertEqual(send_due_episode_alerts.delay().get(), 1)
        self.assertEqual(send_due_episode_alerts.delay().get(), 0)
        self.assertEqual(len(mail.outbox), 1)

    def test_several_profiles_listing_the_show_get_one_mail(self):
        self.list_show(self.second_profile())
        self.publish_episode()
        self.assertEqual(len(mail.outbox), 1)

    def test_episodes_out_together_come_in_one_mail(self):
        now = timezone.now()
        later = now + HOUR
        self.publish_episode(1, available_from=later)
        self.publish_episode(2, available_from=later)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(alerts.due_alerts_send(now=later + HOUR), 1)
        self.assertEqual(mail.outbox[0].subject, "2 new episodes from your list")

    def test_a_kids_profile_above_its_ceiling_does_not_count(self):
        WatchlistItem.objects.all().delete()
        kids = self.second_profile("Kids", is_kids=True, maturity_ceiling="TV-PG")
        self.list_show(kids)  # the show is TV-14 (the factory's default)
        self.publish_episode()
        self.assertEqual(mail.outbox, [])

    def test_inactive_accounts_hear_nothing(self):
        self.user.is_active = False
        self.user.save()
        self.publish_episode()
        self.assertEqual(mail.outbox, [])


class AvailabilityTimingTests(AlertCase):
    def test_published_before_available_from_mails_once_when_it_passes(self):
        start = timezone.now() + 2 * HOUR
        episode = self.publish_episode(available_from=start)
        self.assertEqual(mail.outbox, [])  # published, not playable yet
        self.assertEqual(alerts.due_alerts_send(now=start - HOUR), 0)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(alerts.due_alerts_send(now=start + datetime.timedelta(minutes=10)), 1)
        self.assertEqual(alerts.due_alerts_send(now=start + HOUR), 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertTrue(EpisodeAlert.objects.filter(episode=episode).exists())

    def test_episodes_out_long_ago_do_not_alert_when_the_show_is_listed_later(self):
        WatchlistItem.objects.all().delete()
        episode = self.publish_episode()
        old = timezone.now() - datetime.timedelta(days=30)
        type(episode).objects.filter(pk=episode.pk).update(first_published_at=old)
        self.list_show(self.profile)
        alerts.due_alerts_send()
        send_episode_alerts.delay(episode_id=episode.pk)
        self.assertEqual(mail.outbox, [])

    def test_listing_the_show_after_the_episode_came_out_does_not_alert(self):
        WatchlistItem.objects.all().delete()
        self.publish_episode()
        self.list_show(self.profile)
        alerts.due_alerts_send(now=timezone.now() + HOUR)
        self.assertEqual(mail.outbox, [])

    def test_the_beat_looks_back_a_bounded_window(self):
        with self.captureOnCommitCallbacks(execute=False):  # the publish task never ran
            episode = factories.publish(factories.EpisodePageFactory(parent=self.season, number=1))
        WatchlistItem.objects.update(added_at=timezone.now() - 30 * 24 * HOUR)
        became = episode.first_published_at
        self.assertEqual(alerts.due_alerts_send(now=became + alerts.lookback() + HOUR), 0)
        self.assertEqual(alerts.due_alerts_send(now=became + alerts.lookback() - HOUR), 1)

    def test_an_unpublished_episode_does_not_alert(self):
        start = timezone.now() + HOUR
        episode = self.publish_episode(available_from=start)
        episode.unpublish()
        self.assertEqual(alerts.due_alerts_send(now=start + HOUR), 0)


class DigestTests(AlertCase):
    def test_daily_profiles_get_one_digest_with_every_queued_episode(self):
        self.set_frequency(self.profile, AlertFrequency.DAILY)
        self.publish_episode(1, title="One")
        self.publish_episode(2, title="Two")
        self.assertEqual(mail.outbox, [])
        self.assertEqual(
            list(EpisodeAlert.objects.values_list("status", flat=True)),
            [EpisodeAlert.Status.QUEUED] * 2,
        )
        self.assertEqual(send_alert_digests.delay().get(), 1)
        self.assertEqual(send_alert_digests.delay().get(), 0)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Your daily new-episode digest: 2 episodes")
        self.assertLess(message.body.index("S1 E1 · One"), message.body.index("S1 E2 · Two"))
        self.assertIn("List-Unsubscribe", message.extra_headers)
        self.assertFalse(EpisodeAlert.objects.exclude(status=EpisodeAlert.Status.SENT).exists())

    def test_a_failed_digest_stays_queued_and_goes_out_on_the_retry(self):
        self.set_frequency(self.profile, AlertFrequency.DAILY)
        self.publish_episode()
        with FAILING, self.assertRaises(smtplib.SMTPException):
            alerts.digests_send()
        self.assertEqual(EpisodeAlert.objects.get().status, EpisodeAlert.Status.QUEUED)
        self.assertEqual(alerts.digests_send(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_immediate_wins_over_daily_across_profiles(self):
        self.set_frequency(self.profile, AlertFrequency.DAILY)
        self.list_show(self.second_profile())  # immediate by default
        self.publish_episode()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(alerts.digests_send(), 0)

    def test_queued_lines_for_episodes_taken_down_are_dropped(self):
        self.set_frequency(self.profile, AlertFrequency.DAILY)
        episode = self.publish_episode()
        episode.unpublish()
        self.assertEqual(alerts.digests_send(), 0)
        self.assertEqual(EpisodeAlert.objects.get().status, EpisodeAlert.Status.SKIPPED)


class PreferenceOffTests(AlertCase):
    def test_off_sends_nothing_now_or_in_the_digest(self):
        self.set_frequency(self.profile, AlertFrequency.OFF)
        self.publish_episode()
        alerts.digests_send()
        self.assertEqual(mail.outbox, [])
        self.assertEqual(EpisodeAlert.objects.get().status, EpisodeAlert.Status.SKIPPED)

    def test_turning_alerts_back_on_does_not_resend_skipped_episodes(self):
        self.set_frequency(self.profile, AlertFrequency.OFF)
        self.publish_episode()
        self.set_frequency(self.profile, AlertFrequency.IMMEDIATE)
        alerts.due_alerts_send()
        self.assertEqual(mail.outbox, [])


class UnsubscribeTests(AlertCase):
    def setUp(self):
        super().setUp()
        self.publish_episode()
        self.message = mail.outbox[0]
        self.url = alerts.unsubscribe_url(self.user)
        self.path = self.url.removeprefix(site_root_url())

    def test_every_alert_carries_the_one_click_headers_and_link(self):
        headers = self.message.extra_headers
        self.assertEqual(headers["List-Unsubscribe"], f"<{self.url}>")
        self.assertEqual(headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertIn(self.url, self.message.body)
        self.assertTrue(self.url.startswith(site_root_url() + "/account/alerts/unsubscribe/"))
        self.assertIn(
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click", str(self.message.message())
        )

    def test_get_asks_for_confirmation_and_changes_nothing(self):
        response = self.client.get(self.path)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-unsubscribe")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertFalse(AlertPreference.objects.filter(frequency=AlertFrequency.OFF).exists())

    def test_one_click_post_without_csrf_or_sign_in_unsubscribes_every_profile(self):
        second = self.second_profile()
        self.set_frequency(second, AlertFrequency.DAILY)
        EpisodeAlert.objects.create(
            user=self.user, episode=factories.publish(
                factories.EpisodePageFactory(parent=self.season, number=9)
            ),
        )  # fmt: skip
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.path, {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-unsubscribed")
        frequencies = AlertPreference.objects.filter(profile__user=self.user)
        self.assertEqual(
            sorted(frequencies.values_list("frequency", flat=True)), [AlertFrequency.OFF] * 2
        )
        self.assertFalse(EpisodeAlert.objects.filter(status=EpisodeAlert.Status.QUEUED).exists())
        self.assertEqual(client.post(self.path).status_code, 200)  # twice is fine

    def test_other_posts_under_account_still_need_csrf(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        self.assertEqual(client.post("/account/alerts/").status_code, 403)

    def test_a_tampered_link_is_a_400_page(self):
        for bad in (self.path[:-3] + "xyz/", "/account/alerts/unsubscribe/nonsense/"):
            response = self.client.post(bad)
            self.assertEqual(response.status_code, 400)
            self.assertContains(response, "not valid", status_code=400)
        self.assertEqual(self.client.get(bad).status_code, 400)
        self.assertFalse(AlertPreference.objects.filter(frequency=AlertFrequency.OFF).exists())

    @override_settings(EPISODE_ALERT_UNSUBSCRIBE_MAX_AGE=-1)
    def test_an_expired_link_is_a_400_page(self):
        response = self.client.post(self.path)
        self.assertContains(response, "too old", status_code=400)

    def test_a_link_signed_with_another_salt_is_refused(self):
        from django.core import signing

        forged = signing.dumps({"u": self.user.pk}, salt="something-else", compress=True)
        response = self.client.post(f"/account/alerts/unsubscribe/{forged}/")
        self.assertEqual(response.status_code, 400)


class AlertsPageTests(AlertCase):
    def test_sign_in_is_needed(self):
        response = self.client.get("/account/alerts/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_lists_each_profile_and_the_recent_alerts(self):
        self.second_profile("Sam <b>")
        self.publish_episode(title="The Storm")
        self.client.force_login(self.user)
        response = self.client.get("/account/alerts/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, 'href="/account/alerts/"')  # the menu entry
        self.assertContains(response, "Sam &lt;b&gt;")
        self.assertContains(response, "Lighthouse · S1 E1 · The Storm")
        self.assertContains(response, 'data-alert-status="sent"')

    def test_saving_a_frequency_per_profile(self):
        second = self.second_profile()
        self.client.force_login(self.user)
        response = self.client.post(
            "/account/alerts/",
            {f"frequency-{self.profile.pk}": "daily", f"frequency-{second.pk}": "off"},
        )
        self.assertRedirects(response, "/account/alerts/")
        self.assertEqual(self.profile.alert_preference.frequency, "daily")
        self.assertEqual(AlertPreference.objects.get(profile=second).frequency, "off")

    def test_an_unknown_frequency_changes_nothing(self):
        self.client.force_login(self.user)
        self.client.post("/account/alerts/", {f"frequency-{self.profile.pk}": "hourly"})
        self.assertFalse(AlertPreference.objects.exists())

    def test_other_accounts_profiles_are_not_touched(self):
        other = ensure_main_profile(UserFactory())
        self.client.force_login(self.user)
        self.client.post("/account/alerts/", {f"frequency-{other.pk}": "off"})
        self.assertFalse(AlertPreference.objects.filter(profile=other).exists())

    def test_a_kids_profile_cannot_change_alerts(self):
        kids = self.second_profile("Kids", is_kids=True, maturity_ceiling="TV-PG")
        self.client.force_login(self.user)
        session = self.client.session
        session[SESSION_KEY] = kids.pk
        session.save()
        self.client.post("/account/alerts/", {f"frequency-{self.profile.pk}": "off"})
        self.assertFalse(AlertPreference.objects.exists())


@needs_vnu
class AlertPagesHTMLTests(AlertCase):
    def test_the_alert_pages_are_valid_html(self):
        self.publish_episode()
        self.second_profile()
        path = alerts.unsubscribe_url(self.user).removeprefix(site_root_url())
        self.client.force_login(self.user)
        documents = {
            "alerts": self.client.get("/account/alerts/").content.decode(),
            "unsubscribe": self.client.get(path).content.decode(),
            "bad link": self.client.get("/account/alerts/unsubscribe/x/").content.decode(),
            "unsubscribed": self.client.post(path).content.decode(),
        }
        errors = html_errors(documents)
        for name, html in documents.items():
            errors[name] += missing_references(html)
        problems = [f"{name}: {error}" for name, found in errors.items() for error in found]
        self.assertEqual(problems, [], "\n".join(problems))

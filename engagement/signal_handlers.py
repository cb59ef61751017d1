"""Every new account gets its main profile at once (named after the account); a published
episode sends its new-episode alerts once the publish commits."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from engagement.profiles import ensure_main_profile
from mediasite import queueing


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="engagement-main-profile")
def create_main_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_main_profile(instance)


@receiver(page_published, dispatch_uid="engagement-episode-alerts")
def alert_on_publish(sender, instance, **kwargs):
    """After an episode's publish commits, alert the accounts that listed its show."""
    from catalog.models import EpisodePage
    from engagement.tasks import send_episode_alerts

    if isinstance(instance.specific_deferred, EpisodePage):
        episode_id = instance.pk
        # Without a broker, send_due_episode_alerts (beat) catches the episode up.
        queueing.send_on_commit(send_episode_alerts, kwargs={"episode_id": episode_id})

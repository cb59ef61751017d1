"""New-episode alerts: each profile's preference and one row per account and episode."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as an episode is out")
    DAILY = "daily", _("A daily digest")
    OFF = "off", _("Never")


class AlertPreference(models.Model):
    profile = models.OneToOneField(
        "engagement.Profile", on_delete=models.CASCADE, related_name="alert_preference"
    )
    frequency = models.CharField(
        max_length=16, choices=AlertFrequency.choices, default=AlertFrequency.IMMEDIATE
    )

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.frequency}"


class EpisodeAlert(models.Model):
    """That ``user`` was (or is to be, in a digest) told about ``episode``.

    The unique row is the idempotency key: it is written in the same transaction as the
    send, so a retried task or a second beat run never sends twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the daily digest")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (unsubscribed)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="episode_alerts"
    )
    episode = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "episode"], name="alert_once_per_episode"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="alert_newest")]

    def __str__(self) -> str:
        return f"alert {self.user_id}/{self.episode_id} ({self.status})"

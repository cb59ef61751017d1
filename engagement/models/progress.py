"""Where a profile stopped in each episode: resume points, watched marks and history."""

from django.db import models
from django.db.models import Q


class ViewingProgress(models.Model):
    """One row per profile and episode: the last position, whether it counts as watched,
    and when it was last watched (the viewing history is these rows, newest first).

    ``dismissed`` takes it off the "Continue watching" rail without forgetting it.
    """

    profile = models.ForeignKey(
        "engagement.Profile", on_delete=models.CASCADE, related_name="progress"
    )
    episode = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    position = models.FloatField(default=0)
    duration = models.FloatField(null=True, blank=True)
    watched = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    last_watched_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "viewing progress"
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "episode"], name="progress_once_per_episode"
            ),
            models.CheckConstraint(condition=Q(position__gte=0), name="progress_position_positive"),
        ]
        indexes = [
            models.Index(fields=["profile", "-last_watched_at"], name="progress_history"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} at {self.position:.0f}s of {self.episode_id}"

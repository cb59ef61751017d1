"""Moderation: reports, claims and notes on queue items, actions, restrictions, notices, appeals.

A queue item is a *target*: ``(target_type, target_id)`` — a review, an account or an
episode (reports point at it), or a review waiting for approval, or an appeal. Claims and
internal notes attach to the target, so every report on it shares them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_NOTE_LENGTH = 1000


class TargetType(models.TextChoices):
    REVIEW = "review", _("Review")
    USER = "user", _("Account")
    EPISODE = "episode", _("Episode problem")
    APPEAL = "appeal", _("Appeal")


REPORTABLE = (TargetType.REVIEW, TargetType.USER, TargetType.EPISODE)


class ReportReason(models.TextChoices):
    # Reviews and accounts (moderators).
    SPAM = "spam", _("Spam")
    HARASSMENT = "harassment", _("Harassment or hate")
    SPOILERS = "spoilers", _("Spoilers not marked")
    SEXUAL = "sexual", _("Sexual content")
    IMPERSONATION = "impersonation", _("Impersonation")
    # Episodes (editors).
    WONT_PLAY = "wont_play", _("Won't play")
    SUBTITLES = "subtitles", _("Subtitles wrong or missing")
    AUDIO_SYNC = "audio_sync", _("Audio out of sync")
    WRONG_INFO = "wrong_info", _("Wrong information")
    OTHER = "other", _("Other")


CONDUCT_REASONS = frozenset({"spam", "harassment", "spoilers", "sexual", "impersonation", "other"})
EPISODE_REASONS = frozenset({"wont_play", "subtitles", "audio_sync", "wrong_info", "other"})


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved (action taken)")
    DISMISSED = "dismissed", _("Dismissed (no violation)")


class Report(models.Model):
    """One reporter's report on one target; at most one open per reporter and target."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.TextField(max_length=MAX_NOTE_LENGTH, blank=True)
    position = models.FloatField(null=True, blank=True, help_text="Playback position (s).")
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "engagement.ModerationAction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=Q(status="open"),
                name="report_one_open_per_reporter_target",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "target_type", "target_id"], name="report_queue"),
        ]
        permissions = [
            ("moderate_conduct", "Can moderate reviews and accounts"),
            ("handle_episode_reports", "Can handle episode problem reports"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on {self.target_type} {self.target_id} ({self.status})"


class ModerationClaim(models.Model):
    """Who has taken a queue item (one claim per target)."""

    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.PositiveIntegerField()
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    claimed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="claim_once"),
        ]

    def __str__(self) -> str:
        return f"{self.target_type} {self.target_id} claimed by {self.claimed_by_id}"


class ModerationNote(models.Model):
    """An internal note on a queue item, for the moderators only."""

    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=MAX_NOTE_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"], name="note_target")]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Note on {self.target_type} {self.target_id}"


class ModerationAction(models.Model):
    """One action a moderator or editor took; mirrored in Wagtail's audit log (``log()``).

    ``subject`` is the account the action is about (the review's author, the account
    reported), who is told and may appeal once.
    """

    action = models.CharField(max_length=32)
    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.PositiveIntegerField()
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    reason = models.TextField(max_length=MAX_NOTE_LENGTH, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="action_target"),
            models.Index(fields=["-created_at"], name="action_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.target_type} {self.target_id}"


class RestrictionKind(models.TextChoices):
    SUSPENSION = "suspension", _("Suspension")
    BAN = "ban", _("Ban")


class AccountRestrictionQuerySet(models.QuerySet):
    def in_force(self, now):
        return self.filter(lifted_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )


class AccountRestriction(models.Model):
    """A suspension (no writes until ``ends_at``) or a ban (no sign-in; ``ends_at`` empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restrictions"
    )
    kind = models.CharField(max_length=16, choices=RestrictionKind.choices)
    reason = models.TextField(max_length=MAX_NOTE_LENGTH, blank=True)
    starts_at = models.DateTimeField(auto_now_add=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    action = models.ForeignKey(
        ModerationAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AccountRestrictionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "lifted_at"], name="restriction_user")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id}"


class Notice(models.Model):
    """A message in the account area (``/account/notices/``), also sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_notices"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    action = models.ForeignKey(
        ModerationAction, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    appealable = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld (the action stands)")
    GRANTED = "granted", _("Granted (the action was reversed)")


class Appeal(models.Model):
    """The subject's one appeal against one action; open appeals are in the queue."""

    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE, related_name="appeal")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=MAX_NOTE_LENGTH)
    status = models.CharField(
        max_length=16, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.status})"


class BlockedTerm(models.Model):
    """A word or phrase that holds a new or edited review for approval (edited by moderators
    at /admin/moderation/terms/). Matched case-insensitively on word boundaries."""

    term = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

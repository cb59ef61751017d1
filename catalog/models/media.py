"""Video assets: uploaded sources and the adaptive HLS the pipeline makes of them."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from catalog.media_languages import (
    is_media_language,
    media_language_choices,
    own_name,
    validate_media_language,
)
from catalog.models.fields import optional_image
from catalog.storage import private_storage

# A runtime typed by hand may differ from the video's length by this much (credits, rounding).
RUNTIME_SLACK_SECONDS = 120
RUNTIME_SLACK_SHARE = 0.25


def source_upload_to(instance, filename: str) -> str:
    return f"sources/{timezone.now():%Y/%m}/{filename}"


def subtitle_upload_to(instance, filename: str) -> str:
    return f"subtitles/{timezone.now():%Y/%m}/{filename}"


class VideoAsset(index.Indexed, ClusterableModel):
    """An uploaded video. Workers probe and transcode it into HLS; editors pick it for pages."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be processed")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(max_length=200)
    audio_language = models.CharField(
        max_length=12,
        blank=True,
        validators=[validate_media_language],
        help_text="The language spoken in the original audio (blank: not known).",
    )
    source = models.FileField(
        storage=private_storage,
        upload_to=source_upload_to,
        max_length=500,
        help_text="The original video file (MP4, MOV, MKV, WebM…).",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True, help_text="Why processing failed, for editors.")
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="Percent transcoded."
    )
    stage = models.CharField(max_length=40, blank=True)

    duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    video_codec = models.CharField(max_length=40, blank=True)
    audio_codec = models.CharField(max_length=40, blank=True)
    source_size = models.PositiveBigIntegerField(null=True, blank=True)

    poster = optional_image("Filled from a frame of the video unless you choose one.")
    poster_generated = models.BooleanField(
        default=False, editable=False, help_text="The poster is a frame the pipeline took."
    )
    hls_prefix = models.CharField(
        max_length=300, blank=True, help_text="Where the HLS output lives in private storage."
    )
    renditions = models.JSONField(default=list, blank=True)
    sprite_path = models.CharField(max_length=300, blank=True)
    processed_source = models.CharField(
        max_length=500, blank=True, editable=False, help_text="The source the HLS output is from."
    )

    intro_start = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0)])
    intro_end = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0)])
    credits_start = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0)], help_text="End credits begin."
    )

    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processing_started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("source"),
        FieldPanel(
            "audio_language", widget=forms.Select(choices=media_language_choices("Not known"))
        ),
        FieldPanel("poster"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("intro_start"), FieldPanel("intro_end")]),
                FieldPanel("credits_start"),
            ],
            heading="Markers (seconds)",
        ),
        InlinePanel("subtitles", label="Subtitle track", heading="Subtitles (WebVTT)"),
        InlinePanel("chapters", label="Chapter", heading="Chapters"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    # Written only by the pipeline (with queryset updates); editors' saves re-read them.
    WORKER_FIELDS = (
        "status",
        "error",
        "progress",
        "stage",
        "duration",
        "width",
        "height",
        "video_codec",
        "audio_codec",
        "source_size",
        "hls_prefix",
        "renditions",
        "sprite_path",
        "processed_source",
        "task_id",
        "attempts",
        "processing_started_at",
        "heartbeat_at",
        "processed_at",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intro_start__isnull=True)
                | models.Q(intro_end__isnull=True)
                | models.Q(intro_end__gt=models.F("intro_start")),
                name="video_intro_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="video_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.hls_prefix)

    @property
    def is_playable(self) -> bool:
        """HLS output exists, even while a re-run is pending or after a re-run failed.

        ``playable_q`` is the same rule as a query.
        """
        return bool(self.hls_prefix)

    @staticmethod
    def playable_q(through: str = "") -> models.Q:
        """``is_playable`` as a filter, on this model or ``through`` a link (``"video__"``)."""
        return models.Q(**{f"{through}hls_prefix__gt": ""})

    @property
    def master_playlist_path(self) -> str:
        return f"{self.hls_prefix}master.m3u8" if self.hls_prefix else ""

    @property
    def is_stale(self) -> bool:
        """Processing, but no heartbeat for longer than the stuck-job threshold."""
        if self.status != self.Status.PROCESSING:
            return False
        last = self.heartbeat_at or self.processing_started_at or self.updated_at
        return (timezone.now() - last).total_seconds() > settings.VIDEO_STUCK_AFTER_SECONDS

    @property
    def can_retry(self) -> bool:
        """Editors may re-run processing after a failure or when the worker went quiet."""
        return self.status == self.Status.FAILED or self.is_stale

    @property
    def status_label(self) -> str:
        """The status as the admin shows it: with progress, the error, or "stuck"."""
        if self.is_stale:
            return "Stuck (the worker stopped responding)"
        if self.status == self.Status.PROCESSING:
            return f"Processing {self.progress}%"
        if self.status == self.Status.FAILED:
            return f"Failed: {self.error}" if self.error else "Failed"
        return self.get_status_display()

    @property
    def resolution(self) -> str:
        return f"{self.width}×{self.height}" if self.width and self.height else ""

    @property
    def duration_minutes(self) -> int | None:
        """The length as an episode runtime: whole minutes, at least 1; None until processed."""
        if not self.duration:
            return None
        return max(1, round(self.duration / 60))

    def fits_runtime(self, minutes: int) -> bool:
        """Whether a runtime typed by hand can describe this video (within 2 min or a quarter)."""
        if not self.duration:
            return True
        slack = max(RUNTIME_SLACK_SECONDS, self.duration * RUNTIME_SLACK_SHARE)
        return abs(minutes * 60 - self.duration) <= slack

    @property
    def duration_display(self) -> str:
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(round(self.duration)), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class SubtitleTrack(Orderable):
    """A WebVTT subtitle file in one language for a video."""

    asset = ParentalKey(VideoAsset, on_delete=models.CASCADE, related_name="subtitles")
    language = models.CharField(
        max_length=12,
        validators=[validate_media_language],
        help_text="The language of the subtitles.",
    )
    label = models.CharField(
        max_length=60,
        blank=True,
        help_text="Shown in the player; blank: the language's own name (English, Français…).",
    )
    file = models.FileField(storage=private_storage, upload_to=subtitle_upload_to, max_length=500)
    is_default = models.BooleanField(default=False)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("language", widget=forms.Select(choices=media_language_choices(""))),
                FieldPanel("label"),
                FieldPanel("is_default"),
            ]
        ),
        FieldPanel("file"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["asset", "language"], name="subtitle_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.label and self.language:
            self.label = own_name(self.language) if is_media_language(self.language) else ""
        super().save(*args, **kwargs)


class VideoChapter(Orderable):
    """A named point in a video that viewers can jump to."""

    asset = ParentalKey(VideoAsset, on_delete=models.CASCADE, related_name="chapters")
    start = models.FloatField(validators=[MinValueValidator(0)], help_text="Seconds.")
    title = models.CharField(max_length=120)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")])]

    def __str__(self) -> str:
        return f"{self.start:.0f}s {self.title}"

"""Episodes: what a viewer watches."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog.blocks import EpisodeBodyStreamBlock
from catalog.forms import EpisodePageForm
from catalog.models.fields import optional_image, optional_video, synchronized
from catalog.models.mixins import (
    BODY_BOOST,
    SYNOPSIS_BOOST,
    CatalogPageMixin,
    catalog_search_fields,
)
from subscriptions.entitlements import access_requirement


class AccessLevel(models.TextChoices):
    FREE = "free", _("Free for everyone")
    SUBSCRIBERS = "subscribers", _("Subscribers only")


class EpisodePage(CatalogPageMixin, Page):
    """An episode of a season: synopsis, runtime, air date and who may watch it when."""

    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    season = models.ForeignKey(
        "catalog.SeasonPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="episode_pages",
        editable=False,
        help_text="Kept equal to the parent page so numbers can be unique per season.",
    )
    synopsis = models.TextField(max_length=1000)
    runtime_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    air_date = models.DateField(null=True, blank=True)
    still = optional_image("A frame from the episode (16:9).")
    access_level = models.CharField(
        max_length=16, choices=AccessLevel.choices, default=AccessLevel.SUBSCRIBERS
    )
    available_from = models.DateTimeField(
        null=True, blank=True, help_text="Playable from this moment. Empty: at once."
    )
    available_until = models.DateTimeField(
        null=True, blank=True, help_text="Playable until this moment. Empty: no end."
    )
    minimum_plan = models.ForeignKey(
        "subscriptions.Plan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "Subscribers-only episodes: the lowest plan that unlocks it (plans of a higher tier "
            "do too). Empty: any plan."
        ),
    )
    video = optional_video("The episode itself. Who may play it follows the access level above.")
    trailer = optional_video(
        "A preview anyone may watch, in the countries the show plays in (even before the "
        "episode is available)."
    )
    body = StreamField(EpisodeBodyStreamBlock(), blank=True)

    # Who may play what, when, and the video itself: the same in every language.
    override_translatable_fields = synchronized(
        "number",
        "runtime_minutes",
        "air_date",
        "still",
        "access_level",
        "available_from",
        "available_until",
        "minimum_plan",
        "video",
        "trailer",
    )

    social_image_field = "still"
    description_field = "synopsis"
    base_form_class = EpisodePageForm

    content_panels = Page.content_panels + [
        FieldRowPanel(
            [FieldPanel("number"), FieldPanel("runtime_minutes"), FieldPanel("air_date")]
        ),
        FieldPanel("synopsis"),
        FieldPanel("still"),
        MultiFieldPanel([FieldPanel("video"), FieldPanel("trailer")], heading="Video"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("access_level"), FieldPanel("minimum_plan")]),
                FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")]),
            ],
            heading="Access",
        ),
        FieldPanel("body"),
    ]
    search_fields = catalog_search_fields() + [
        index.SearchField("synopsis", boost=SYNOPSIS_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("access_level"),
        index.FilterField("air_date"),
        index.FilterField("available_until"),
    ]
    parent_page_types = ["catalog.SeasonPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["number"]
        # The newest-episodes rail reads newest first and stops at its limit.
        indexes = [models.Index(fields=["-air_date"], name="episode_newest_first")]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="episode_number_per_season"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="episode_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(available_from__isnull=True)
                | models.Q(available_until__isnull=True)
                | models.Q(available_until__gt=models.F("available_from")),
                name="episode_window_ends_after_start",
            ),
        ]

    def clean(self):
        super().clean()
        if (
            self.available_from
            and self.available_until
            and self.available_until <= self.available_from
        ):
            raise ValidationError({"available_until": "The window must end after it starts."})
        if self.minimum_plan_id and self.access_level == AccessLevel.FREE:
            raise ValidationError(
                {
                    "minimum_plan": "Free episodes need no plan: clear this or make it subscribers-only."
                }
            )

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.season_id = parent.pk
        if not self.season_id:
            raise ValidationError(_("An episode must sit under a season."))
        super().save(*args, **kwargs)

    def can_move_to(self, parent) -> bool:
        if not super().can_move_to(parent):
            return False
        return (
            not EpisodePage.objects.child_of(parent)
            .filter(number=self.number)
            .exclude(pk=self.pk)
            .exists()
        )

    @property
    def is_free(self) -> bool:
        return self.access_level == AccessLevel.FREE

    @property
    def required_tier(self) -> int | None:
        """The plan tier needed (read by subscriptions.entitlements); None: any plan."""
        return self.minimum_plan.tier if self.minimum_plan_id else None

    @property
    def access(self):
        """What the episode needs before Play (Free, a plan, Coming <date>…), for badges.

        Decided by subscriptions.entitlements with the rules can_play uses. Listings join
        ``minimum_plan`` (catalog.selectors.episodes_queryset), so this costs no query there.
        """
        plan_name = self.minimum_plan.name if self.minimum_plan_id else None
        return access_requirement(self, plan_name=plan_name)

    @property
    def allowed_regions(self) -> list[str]:
        """The show's region restriction (read by subscriptions.entitlements)."""
        show = self.season.show if self.season_id and self.season else None
        return show.region_codes if show else []

    @property
    def maturity_rating(self) -> str | None:
        """The show's rating (read by subscriptions.entitlements against a profile's ceiling)."""
        show = self.season.show if self.season_id and self.season else None
        return show.maturity_rating if show else None

    def is_available_at(self, moment=None) -> bool:
        """Whether the availability window is open at ``moment`` (default: now)."""
        moment = moment or timezone.now()
        if self.available_from and moment < self.available_from:
            return False
        return not (self.available_until and moment >= self.available_until)

    @property
    def effective_runtime_minutes(self) -> int | None:
        """The runtime typed in, else the video's length (a video processed after the save)."""
        if self.runtime_minutes:
            return self.runtime_minutes
        video = self.video if self.video_id else None
        return video.duration_minutes if video else None

    @property
    def runtime_display(self) -> str:
        runtime = self.effective_runtime_minutes
        if not runtime:
            return ""
        hours, minutes = divmod(runtime, 60)
        return f"{hours} h {minutes} min" if hours else f"{minutes} min"

    def picture(self, show=None):
        """The episode's picture: its still, else its video's poster, else the show's backdrop.

        The one place that decides it: players, rows and cards ask this; selectors join
        ``video__poster`` (and the season's show) so it costs no query per episode, and
        ``show``, where the caller has it, saves the season's. None when there is none.
        """
        if self.still_id:
            return self.still
        video = self.video if self.video_id else None
        if video is not None and video.poster_id:
            return video.poster
        if show is None:
            season = self.season if self.season_id else None
            show = season.show if season and season.show_id else None
        return show.backdrop if show is not None and show.backdrop_id else None

    @property
    def poster_image(self):
        return self.picture()

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.episode_detail(episode=self))
        context["json_ld"] = structured_data.tv_episode(self, context, request)
        return context

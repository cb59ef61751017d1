"""Shows and seasons, and the index that lists them."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField

from catalog.blocks import ShowBodyStreamBlock
from catalog.forms import SeasonPageForm, ShowPageForm
from catalog.models.fields import optional_image, optional_video, synchronized
from catalog.models.mixins import (
    BODY_BOOST,
    CREDITS_BOOST,
    SYNOPSIS_BOOST,
    CatalogPageMixin,
    catalog_search_fields,
)
from catalog.widgets import FilterableCheckboxSelectMultiple
from subscriptions.maturity import MaturityRating

__all__ = ["MaturityRating", "ShowIndexPage", "ShowPage", "SeasonPage", "ShowStatus"]

LANGUAGE_CHOICES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("de", "German"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("da", "Danish"),
    ("sv", "Swedish"),
    ("no", "Norwegian"),
    ("pt", "Portuguese"),
    ("hi", "Hindi"),
]


class ShowIndexPage(CatalogPageMixin, Page):
    """The /shows/ listing. Lists every live show, filterable by genre and year."""

    # Its listing's surrogate key (catalog/surrogate_keys.py): purged when a show changes.
    surrogate_listing = "idx-shows"

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.ShowPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.show_listing(index=self, params=request.GET))
        return context


class ShowStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    RETURNING = "returning", _("Returning series")
    ENDED = "ended", _("Ended")


class ShowPage(CatalogPageMixin, Page):
    """A series: its synopsis, artwork, genres, credits and seasons."""

    synopsis = models.TextField(max_length=1000)
    poster = optional_image("Portrait artwork (2:3). Set a focal point so crops keep the subject.")
    backdrop = optional_image("Landscape artwork (16:9) behind the title.")
    genres = ParentalManyToManyField("catalog.Genre", blank=True, related_name="shows")
    maturity_rating = models.CharField(
        max_length=8, choices=MaturityRating.choices, default=MaturityRating.TV_14
    )
    original_language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, default="en")
    first_air_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1920), MaxValueValidator(2100)],
    )
    status = models.CharField(
        max_length=16, choices=ShowStatus.choices, default=ShowStatus.RETURNING
    )
    trailer = optional_video("A trailer anyone may watch, in the countries the show plays in.")
    allowed_regions = CountryField(
        multiple=True,
        blank=True,
        help_text=(
            "Countries where this show's episodes, trailers and extras (videos placed on its "
            "pages) may be played, from the CDN's viewer-country header. Free episodes are "
            "restricted too. None selected: everywhere."
        ),
    )
    body = StreamField(ShowBodyStreamBlock(), blank=True)

    # Rights, rating and artwork are per show, not per language (docs/localisation.md).
    override_translatable_fields = synchronized(
        "allowed_regions",
        "genres",
        "maturity_rating",
        "original_language",
        "first_air_year",
        "status",
        "poster",
        "backdrop",
        "trailer",
    )

    social_image_field = "backdrop"
    description_field = "synopsis"
    base_form_class = ShowPageForm

    content_panels = Page.content_panels + [
        FieldPanel("synopsis"),
        MultiFieldPanel([FieldPanel("poster"), FieldPanel("backdrop")], heading="Artwork"),
        MultiFieldPanel(
            [
                FieldPanel("genres", widget=forms.CheckboxSelectMultiple),
                FieldPanel("maturity_rating"),
                FieldPanel("original_language"),
                FieldPanel("first_air_year"),
                FieldPanel("status"),
            ],
            heading="Details",
        ),
        FieldPanel(
            "allowed_regions",
            heading="Playable in",
            widget=FilterableCheckboxSelectMultiple(
                filter_label="Find a country", noun="countries"
            ),
        ),
        InlinePanel("credits", label="Cast and crew", heading="Cast and crew"),
        FieldPanel("body"),
    ]
    # Weighted title (A) over synopsis (B) over credits (C) over body (D): docs/search.md.
    search_fields = catalog_search_fields() + [
        index.SearchField("synopsis", boost=SYNOPSIS_BOOST),
        index.RelatedFields(
            "credits",
            [
                index.RelatedFields("person", [index.SearchField("name", boost=CREDITS_BOOST)]),
                index.SearchField("character", boost=CREDITS_BOOST),
            ],
        ),
        index.RelatedFields("genres", [index.SearchField("name", boost=BODY_BOOST)]),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("first_air_year"),
        index.FilterField("status"),
        index.FilterField("maturity_rating"),
        index.FilterField("original_language"),
    ]
    parent_page_types = ["catalog.ShowIndexPage"]
    subpage_types = ["catalog.SeasonPage"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_air_year__isnull=True)
                | models.Q(first_air_year__gte=1920, first_air_year__lte=2100),
                name="show_first_air_year_range",
            )
        ]

    @property
    def region_codes(self) -> list[str]:
        """ISO 3166-1 alpha-2 codes the show may play in; empty means everywhere."""
        return [str(country.code) for country in self.allowed_regions]

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.show_detail(show=self, params=request.GET))
        context["json_ld"] = structured_data.tv_series(self, context, request)
        return context


class ShowCredit(Orderable):
    """A person's part in a show: a cast role with a character, or a crew job."""

    class Role(models.TextChoices):
        CAST = "cast", _("Cast")
        CREATOR = "creator", _("Creator")
        DIRECTOR = "director", _("Director")
        WRITER = "writer", _("Writer")
        PRODUCER = "producer", _("Producer")
        COMPOSER = "composer", _("Composer")

    show = ParentalKey(ShowPage, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("catalog.Person", on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CAST)
    character = models.CharField(
        max_length=120, blank=True, help_text="For cast: the character played."
    )

    panels = [FieldPanel("person"), FieldPanel("role"), FieldPanel("character")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["show", "person", "role", "character"], name="credit_once_per_show"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_cast(self) -> bool:
        return self.role == self.Role.CAST


class SeasonPage(CatalogPageMixin, Page):
    """A season of a show. Its address is always season-<number>."""

    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    show = models.ForeignKey(
        ShowPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="season_pages",
        editable=False,
        help_text="Kept equal to the parent page so numbers can be unique per show.",
    )
    synopsis = models.TextField(blank=True, max_length=1000)
    poster = optional_image()
    release_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1920), MaxValueValidator(2100)]
    )

    override_translatable_fields = synchronized("number", "poster", "release_year")

    social_image_field = "poster"
    description_field = "synopsis"
    base_form_class = SeasonPageForm

    # A plain title field: Wagtail's TitleFieldPanel syncs the title into the slug field, which
    # seasons do not have (w-sync with an empty target is a JavaScript error in the admin).
    content_panels = [
        FieldPanel("title", classname="title"),
        FieldPanel("number"),
        FieldPanel("synopsis"),
        FieldPanel("poster"),
        FieldPanel("release_year"),
    ]
    # The slug follows the number, so it is not edited by hand.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="For search engines",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("synopsis")]
    parent_page_types = ["catalog.ShowPage"]
    subpage_types = ["catalog.EpisodePage"]

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["show", "number"], name="season_number_per_show"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="season_number_positive"
            ),
        ]

    @property
    def meta_description(self) -> str:
        if self.search_description or self.synopsis:
            return super().meta_description
        show = self.show if self.show_id else None
        if show is None:
            return gettext("Season %(number)s.") % {"number": self.number}
        return gettext("Season %(number)s of %(show)s.") % {
            "number": self.number,
            "show": show.title,
        }

    def full_clean(self, *args, **kwargs):
        if self.number is not None:
            self.slug = f"season-{self.number}"
            if not self.title:
                self.title = f"Season {self.number}"
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if self.number is not None:
            self.slug = f"season-{self.number}"
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.show_id = parent.pk
        if not self.show_id:
            raise ValidationError(_("A season must sit under a show."))
        super().save(*args, **kwargs)

    def can_move_to(self, parent) -> bool:
        if not super().can_move_to(parent):
            return False
        return (
            not SeasonPage.objects.child_of(parent)
            .filter(number=self.number)
            .exclude(pk=self.pk)
            .exists()
        )

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.season_detail(season=self))
        context["json_ld"] = structured_data.tv_season(self, context, request)
        return context

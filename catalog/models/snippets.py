"""Editorial lookups kept as snippets: genres, people and curated show collections."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from catalog.models.fields import optional_image, synchronized
from catalog.models.mixins import BODY_BOOST, TITLE_BOOST


class SluggedSnippet(TranslatableMixin, index.Indexed, models.Model):
    """Name + slug, unique per locale; the slug is derived from the name when left empty."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        blank=True,
        help_text="Used in the address. Left empty, it is made from the name.",
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().full_clean(*args, **kwargs)


class Genre(SluggedSnippet):
    """A genre such as Drama or Comedy. Shows list their genres; each genre has a page."""

    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(SluggedSnippet.Meta):
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="genre_slug_per_locale")
        ]

    def get_absolute_url(self) -> str:
        return reverse("catalog:genre_detail", kwargs={"slug": self.slug})


class Person(SluggedSnippet):
    """Someone in the cast or crew of a show, or the author of an article."""

    bio = models.TextField(blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    photo = optional_image()

    override_translatable_fields = synchronized("photo", "birth_year")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        FieldPanel("birth_year"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.SearchField("bio", boost=BODY_BOOST),
        index.FilterField("locale"),
    ]

    class Meta(SluggedSnippet.Meta):
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="person_slug_per_locale")
        ]

    def get_absolute_url(self) -> str:
        return reverse("catalog:person_detail", kwargs={"slug": self.slug})


class ShowCollection(TranslatableMixin, ClusterableModel):
    """A hand-curated, ordered list of shows ("Award winners") that a home rail can show."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        InlinePanel("items", label="Shows", min_num=1),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="showcollection_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShowCollectionItem(Orderable):
    collection = ParentalKey(ShowCollection, on_delete=models.CASCADE, related_name="items")
    show = models.ForeignKey("catalog.ShowPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("show")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["collection", "show"], name="showcollection_show_once")
        ]

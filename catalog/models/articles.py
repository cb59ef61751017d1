"""Editorial articles: news, reviews and features."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalog.blocks import ArticleStreamBlock
from catalog.models.fields import optional_image
from catalog.models.mixins import (
    BODY_BOOST,
    CREDITS_BOOST,
    SYNOPSIS_BOOST,
    CatalogPageMixin,
    catalog_search_fields,
)


class ArticleIndexPage(CatalogPageMixin, Page):
    """The /articles/ listing, newest first, filterable by kind."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.ArticlePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_listing(index=self, params=request.GET))
        return context


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    REVIEW = "review", _("Review")
    FEATURE = "feature", _("Feature")


class ArticlePage(CatalogPageMixin, Page):
    """A news story, review or feature, optionally about one or more shows."""

    kind = models.CharField(max_length=16, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    author = models.ForeignKey(
        "catalog.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    date = models.DateField("publication date", default=timezone.localdate)
    summary = models.TextField(max_length=300, help_text="One or two sentences for cards.")
    hero_image = optional_image()
    body = StreamField(ArticleStreamBlock())

    social_image_field = "hero_image"
    description_field = "summary"

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("author"), FieldPanel("date")], heading="About"
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("related_shows", label="Related shows", heading="Related shows"),
    ]
    search_fields = catalog_search_fields() + [
        index.SearchField("summary", boost=SYNOPSIS_BOOST),
        index.RelatedFields("author", [index.SearchField("name", boost=CREDITS_BOOST)]),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["catalog.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["-date"]

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_detail(article=self))
        context["json_ld"] = structured_data.article(self, context, request)
        return context


class ArticleRelatedShow(Orderable):
    """A show an article is about; the show page lists the article in return."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_shows")
    show = models.ForeignKey(
        "catalog.ShowPage", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("show")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "show"], name="article_show_once")
        ]

"""Blocks that list other pages: cast lists, episode lists, related shows, teasers and rails.

Blocks never read the user. Each one fetches what it shows through a selector in
``get_context``, so a block costs a fixed number of queries however large the
catalog is.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from catalog import selectors
from catalog.choices import RailSource


class CastListBlock(blocks.StructBlock):
    """The cast (and optionally crew) of a show, in billing order."""

    show = blocks.PageChooserBlock(page_type="catalog.ShowPage")
    heading = blocks.CharBlock(max_length=80, default="Cast")
    include_crew = blocks.BooleanBlock(required=False)
    limit = blocks.IntegerBlock(min_value=1, max_value=50, default=12)

    class Meta:
        icon = "group"
        template = "blocks/cast_list_block.html"
        description = "The cast of a show"
        group = "Catalog"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        show = value.get("show")
        context["credits"] = (
            selectors.credits_for_show(
                show_id=show.pk, include_crew=value.get("include_crew"), limit=value["limit"]
            )
            if show
            else []
        )
        return context


class EpisodeListBlock(blocks.StructBlock):
    """The episodes of one season, in order."""

    season = blocks.PageChooserBlock(page_type="catalog.SeasonPage")
    heading = blocks.CharBlock(max_length=80, required=False)

    class Meta:
        icon = "list-ol"
        template = "blocks/episode_list_block.html"
        description = "The episodes of a season"
        group = "Catalog"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        season = value.get("season")
        context["episodes"] = selectors.episodes_for_season(season_id=season.pk) if season else []
        return context


class RelatedShowsBlock(blocks.StructBlock):
    """A hand-picked set of shows shown as cards."""

    heading = blocks.CharBlock(max_length=80, default="You may also like")
    shows = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ShowPage"), min_num=1, max_num=12
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/related_shows_block.html"
        description = "Hand-picked related shows"
        group = "Catalog"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        ids = [show.pk for show in value.get("shows", []) if show]
        context["shows"] = selectors.shows_by_ids(ids)
        return context


class ArticleTeaserBlock(blocks.StructBlock):
    """A teaser card for one article."""

    article = blocks.PageChooserBlock(page_type="catalog.ArticlePage")

    class Meta:
        icon = "doc-full"
        template = "blocks/article_teaser_block.html"
        description = "A teaser for an article"
        group = "Catalog"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        article = value.get("article")
        found = selectors.articles_by_ids([article.pk]) if article else []
        context["article"] = found[0] if found else None
        return context


class RailBlock(blocks.StructBlock):
    """A titled row of show or episode cards: hand-picked, or filled automatically."""

    title = blocks.CharBlock(max_length=80)
    source = blocks.ChoiceBlock(choices=RailSource.CHOICES, default=RailSource.HANDPICKED)
    items = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["catalog.ShowPage", "catalog.EpisodePage"]),
        required=False,
        help_text="For a hand-picked rail: the shows and episodes, in order.",
    )
    genre = SnippetChooserBlock("catalog.Genre", required=False)
    collection = SnippetChooserBlock("catalog.ShowCollection", required=False)
    limit = blocks.IntegerBlock(min_value=1, max_value=24, default=12)

    class Meta:
        icon = "list-ul"
        template = "blocks/rail_block.html"
        description = "A row of show or episode cards"
        group = "Catalog"

    def clean(self, value):
        value = super().clean(value)
        source = value.get("source")
        errors = {}
        if source == RailSource.HANDPICKED and not value.get("items"):
            errors["items"] = ValidationError(_("Choose at least one show or episode."))
        if source == RailSource.GENRE and not value.get("genre"):
            errors["genre"] = ValidationError(_("Choose the genre this rail shows."))
        if source == RailSource.COLLECTION and not value.get("collection"):
            errors["collection"] = ValidationError(_("Choose the collection this rail shows."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["cards"] = selectors.rail_cards(
            source=value.get("source"),
            page_ids=[item.pk for item in value.get("items") or [] if item],
            genre=value.get("genre"),
            collection=value.get("collection"),
            limit=value.get("limit") or 12,
        )
        return context

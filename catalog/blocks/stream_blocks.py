"""The composed StreamField bodies, one per use."""

from wagtail import blocks

from .media import CaptionedImageBlock, VideoBlock, VideoEmbedBlock
from .references import (
    ArticleTeaserBlock,
    CastListBlock,
    EpisodeListBlock,
    RailBlock,
    RelatedShowsBlock,
)
from .text import CallToActionBlock, HeadingBlock, ParagraphBlock, QuoteBlock


class BaseContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()


class ArticleStreamBlock(BaseContentStreamBlock):
    """The body of an article."""

    related_shows = RelatedShowsBlock()
    article_teaser = ArticleTeaserBlock()
    cast_list = CastListBlock()


class ShowBodyStreamBlock(BaseContentStreamBlock):
    """Extra content on a show page, below its seasons and cast."""

    related_shows = RelatedShowsBlock()
    article_teaser = ArticleTeaserBlock()
    cast_list = CastListBlock()
    episode_list = EpisodeListBlock()


class EpisodeBodyStreamBlock(BaseContentStreamBlock):
    """Extra content on an episode page (notes, extras)."""

    related_shows = RelatedShowsBlock()
    article_teaser = ArticleTeaserBlock()


class HomeStreamBlock(blocks.StreamBlock):
    """The home page below its hero: rails and editorial slots."""

    rail = RailBlock()
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    call_to_action = CallToActionBlock()
    article_teaser = ArticleTeaserBlock()

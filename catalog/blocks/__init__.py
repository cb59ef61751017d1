from catalog.choices import RailSource  # re-exported: older imports keep working

from .media import CaptionedImageBlock, VideoBlock, VideoEmbedBlock
from .references import (
    ArticleTeaserBlock,
    CastListBlock,
    EpisodeListBlock,
    RailBlock,
    RelatedShowsBlock,
)
from .stream_blocks import (
    ArticleStreamBlock,
    EpisodeBodyStreamBlock,
    HomeStreamBlock,
    ShowBodyStreamBlock,
)
from .text import CallToActionBlock, HeadingBlock, ParagraphBlock, QuoteBlock

__all__ = [
    "ArticleStreamBlock",
    "ArticleTeaserBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "CastListBlock",
    "EpisodeBodyStreamBlock",
    "EpisodeListBlock",
    "HeadingBlock",
    "HomeStreamBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "RailBlock",
    "RailSource",
    "RelatedShowsBlock",
    "ShowBodyStreamBlock",
    "VideoBlock",
    "VideoEmbedBlock",
]

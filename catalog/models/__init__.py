"""Catalog models: the page tree (shows, seasons, episodes, articles) and its snippets."""

from .articles import ArticleIndexPage, ArticlePage, ArticleRelatedShow
from .episodes import AccessLevel, EpisodePage
from .media import SubtitleTrack, VideoAsset, VideoChapter
from .shows import SeasonPage, ShowCredit, ShowIndexPage, ShowPage
from .snippets import Genre, Person, ShowCollection, ShowCollectionItem

__all__ = [
    "AccessLevel",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleRelatedShow",
    "EpisodePage",
    "Genre",
    "Person",
    "SeasonPage",
    "ShowCollection",
    "ShowCollectionItem",
    "ShowCredit",
    "ShowIndexPage",
    "ShowPage",
    "SubtitleTrack",
    "VideoAsset",
    "VideoChapter",
]

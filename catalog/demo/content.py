"""The demo catalog's content, read from the JSON files in ``catalog/demo/data/``.

| file | holds |
| --- | --- |
| ``site.json`` | the Site's name and host, the footer, both index pages, the home page (hero and blocks), the plan early releases need |
| ``genres.json`` | genres (name, description) |
| ``people.json`` | cast, crew and article authors (name, birth year, bio) |
| ``shows.json`` | the shows in order, each with its seasons' episode counts, credits and colours |
| ``episode_text.json`` | pools of episode titles and synopsis templates that ``episodes`` draws from |
| ``collections.json`` | the curated show collections |
| ``articles.json`` | the articles, with their body blocks |
| ``synthetic.json`` | words for the titles of synthetic (benchmark) shows |

``load_content`` checks each file's structure (see the models below) and that every name
one file uses is defined where it should be (a show's genres in ``genres.json`` and so on);
anything wrong is a ``DemoDataError`` naming the file and the field. Adding a show, person or
article is adding an entry to its file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from catalog.blocks import RailSource
from catalog.demo.references import check_references
from catalog.models import ShowCredit
from catalog.models.articles import ArticleKind
from catalog.models.shows import LANGUAGE_CHOICES, MaturityRating, ShowStatus
from mediasite.demo import DemoRecord, load_data_file

DATA_DIR = Path(__file__).resolve().parent / "data"


def one_of(values: Iterable[str]):
    """A validator accepting only ``values`` (e.g. a model field's choices)."""
    allowed = tuple(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return AfterValidator(check)


Text = Annotated[str, StringConstraints(min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
CrewRole = Annotated[str, one_of(v for v in ShowCredit.Role.values if v != ShowCredit.Role.CAST)]


class IndexData(DemoRecord):
    title: Text
    slug: Slug
    intro: str


class ParagraphBlock(DemoRecord):
    type: Literal["paragraph"]
    html: Text


class RailBlock(DemoRecord):
    """A home page rail; the field its ``source`` needs names what it shows."""

    type: Literal["rail"]
    title: Text
    source: Annotated[str, one_of(value for value, _ in RailSource.CHOICES)]
    #: a collection slug, for ``"source": "collection"``
    collection: Slug | None = None
    #: a genre name, for ``"source": "genre"``
    genre: Text | None = None
    #: for ``"source": "handpicked"``: the first episodes of this many shows, in shows.json order
    first_episodes: Annotated[int, Field(ge=1)] | None = None
    limit: Annotated[int, Field(ge=1)] = 12

    @model_validator(mode="after")
    def source_has_its_field(self):
        needs = {"collection": "collection", "genre": "genre", "handpicked": "first_episodes"}
        name = needs.get(self.source)
        if name and getattr(self, name) is None:
            raise ValueError(f"a {self.source!r} rail needs {name!r}")
        return self


class ArticleTeaserBlock(DemoRecord):
    type: Literal["article_teaser"]
    #: an article slug
    article: Slug


class CallToActionBlock(DemoRecord):
    type: Literal["call_to_action"]
    heading: Text
    text: str
    button_label: Text
    page: Literal["show_index", "article_index"]


HomeBlock = Annotated[
    RailBlock | ArticleTeaserBlock | CallToActionBlock | ParagraphBlock,
    Field(discriminator="type"),
]


class HomeData(DemoRecord):
    #: the show the hero features
    hero_show: Slug
    hero_button_label: Text
    blocks: tuple[HomeBlock, ...] = Field(min_length=1)


class SiteData(DemoRecord):
    site_name: Text
    hostname: Text
    footer_text: str
    show_index: IndexData
    article_index: IndexData
    home: HomeData
    #: the plan (a slug from the subscriptions demo) that early releases need
    early_release_plan: Slug


class GenreData(DemoRecord):
    name: Text
    description: str


class PersonData(DemoRecord):
    name: Text
    birth_year: int
    bio: str


class CastCredit(DemoRecord):
    person: Text
    character: Text


class CrewCredit(DemoRecord):
    role: CrewRole
    person: Text


class ShowData(DemoRecord):
    """One show. ``episodes_per_season`` holds each season's episode count, in order."""

    slug: Slug
    title: Text
    genres: tuple[Text, ...] = Field(min_length=1)
    synopsis: Text
    tagline: Text
    first_air_year: int
    episodes_per_season: tuple[Annotated[int, Field(ge=1)], ...] = Field(min_length=1)
    #: gradient top, gradient bottom, accent
    colors: tuple[Colour, Colour, Colour]
    #: in billing order
    cast: tuple[CastCredit, ...] = Field(min_length=1)
    crew: tuple[CrewCredit, ...] = ()
    #: where the episodes happen, for generated synopses ("the harbour")
    setting: Text
    status: Annotated[str, one_of(ShowStatus.values)] = ShowStatus.RETURNING.value
    maturity_rating: Annotated[str, one_of(MaturityRating.values)] = MaturityRating.TV_14.value
    original_language: Annotated[str, one_of(code for code, _ in LANGUAGE_CHOICES)] = "en"
    #: the latest season is still airing: its last episodes are not available yet
    airing: bool = False
    #: some of the first season's episodes have left the catalog
    leaving: bool = False
    #: hand-written episode titles and synopses, in episode order, used before the pools
    episode_titles: tuple[Text, ...] = ()
    episode_synopses: tuple[Text, ...] = ()
    #: shortest and longest episode, in minutes
    runtime: tuple[Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1)]] = (42, 58)
    #: countries where the show may play (empty: everywhere)
    regions: tuple[Country, ...] = ()


class EpisodeText(DemoRecord):
    """What generated episode titles and synopses are made of."""

    #: titles per genre; a show draws from its genres' pools, then from ``general_titles``
    titles_by_genre: dict[str, tuple[Text, ...]]
    general_titles: tuple[Text, ...]
    #: first sentences per genre: ``{a}`` and ``{b}`` are characters, ``{place}`` the setting
    synopsis_templates: dict[str, Annotated[tuple[Text, ...], Field(min_length=1)]] = Field(
        min_length=1
    )
    #: second sentences: ``{c}`` is a character, ``{place}`` the setting
    follow_ups: tuple[Text, ...] = Field(min_length=1)


class CollectionData(DemoRecord):
    slug: Slug
    name: Text
    shows: tuple[Slug, ...] = ()


class HeadingBlock(DemoRecord):
    type: Literal["heading"]
    text: Text


class QuoteBlock(DemoRecord):
    type: Literal["quote"]
    text: Text
    attribution: str = ""


ArticleBlock = Annotated[ParagraphBlock | HeadingBlock | QuoteBlock, Field(discriminator="type")]


class ArticleData(DemoRecord):
    slug: Slug
    title: Text
    kind: Annotated[str, one_of(ArticleKind.values)]
    #: a person's name from ``people.json``
    author: Text
    #: the article's date, in days before the load
    days_ago: Annotated[int, Field(ge=0)]
    summary: Text
    body: tuple[ArticleBlock, ...] = Field(min_length=1)
    shows: tuple[Slug, ...] = ()


class SyntheticWords(DemoRecord):
    adjectives: tuple[Text, ...] = Field(min_length=1)
    nouns: tuple[Text, ...] = Field(min_length=1)


class DemoContent(DemoRecord):
    """Everything in the data files, validated and cross-checked."""

    site: SiteData
    genres: tuple[GenreData, ...]
    people: tuple[PersonData, ...]
    shows: tuple[ShowData, ...]
    episode_text: EpisodeText
    collections: tuple[CollectionData, ...]
    articles: tuple[ArticleData, ...]
    synthetic: SyntheticWords

    def show(self, slug: str) -> ShowData | None:
        return next((show for show in self.shows if show.slug == slug), None)


FILES = {
    "site": ("site.json", SiteData),
    "genres": ("genres.json", tuple[GenreData, ...]),
    "people": ("people.json", tuple[PersonData, ...]),
    "shows": ("shows.json", tuple[ShowData, ...]),
    "episode_text": ("episode_text.json", EpisodeText),
    "collections": ("collections.json", tuple[CollectionData, ...]),
    "articles": ("articles.json", tuple[ArticleData, ...]),
    "synthetic": ("synthetic.json", SyntheticWords),
}


def load_content(directory: Path = DATA_DIR) -> DemoContent:
    """Read, validate and cross-check every demo data file in ``directory``."""
    directory = Path(directory)
    parts = {key: load_data_file(directory / name, schema) for key, (name, schema) in FILES.items()}
    content = DemoContent.model_construct(**parts)
    check_references(content, directory)
    return content


@functools.cache
def demo_content() -> DemoContent:
    """The content of ``catalog/demo/data/``, read once per process."""
    return load_content(DATA_DIR)

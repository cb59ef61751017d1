"""Cross-file checks of the demo data: every name one file uses is defined, and only once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mediasite.demo import DemoDataError, display_path, reference_error

if TYPE_CHECKING:
    from catalog.demo.content import DemoContent


def check_references(content: DemoContent, directory: Path) -> None:
    """Every genre, person, show, article and collection a file names is defined, once."""
    defined = {
        "genre": _unique(directory / "genres.json", [g.name for g in content.genres], "name"),
        "person": _unique(directory / "people.json", [p.name for p in content.people], "name"),
        "show": _unique(directory / "shows.json", [s.slug for s in content.shows], "slug"),
        "article": _unique(directory / "articles.json", [a.slug for a in content.articles], "slug"),
        "collection": _unique(
            directory / "collections.json", [c.slug for c in content.collections], "slug"
        ),
    }
    sources = {kind: f"{kind}s.json" for kind in defined} | {"person": "people.json"}
    for filename, where, kind, name in _references(content):
        if name not in defined[kind]:
            raise reference_error(directory / filename, where, kind, name, sources[kind])


def _unique(path: Path, names: list[str], key: str) -> set[str]:
    seen = set()
    for position, name in enumerate(names):
        if name in seen:
            raise DemoDataError(
                f"{display_path(path)}: [{position}].{key}: {name!r} is defined twice"
            )
        seen.add(name)
    return seen


def _references(content: DemoContent):
    """(file, field, kind, name) for every name one file uses and another defines."""
    for i, show in enumerate(content.shows):
        for j, genre in enumerate(show.genres):
            yield "shows.json", f"[{i}].genres[{j}]", "genre", genre
        for j, credit in enumerate(show.cast):
            yield "shows.json", f"[{i}].cast[{j}].person", "person", credit.person
        for j, credit in enumerate(show.crew):
            yield "shows.json", f"[{i}].crew[{j}].person", "person", credit.person
    for pool in ("titles_by_genre", "synopsis_templates"):
        for genre in getattr(content.episode_text, pool):
            yield "episode_text.json", f"{pool}.{genre}", "genre", genre
    for i, collection in enumerate(content.collections):
        for j, slug in enumerate(collection.shows):
            yield "collections.json", f"[{i}].shows[{j}]", "show", slug
    for i, article in enumerate(content.articles):
        yield "articles.json", f"[{i}].author", "person", article.author
        for j, slug in enumerate(article.shows):
            yield "articles.json", f"[{i}].shows[{j}]", "show", slug
    home = content.site.home
    yield "site.json", "home.hero_show", "show", home.hero_show
    for i, block in enumerate(home.blocks):
        where = f"home.blocks[{i}]"
        if block.type == "rail" and block.collection:
            yield "site.json", f"{where}.collection", "collection", block.collection
        if block.type == "rail" and block.genre:
            yield "site.json", f"{where}.genre", "genre", block.genre
        if block.type == "article_teaser":
            yield "site.json", f"{where}.article", "article", block.article

"""Thousands of synthetic shows at once, for benchmarks (``load_demo_catalog --shows N``).

``parent.add_child`` costs several queries per page, far too slow for 100,000
episodes. Here the page tree is written directly:

- treebeard materialised paths are computed here: a child's path is its parent's
  path plus a 4-character base-36 step (Wagtail's ``Page`` is an ``MP_Node`` with
  ``steplen=4`` and the alphabet 0-9A-Z), depth is the parent's plus one, and
  ``numchild`` is set on every new page and added to the show index's;
- multi-table inheritance is written in two steps: ``Page.objects.bulk_create``
  inserts the ``wagtailcore_page`` rows and returns their ids, then the show,
  season and episode tables get their rows through ``_insert`` with only their
  local fields (``bulk_create`` refuses models with a concrete parent).

Synthetic pages are live but have no revisions, log entries, search-index or
reference-index rows; run ``manage.py update_index`` if search should find them.
Shows are numbered ``synthetic-show-00001``…; existing numbers are skipped, so
a second run only adds what is missing. Each batch of shows is one transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connections, router, transaction
from django.db.models import F

from wagtail.models import Page

from catalog.demo import images
from catalog.demo.content import demo_content
from catalog.models import EpisodePage, SeasonPage, ShowIndexPage, ShowPage
from mediasite.demo import Report, no_progress

SLUG_PREFIX = "synthetic-show-"
SEASONS_PER_SHOW = 2
EPISODES_PER_SEASON = 5
SHOWS_PER_BATCH = 500
MAX_ROWS_PER_INSERT = 1000
# Synthetic pages look published long ago, so "newest" rails keep the curated shows.
PUBLISHED_AT = datetime(2015, 1, 1, tzinfo=UTC)
POOL_PALETTES = (
    ("#0f2027", "#2c5364", "#f8b500"),
    ("#41295a", "#2f0743", "#f7797d"),
    ("#134e5e", "#71b280", "#f9f9f9"),
    ("#232526", "#414345", "#e94057"),
    ("#1e130c", "#9a8478", "#ffd194"),
    ("#000428", "#004e92", "#7ee8fa"),
)


@dataclass(frozen=True)
class Artwork:
    """The shared posters and backdrops synthetic shows take turns to use."""

    posters: list
    backdrops: list


def build_synthetic(count: int, *, index, genres, report: Report, progress=no_progress) -> int:
    """Make sure synthetic shows 1..``count`` exist under ``index``; returns how many were added."""
    index = ShowIndexPage.objects.get(pk=index.pk)  # fresh path and numchild
    existing = existing_numbers(index)
    missing = [number for number in range(1, count + 1) if number not in existing]
    report.record("synthetic show", created=False, count=count - len(missing))
    progress(count - len(missing))
    if not missing:
        return 0
    artwork = image_pool(report)
    genre_ids = sorted(genre.pk for genre in genres.values())
    next_step = last_child_step(index) + 1
    for start in range(0, len(missing), SHOWS_PER_BATCH):
        numbers = missing[start : start + SHOWS_PER_BATCH]
        with transaction.atomic():
            insert_batch(index, numbers, next_step + start, artwork, genre_ids)
        _record_batch(report, len(numbers))
        progress(len(numbers))
    return len(missing)


def _record_batch(report: Report, shows: int) -> None:
    report.record("synthetic show", True, shows)
    report.record("synthetic season", True, shows * SEASONS_PER_SHOW)
    report.record("synthetic episode", True, shows * SEASONS_PER_SHOW * EPISODES_PER_SEASON)


def existing_numbers(index) -> set[int]:
    """The numbers of the synthetic shows already under ``index``."""
    slugs = Page.objects.filter(
        path__startswith=index.path, depth=index.depth + 1, slug__startswith=SLUG_PREFIX
    ).values_list("slug", flat=True)
    return {
        int(slug.removeprefix(SLUG_PREFIX)) for slug in slugs if slug[len(SLUG_PREFIX) :].isdigit()
    }


def last_child_step(parent) -> int:
    """The step (as a number) of ``parent``'s last child in path order; 0 without children."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) if last else 0


def child_path(parent_path: str, step: int) -> str:
    """The treebeard path of the ``step``-th child (1-based) under ``parent_path``."""
    key = Page._int2str(step)
    if len(key) > Page.steplen:
        raise ValueError(f"Too many children under {parent_path}: step {step}")
    return parent_path + key.rjust(Page.steplen, Page.alphabet[0])


def image_pool(report: Report) -> Artwork:
    """A handful of generated posters and backdrops, shared by every synthetic show."""
    posters, backdrops = [], []
    for number, colors in enumerate(POOL_PALETTES, start=1):
        palette = images.Palette.from_hex(*colors)
        title = f"Synthetic show {number}"
        for kind, render, bucket in (
            ("poster", images.render_poster, posters),
            ("backdrop", images.render_backdrop, backdrops),
        ):
            image, created = images.ensure_image(
                f"{title} ({kind})",
                f"synthetic-{kind}-{number}.jpg",
                lambda render=render, title=title, palette=palette: render(
                    title, "Benchmark catalog", palette, title
                ),
            )
            report.record("image", created)
            bucket.append(image)
    return Artwork(posters, backdrops)


def insert_batch(index, numbers: list[int], first_step: int, artwork: Artwork, genre_ids):
    """Insert shows ``numbers`` (with seasons and episodes) as children ``first_step``… of index."""
    shows = [
        synthetic_show(index, number, first_step + offset, artwork)
        for offset, number in enumerate(numbers)
    ]
    insert_pages(ShowPage, shows)
    seasons = [synthetic_season(show, n) for show in shows for n in range(1, SEASONS_PER_SHOW + 1)]
    insert_pages(SeasonPage, seasons)
    episodes = [
        synthetic_episode(season, n)
        for season in seasons
        for n in range(1, EPISODES_PER_SEASON + 1)
    ]
    insert_pages(EpisodePage, episodes)
    insert_genres(shows, genre_ids)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(shows))


def insert_pages(model, pages: list) -> None:
    """Insert ``pages`` (unsaved ``model`` instances): base rows first, then ``model``'s table."""
    db = router.db_for_write(model)
    Page.objects.using(db).bulk_create(pages, batch_size=MAX_ROWS_PER_INSERT)
    for page in pages:
        page.page_ptr_id = page.id
    fields = model._meta.local_concrete_fields
    ops = connections[db].ops
    size = max(1, min(ops.bulk_batch_size(fields, pages), MAX_ROWS_PER_INSERT))
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start : start + size], fields=fields, using=db)


def insert_genres(shows: list, genre_ids: list[int]) -> None:
    """One or two genres per show, through the M2M table."""
    if not genre_ids:
        return
    through = ShowPage.genres.through
    rows = []
    for show in shows:
        picks = {
            genre_ids[show._synthetic_number % len(genre_ids)],
            genre_ids[(show._synthetic_number * 7 + 3) % len(genre_ids)],
        }
        rows.extend(through(showpage_id=show.pk, genre_id=genre_id) for genre_id in sorted(picks))
    through.objects.bulk_create(rows, batch_size=MAX_ROWS_PER_INSERT)


def tree_fields(parent, step: int, slug: str, title: str, numchild: int, published) -> dict:
    """The page-tree and publishing fields of a new live page under ``parent``."""
    return {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "path": child_path(parent.path, step),
        "depth": parent.depth + 1,
        "numchild": numchild,
        "url_path": f"{parent.url_path}{slug}/",
        "locale_id": parent.locale_id,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
    }


def synthetic_show(index, number: int, step: int, artwork: Artwork) -> ShowPage:
    """An unsaved synthetic show with its tree fields set."""
    rng = random.Random(number)
    words = demo_content().synthetic
    title = f"{rng.choice(words.adjectives)} {rng.choice(words.nouns)} {number:05d}"
    slug = f"{SLUG_PREFIX}{number:05d}"
    published = PUBLISHED_AT + timedelta(minutes=number)
    show = ShowPage(
        **tree_fields(index, step, slug, title, SEASONS_PER_SHOW, published),
        synopsis=f"{title} is a synthetic show, generated to benchmark a large catalog.",
        poster_id=artwork.posters[number % len(artwork.posters)].pk,
        backdrop_id=artwork.backdrops[number % len(artwork.backdrops)].pk,
        first_air_year=1990 + number % 35,
        status=("returning", "ended")[number % 2],
        maturity_rating=("TV-G", "TV-PG", "TV-14", "TV-MA")[number % 4],
    )
    show._synthetic_number = number
    return show


def synthetic_season(show: ShowPage, number: int) -> SeasonPage:
    """An unsaved season ``number`` of ``show``."""
    season = SeasonPage(
        **tree_fields(
            show,
            number,
            f"season-{number}",
            f"Season {number}",
            EPISODES_PER_SEASON,
            show.first_published_at,
        ),
        number=number,
        show_id=show.pk,
        release_year=show.first_air_year + number - 1,
        synopsis=f"Season {number} of {show.title}.",
    )
    season._synthetic_show_title = show.title
    return season


def synthetic_episode(season: SeasonPage, number: int) -> EpisodePage:
    """An unsaved episode ``number`` of ``season``; S1E1 and S1E2 are free."""
    title = f"Episode {number}"
    free = season.number == 1 and number <= 2
    return EpisodePage(
        **tree_fields(season, number, f"episode-{number}", title, 0, season.first_published_at),
        number=number,
        season_id=season.pk,
        synopsis=(
            f"Episode {number} of season {season.number} of {season._synthetic_show_title}, "
            "a synthetic show generated to benchmark a large catalog."
        ),
        runtime_minutes=30 + (season.pk + number) % 31,
        air_date=date(season.release_year, 1, 1) + timedelta(weeks=number - 1),
        access_level="free" if free else "subscribers",
    )

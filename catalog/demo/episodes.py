"""Plan a demo show's seasons and episodes: titles, synopses, runtimes, dates, access.

The plan is deterministic for a given show and day: a random generator seeded
with the show's slug picks titles and synopses (from the pools in
``data/episode_text.json``), so slugs stay stable between runs. ``plan_catalog``
plans the shows in data order and hands each title out once in the whole demo:
no two episodes, in one show or across shows, share a title.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from catalog.demo.content import EpisodeText, ShowData

FREE_EPISODES_IN_FIRST_SEASON = 2
PREMIERE_HOUR = time(20, 0)


@dataclass(frozen=True)
class EpisodePlan:
    number: int
    title: str
    slug: str
    synopsis: str
    runtime_minutes: int
    air_date: date
    access_level: str
    available_from: datetime | None = None
    available_until: datetime | None = None
    #: needs the Premium plan (early releases: the latest season of a show still airing)
    premium: bool = False


@dataclass(frozen=True)
class SeasonPlan:
    number: int
    release_year: int
    synopsis: str
    episodes: tuple[EpisodePlan, ...]


def plan_catalog(
    shows: list[ShowData], text: EpisodeText, today: date | None = None
) -> dict[str, list[SeasonPlan]]:
    """Every show's plan by slug, planned in order, no episode title used twice.

    Hand-written ``episode_titles`` are kept for their show: generated titles avoid them.
    """
    taken = {title for show in shows for title in show.episode_titles}
    return {show.slug: plan_show(show, text, today, taken=taken) for show in shows}


def plan_show(
    show: ShowData, text: EpisodeText, today: date | None = None, *, taken: set | None = None
) -> list[SeasonPlan]:
    """Every season of ``show`` with its episodes, in order, their text drawn from ``text``.

    ``taken`` holds the titles other shows use (it grows by the titles this show draws).
    """
    today = today or timezone.localdate()
    rng = random.Random(f"episodes:{show.slug}")
    taken = set(show.episode_titles) if taken is None else taken
    titles = _title_sequence(show, text, rng, taken)
    synopses = iter(show.episode_synopses)
    templates = _template_cycle(show, text, rng)
    seasons = []
    for index, count in enumerate(show.episodes_per_season):
        number = index + 1
        start = season_start(show, number, today)
        episodes = tuple(
            _episode(
                show,
                (number, ep, count, show.airing and number == len(show.episodes_per_season)),
                start,
                next(titles),
                next(synopses, None) or _synopsis(show, text, next(templates), rng),
                rng,
            )
            for ep in range(1, count + 1)
        )
        seasons.append(
            SeasonPlan(number, start.year, _season_synopsis(show, number, count), episodes)
        )
    return seasons


def first_air_year(show: ShowData, today: date | None = None) -> int:
    """The year the show premiered (airing shows end in the current season)."""
    return season_start(show, 1, today or timezone.localdate()).year


def season_start(show: ShowData, number: int, today: date) -> date:
    """The air date of a season's first episode; an airing show's last season is current."""
    rng = random.Random(f"season:{show.slug}:{number}")
    count = show.episodes_per_season[number - 1]
    if show.airing and number == len(show.episodes_per_season):
        # Episodes count-1 and count air one and two weeks from today.
        return today - timedelta(weeks=count - 3)
    start = date(show.first_air_year + number - 1, 1 + rng.randrange(9), 1 + rng.randrange(28))
    latest = today - timedelta(weeks=count + 8)
    return min(start, latest)


def _title_sequence(show: ShowData, text: EpisodeText, rng: random.Random, taken: set):
    """Hand-written titles, then each genre's pool in order, then general ones, then the
    other genres'; none of them in ``taken`` (each one drawn is added to it)."""
    own = list(dict.fromkeys(show.episode_titles))
    yield from own
    genres = [*show.genres, *sorted(set(text.titles_by_genre) - set(show.genres))]
    pools = [list(text.titles_by_genre.get(genre, ())) for genre in genres]
    pools.insert(len(show.genres), list(text.general_titles))
    for pool in pools:
        rng.shuffle(pool)
    for title in (title for pool in pools for title in pool):
        if title not in taken:
            taken.add(title)
            yield title
    for extra in range(1, 10_000):
        if (title := f"{show.title}, Chapter {extra}") not in taken:
            taken.add(title)
            yield title


def _episode(show, position, start, title, synopsis, rng) -> EpisodePlan:
    """Episode ``number`` of ``count`` in ``season``, airing weekly from ``start``."""
    season, number, count, latest_airing = position
    air_date = start + timedelta(weeks=number - 1)
    free = season == 1 and number <= FREE_EPISODES_IN_FIRST_SEASON
    available_from, available_until = _window(show, season, number, air_date)
    text = f"Season finale. {synopsis}" if number == count else synopsis
    return EpisodePlan(
        number=number,
        title=title,
        slug=slugify(title) or f"episode-{number}",
        synopsis=text,
        runtime_minutes=rng.randint(*show.runtime),
        air_date=air_date,
        access_level="free" if free else "subscribers",
        available_from=available_from,
        available_until=available_until,
        premium=latest_airing and not free,
    )


def _window(show: ShowData, season: int, number: int, air_date: date):
    """Future premieres open at 20:00 on their air date; a leaving show's episodes expire."""
    now = timezone.now()
    available_from = None
    if air_date > now.date():
        available_from = timezone.make_aware(datetime.combine(air_date, PREMIERE_HOUR))
    available_until = None
    if show.leaving and season == 1 and number in (5, 6):
        available_until = now + timedelta(days=10)  # leaving soon
    elif show.leaving and season == 1 and number in (7, 8):
        available_until = now - timedelta(days=3 * number)  # already gone
    return available_from, available_until


def _template_cycle(show: ShowData, text: EpisodeText, rng: random.Random):
    """The show's genres' synopsis templates, shuffled and repeated: no template twice in a row.

    A show whose genres have no templates borrows the first genre's in the file.
    """
    pools = text.synopsis_templates
    templates = [t for genre in show.genres for t in pools.get(genre, ())]
    templates = templates or list(next(iter(pools.values())))
    while True:
        rng.shuffle(templates)
        yield from templates


def _synopsis(show: ShowData, text: EpisodeText, template: str, rng: random.Random) -> str:
    """One generated synopsis: a template about two characters, often with a second beat."""
    characters = [credit.character.removesuffix(" (voice)") for credit in show.cast]
    characters = (characters * 3)[: max(3, len(characters))] if characters else ["Everyone"] * 3
    a, b, c = rng.sample(characters, 3)
    synopsis = template.format(a=a, b=b, place=show.setting)
    if rng.random() < 0.6:
        synopsis += " " + rng.choice(text.follow_ups).format(c=c, place=show.setting)
    return synopsis


def _season_synopsis(show: ShowData, number: int, count: int) -> str:
    if number == 1:
        return f"Where it all begins. {show.tagline} {count} episodes."
    if number == len(show.episodes_per_season) and show.status == "ended":
        return f"The final season of {show.title}: {count} episodes."
    return f"Season {number} of {show.title} returns to {show.setting}: {count} episodes."

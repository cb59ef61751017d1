"""Reads of viewing progress: "Continue watching", "Next up", the history, and the
progress of given pages (for ``/api/v1/me/state``).

Each costs a fixed number of queries whatever the profile has watched: the rails and the
history are limited or paginated, and episodes, seasons, shows and images are joined or
prefetched (``catalog.selectors.episodes_queryset``). Only publicly visible episodes are
shown (``catalog.visibility``); the rails offer only available episodes with a playable
video (``catalog.selectors.playable``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from catalog.models import EpisodePage
from catalog.selectors import episode_image, episodes_queryset, playable
from catalog.visibility import visible_pages
from engagement.models import ViewingProgress

RAIL_LIMIT = 20
NEXT_UP_SHOWS = 10
#: How many recent watched rows "Next up" reads to find the shows in progress.
NEXT_UP_SCAN = 200
HISTORY_PER_PAGE = 20
CARD_RENDITION = "fill-480x270"


@dataclass(frozen=True)
class EpisodeCard:
    """An episode on the rails or in the history, with this profile's progress."""

    episode_id: int
    title: str
    show_title: str
    season_number: int
    episode_number: int
    url: str
    image_url: str | None
    position: float
    duration: float | None
    progress: float
    watched: bool


def _available(queryset):
    now = timezone.now()
    return queryset.filter(Q(available_from__isnull=True) | Q(available_from__lte=now)).filter(
        Q(available_until__isnull=True) | Q(available_until__gt=now)
    )


def _offered(queryset):
    """Episodes the rails may offer: visible, available now, with a playable video."""
    return _available(playable(visible_pages(queryset)))


def _image_url(episode) -> str | None:
    image = episode_image(episode, episode.season.show) or episode.season.show.poster
    return image.get_rendition(CARD_RENDITION).url if image else None


def _card(episode, request, row: ViewingProgress | None) -> EpisodeCard:
    position = row.position if row else 0.0
    duration = (row.duration if row else None) or (
        episode.video.duration if episode.video_id and episode.video else None
    )
    fraction = min(1.0, position / duration) if duration else 0.0
    return EpisodeCard(
        episode_id=episode.pk,
        title=episode.title,
        show_title=episode.season.show.title,
        season_number=episode.season.number,
        episode_number=episode.number,
        url=episode.get_url(request) or "",
        image_url=_image_url(episode),
        position=position,
        duration=duration,
        progress=round(fraction, 4),
        watched=bool(row and row.watched),
    )


def _episodes_by_id(ids) -> dict[int, EpisodePage]:
    return {e.pk: e for e in episodes_queryset().filter(pk__in=list(ids))}


def in_progress_rows(profile, limit: int = RAIL_LIMIT) -> list[ViewingProgress]:
    """The profile's started, unfinished, not dismissed episodes, newest first."""
    offered = _offered(EpisodePage.objects.all()).values("pk")
    return list(
        ViewingProgress.objects.filter(
            profile=profile, watched=False, dismissed=False, position__gt=0, episode_id__in=offered
        ).order_by("-last_watched_at", "-pk")[:limit]
    )


def next_up_episode_ids(profile, *, exclude_shows=(), limit: int = NEXT_UP_SHOWS) -> list[int]:
    """For each show in progress (most recently watched first), the first episode after
    the one watched last, in order across seasons (season number, then episode number),
    that the profile has not watched; only visible, available and playable episodes.

    A show whose next episode was dismissed from the rail is left out until the profile
    watches more of it; so are ``exclude_shows`` (already on "Continue watching").
    """
    recent = list(
        ViewingProgress.objects.filter(profile=profile, watched=True)
        .order_by("-last_watched_at", "-pk")
        .values_list("episode_id", flat=True)[:NEXT_UP_SCAN]
    )
    if not recent:
        return []
    places = {
        row["pk"]: row
        for row in EpisodePage.objects.filter(pk__in=recent).values(
            "pk", "number", "season__number", "season__show_id"
        )
    }
    last_in_show: dict[int, dict] = {}
    for episode_id in recent:  # newest first: the first row of a show is its latest
        place = places.get(episode_id)
        if place is None or place["season__show_id"] is None:
            continue
        show_id = place["season__show_id"]
        if show_id in exclude_shows or show_id in last_in_show:
            continue
        last_in_show[show_id] = place
        if len(last_in_show) >= limit:
            break
    if not last_in_show:
        return []
    after = Q()
    for show_id, place in last_in_show.items():
        after |= Q(season__show_id=show_id) & (
            Q(season__number__gt=place["season__number"])
            | Q(season__number=place["season__number"], number__gt=place["number"])
        )
    seen = ViewingProgress.objects.filter(profile=profile, watched=True).values("episode_id")
    firsts = (
        _offered(EpisodePage.objects.filter(after))
        .exclude(pk__in=seen)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("season__show_id")],
                order_by=[F("season__number").asc(), F("number").asc(), F("path").asc()],
            )
        )
        .filter(place=1)
        .values_list("pk", "season__show_id")
    )
    first_by_show = {show_id: pk for pk, show_id in firsts}
    dismissed = set(
        ViewingProgress.objects.filter(
            profile=profile, dismissed=True, episode_id__in=list(first_by_show.values())
        ).values_list("episode_id", flat=True)
    )
    return [
        first_by_show[show_id]
        for show_id in last_in_show
        if show_id in first_by_show and first_by_show[show_id] not in dismissed
    ]


def continue_watching(profile, request) -> dict:
    """Both rails for the home page: ``continue_watching`` and ``next_up`` cards."""
    rows = in_progress_rows(profile)
    row_episodes = {row.episode_id for row in rows}
    show_of_row = dict(
        EpisodePage.objects.filter(pk__in=row_episodes).values_list("pk", "season__show_id")
    )
    next_ids = next_up_episode_ids(profile, exclude_shows=set(show_of_row.values()))
    episodes = _episodes_by_id(row_episodes | set(next_ids))
    return {
        "continue_watching": [
            _card(episodes[row.episode_id], request, row)
            for row in rows
            if row.episode_id in episodes
        ],
        "next_up": [_card(episodes[pk], request, None) for pk in next_ids if pk in episodes],
    }


def history_page(profile, request, page_number) -> tuple:
    """One page of the profile's viewing history, newest first: ``(page, cards)``, where
    each card is ``(row, EpisodeCard)``. Episodes no longer visible are left out."""
    visible = visible_pages(EpisodePage.objects.all()).values("pk")
    rows = (
        ViewingProgress.objects.filter(profile=profile, episode_id__in=visible)
        .filter(Q(watched=True) | Q(position__gt=0))
        .order_by("-last_watched_at", "-pk")
    )
    page = Paginator(rows, HISTORY_PER_PAGE).get_page(page_number)
    episodes = _episodes_by_id(row.episode_id for row in page.object_list)
    cards = [
        (row, _card(episodes[row.episode_id], request, row))
        for row in page.object_list
        if row.episode_id in episodes
    ]
    return page, cards


def progress_for_pages(profile, page_ids) -> dict[int, dict]:
    """``{page_id: {"progress": seconds, "watched": bool}}`` for the given episodes, in one
    query (for ``/api/v1/me/state``); pages without a row are absent."""
    return {
        episode_id: {"progress": position, "watched": watched}
        for episode_id, position, watched in ViewingProgress.objects.filter(
            profile=profile, episode_id__in=list(page_ids)
        ).values_list("episode_id", "position", "watched")
    }


def is_visible_episode(episode_id: int) -> bool:
    return visible_pages(EpisodePage.objects.filter(pk=episode_id)).exists()


def progress_row(profile, episode_id: int) -> ViewingProgress | None:
    return ViewingProgress.objects.filter(profile=profile, episode_id=episode_id).first()

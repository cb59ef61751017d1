"""progress endpoints (see ARCHITECTURE.md §4): the player's position reports, watched
marks, and the "Continue watching" / "Next up" rails.

- ``PUT /progress/{episode_id} {"position", "duration", "event"?}`` (seconds)
- ``GET /progress/{episode_id}``: the active profile's resume point for one episode
- ``PUT /watched/{page_id} {"watched"}``: an episode or a whole season
- ``GET /continue-watching`` · ``DELETE /continue-watching/{episode_id}``

Writes use session auth with Django's CSRF check (``engagement.api.auth.session_write``); the
rules live in ``engagement.services.progress``, the reads in ``engagement.selectors.progress``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.guards import reader_profile, viewing_profile
from engagement.selectors import progress as selectors
from engagement.services import progress as services

router = Router(tags=["progress"])


class Detail(Schema):
    detail: str


class ProgressIn(Schema):
    position: float
    duration: float
    event: str | None = Field(
        None, description="The player's reason: pause, seek and ended always write."
    )


class ProgressOut(Schema):
    episode_id: int
    saved: bool
    position: float
    watched: bool


class ResumeOut(Schema):
    episode_id: int
    position: float
    duration: float | None
    watched: bool


class WatchedIn(Schema):
    watched: bool


class WatchedOut(Schema):
    page_id: int
    watched: bool
    episodes: int


class CardOut(Schema):
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


class RailsOut(Schema):
    continue_watching: list[CardOut]
    next_up: list[CardOut]


NOT_FOUND = "No such episode, or it is not published."


@router.put(
    "/progress/{episode_id}",
    auth=session_write,
    response={200: ProgressOut, 401: Detail, 403: Detail, 404: Detail, 422: Detail},
    summary="Report the position in an episode",
)
def put_progress(request, episode_id: int, payload: ProgressIn):
    """The player reports every ~15 s and on pause, seek and end; timer reports are
    throttled (``saved: false``), events always write."""
    profile = viewing_profile(request)
    try:
        result = services.record_progress(
            profile,
            episode_id,
            position=payload.position,
            duration=payload.duration,
            event=payload.event,
        )
    except services.InvalidProgress as error:
        raise HttpError(422, str(error)) from error
    except services.EpisodeNotFound as error:
        raise HttpError(404, NOT_FOUND) from error
    return {
        "episode_id": episode_id,
        "saved": result.saved,
        "position": result.position,
        "watched": result.watched,
    }


@router.get(
    "/progress/{episode_id}",
    response={200: ResumeOut, 401: Detail, 404: Detail},
    summary="Where the active profile stopped in an episode",
)
def get_progress(request, episode_id: int):
    """The resume point (0 when the episode was never started or was finished)."""
    profile = reader_profile(request)
    if not services.valid_id(episode_id) or not selectors.is_visible_episode(episode_id):
        raise HttpError(404, NOT_FOUND)
    row = selectors.progress_row(profile, episode_id)
    return {
        "episode_id": episode_id,
        "position": row.position if row else 0.0,
        "duration": row.duration if row else None,
        "watched": bool(row and row.watched),
    }


@router.put(
    "/watched/{page_id}",
    auth=session_write,
    response={200: WatchedOut, 401: Detail, 403: Detail, 404: Detail, 422: Detail},
    summary="Mark an episode or a whole season watched or unwatched",
)
def put_watched(request, page_id: int, payload: WatchedIn):
    profile = viewing_profile(request)
    try:
        count = services.mark_watched(profile, page_id, payload.watched)
    except services.EpisodeNotFound as error:
        raise HttpError(404, _("No such episode or season, or it is not published.")) from error
    return {"page_id": page_id, "watched": payload.watched, "episodes": count}


@router.get(
    "/continue-watching",
    response={200: RailsOut, 401: Detail},
    summary="The Continue watching and Next up rails",
)
def get_continue_watching(request):
    """Started episodes (newest first, with the resume point) and, for shows in progress,
    the next unwatched episode."""
    profile = reader_profile(request)
    return selectors.continue_watching(profile, request)


@router.delete(
    "/continue-watching/{episode_id}",
    auth=session_write,
    response={204: None, 401: Detail, 403: Detail, 404: Detail},
    summary="Remove a card from Continue watching or Next up",
)
def delete_continue_watching(request, episode_id: int):
    """A later progress report on the episode brings its card back."""
    profile = viewing_profile(request)
    try:
        services.dismiss(profile, episode_id)
    except services.EpisodeNotFound as error:
        raise HttpError(404, NOT_FOUND) from error
    return Status(204, None)

"""Where a profile stopped in each episode: progress writes, watched marks, removing cards
and history entries.

The rules (docs/engagement.md, "Continue watching, next up, history"):

- A position is seconds from the start, within the duration the player reports (a second
  of slack for rounding); anything else is :class:`InvalidProgress` (422).
- The episode must be publicly visible (``catalog.visibility``): otherwise
  :class:`EpisodeNotFound` (404), whatever the id.
- Writes are throttled per profile and episode: at most one every ``THROTTLE_SECONDS``,
  except for the player's ``pause``, ``seek`` and ``ended`` events, which always write.
  A write costs at most three queries in all (the active profile, the episode, one upsert).
- An episode counts as watched from its video's end-credits marker
  (``VideoAsset.credits_start``), or from ``WATCHED_FRACTION`` of its length where it has
  none. Reaching it sets ``watched`` and puts the resume point back to 0 (as Netflix
  does: it stays watched, and the next play starts from the beginning). ``watched`` is
  sticky: re-watching part of it later keeps it watched (only "mark unwatched" clears it).
- Any progress write brings a dismissed card back to "Continue watching".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from catalog.models import EpisodePage, SeasonPage
from catalog.visibility import visible_pages
from engagement.models import ViewingProgress

MAX_ID = 2**31 - 1
THROTTLE_SECONDS = 10
SLACK_SECONDS = 1.0
WATCHED_FRACTION = 0.9
#: Player events that always write (a throttled timer tick does not); ``pagehide`` is the
#: viewer leaving the page, the last position they will expect to resume from.
FORCED_EVENTS = frozenset({"pause", "seek", "ended", "pagehide"})
EVENTS = FORCED_EVENTS | {"timeupdate"}
#: Twelve hours: no real episode is longer, and a bigger number is a broken player.
MAX_DURATION = 12 * 3600


class InvalidProgress(ValueError):
    """The position, duration or event makes no sense (422)."""


class EpisodeNotFound(LookupError):
    """No such episode, or not visible to the caller (404)."""


@dataclass(frozen=True)
class ProgressWrite:
    """What a progress report did: ``saved`` is False when the throttle skipped it."""

    saved: bool
    position: float
    watched: bool


def valid_id(page_id: int) -> bool:
    return 0 < page_id <= MAX_ID


def _throttle_key(profile_id: int, episode_id: int) -> str:
    return f"engagement:progress:{profile_id}:{episode_id}"


def validate(position: float, duration: float, event: str | None) -> None:
    if not (math.isfinite(position) and math.isfinite(duration)):
        raise InvalidProgress("Position and duration must be numbers of seconds.")
    if duration <= 0 or duration > MAX_DURATION:
        raise InvalidProgress("The duration must be more than 0 seconds and at most 12 hours.")
    if position < 0:
        raise InvalidProgress("The position cannot be negative.")
    if position > duration + SLACK_SECONDS:
        raise InvalidProgress("The position is past the end of the video.")
    if event is not None and event not in EVENTS:
        raise InvalidProgress(f"Unknown event; use one of {', '.join(sorted(EVENTS))}.")


def watched_threshold(duration: float, credits_start: float | None) -> float:
    """The position from which an episode counts as watched."""
    if credits_start and 0 < credits_start <= duration:
        return credits_start
    return duration * WATCHED_FRACTION


def _episode_facts(episode_id: int) -> dict:
    """The visible episode's video length and credits marker, in one query (or a 404)."""
    if not valid_id(episode_id):
        raise EpisodeNotFound
    facts = (
        visible_pages(EpisodePage.objects.filter(pk=episode_id))
        .values("pk", "video__duration", "video__credits_start")
        .first()
    )
    if facts is None:
        raise EpisodeNotFound
    return facts


# One statement: insert, or update the one row of this profile and episode. ``watched``
# never goes back to False here (only mark_watched(..., False) does that).
# The table name is the model's own (no user input reaches this string).
_UPSERT = """
INSERT INTO engagement_viewingprogress
    (profile_id, episode_id, position, duration, watched, dismissed, last_watched_at)
VALUES (%s, %s, %s, %s, %s, false, %s)
ON CONFLICT (profile_id, episode_id) DO UPDATE SET
    position = EXCLUDED.position,
    duration = EXCLUDED.duration,
    watched = engagement_viewingprogress.watched OR EXCLUDED.watched,
    dismissed = false,
    last_watched_at = EXCLUDED.last_watched_at
"""


def record_progress(
    profile, episode_id: int, *, position: float, duration: float, event: str | None = None
) -> ProgressWrite:
    """Save where ``profile`` is in the episode (throttled; see the module's rules)."""
    validate(position, duration, event)
    key = _throttle_key(profile.pk, episode_id)
    if event not in FORCED_EVENTS and cache.get(key) is not None:
        return ProgressWrite(saved=False, position=position, watched=False)
    facts = _episode_facts(episode_id)
    length = facts["video__duration"] or duration
    watched = position >= watched_threshold(length, facts["video__credits_start"])
    stored = 0.0 if watched else position
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [profile.pk, episode_id, stored, duration, watched, timezone.now()])
    cache.set(key, 1, THROTTLE_SECONDS)
    return ProgressWrite(saved=True, position=stored, watched=watched)


def _episode_ids_for(page_id: int) -> list[int]:
    """The visible episodes ``page_id`` names: itself (an episode) or a season's episodes."""
    if not valid_id(page_id):
        raise EpisodeNotFound
    if visible_pages(EpisodePage.objects.filter(pk=page_id)).exists():
        return [page_id]
    season = visible_pages(SeasonPage.objects.filter(pk=page_id)).values("pk").first()
    if season is None:
        raise EpisodeNotFound
    return list(
        visible_pages(EpisodePage.objects.filter(season_id=season["pk"])).values_list(
            "pk", flat=True
        )
    )


def mark_watched(profile, page_id: int, watched: bool) -> int:
    """Mark an episode, or every visible episode of a season, watched or unwatched.

    Watched: the resume point goes back to 0 and the episode leaves "Continue watching";
    rows that did not exist are created (and so show in the history, marked now).
    Unwatched: as if never watched: watched is cleared and the resume point goes back to
    0, which also takes it out of the history. Returns how many episodes it covered.
    """
    episode_ids = _episode_ids_for(page_id)
    if not episode_ids:
        return 0
    if watched:
        now = timezone.now()
        ViewingProgress.objects.bulk_create(
            [
                ViewingProgress(
                    profile=profile, episode_id=pk, position=0, watched=True, last_watched_at=now
                )
                for pk in episode_ids
            ],
            update_conflicts=True,
            unique_fields=["profile", "episode"],
            update_fields=["position", "watched"],
        )
    else:
        ViewingProgress.objects.filter(profile=profile, episode_id__in=episode_ids).update(
            watched=False, position=0
        )
    for pk in episode_ids:
        cache.delete(_throttle_key(profile.pk, pk))
    return len(episode_ids)


def dismiss(profile, episode_id: int) -> None:
    """Take the episode's card off "Continue watching" (and "Next up"); a later progress
    write brings it back. A next-up episode not yet started gets a row (position 0) that
    only remembers the dismissal; it is not in the history."""
    facts = _episode_facts(episode_id)
    with transaction.atomic():
        updated = ViewingProgress.objects.filter(profile=profile, episode_id=facts["pk"]).update(
            dismissed=True
        )
        if not updated:
            ViewingProgress.objects.bulk_create(
                [
                    ViewingProgress(
                        profile=profile,
                        episode_id=facts["pk"],
                        position=0,
                        dismissed=True,
                        last_watched_at=timezone.now(),
                    )
                ],
                update_conflicts=True,
                unique_fields=["profile", "episode"],
                update_fields=["dismissed"],
            )


def remove_history_entry(profile, entry_id: int) -> bool:
    """Forget one history row of ``profile`` (False: none of its rows has that id)."""
    if not valid_id(entry_id):
        return False
    deleted, _ = ViewingProgress.objects.filter(profile=profile, pk=entry_id).delete()
    return bool(deleted)


def clear_history(profile) -> int:
    """Forget everything ``profile`` watched (its resume points and watched marks too)."""
    deleted, _ = ViewingProgress.objects.filter(profile=profile).delete()
    return deleted

"""The one place that decides who may play what (ARCHITECTURE.md §5).

``can_play(user, episode)`` returns a :class:`Decision` with a machine-readable
reason and a sentence for people. Everything that plays video asks it: the play API,
the player's locked state, and later the account area.

subscriptions never imports catalog models: ``episode`` is anything with
``access_level``, ``available_from`` and ``available_until`` attributes.

Until plans and subscriptions exist (accounts issue), free episodes play for
everyone inside their availability window and subscribers-only episodes play for
nobody, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.utils import timezone
from django.utils.formats import date_format

FREE = "free"


class Playable(Protocol):
    access_level: str
    available_from: datetime | None
    available_until: datetime | None


class Reason:
    """Why playback is allowed or refused; the values are part of the API contract."""

    OK = "ok"
    FREE = "free"
    NOT_SIGNED_IN = "not_signed_in"
    EMAIL_UNVERIFIED = "email_unverified"
    NO_PLAN = "no_plan"
    PLAN_TOO_LOW = "plan_too_low"
    NOT_YET_AVAILABLE = "not_yet_available"
    NO_LONGER_AVAILABLE = "no_longer_available"
    EXPIRED = "subscription_expired"
    REGION = "region"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    message: str

    @property
    def needs_sign_in(self) -> bool:
        return self.reason == Reason.NOT_SIGNED_IN


def _window_decision(episode: Playable, now: datetime) -> Decision | None:
    if episode.available_from and now < episode.available_from:
        when = date_format(timezone.localtime(episode.available_from), "j F Y, H:i")
        return Decision(False, Reason.NOT_YET_AVAILABLE, f"Available from {when}.")
    if episode.available_until and now >= episode.available_until:
        return Decision(False, Reason.NO_LONGER_AVAILABLE, "This episode is no longer available.")
    return None


def can_play(user, episode: Playable, *, now: datetime | None = None) -> Decision:
    """Whether ``user`` may play ``episode`` now, and why."""
    now = now or timezone.now()
    if refused := _window_decision(episode, now):
        return refused
    if episode.access_level == FREE:
        return Decision(True, Reason.FREE, "Free to watch.")
    if not getattr(user, "is_authenticated", False):
        return Decision(False, Reason.NOT_SIGNED_IN, "Sign in to watch this episode.")
    return Decision(False, Reason.NO_PLAN, "Subscribe to watch this episode.")


def can_play_trailer(now: datetime | None = None) -> Decision:
    """Trailers are free for everyone."""
    return Decision(True, Reason.FREE, "Trailers are free.")

"""The one gate every engagement write passes: signed in, a profile, allowed to write.

Each write of shared or moderated things (reviews, ratings, reports, My List) calls
:func:`writer_profile` first; writes of the profile's own viewing state (progress,
history) call :func:`viewing_profile`. Anonymous visitors get 401.
Whether an account may write at all (a suspension or ban, from moderation) is decided
by :func:`write_refusal`, and only there.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ninja.errors import HttpError

from engagement.profiles import active_profile


def write_refusal(user) -> str | None:
    """Why ``user`` may not write reviews, ratings, reports or My List now (None: may).

    A suspension or ban in force (engagement.services.moderation.restrictions).
    """
    from engagement.services.moderation.restrictions import refusal_for

    return refusal_for(user)


def signed_in(request):
    """The signed-in user, or a 401 for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise HttpError(401, _("Sign in first."))
    return user


def reader_profile(request):
    """The active profile for reads of one's own state (401 when anonymous)."""
    signed_in(request)
    return active_profile(request)


def viewing_profile(request):
    """The active profile for writes of its own viewing state (progress, watched marks,
    history): signed in is enough; a suspension stops contributions, not watching."""
    signed_in(request)
    return active_profile(request)


def writer_profile(request):
    """The active profile of a signed-in account that may write (401, or 403 with why)."""
    user = signed_in(request)
    refusal = write_refusal(user)
    if refusal:
        raise HttpError(403, refusal)
    return active_profile(request)

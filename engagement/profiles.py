"""Which profile is watching: the account's main profile, and the active one in the session.

Every piece of viewing state belongs to a profile, so every engagement endpoint asks
:func:`active_profile` (through ``engagement.guards``), and the play API learns the
active profile's maturity ceiling from :func:`viewer_ceiling` through the registry
(``engagement.contributions``), without importing this app.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from engagement.models import Profile

SESSION_KEY = "engagement.profile_id"
_CACHE_ATTR = "_engagement_active_profile"


def main_profile_name(user) -> str:
    return (user.public_name or "Me")[:40]


def ensure_main_profile(user) -> Profile:
    """The account's main profile, created (named after the account) when missing.

    Safe under concurrent first requests: the partial unique constraint admits one main
    profile, and the loser of the race reads the winner's row.
    """
    profile = Profile.objects.filter(user=user, is_main=True).first()
    if profile is not None:
        return profile
    name = main_profile_name(user)
    if Profile.objects.filter(user=user, name=name).exists():
        name = f"{name[:34]} (main)"
    try:
        with transaction.atomic():
            return Profile.objects.create(user=user, name=name, is_main=True)
    except IntegrityError:
        return Profile.objects.get(user=user, is_main=True)


def active_profile(request) -> Profile | None:
    """The profile watching in this session (None for anonymous visitors).

    The session names it; a stale or foreign id falls back to the main profile. The
    answer is kept on the request, so asking twice costs one query.
    """
    if hasattr(request, _CACHE_ATTR):
        return getattr(request, _CACHE_ATTR)
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile_id = request.session.get(SESSION_KEY)
        if isinstance(profile_id, int):
            profile = Profile.objects.filter(user=user, pk=profile_id).first()
        if profile is None:
            profile = ensure_main_profile(user)
    setattr(request, _CACHE_ATTR, profile)
    return profile


def set_active_profile(request, profile: Profile) -> None:
    """Make ``profile`` (already checked to belong to ``request.user``) the active one."""
    request.session[SESSION_KEY] = profile.pk
    setattr(request, _CACHE_ATTR, profile)


def viewer_ceiling(request) -> str | None:
    """The active profile's maturity ceiling (registered as the play API's viewer ceiling)."""
    profile = active_profile(request)
    return profile.maturity_ceiling if profile else None

"""Suspensions and bans: whether an account may write, and ending a banned account's sessions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.formats import date_format

from engagement.models import AccountRestriction, RestrictionKind


def restriction_in_force(user, *, now=None) -> AccountRestriction | None:
    """The ban, or else the suspension, that holds for ``user`` now (None: none)."""
    now = now or timezone.now()
    found = list(AccountRestriction.objects.in_force(now).filter(user=user))
    found.sort(key=lambda r: (r.kind != RestrictionKind.BAN, -(r.ends_at or now).timestamp()))
    return found[0] if found else None


def refusal_for(user, *, now=None) -> str | None:
    """Why ``user`` may not write now (asked by engagement.guards.write_refusal)."""
    if not user.is_active:
        return "This account is banned."
    restriction = restriction_in_force(user, now=now)
    if restriction is None:
        return None
    if restriction.kind == RestrictionKind.BAN:
        return "This account is banned."
    until = date_format(timezone.localtime(restriction.ends_at), "DATETIME_FORMAT")
    why = f" Reason: {restriction.reason}" if restriction.reason else ""
    return (
        f"Your account is suspended until {until}: you cannot write reviews, ratings, "
        f"reports or change My List until then.{why}"
    )


def end_sessions(user) -> int:
    """Delete every database session of ``user`` (a banned account is signed out everywhere)."""
    key = str(user.pk)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()
            ended += 1
    return ended


def set_active(user, active: bool) -> None:
    get_user_model().objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active

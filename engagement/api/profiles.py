"""Profiles: list, create, switch (``/api/v1/profiles``) and the ``profile`` of ``/me``."""

from __future__ import annotations

from ninja import Router, Schema

from engagement.profiles import active_profile

router = Router(tags=["profiles"])


class ProfileOut(Schema):
    id: int
    name: str
    avatar: str
    language: str
    maturity_ceiling: str
    is_kids: bool
    is_main: bool
    has_pin: bool


def profile_out(profile) -> dict:
    return {
        "id": profile.pk,
        "name": profile.name,
        "avatar": profile.avatar,
        "language": profile.language,
        "maturity_ceiling": profile.maturity_ceiling,
        "is_kids": profile.is_kids,
        "is_main": profile.is_main,
        "has_pin": profile.has_pin,
    }


def me_profile(request) -> dict | None:
    """``/api/v1/me`` ``profile``: the active profile, or null for anonymous visitors."""
    profile = active_profile(request)
    return profile_out(profile) if profile else None

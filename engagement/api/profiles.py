"""Profiles: list, create, edit, delete, PINs, switch (``/api/v1/profiles``) and the
``profile`` of ``/me``. The rules are in engagement/services/profiles.py.

Writes use session auth with CSRF (``engagement.api.auth``). They are the household's
own settings, not content others see, so the write gate (``engagement.guards``) does not
hold them back: a suspended account still manages its profiles. Management (create, edit, delete, PIN changes)
needs the main profile's PIN when it has one: ``POST /profiles/unlock {"pin"}`` unlocks
it for the session for a few minutes, or a write carries it as ``main_pin``.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.translation import gettext as _

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.guards import reader_profile
from engagement.profiles import active_profile
from engagement.services import profiles as services

router = Router(tags=["profiles"])


class ProfileOut(Schema):
    id: int
    name: str
    avatar: str
    avatar_url: str
    language: str
    maturity_ceiling: str
    is_kids: bool
    is_main: bool
    has_pin: bool


class ProfileItem(ProfileOut):
    active: bool
    switch_needs_pin: bool


class Detail(Schema):
    detail: str


class PinRefusal(Schema):
    detail: str
    reason: str


class ProfileIn(Schema):
    name: str
    avatar: str | None = None
    language: str | None = None
    maturity_ceiling: str | None = None
    is_kids: bool = False
    main_pin: str | None = None


class ProfilePatch(Schema):
    name: str | None = None
    avatar: str | None = None
    language: str | None = None
    maturity_ceiling: str | None = None
    is_kids: bool | None = None
    main_pin: str | None = None


class PinIn(Schema):
    pin: str | None = None


class NewPinIn(Schema):
    pin: str
    main_pin: str | None = None


ERRORS = {401: Detail, 403: PinRefusal, 404: Detail, 422: Detail, 429: Detail}


def profile_out(profile) -> dict:
    return {
        "id": profile.pk,
        "name": profile.name,
        "avatar": profile.avatar,
        "avatar_url": static(f"img/avatars/{profile.avatar}.svg"),
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


def _refusal(error: services.ProfileError):
    if error.status == 403:
        return Status(403, {"detail": error.message, "reason": error.code or "forbidden"})
    return Status(error.status, {"detail": error.message})


def _own(request, profile_id: int):
    profile = services.profile_for(request.user, profile_id)
    if profile is None:
        raise HttpError(404, _("No such profile."))
    return profile


@router.get("/profiles", response={200: list[ProfileItem], 401: Detail}, summary="Your profiles")
def profile_list(request):
    """The account's profiles (main first), which one is active, and whether switching
    to each asks for a PIN."""
    current = reader_profile(request)
    return [
        {
            **profile_out(profile),
            "active": profile.pk == current.pk,
            "switch_needs_pin": services.switch_pin_holder(current, profile) is not None,
        }
        for profile in services.profiles_for(request.user)
    ]


@router.post(
    "/profiles",
    auth=session_write,
    response={201: ProfileOut, **ERRORS},
    summary="Add a profile",
)
def profile_create(request, data: ProfileIn):
    try:
        services.require_management(request, data.main_pin)
        profile = services.profile_create(
            request.user,
            name=data.name,
            avatar=data.avatar,
            language=data.language,
            maturity_ceiling=data.maturity_ceiling,
            is_kids=data.is_kids,
        )
    except services.ProfileError as error:
        return _refusal(error)
    return Status(201, profile_out(profile))


@router.post(
    "/profiles/unlock",
    auth=session_write,
    response={204: None, **ERRORS},
    summary="Unlock profile management with the main profile's PIN",
)
def profile_unlock(request, data: PinIn):
    try:
        services.unlock_management(request, data.pin)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(204, None)


@router.patch(
    "/profiles/{profile_id}",
    auth=session_write,
    response={200: ProfileOut, **ERRORS},
    summary="Edit a profile",
)
def profile_edit(request, profile_id: int, data: ProfilePatch):
    profile = _own(request, profile_id)
    changes = data.dict(exclude_unset=True)
    main_pin = changes.pop("main_pin", None)
    changes = {key: value for key, value in changes.items() if value is not None}
    try:
        services.require_management(request, main_pin)
        profile = services.profile_update(profile, **changes)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(200, profile_out(profile))


@router.delete(
    "/profiles/{profile_id}",
    auth=session_write,
    response={204: None, **ERRORS},
    summary="Delete a profile and its viewing state",
)
def profile_delete(request, profile_id: int):
    profile = _own(request, profile_id)
    try:
        services.require_management(request)
        services.profile_delete(profile)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(204, None)


@router.put(
    "/profiles/{profile_id}/pin",
    auth=session_write,
    response={200: ProfileOut, **ERRORS},
    summary="Set a profile's 4-digit PIN",
)
def profile_pin_set(request, profile_id: int, data: NewPinIn):
    profile = _own(request, profile_id)
    try:
        services.require_management(request, data.main_pin)
        profile = services.pin_set(profile, data.pin)
        if profile.is_main:
            services.keep_unlocked(request)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(200, profile_out(profile))


@router.delete(
    "/profiles/{profile_id}/pin",
    auth=session_write,
    response={200: ProfileOut, **ERRORS},
    summary="Remove a profile's PIN",
)
def profile_pin_clear(request, profile_id: int):
    profile = _own(request, profile_id)
    try:
        services.require_management(request)
        profile = services.pin_clear(profile)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(200, profile_out(profile))


@router.post(
    "/profiles/{profile_id}/switch",
    auth=session_write,
    response={200: ProfileOut, **ERRORS},
    summary="Switch the active profile",
)
def profile_switch(request, profile_id: int, data: PinIn | None = None):
    """Watch as another of the account's profiles; its PIN (or, leaving a kids profile,
    the main profile's) when it has one."""
    reader_profile(request)
    profile = _own(request, profile_id)
    try:
        services.profile_switch(request, profile, data.pin if data else None)
    except services.ProfileError as error:
        return _refusal(error)
    return Status(200, profile_out(profile))

"""Household profiles: creating, editing and deleting them, their PINs, and switching.

The rules (issue 10 §1, docs/engagement.md "Profiles"):

- An account has 1 to ``MAX_PROFILES`` profiles; the main one is never deleted and is
  never a kids profile. Names are unique per account (case-insensitive here, exact in
  the database constraint).
- A kids profile's ceiling is at most ``KIDS_CEILING`` (TV-PG), and TV-PG by default.
- A PIN is 4 digits, stored with Django's ``make_password``; every check of a PIN goes
  through :func:`check_pin`, which is rate limited (allauth's ratelimit, action
  ``profile_pin``) and counts only wrong tries.
- A PIN on the **main** profile guards profile management (create, edit, delete, PIN
  changes: :func:`require_management`; a correct PIN unlocks it for the session for
  ``PROFILE_MANAGE_UNLOCK_SECONDS``) and leaving a kids profile for a non-kids one. A PIN
  on any profile is needed to switch into it (:func:`switch_pin_holder` says whose PIN
  a switch asks for).

Views and the API call these and turn :class:`ProfileError` into a form error or a JSON
``{"detail"}`` with its ``status``.
"""

from __future__ import annotations

import html
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

import nh3
from allauth.core import ratelimit

from engagement.models import Profile
from engagement.models.profiles import KIDS_CEILING, MAX_PROFILES, Avatar, ProfileLanguage
from engagement.profiles import active_profile, ensure_main_profile, set_active_profile
from engagement.services.ratings import remove_profile_ratings
from subscriptions import maturity
from subscriptions.maturity import MaturityRating

PIN_RATE_LIMIT_ACTION = "profile_pin"
MANAGE_SESSION_KEY = "engagement.profiles_unlocked_until"
NAME_MAX_LENGTH = Profile._meta.get_field("name").max_length
EDITABLE_FIELDS = ("name", "avatar", "language", "maturity_ceiling", "is_kids")


class ProfileError(Exception):
    """A profile rule refused the change; ``message`` is for the person, ``status`` for
    the API (422 invalid, 403 not allowed, 429 too many PIN tries), ``field`` for forms."""

    def __init__(self, message: str, *, status: int = 422, field: str | None = None, code=""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field
        self.code = code


class PinRequired(ProfileError):
    """The change needs a PIN that was not given or was wrong (403)."""

    def __init__(self, message: str, *, holder: Profile | None = None, code="pin_required"):
        super().__init__(message, status=403, field="pin", code=code)
        self.holder = holder


# Plain values -------------------------------------------------------------------


def clean_name(value) -> str:
    """A profile name as plain text: markup stripped (nh3), spaces collapsed; 422 when
    nothing is left or it is too long."""
    text = html.unescape(nh3.clean(str(value or ""), tags=set()))
    text = " ".join(text.split())
    if not text:
        raise ProfileError(_("Give the profile a name."), field="name")
    if len(text) > NAME_MAX_LENGTH:
        raise ProfileError(
            _("A profile name has at most %(count)d characters.") % {"count": NAME_MAX_LENGTH},
            field="name",
        )
    return text


def clean_pin(value) -> str:
    text = str(value or "").strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise ProfileError(_("A PIN is exactly 4 digits."), field="pin")
    return text


def _choice(value, choices, field: str, what: str) -> str:
    if value not in choices.values:
        raise ProfileError(_("Choose %(what)s from the list.") % {"what": what}, field=field)
    return value


def _ceiling_for(is_kids: bool, ceiling) -> str:
    """The ceiling a profile gets: a kids profile's defaults to and is capped at TV-PG."""
    if ceiling in (None, ""):
        return KIDS_CEILING if is_kids else MaturityRating.TV_MA
    ceiling = _choice(ceiling, MaturityRating, "maturity_ceiling", "a maturity rating")
    if is_kids and maturity.rank(ceiling) > maturity.rank(KIDS_CEILING):
        raise ProfileError(
            _("A kids profile may watch up to %(rating)s at most.") % {"rating": KIDS_CEILING},
            field="maturity_ceiling",
        )
    return ceiling


def _name_taken(user, name: str, *, exclude: int | None = None) -> bool:
    others = Profile.objects.filter(user=user, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exists()


def _duplicate_name(name: str) -> ProfileError:
    return ProfileError(f"There is already a profile called “{name}”.", field="name")


# Reads -------------------------------------------------------------------------------


def profiles_for(user) -> list[Profile]:
    """The account's profiles, main first (the main one is created when missing)."""
    ensure_main_profile(user)
    return list(Profile.objects.filter(user=user))


def profile_for(user, profile_id) -> Profile | None:
    """The account's profile ``profile_id``; None for another account's or a bad id."""
    if not isinstance(profile_id, int) or not 0 < profile_id <= 2**31 - 1:
        return None
    return Profile.objects.filter(user=user, pk=profile_id).first()


# Create, edit, delete -------------------------------------------------------------


def profile_create(
    user,
    *,
    name,
    avatar=Avatar.TEAL,
    language=ProfileLanguage.EN,
    maturity_ceiling=None,
    is_kids: bool = False,
) -> Profile:
    """A new profile for ``user``: at most ``MAX_PROFILES``, with a name of its own.

    The user row is locked while counting, so two creates at once cannot pass the limit
    together; a name taken by a racing create is the same 422 as any taken name.
    """
    name = clean_name(name)
    avatar = _choice(avatar or Avatar.TEAL, Avatar, "avatar", "an avatar")
    language = _choice(language or ProfileLanguage.EN, ProfileLanguage, "language", "a language")
    is_kids = bool(is_kids)
    ceiling = _ceiling_for(is_kids, maturity_ceiling)
    ensure_main_profile(user)
    with transaction.atomic():
        get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
        if Profile.objects.filter(user=user).count() >= MAX_PROFILES:
            raise ProfileError(
                _("An account has at most %(count)d profiles.") % {"count": MAX_PROFILES}
            )
        if _name_taken(user, name):
            raise _duplicate_name(name)
        try:
            with transaction.atomic():
                return Profile.objects.create(
                    user=user,
                    name=name,
                    avatar=avatar,
                    language=language,
                    maturity_ceiling=ceiling,
                    is_kids=is_kids,
                )
        except IntegrityError:
            raise _duplicate_name(name) from None


def profile_update(profile: Profile, **changes) -> Profile:
    """Change some of ``EDITABLE_FIELDS``; the kids rule holds on the result.

    Turning a profile into a kids profile without naming a ceiling brings its ceiling
    down to TV-PG; the main profile never becomes a kids profile.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ProfileError(_("Unknown field: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        locked = Profile.objects.select_for_update().get(pk=profile.pk)
        if "name" in changes:
            locked.name = clean_name(changes["name"])
            if _name_taken(locked.user_id, locked.name, exclude=locked.pk):
                raise _duplicate_name(locked.name)
        if "avatar" in changes:
            locked.avatar = _choice(changes["avatar"], Avatar, "avatar", "an avatar")
        if "language" in changes:
            locked.language = _choice(
                changes["language"], ProfileLanguage, "language", "a language"
            )
        if "is_kids" in changes:
            locked.is_kids = bool(changes["is_kids"])
        if locked.is_kids and locked.is_main:
            raise ProfileError(
                _("The main profile cannot be a kids profile: add a kids profile instead."),
                field="is_kids",
            )
        ceiling = changes.get("maturity_ceiling")
        if ceiling in (None, "") and locked.is_kids:
            # Keep a ceiling already within the kids range, else bring it down to TV-PG.
            current = locked.maturity_ceiling
            ceiling = current if maturity.allows(KIDS_CEILING, current) else KIDS_CEILING
        elif ceiling in (None, ""):
            ceiling = locked.maturity_ceiling
        locked.maturity_ceiling = _ceiling_for(locked.is_kids, ceiling)
        try:
            with transaction.atomic():
                locked.save(update_fields=list(EDITABLE_FIELDS))
        except IntegrityError:
            raise _duplicate_name(locked.name) from None
    return locked


def profile_delete(profile: Profile) -> None:
    """Delete a profile that is not the main one, with all its viewing state.

    Its My List, progress and alert preference go by cascade; its ratings are taken out
    of their pages' summaries first, in the same transaction
    (``engagement.services.ratings.remove_profile_ratings``), so the totals stay exact.
    """
    if profile.is_main:
        raise ProfileError(_("The main profile cannot be deleted."), status=403)
    with transaction.atomic():
        locked = Profile.objects.select_for_update().filter(pk=profile.pk).first()
        if locked is None:
            return
        # The ratings service takes them out of their pages' summaries (one rule for it).
        remove_profile_ratings(locked)
        locked.delete()


# PINs ----------------------------------------------------------------------------


def pin_set(profile: Profile, pin) -> Profile:
    profile.pin_hash = make_password(clean_pin(pin))
    profile.save(update_fields=["pin_hash"])
    return profile


def pin_clear(profile: Profile) -> Profile:
    profile.pin_hash = ""
    profile.save(update_fields=["pin_hash"])
    return profile


def check_pin(request, profile: Profile, pin) -> None:
    """Pass when ``pin`` is ``profile``'s PIN (or it has none); else PinRequired (403),
    or 429 once there were too many wrong tries (per profile and per account)."""
    if not profile.has_pin:
        return
    key = str(profile.pk)
    if not ratelimit.consume(request, action=PIN_RATE_LIMIT_ACTION, key=key, dry_run=True):
        raise ProfileError(
            _("Too many wrong PINs. Wait a few minutes and try again."), status=429, field="pin"
        )
    if not pin:
        raise PinRequired(
            _("Enter the PIN of “%(name)s”.") % {"name": profile.name}, holder=profile
        )
    text = str(pin).strip()
    if len(text) == 4 and text.isdigit() and check_password(text, profile.pin_hash):
        return
    ratelimit.consume(request, action=PIN_RATE_LIMIT_ACTION, key=key)
    raise PinRequired(_("That PIN is not right."), holder=profile, code="pin_wrong")


# Management lock ------------------------------------------------------------------------


def main_profile_of(user) -> Profile:
    return ensure_main_profile(user)


def management_unlocked(request) -> bool:
    """Whether this session may manage profiles now: the main profile has no PIN, or its
    PIN was given less than ``PROFILE_MANAGE_UNLOCK_SECONDS`` ago."""
    if not main_profile_of(request.user).has_pin:
        return True
    until = request.session.get(MANAGE_SESSION_KEY)
    return isinstance(until, int | float) and until > time.time()


def unlock_management(request, pin) -> None:
    """Check the main profile's PIN and unlock management for the session for a while."""
    check_pin(request, main_profile_of(request.user), pin)
    keep_unlocked(request)


def keep_unlocked(request) -> None:
    """Unlock management for the session (after setting the main profile's PIN while
    unlocked: the person who just chose it needs not type it again at once)."""
    request.session[MANAGE_SESSION_KEY] = time.time() + settings.PROFILE_MANAGE_UNLOCK_SECONDS


def lock_management(request) -> None:
    request.session.pop(MANAGE_SESSION_KEY, None)


def require_management(request, pin=None) -> None:
    """Pass when management is unlocked; a ``pin`` given with the request unlocks it."""
    if management_unlocked(request):
        return
    if pin:
        unlock_management(request, pin)
        return
    raise PinRequired(
        _("Enter the main profile's PIN to manage profiles."),
        holder=main_profile_of(request.user),
        code="manage_locked",
    )


# Switching ---------------------------------------------------------------------------


def switch_pin_holder(current: Profile | None, target: Profile) -> Profile | None:
    """Whose PIN a switch from ``current`` to ``target`` asks for (None: no PIN).

    Leaving a kids profile for a non-kids one asks for the main profile's PIN when it
    has one (its holder manages every profile anyway); otherwise the target's own PIN.
    Staying on the same profile asks for nothing.
    """
    if current is not None and current.pk == target.pk:
        return None
    if current is not None and current.is_kids and not target.is_kids:
        main = target if target.is_main else main_profile_of(target.user)
        if main.has_pin:
            return main
    return target if target.has_pin else None


def profile_switch(request, target: Profile, pin=None) -> Profile:
    """Make ``target`` (one of ``request.user``'s profiles) the active profile."""
    holder = switch_pin_holder(active_profile(request), target)
    if holder is not None:
        try:
            check_pin(request, holder, pin)
        except PinRequired as refused:
            if refused.code == "pin_required" and holder.is_main and not target.is_main:
                refused.message = "Enter the main profile's PIN to leave a kids profile."
                refused.args = (refused.message,)
            raise
    # Leaving a profile ends any unlocked management of the one before.
    lock_management(request)
    set_active_profile(request, target)
    return target

"""The one place that decides who may play what (ARCHITECTURE.md §5).

``can_play(user, episode)`` returns a :class:`Decision` with a machine-readable
reason and a sentence for people. Everything that plays video asks it: the play API,
the player's locked state, and later the account area.

subscriptions never imports catalog models: ``episode`` is anything with
``access_level``, ``available_from`` and ``available_until`` attributes.

Optional episode attributes, read with ``getattr``: ``required_tier`` (default 1
for subscribers-only episodes), ``allowed_regions`` (ISO 3166 country codes;
empty means everywhere) and ``maturity_rating`` (the show's rating on
:mod:`subscriptions.maturity`'s scale). Callers pass the active profile's
``ceiling`` (None: no cap); an item rated above it is refused with ``maturity``. Callers pass the viewer's country as it came (e.g. the CDN
country header's value, or None): ``can_play(user, episode, country="FR")``. A missing
or unknown country ("XX", garbage) refuses region-restricted items with
``region_unknown`` when ``settings.REQUIRE_VIEWER_COUNTRY`` is on (production).

Trailers and extras (video blocks) are free, and ask here too: callers describe them
with :class:`FreeVideo` (the show's regions; for extras a page's availability window).

Order of checks: availability window, region, maturity, free, signed in, e-mail
verified, subscription present, plan tier, subscription status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from django_countries import countries

from subscriptions import maturity

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
    REGION_UNKNOWN = "region_unknown"
    MATURITY = "maturity"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    message: str

    @property
    def needs_sign_in(self) -> bool:
        return self.reason == Reason.NOT_SIGNED_IN


@dataclass(frozen=True)
class FreeVideo:
    """A trailer or an extra: free to watch, within its regions and window (if any)."""

    allowed_regions: tuple[str, ...] = ()
    available_from: datetime | None = None
    available_until: datetime | None = None
    access_level: str = FREE
    noun: str = "video"
    maturity_rating: str | None = None


def _noun(item) -> str:
    return getattr(item, "noun", "episode")


# Whole sentences per kind of item (translations agree with the noun: "Cet épisode",
# "Cette bande-annonce"), keyed by ``_noun``.
_ITEM_MESSAGES = {
    "gone": {
        "episode": gettext_lazy("This episode is no longer available."),
        "trailer": gettext_lazy("This trailer is no longer available."),
        "video": gettext_lazy("This video is no longer available."),
    },
    "region_unknown": {
        "episode": gettext_lazy(
            "This episode plays only in some countries, and we could not tell "
            "which country you are in."
        ),
        "trailer": gettext_lazy(
            "This trailer plays only in some countries, and we could not tell "
            "which country you are in."
        ),
        "video": gettext_lazy(
            "This video plays only in some countries, and we could not tell "
            "which country you are in."
        ),
    },
    "region": {
        "episode": gettext_lazy("This episode is not available in your region."),
        "trailer": gettext_lazy("This trailer is not available in your region."),
        "video": gettext_lazy("This video is not available in your region."),
    },
    "maturity": {
        "episode": gettext_lazy("This episode is rated above what this profile may watch."),
        "trailer": gettext_lazy("This trailer is rated above what this profile may watch."),
        "video": gettext_lazy("This video is rated above what this profile may watch."),
    },
}


def _item_message(kind: str, item) -> str:
    messages = _ITEM_MESSAGES[kind]
    return str(messages.get(_noun(item), messages["video"]))


def _window_state(item: Playable, now: datetime) -> str | None:
    """``not_yet_available``, ``no_longer_available`` or None (the window is open)."""
    if item.available_from and now < item.available_from:
        return Reason.NOT_YET_AVAILABLE
    if item.available_until and now >= item.available_until:
        return Reason.NO_LONGER_AVAILABLE
    return None


def _window_decision(episode: Playable, now: datetime) -> Decision | None:
    state = _window_state(episode, now)
    if state == Reason.NOT_YET_AVAILABLE:
        when = date_format(timezone.localtime(episode.available_from), "j F Y, H:i")
        return Decision(
            False, Reason.NOT_YET_AVAILABLE, gettext("Available from %(when)s.") % {"when": when}
        )
    if state == Reason.NO_LONGER_AVAILABLE:
        return Decision(False, Reason.NO_LONGER_AVAILABLE, _item_message("gone", episode))
    return None


# An episode whose window closes within this many days is badged "Leaving <date>".
LEAVING_SOON_DAYS = 14


@dataclass(frozen=True)
class Requirement:
    """What an item needs before anyone presses Play: the same for every viewer.

    ``access`` is ``free``, ``subscribers`` (any plan) or ``plan`` (``plan_name`` or
    higher); ``window`` is ``coming`` (from ``starts``), ``leaving`` (until ``ends``),
    ``gone`` or None. The viewer's region is not part of it: pages are shared, so the
    region badge comes from the API (``/api/v1/me`` ``country``).
    """

    access: str
    plan_name: str | None = None
    window: str | None = None
    starts: datetime | None = None
    ends: datetime | None = None

    @property
    def is_free(self) -> bool:
        return self.access == FREE

    @property
    def access_label(self) -> str:
        if self.access == FREE:
            return gettext("Free")
        return self.plan_name or gettext("Subscribers")

    @property
    def window_label(self) -> str:
        if self.window == "coming":
            day = date_format(timezone.localtime(self.starts), "j M")
            return gettext("Coming %(day)s") % {"day": day}
        if self.window == "leaving":
            day = date_format(timezone.localtime(self.ends), "j M")
            return gettext("Leaving %(day)s") % {"day": day}
        if self.window == "gone":
            return gettext("No longer available")
        return ""


def access_requirement(
    item: Playable, *, plan_name: str | None = None, now: datetime | None = None
) -> Requirement:
    """The badge facts of ``item``: free or which plan, and its availability window.

    Reads the same fields, in the same way, as :func:`can_play`; ``plan_name`` names the
    item's minimum plan (None: any plan), which the caller has at hand without a query.
    """
    now = now or timezone.now()
    if item.access_level == FREE:
        access, plan_name = FREE, None
    else:
        access = "plan" if plan_name else "subscribers"
    state = _window_state(item, now)
    window = {Reason.NOT_YET_AVAILABLE: "coming", Reason.NO_LONGER_AVAILABLE: "gone"}.get(state)
    leaving_soon = now + timedelta(days=LEAVING_SOON_DAYS)
    if window is None and item.available_until and item.available_until <= leaving_soon:
        window = "leaving"
    return Requirement(access, plan_name, window, item.available_from, item.available_until)


DEFAULT_REQUIRED_TIER = 1


def known_country(value: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code in ``value``, or None when it is missing or not a country.

    CDNs send placeholders such as ``XX`` (unknown) or ``T1`` (Tor); those are unknown too.
    """
    code = (value or "").strip().upper()
    return code if len(code) == 2 and countries.alpha2(code) == code else None


def _region_decision(episode, country: str | None) -> Decision | None:
    regions = {code.upper() for code in (getattr(episode, "allowed_regions", None) or ())}
    if not regions:
        return None
    code = known_country(country)
    if code is None:
        if settings.REQUIRE_VIEWER_COUNTRY:
            return Decision(False, Reason.REGION_UNKNOWN, _item_message("region_unknown", episode))
        return None
    if code not in regions:
        return Decision(False, Reason.REGION, _item_message("region", episode))
    return None


def maturity_decision(item, ceiling: str | None) -> Decision | None:
    """A refusal when ``item``'s rating is above the profile's ``ceiling`` (None: no cap)."""
    if maturity.allows(ceiling, getattr(item, "maturity_rating", None)):
        return None
    return Decision(False, Reason.MATURITY, _item_message("maturity", item))


def blocked_for(ceiling: str | None, rating: str | None) -> bool:
    """Whether an item rated ``rating`` is refused to a profile capped at ``ceiling``:
    the same comparison :func:`can_play` makes, for pages that mark cards ``blocked``."""
    return not maturity.allows(ceiling, rating)


def email_verified(user) -> bool:
    """Staff count as verified; others need their primary address verified (allauth)."""
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    from allauth.account.models import EmailAddress

    return (
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
        or EmailAddress.objects.filter(user=user, primary=True, verified=True).exists()
    )


def _subscription_of(user):
    from subscriptions.models import Subscription

    return Subscription.objects.select_related("plan").filter(user=user).first()


def subscription_decision(subscription, required_tier: int, now: datetime) -> Decision:
    """Whether a subscription (or None) covers content needing ``required_tier``.

    Whether it runs is the subscription's own reading (``Subscription.state``).
    """
    if subscription is None:
        return Decision(False, Reason.NO_PLAN, gettext("Subscribe to watch this episode."))
    if subscription.plan.tier < required_tier:
        return Decision(
            False, Reason.PLAN_TOO_LOW, gettext("Upgrade your plan to watch this episode.")
        )
    if not subscription.is_running(now):
        return Decision(
            False, Reason.EXPIRED, gettext("Your subscription has ended; renew to watch.")
        )
    if subscription.status == subscription.Status.PAST_DUE:
        return Decision(True, Reason.OK, gettext("Please update your payment details."))
    if subscription.status == subscription.Status.CANCELED:
        return Decision(
            True, Reason.OK, gettext("Your subscription runs until the end of its period.")
        )
    return Decision(True, Reason.OK, gettext("Enjoy the show."))


def can_play(
    user,
    episode: Playable,
    *,
    now: datetime | None = None,
    country: str | None = None,
    ceiling: str | None = None,
) -> Decision:
    """Whether ``user`` may play ``episode`` (or a :class:`FreeVideo`) now, and why.

    ``country`` is the viewer's country as reported (None when nobody reported one);
    ``ceiling`` the active profile's maturity ceiling (None: no cap).
    """
    now = now or timezone.now()
    if refused := _window_decision(episode, now):
        return refused
    if refused := _region_decision(episode, country):
        return refused
    if refused := maturity_decision(episode, ceiling):
        return refused
    if episode.access_level == FREE:
        return Decision(True, Reason.FREE, gettext("Free to watch."))
    if not getattr(user, "is_authenticated", False):
        return Decision(False, Reason.NOT_SIGNED_IN, gettext("Sign in to watch this episode."))
    if not email_verified(user):
        return Decision(
            False,
            Reason.EMAIL_UNVERIFIED,
            gettext("Verify your e-mail address to watch this episode."),
        )
    required = getattr(episode, "required_tier", None) or DEFAULT_REQUIRED_TIER
    return subscription_decision(_subscription_of(user), required, now)

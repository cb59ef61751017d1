"""Where the account area sends a viewer back to, and what they came for.

A locked episode links to ``/account/plans/?next=<the episode>&tier=<its tier>`` (the
play API's ``upgrade_url``). subscriptions never imports catalog, so the episode is
known here only by that local URL and the plan tier it needs; both come from the
query string and are checked before use.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.http import url_has_allowed_host_and_scheme

# Plan.tier is a PositiveSmallIntegerField.
MAX_TIER = 32767


def local_url(value) -> str | None:
    """``value`` if it is a path on this site (``/…``, no scheme, no host), else None."""
    if not isinstance(value, str) or not value.startswith("/"):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    return value


def required_tier(value) -> int | None:
    """The plan tier named by ``value`` (a whole number from 1 to MAX_TIER), else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        return None
    tier = int(text)
    return tier if 1 <= tier <= MAX_TIER else None


def upgrade_query(*, next_url: str, tier: int | None = None) -> str:
    """The query string that carries ``next_url`` (and ``tier``) to the plans page."""
    params = {"next": next_url}
    if tier:
        params["tier"] = tier
    return urlencode(params)

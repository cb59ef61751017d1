"""Short-lived signed playback tokens.

A token names one video asset and an expiry, signed with the SECRET_KEY. Every
playlist, segment and subtitle URL of a playback session sits under
``/play/<token>/``, so one signature covers the relative URIs inside the playlists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing

SALT = "mediasite.playback"


class InvalidToken(Exception):
    """The token was tampered with, is malformed, or has expired."""


@dataclass(frozen=True)
class Grant:
    asset_id: int
    expires_at: datetime

    @property
    def seconds_left(self) -> int:
        return max(0, int((self.expires_at - datetime.now(UTC)).total_seconds()))


def make_token(asset_id: int, *, ttl: int | None = None) -> tuple[str, datetime]:
    """A token for ``asset_id`` valid for ``ttl`` seconds (PLAYBACK_URL_TTL by default)."""
    ttl = ttl or settings.PLAYBACK_URL_TTL
    expires = int(datetime.now(UTC).timestamp()) + ttl
    token = signing.dumps([asset_id, expires], salt=SALT, compress=True)
    return token, datetime.fromtimestamp(expires, UTC)


def read_token(token: str) -> Grant:
    """The grant a token carries; raises InvalidToken if forged or expired."""
    try:
        asset_id, expires = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidToken("This playback link is not valid.") from exc
    grant = Grant(int(asset_id), datetime.fromtimestamp(int(expires), UTC))
    if grant.seconds_left <= 0:
        raise InvalidToken("This playback link has expired; start playback again.")
    return grant

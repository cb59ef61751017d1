"""A minimal client for the two Stripe API calls we make, over HTTPS, without the SDK.

``post(path, params)`` sends form-encoded parameters (Stripe's bracket notation for
nested ones) with the secret key and returns the decoded JSON object, or raises
:class:`StripeAPIError` with Stripe's message (for logs, not for subscribers).
``settings.STRIPE_API_BASE`` is ``https://api.stripe.com``; tests point it at a local
fake of the same API.
"""

from __future__ import annotations

import json
import logging
import uuid
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings

logger = logging.getLogger(__name__)


class StripeAPIError(Exception):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status


def secret_key() -> str:
    return getattr(settings, "STRIPE_SECRET_KEY", "") or ""


def flatten(params: dict, prefix: str = "") -> list[tuple[str, str]]:
    """``{"a": {"b": 1}, "c": [{"d": 2}]}`` → ``[("a[b]", "1"), ("c[0][d]", "2")]``."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, dict):
            pairs += flatten(value, name)
        elif isinstance(value, list | tuple):
            pairs += flatten({str(i): item for i, item in enumerate(value)}, name)
        elif isinstance(value, bool):
            pairs.append((name, "true" if value else "false"))
        elif value is not None:
            pairs.append((name, str(value)))
    return pairs


def post(path: str, params: dict, *, idempotency_key: str | None = None) -> dict:
    return call("POST", path, params, idempotency_key=idempotency_key)


def delete(path: str) -> dict:
    return call("DELETE", path, {})


def call(method: str, path: str, params: dict, *, idempotency_key: str | None = None) -> dict:
    key = secret_key()
    if not key:
        raise StripeAPIError("STRIPE_SECRET_KEY is not set.")
    request = Request(  # noqa: S310 - the URL is our setting, https in production
        settings.STRIPE_API_BASE.rstrip("/") + path,
        data=urlencode(flatten(params)).encode() if params else None,
        method=method,
        headers={
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Idempotency-Key": idempotency_key or uuid.uuid4().hex,
        },
    )
    try:
        with urlopen(request, timeout=settings.STRIPE_TIMEOUT) as response:  # noqa: S310
            body = json.loads(response.read() or b"{}")
    except HTTPError as exc:
        raise StripeAPIError(_error_message(exc), exc.code) from exc
    except (URLError, TimeoutError, OSError, ValueError) as exc:
        raise StripeAPIError(f"Stripe could not be reached: {exc}") from exc
    if not isinstance(body, dict):
        raise StripeAPIError("Stripe answered with something other than an object.")
    return body


def _error_message(exc: HTTPError) -> str:
    try:
        error = json.loads(exc.read()).get("error") or {}
        return str(error.get("message") or f"HTTP {exc.code}")
    except (ValueError, AttributeError, OSError):
        return f"HTTP {exc.code}"

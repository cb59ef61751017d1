"""Purge by surrogate key at the edge: Varnish (xkey), Fastly or Cloudflare.

Each adapter takes its entry of ``settings.EDGE_KEY_PURGERS`` and sends the keys in as
few requests as the provider allows. A refused or failed request raises
:class:`EdgePurgeError` (a ``ConnectionError``), which ``catalog.tasks.purge_keys`` retries.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

import requests

TIMEOUT = 10


class EdgePurgeError(ConnectionError):
    """The edge did not confirm the purge (unreachable, refused or an error answer)."""


class KeyPurger:
    """One edge cache that purges by key. ``max_keys``: keys per request."""

    max_keys = 100

    def __init__(self, params: dict):
        self.params = params

    def purge_keys(self, keys: list[str]) -> None:
        for start in range(0, len(keys), self.max_keys):
            self._send(keys[start : start + self.max_keys])

    def _send(self, keys: list[str]) -> None:
        raise NotImplementedError

    def _request(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            response = requests.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise EdgePurgeError(f"{type(self).__name__}: {error}") from error
        if response.status_code >= 300:
            raise EdgePurgeError(
                f"{type(self).__name__}: {response.status_code} {response.text[:200]}"
            )
        return response


class VarnishXkeyPurger(KeyPurger):
    """``PURGE /`` with an ``xkey-purge: k1 k2`` header (deploy/varnish/default.vcl)."""

    max_keys = 200  # about 2 KB of header

    def _send(self, keys):
        self._request(
            "PURGE",
            self.params["LOCATION"].rstrip("/") + "/",
            headers={"xkey-purge": " ".join(keys)},
        )


class FastlyKeyPurger(KeyPurger):
    """Fastly's purge by surrogate key: ``POST /service/<id>/purge`` (256 keys a call)."""

    max_keys = 256

    def _send(self, keys):
        base = self.params.get("API_URL", "https://api.fastly.com").rstrip("/")
        self._request(
            "POST",
            f"{base}/service/{self.params['SERVICE_ID']}/purge",
            headers={"Fastly-Key": self.params["API_TOKEN"], "Surrogate-Key": " ".join(keys)},
        )


class CloudflareTagPurger(KeyPurger):
    """Cloudflare's purge by cache tag: ``POST /zones/<id>/purge_cache {"tags": […]}``."""

    max_keys = 30

    def _send(self, keys):
        base = self.params.get("API_URL", "https://api.cloudflare.com/client/v4").rstrip("/")
        response = self._request(
            "POST",
            f"{base}/zones/{self.params['ZONE_ID']}/purge_cache",
            headers={"Authorization": f"Bearer {self.params['API_TOKEN']}"},
            json={"tags": keys},
        )
        if not response.json().get("success"):
            raise EdgePurgeError(f"CloudflareTagPurger: {response.text[:200]}")


def key_purgers() -> list[KeyPurger]:
    """The configured adapters (none: key purges are a no-op)."""
    return [
        import_string(params["BACKEND"])(params)
        for params in getattr(settings, "EDGE_KEY_PURGERS", {}).values()
    ]

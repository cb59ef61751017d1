"""Surrogate keys: which content a public response shows, so a change purges exactly the
pages that show it (docs/caching.md, "Surrogate keys").

Code that selects or renders an item calls :func:`record` (the card, episode row, credit
and rating summary templates through ``{% surrogate_key %}``, the views of genre, person
and search pages, the page-serving hook for the page itself). :class:`SurrogateKeyMiddleware`
collects the keys of one request and sends them on public responses in the header the
edge reads (``EDGE_KEYS_HEADER``: ``xkey`` for Varnish, ``Surrogate-Key`` for Fastly,
``Cache-Tag`` for Cloudflare). Code that caches a fragment wraps its computation in
:func:`capture` and records the stored keys again on a hit.

Key names: ``p<page id>`` a page shown (itself or as a card or row), ``g<genre id>`` and
``n<person id>`` a genre or person shown (their name, a chip, a credit), ``rating-<page id>``
a page's rating summary and reviews, and listing keys, one per language because every
translation is a page of its own: ``home-<lang>``, ``idx-shows-<lang>``, ``idx-g<genre id>``
(the shows of a genre), ``idx-n<person id>`` (the credits of a person), ``idx-genres-<lang>``,
``idx-people-<lang>``, ``search-<lang>`` and ``sugg-<lang>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

ITEM_KEY = re.compile(r"p\d+")
SEPARATORS = {"cache-tag": ","}


@dataclass
class _Collector:
    keys: dict[str, None] = field(default_factory=dict)  # an ordered set
    captures: list[set[str]] = field(default_factory=list)


_current: ContextVar[_Collector | None] = ContextVar("surrogate_keys", default=None)


def record(*keys: str) -> None:
    """Add ``keys`` to the response being rendered (a no-op outside a request)."""
    collector = _current.get()
    if collector is None:
        return
    for key in keys:
        if key:
            collector.keys[key] = None
            for captured in collector.captures:
                captured.add(key)


@contextmanager
def capture() -> Iterator[set[str]]:
    """Yield a set that receives every key recorded inside the block (which still go
    to the response). Outside a request the block's keys are captured all the same."""
    collector = _current.get()
    token = None
    if collector is None:
        collector = _Collector()
        token = _current.set(collector)
    keys: set[str] = set()
    collector.captures.append(keys)
    try:
        yield keys
    finally:
        collector.captures.remove(keys)
        if token is not None:
            _current.reset(token)


def language() -> str:
    """The language part of listing keys: the active language's code."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def page_key(page_id: int) -> str:
    return f"p{page_id}"


def listing_key(name: str, lang: str | None = None) -> str:
    """A per-language listing key, e.g. ``listing_key("home")`` → ``home-fr`` in French."""
    return f"{name}-{lang or language()}"


def page_keys(page) -> list[str]:
    """The keys of a served page: its own, and its listing key if it is a listing
    (``surrogate_listing`` on the page class, e.g. ``home`` or ``idx-shows``)."""
    keys = [page_key(page.pk)]
    listing = getattr(type(page.specific_deferred), "surrogate_listing", "")
    if listing:
        # A page is served in its own language (catalog.languages.check_page_language).
        keys.append(listing_key(listing))
    return keys


def header_value(keys, *, header: str | None = None, max_bytes: int | None = None) -> str:
    """The header for ``keys``, at most ``max_bytes`` long.

    Listing and other non-page keys are always kept, then page keys in the order they
    were recorded (the page itself first) while they fit. A page key left off is safe:
    a change to that page also purges the listing keys of every listing that shows it.
    """
    header = (header or settings.EDGE_KEYS_HEADER).lower()
    limit = max_bytes or settings.EDGE_KEYS_MAX_BYTES
    separator = SEPARATORS.get(header, " ")
    ordered = list(dict.fromkeys(keys))
    kept = [key for key in ordered if not ITEM_KEY.fullmatch(key)]
    size = sum(len(key) + 1 for key in kept)
    for key in ordered:
        if ITEM_KEY.fullmatch(key) and size + len(key) + 1 <= limit:
            kept.append(key)
            size += len(key) + 1
    return separator.join(kept)


class SurrogateKeyMiddleware:
    """Collect the keys recorded while a request is handled; send them on public responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        collector = _Collector()
        token = _current.set(collector)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        cache_control = response.get("Cache-Control", "")
        if collector.keys and "public" in cache_control and "private" not in cache_control:
            response[settings.EDGE_KEYS_HEADER] = header_value(collector.keys)
        return response

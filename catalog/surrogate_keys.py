"""Surrogate keys: the names of the content a response shows (shared interface).

``record(*keys)`` adds keys to the response being rendered; ``capture()`` collects the
keys recorded inside a block (and still records them), so a fragment or list kept in
the cache can store its keys and record them again on a hit (``catalog.content_version``).

This is the minimal version: the keys live in a ContextVar and nothing sends them yet
(no middleware, no header); the edge cache's version replaces this module and keeps
the two functions. Key names: ``p<page_id>``, ``g<genre_id>``, ``n<person_id>``,
``idx-shows``, ``home``, ``rating-<page_id>``, ``sugg``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: The response's set (set up per request by the edge's middleware), or None.
_response_keys: ContextVar[set[str] | None] = ContextVar("surrogate_keys", default=None)
#: The sets of the ``capture()`` blocks open now, innermost last.
_captures: ContextVar[tuple[set[str], ...]] = ContextVar("surrogate_captures", default=())


def record(*keys: str) -> None:
    """Add ``keys`` to the response being rendered and to every open capture (else no-op)."""
    for captured in _captures.get():
        captured.update(keys)
    response_keys = _response_keys.get()
    if response_keys is not None:
        response_keys.update(keys)


@contextmanager
def capture() -> Iterator[set[str]]:
    """A set that receives every key recorded inside the block."""
    keys: set[str] = set()
    token = _captures.set((*_captures.get(), keys))
    try:
        yield keys
    finally:
        _captures.reset(token)

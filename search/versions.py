"""The content version: one number in the cache, bumped whenever what search may find changes.

Cached search answers (facet counts and pages of ids, ``search.selectors``) carry the
version in their key, so a bump makes every older answer unreachable at once; they expire
by themselves after ``ANSWER_TTL``. Bumped by every write to the search index
(``search.backend``: add and delete, which follow publish, unpublish, delete and credits)
and by what changes visibility without touching the index (a move, a view restriction;
``search.signal_handlers``).
"""

from __future__ import annotations

import time

from django.core.cache import cache

KEY = "search:content-version"
#: How long a cached answer lives at most: time alone ends an episode's window.
ANSWER_TTL = 60


def content_version() -> int:
    version = cache.get(KEY)
    if version is None:
        # A fresh number after a flush or eviction, so no older answer can be read again.
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY)
    return version


def bump_content_version(**kwargs) -> None:
    """Signal-handler friendly: every cached search answer is out of date from now on."""
    try:
        cache.incr(KEY)
    except ValueError:  # not set (flushed, evicted): any new number will do
        cache.set(KEY, time.time_ns(), None)

"""One content version for the whole catalog, and what is cached under it.

The version is a token in the cache, replaced after every change that can alter what a
public page shows: a page published, unpublished, moved or deleted, a catalog snippet
(genre, person, collection), an image, a video (its playability), a view restriction or
a locale saved or deleted. Cached fragments and routes carry the version in their key,
so one new token retires them all: invalidation happens here and nowhere else.

``cached(name, *parts, compute=...)`` keeps what ``compute()`` returns under the current
version (and the active language), with the surrogate keys recorded while computing it;
a hit records those keys again, so a response built from the cache names the same
content as one built fresh. A cache outage (django-redis ``IGNORE_EXCEPTIONS``) makes
every lookup a miss: slower pages, never errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from wagtail.signals import page_published, page_unpublished, post_page_move

from catalog import surrogate_keys

VERSION_KEY = "catalog:content-version"
#: Also bounds how long a time-dependent list (availability windows) can lag.
FRAGMENT_TTL = getattr(settings, "CONTENT_FRAGMENT_TTL", 300)
_MISSING = object()


def current() -> str:
    """The current version token (a new one when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex[:12], None)
        version = cache.get(VERSION_KEY) or uuid4().hex[:12]
    return version


def bump() -> None:
    """Retire every fragment and route cached under the old version."""
    cache.set(VERSION_KEY, uuid4().hex[:12], None)


def key(name: str, *parts: object) -> str:
    """The cache key of ``name``/``parts`` under the current version and language."""
    suffix = ":".join(str(part) for part in parts)
    return f"cv:{current()}:{get_language() or '-'}:{name}:{suffix}"


def cached(name: str, *parts: object, compute: Callable[[], Any]) -> Any:
    """``compute()``'s value, kept under the current version with its surrogate keys."""
    cache_key = key(name, *parts)
    hit = cache.get(cache_key, _MISSING)
    if hit is not _MISSING:
        value, keys = hit
        surrogate_keys.record(*keys)
        return value
    with surrogate_keys.capture() as keys:
        value = compute()
    cache.set(cache_key, (value, sorted(keys)), FRAGMENT_TTL)
    return value


def bump_after_commit(**kwargs) -> None:
    """Signal receiver: a new version now (this transaction's own reads see the change)
    and again once the change is committed (what others cached in between is retired)."""
    bump()
    transaction.on_commit(bump)


def bump_after_video_save(instance, update_fields=None, **kwargs) -> None:
    """A video saved with a change to its output (not only its progress) may change rails."""
    if update_fields is None or {"hls_prefix", "status", "poster"} & set(update_fields):
        bump_after_commit()


def register_signal_handlers() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction

    from catalog.models import Genre, Person, ShowCollection, ShowCollectionItem, VideoAsset

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_after_commit, dispatch_uid=f"content-version-{id(signal)}")
    post_delete.connect(bump_after_commit, sender=Page, dispatch_uid="content-version-page")
    models = (
        Genre,
        Person,
        ShowCollection,
        ShowCollectionItem,
        get_image_model(),
        PageViewRestriction,
        Locale,
    )
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                bump_after_commit,
                sender=model,
                dispatch_uid=f"content-version-{model._meta.label}-{id(signal)}",
            )
    post_save.connect(bump_after_video_save, sender=VideoAsset, dispatch_uid="content-version-v")
    post_delete.connect(bump_after_commit, sender=VideoAsset, dispatch_uid="content-version-vd")

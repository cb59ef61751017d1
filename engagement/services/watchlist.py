"""My List: adding and removing shows and episodes for a profile.

Idempotent by the ``watchlist_once_per_page`` unique constraint: adding twice keeps one
row, and two requests racing to add the same page both end with that row (the loser of
the race reads the winner's), never an error.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from engagement.models import WatchlistItem


def watchlist_add(*, profile, page) -> tuple[WatchlistItem, bool]:
    """Save ``page`` (a visible show or episode, checked by the caller) to the profile's
    list; returns the item and whether it is new."""
    try:
        with transaction.atomic():
            return WatchlistItem.objects.get_or_create(profile=profile, page_id=page.pk)
    except IntegrityError:
        # get_or_create already retries its read once; a second racer lands here.
        return WatchlistItem.objects.get(profile=profile, page_id=page.pk), False


def watchlist_remove(*, profile, page_id: int) -> bool:
    """Take ``page_id`` off the profile's list; whether there was something to remove."""
    deleted, _ = WatchlistItem.objects.filter(profile=profile, page_id=page_id).delete()
    return bool(deleted)

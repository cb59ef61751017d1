"""Reads for ratings: which pages may be rated, and a page's summary.

A page may be rated when it is a show or an episode that is publicly visible
(``catalog.visibility.visible_pages``, the one reading of it); anything else,
including ids out of range, is "no such page" for the caller.
"""

from __future__ import annotations

from wagtail.models import Page

from catalog.visibility import visible_pages
from engagement.models import Rating, RatingSummary

# Page ids are 32-bit integers; larger (or non-positive) ones name nothing.
MAX_ID = 2**31 - 1


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def ratable_page(page_id: int) -> Page | None:
    """The publicly visible show or episode ``page_id`` (a plain ``Page``), or None."""
    from catalog.models import EpisodePage, ShowPage

    if not valid_id(page_id):
        return None
    return visible_pages(Page.objects.type(ShowPage, EpisodePage)).filter(pk=page_id).first()


def reviewable_show(page_id: int) -> Page | None:
    """The publicly visible show ``page_id`` (reviews are for shows only), or None."""
    from catalog.models import ShowPage

    if not valid_id(page_id):
        return None
    return visible_pages(Page.objects.type(ShowPage)).filter(pk=page_id).first()


def page_summary(page_id: int) -> RatingSummary:
    """The page's summary row, or an unsaved empty one (one query either way)."""
    return RatingSummary.objects.filter(page_id=page_id).first() or RatingSummary(page_id=page_id)


def my_score(profile, page_id: int) -> int | None:
    if profile is None:
        return None
    return (
        Rating.objects.filter(profile=profile, page_id=page_id)
        .values_list("score", flat=True)
        .first()
    )


def summary_out(summary: RatingSummary, *, my_rating: int | None = None) -> dict:
    """The JSON the ratings API answers with (and the page widget reads)."""
    return {
        "page_id": summary.page_id,
        "average": summary.average,
        "rating_count": summary.rating_count,
        "review_count": summary.review_count,
        "my_rating": my_rating,
    }

"""Ratings: 1-5 per profile per show or episode, and the page's summary kept exact.

Every change of a page's ratings runs in one transaction that first locks the page's
``RatingSummary`` row (created on first use; ``get_or_create`` survives the race of two
first votes through the unique primary key). With the row locked, the profile's
``Rating`` is read, written and the summary's count and sum adjusted by ``F()``
updates, so concurrent votes on a page queue behind each other and none is lost.
After the commit a debounced purge of the page is scheduled (:func:`schedule_purge`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from engagement.models import Rating, RatingSummary
from engagement.models.ratings import MAX_SCORE, MIN_SCORE

PURGE_KEY = "engagement:rating-purge:{}"


class InvalidScore(ValueError):
    pass


def check_score(score) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        raise InvalidScore(f"A rating is a whole number from {MIN_SCORE} to {MAX_SCORE}.")
    return score


def lock_summary(page_id: int) -> RatingSummary:
    """The page's summary row, created if missing and locked until the transaction ends."""
    RatingSummary.objects.get_or_create(page_id=page_id)
    return RatingSummary.objects.select_for_update().get(page_id=page_id)


def _adjust(page_id: int, *, count: int, total: int) -> None:
    if count or total:
        RatingSummary.objects.filter(page_id=page_id).update(
            rating_count=F("rating_count") + count, rating_sum=F("rating_sum") + total
        )


def rate(profile, page, score: int) -> RatingSummary:
    """Set ``profile``'s rating of ``page`` (a visible show or episode) to ``score``.

    Changing a score adjusts the sum by the difference; the same score again changes
    nothing. Returns the page's summary as it is after the change.
    """
    score = check_score(score)
    with transaction.atomic():
        lock_summary(page.pk)
        rating = Rating.objects.filter(profile=profile, page_id=page.pk).first()
        if rating is None:
            Rating.objects.create(profile=profile, page_id=page.pk, score=score)
            _adjust(page.pk, count=1, total=score)
            changed = True
        else:
            changed = rating.score != score
            if changed:
                _adjust(page.pk, count=0, total=score - rating.score)
                rating.score = score
                rating.save(update_fields=["score", "updated_at"])
        summary = RatingSummary.objects.get(page_id=page.pk)
        if changed:
            transaction.on_commit(lambda: schedule_purge(page.pk), robust=True)
    return summary


def unrate(profile, page) -> RatingSummary:
    """Remove ``profile``'s rating of ``page`` (nothing to remove is not an error)."""
    with transaction.atomic():
        lock_summary(page.pk)
        rating = Rating.objects.filter(profile=profile, page_id=page.pk).first()
        if rating is not None:
            rating.delete()
            _adjust(page.pk, count=-1, total=-rating.score)
            transaction.on_commit(lambda: schedule_purge(page.pk), robust=True)
        summary = RatingSummary.objects.get(page_id=page.pk)
    return summary


def remove_profile_ratings(profile) -> int:
    """Remove every rating of ``profile`` with the summaries updated (before deleting it)."""
    # Summaries are locked in page order, so two removals at once cannot deadlock.
    page_ids = list(
        Rating.objects.filter(profile=profile).order_by("page_id").values_list("page_id", flat=True)
    )
    for page_id in page_ids:
        with transaction.atomic():
            lock_summary(page_id)
            rating = Rating.objects.filter(profile=profile, page_id=page_id).first()
            if rating is not None:
                rating.delete()
                _adjust(page_id, count=-1, total=-rating.score)
                transaction.on_commit(lambda page_id=page_id: schedule_purge(page_id), robust=True)
    return len(page_ids)


def schedule_purge(page_id: int) -> bool:
    """Purge the page from the edge cache ``RATING_PURGE_DELAY`` seconds from now, unless a
    purge of it is already pending (then that one will show this change too).

    The pending mark is a cache key that lives exactly as long as the delay: a change
    that finds it committed before the pending purge runs, so the purge covers it. The
    first change after it expired schedules the next one. At most one purge per page
    per delay, never one per vote. Returns whether a purge was scheduled.

    Called on commit with ``robust=True``: a cache or broker outage is logged and costs
    only the early purge (the page's shared TTL still ends), never the vote's answer.
    """
    from engagement.tasks import purge_rated_page

    delay = max(int(getattr(settings, "RATING_PURGE_DELAY", 30)), 1)
    if not cache.add(PURGE_KEY.format(page_id), 1, timeout=delay):
        return False
    purge_rated_page.apply_async(args=[page_id], countdown=delay)
    return True

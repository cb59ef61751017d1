"""Reviews: the rules for writing them and for changing whether others see them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from engagement.models import RatingSummary, Review, ReviewStatus


def _is_visible(status: str) -> bool:
    return status == ReviewStatus.PUBLISHED


def _count_review(page_id: int, delta: int) -> None:
    """Add ``delta`` to the page's visible-review count, in the caller's transaction."""
    RatingSummary.objects.get_or_create(page_id=page_id)
    RatingSummary.objects.filter(page_id=page_id).update(review_count=F("review_count") + delta)


def set_status(review: Review, status: str, *, reason: str = "") -> Review:
    """Publish, hold, hide or remove ``review``, keeping its page's summary in step.

    The one way a review's visibility changes (the author's edits, holds and moderation
    all come here), in one transaction with the review row locked, so concurrent changes
    never count a review twice.
    """
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        was_visible, now_visible = _is_visible(locked.status), _is_visible(status)
        locked.status = status
        locked.hold_reason = reason if status == ReviewStatus.PENDING else ""
        locked.save(update_fields=["status", "hold_reason", "updated_at"])
        if was_visible != now_visible:
            _count_review(locked.page_id, 1 if now_visible else -1)
    review.status, review.hold_reason = locked.status, locked.hold_reason
    return review

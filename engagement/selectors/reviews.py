"""Reads for reviews: a show's list as the API gives it, one page of it at a time.

Others see ``Review.objects.visible()`` only; the caller's own review is marked
``mine``, and when it is waiting for approval it leads the first page for its author
alone. A fixed number of queries per call, however many reviews there are.
"""

from __future__ import annotations

from engagement.models import Review, ReviewHelpful, ReviewStatus

SORTS = {
    "newest": ("-created_at", "-pk"),
    "helpful": ("-helpful_count", "-created_at", "-pk"),
}
DEFAULT_LIMIT, MAX_LIMIT = 10, 50


def review_out(review: Review, *, user=None, marked: set[int] = frozenset()) -> dict:
    mine = bool(user is not None and user.is_authenticated and review.user_id == user.pk)
    return {
        "id": review.pk,
        "page_id": review.page_id,
        "author": review.user.public_name,
        "author_id": review.user_id,  # for reporting the account; never the e-mail address
        "score": review.score,
        "body": review.body,
        "spoiler": review.spoiler,
        "helpful_count": review.helpful_count,
        "created_at": review.created_at,
        "updated_at": review.updated_at,
        "status": review.status,
        "pending": review.status == ReviewStatus.PENDING,
        "mine": mine,
        "marked_helpful": review.pk in marked,
    }


def page_reviews(page_id: int, *, user=None, sort="newest", offset=0, limit=DEFAULT_LIMIT) -> dict:
    """One page of the show's reviews for ``user`` (anonymous or signed in)."""
    visible = Review.objects.visible().filter(page_id=page_id)
    total = visible.count()
    rows = list(visible.select_related("user").order_by(*SORTS[sort])[offset : offset + limit])
    signed_in = user is not None and user.is_authenticated
    own = None
    if signed_in:
        own = Review.objects.select_related("user").filter(page_id=page_id, user=user).first()
        if own is not None and own.status == ReviewStatus.PENDING and offset == 0:
            rows.insert(0, own)
    marked: set[int] = set()
    if signed_in and rows:
        marked = set(
            ReviewHelpful.objects.filter(user=user, review__in=[r.pk for r in rows]).values_list(
                "review_id", flat=True
            )
        )
    next_offset = offset + limit if offset + limit < total else None
    return {
        "count": total,
        "offset": offset,
        "limit": limit,
        "next_offset": next_offset,
        "sort": sort,
        "results": [review_out(r, user=user, marked=marked) for r in rows],
        "my_review": review_out(own, user=user, marked=marked) if own is not None else None,
    }

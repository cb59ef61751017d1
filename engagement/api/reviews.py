"""Reviews of shows: list (public), write, edit, delete (author only) and "helpful" marks.

``GET /api/v1/reviews?page={id}&sort=newest|helpful&offset=&limit=`` lists the visible
reviews (and the caller's own pending one); writes sign in with CSRF (``session_write``)
and pass ``write_gate`` (``engagement.guards.writer_profile``). Another account's review id is 404 to
``PATCH``/``DELETE``, like one that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from allauth.core import ratelimit
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.api.ratings import Detail, write_gate
from engagement.models import Review
from engagement.selectors.ratings import MAX_ID, reviewable_show
from engagement.selectors.reviews import DEFAULT_LIMIT, MAX_LIMIT, SORTS, page_reviews, review_out
from engagement.services.ratings import InvalidScore, check_score
from engagement.services.reviews import (
    ReviewError,
    create_review,
    delete_review,
    mark_helpful,
    unmark_helpful,
    update_review,
)

router = Router(tags=["reviews"])
RATE_LIMIT_ACTION = "review_write"


class ReviewOut(Schema):
    id: int
    page_id: int
    author: str
    author_id: int
    score: int
    body: str
    spoiler: bool
    helpful_count: int
    created_at: datetime
    updated_at: datetime
    status: str
    pending: bool
    mine: bool
    marked_helpful: bool


class ReviewList(Schema):
    count: int
    offset: int
    limit: int
    next_offset: int | None
    sort: str
    results: list[ReviewOut]
    my_review: ReviewOut | None


class ReviewIn(Schema):
    page_id: Any = None
    score: Any = None
    body: Any = None
    spoiler: Any = False


class ReviewPatch(Schema):
    score: Any = None
    body: Any = None
    spoiler: Any = None


class Conflict(Schema):
    detail: str
    id: int | None


class HelpfulOut(Schema):
    id: int
    helpful_count: int
    marked_helpful: bool


def _int(value, name: str, *, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise HttpError(422, _("%(name)s must be a whole number.") % {"name": name}) from None
    if not low <= number <= high:
        raise HttpError(
            422,
            _("%(name)s must be from %(low)s to %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return number


def _show_or_404(page_id):
    if isinstance(page_id, bool) or not isinstance(page_id, int | str):
        raise HttpError(422, _("page_id must be the id of a show."))
    try:
        page_id = int(page_id)
    except ValueError:
        raise HttpError(422, _("page_id must be the id of a show.")) from None
    page = reviewable_show(page_id)
    if page is None:
        raise HttpError(404, _("No such show, or it is not published."))
    return page


def _spoiler(value) -> bool:
    if not isinstance(value, bool):
        raise HttpError(422, _("spoiler is true or false."))
    return value


def _own_review(request, review_id: int) -> Review:
    review = None
    if 0 < review_id <= MAX_ID:
        review = Review.objects.filter(pk=review_id, user=request.user).first()
    if review is None:
        raise HttpError(404, _("No such review of yours."))
    return review


def _visible_review(review_id: int) -> Review:
    review = (
        Review.objects.visible().filter(pk=review_id).first() if 0 < review_id <= MAX_ID else None
    )
    if review is None:
        raise HttpError(404, _("No such review."))
    return review


def _rate_limited(request) -> bool:
    """One attempt of the account's review writes (``ACCOUNT_RATE_LIMITS``); True when over."""
    return not ratelimit.consume(request, action=RATE_LIMIT_ACTION, user=request.user)


def _too_many() -> HttpError:
    return HttpError(429, _("You are writing reviews too fast. Wait a few minutes and try again."))


@router.get(
    "/reviews",
    response={200: ReviewList, 404: Detail, 422: Detail},
    summary="A show's reviews, one page at a time",
)
def list_reviews(request, page: str = "", sort: str = "newest", offset: str = "", limit: str = ""):
    """``page`` is the show's page id (the contract's name); ``sort`` is ``newest`` or
    ``helpful``; ``offset``/``limit`` page through (``next_offset`` is null at the end)."""
    if not page:
        raise HttpError(422, _("Say which show: ?page=<id>."))
    show = _show_or_404(page)
    if sort not in SORTS:
        raise HttpError(422, _("sort is one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)})
    start = _int(offset, "offset", default=0, low=0, high=MAX_ID)
    size = _int(limit, "limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    return page_reviews(show.pk, user=request.user, sort=sort, offset=start, limit=size)


WRITE_ANSWERS = {
    401: Detail, 403: Detail, 404: Detail, 409: Conflict, 422: Detail, 429: Detail,
}  # fmt: skip


def _answer(exc: ReviewError):
    if exc.status == 409:
        return Status(409, {"detail": exc.detail, "id": exc.extra.get("id")})
    raise HttpError(exc.status, exc.detail)


@router.post(
    "/reviews",
    auth=session_write,
    response={201: ReviewOut, **WRITE_ANSWERS},
    summary="Review a show",
)
def post_review(request, payload: ReviewIn):
    profile = write_gate(request)
    show = _show_or_404(payload.page_id)
    spoiler = _spoiler(payload.spoiler)
    try:
        score = check_score(payload.score)
    except InvalidScore as exc:
        raise HttpError(422, str(exc)) from exc
    if _rate_limited(request):
        raise _too_many()
    try:
        review = create_review(
            request.user, profile, show, score=score, body=payload.body, spoiler=spoiler
        )
    except ReviewError as exc:
        return _answer(exc)
    return Status(201, review_out(review, user=request.user))


@router.patch(
    "/reviews/{review_id}",
    auth=session_write,
    response={200: ReviewOut, **WRITE_ANSWERS},
    summary="Edit one's review",
)
def patch_review(request, review_id: int, payload: ReviewPatch):
    profile = write_gate(request)
    review = _own_review(request, review_id)
    spoiler = _spoiler(payload.spoiler) if payload.spoiler is not None else None
    if _rate_limited(request):
        raise _too_many()
    try:
        review = update_review(
            review, profile, score=payload.score, body=payload.body, spoiler=spoiler
        )
    except ReviewError as exc:
        return _answer(exc)
    marked = set()
    return review_out(review, user=request.user, marked=marked)


@router.delete(
    "/reviews/{review_id}",
    auth=session_write,
    response={204: None, **WRITE_ANSWERS},
    summary="Delete one's review",
)
def remove_review(request, review_id: int):
    write_gate(request)
    delete_review(_own_review(request, review_id))
    return HttpResponse(status=204)


@router.post(
    "/reviews/{review_id}/helpful",
    auth=session_write,
    response={200: HelpfulOut, **WRITE_ANSWERS},
    summary="Mark a review as helpful",
)
def post_helpful(request, review_id: int):
    write_gate(request)
    review = _visible_review(review_id)
    try:
        count = mark_helpful(review, request.user)
    except ReviewError as exc:
        return _answer(exc)
    return {"id": review.pk, "helpful_count": count, "marked_helpful": True}


@router.delete(
    "/reviews/{review_id}/helpful",
    auth=session_write,
    response={200: HelpfulOut, **WRITE_ANSWERS},
    summary="Take back a helpful mark",
)
def delete_helpful(request, review_id: int):
    write_gate(request)
    review = _visible_review(review_id)
    return {
        "id": review.pk,
        "helpful_count": unmark_helpful(review, request.user),
        "marked_helpful": False,
    }

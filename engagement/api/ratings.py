"""Ratings: ``PUT`` and ``DELETE /api/v1/ratings/{page_id}`` for the active profile.

Both answer with the page's summary after the change. Only publicly visible shows and
episodes can be rated (anything else is 404); a score outside 1-5 is 422.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ninja import Router, Schema
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.guards import writer_profile
from engagement.selectors.ratings import page_summary, ratable_page, summary_out
from engagement.services.ratings import InvalidScore, rate, unrate

router = Router(tags=["ratings"])


class Detail(Schema):
    detail: str


class RatingIn(Schema):
    # Any, so that a wrong type gets the same readable 422 as a wrong number.
    score: Any = None


class SummaryOut(Schema):
    page_id: int
    average: float | None
    rating_count: int
    review_count: int
    my_rating: int | None


def write_gate(request):
    """``engagement.guards.writer_profile`` (403 for a suspended account); sign-in and the
    CSRF token are checked before, by the routes' ``auth=session_write``."""
    return writer_profile(request)


def _page_or_404(page_id: int):
    page = ratable_page(page_id)
    if page is None:
        raise HttpError(404, _("No such show or episode, or it is not published."))
    return page


ANSWERS = {200: SummaryOut, 401: Detail, 403: Detail, 404: Detail, 422: Detail}


@router.put(
    "/ratings/{page_id}",
    auth=session_write,
    response=ANSWERS,
    summary="Rate a show or an episode (1-5)",
)
def put_rating(request, page_id: int, payload: RatingIn):
    profile = write_gate(request)
    page = _page_or_404(page_id)
    try:
        summary = rate(profile, page, payload.score)
    except InvalidScore as exc:
        raise HttpError(422, str(exc)) from exc
    return summary_out(summary, my_rating=payload.score)


@router.delete(
    "/ratings/{page_id}", auth=session_write, response=ANSWERS, summary="Remove one's rating"
)
def delete_rating(request, page_id: int):
    profile = write_gate(request)
    page = _page_or_404(page_id)
    return summary_out(unrate(profile, page))


@router.get(
    "/ratings/{page_id}", response={200: SummaryOut, 404: Detail}, summary="A page's summary"
)
def get_rating(request, page_id: int):
    """The live summary (the page's cached copy may lag by the purge delay) and, for a
    signed-in viewer, the active profile's score."""
    from engagement.profiles import active_profile
    from engagement.selectors.ratings import my_score

    page = _page_or_404(page_id)
    return summary_out(page_summary(page.pk), my_rating=my_score(active_profile(request), page.pk))

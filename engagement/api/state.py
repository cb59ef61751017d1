"""``GET /api/v1/me/state?pages=ID,ID,…``: the active profile's state of each page.

The page script (static/js/engagement/state.js) asks once per batch of at most 100 ids
and sets the My List buttons, covers blocked cards and locks a blocked page's player;
the ratings and progress scripts reuse the same answer. Signed-out visitors get 401
(they have no state; the script then leaves the page as it is).
"""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from engagement.guards import reader_profile
from engagement.selectors.state import StateRequestError, page_states, parse_page_ids

router = Router(tags=["state"])


class Progress(Schema):
    position: float
    duration: float | None


class PageState(Schema):
    in_watchlist: bool
    my_rating: int | None
    progress: Progress | None
    watched: bool
    blocked: bool


class StateOut(Schema):
    profile_id: int
    pages: dict[int, PageState]


class Detail(Schema):
    detail: str


@router.get(
    "/me/state",
    response={200: StateOut, 401: Detail, 422: Detail},
    summary="My List, rating, progress and maturity lock of each page",
)
def me_state(request, pages: str = ""):
    """Per page id: whether it is in My List, the profile's rating, its progress and
    watched mark, and whether it is above the profile's maturity ceiling (``blocked``).

    At most 100 ids; ids that do not exist or are not visible are left out.
    """
    profile = reader_profile(request)
    try:
        page_ids = parse_page_ids(pages)
    except StateRequestError as exc:
        raise HttpError(422, str(exc)) from exc
    return {"profile_id": profile.pk, "pages": page_states(profile=profile, page_ids=page_ids)}

"""What ``GET /api/v1/me/state`` tells the page script about each page, for one profile.

One SQL statement answers for every page, however many (at most ``MAX_PAGES``): the
visible pages among the ids, each annotated by subqueries with the profile's My List
row, rating and viewing progress, and with the maturity rating of the show it belongs
to (the page itself, a season's show or an episode's season's show, through the
``SeasonPage.show`` and ``EpisodePage.season`` keys). Whether that rating is above the
profile's ceiling is ``subscriptions.entitlements.blocked_for``, the comparison
``can_play`` makes. Pages that are no part of a show (articles, the home page) are never
blocked.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from wagtail.models import Page

from catalog.models import ShowPage
from catalog.visibility import visible_pages
from engagement.models import Rating, ViewingProgress, WatchlistItem
from subscriptions.entitlements import blocked_for

MAX_PAGES = 100
MAX_ID = 2**31 - 1


class StateRequestError(ValueError):
    """The ids could not be read (the message says why, for a 422)."""


def parse_page_ids(raw: str | None) -> list[int]:
    """The distinct ids in ``raw`` ("12,34,…"), in order; ids outside the 32-bit range
    name no page and are dropped. Raises :class:`StateRequestError` with a message."""
    parts = [part.strip() for part in (raw or "").split(",") if part.strip()]
    if not parts:
        raise StateRequestError(_("Give the page ids as ?pages=12,34 (at most 100)."))
    if len(parts) > MAX_PAGES:
        raise StateRequestError(
            _("Ask for at most %(count)d pages at a time.") % {"count": MAX_PAGES}
        )
    ids: list[int] = []
    for part in parts:
        if not part.isascii() or not part.isdigit():
            raise StateRequestError(
                _("%(part)r is not a page id; ids are whole numbers.") % {"part": part[:20]}
            )
        page_id = int(part)
        if 0 < page_id <= MAX_ID and page_id not in ids:
            ids.append(page_id)
    return ids


def _show_rating(path: str):
    return Subquery(ShowPage.objects.filter(**{path: OuterRef("pk")}).values("maturity_rating")[:1])


def _show_exists(path: str):
    return Exists(ShowPage.objects.filter(**{path: OuterRef("pk")}))


def page_states(*, profile, page_ids: list[int]) -> dict[int, dict]:
    """``{page_id: {in_watchlist, my_rating, progress, watched, blocked}}`` for the visible
    pages among ``page_ids`` (others are left out), in one query."""
    if not page_ids:
        return {}
    progress = ViewingProgress.objects.filter(profile=profile, episode=OuterRef("pk"))
    rows = (
        visible_pages(Page.objects.filter(pk__in=page_ids))
        .order_by()
        .annotate(
            in_watchlist=Exists(
                WatchlistItem.objects.filter(profile=profile, page=OuterRef("pk"))
            ),
            my_rating=Subquery(
                Rating.objects.filter(profile=profile, page=OuterRef("pk")).values("score")[:1]
            ),
            position=Subquery(progress.values("position")[:1]),
            duration=Subquery(progress.values("duration")[:1]),
            watched=Subquery(progress.values("watched")[:1]),
            # Whether the page is a show, a season or an episode of one, and its rating.
            in_show=_show_exists("pk")
            | _show_exists("season_pages__pk")
            | _show_exists("season_pages__episode_pages__pk"),
            show_rating=Coalesce(
                _show_rating("pk"),
                _show_rating("season_pages__pk"),
                _show_rating("season_pages__episode_pages__pk"),
            ),
        )
        .values(
            "pk", "in_watchlist", "my_rating", "position", "duration", "watched", "in_show",
            "show_rating",
        )
    )  # fmt: skip
    ceiling = profile.maturity_ceiling
    states = {}
    for row in rows:
        states[row["pk"]] = {
            "in_watchlist": row["in_watchlist"],
            "my_rating": row["my_rating"],
            "progress": {"position": row["position"], "duration": row["duration"]}
            if row["position"] is not None
            else None,
            "watched": bool(row["watched"]),
            "blocked": bool(row["in_show"]) and blocked_for(ceiling, row["show_rating"]),
        }
    return {page_id: states[page_id] for page_id in page_ids if page_id in states}

"""My List: ``GET``/``POST /api/v1/watchlist`` and ``DELETE /api/v1/watchlist/{page_id}``.

Reads and writes are the active profile's. Writes use session auth with Django's CSRF
check (``engagement.api.auth.session_write``: send the ``csrf_token`` of ``/api/v1/me`` as
``X-CSRFToken``), then pass ``engagement.guards.writer_profile``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.guards import reader_profile, writer_profile
from engagement.selectors import watchlist as selectors
from engagement.services.watchlist import watchlist_add, watchlist_remove

router = Router(tags=["watchlist"])

IMAGE_SPECS = {"portrait": "fill-300x450", "landscape": "fill-480x270"}


class Detail(Schema):
    detail: str


class WatchlistItemOut(Schema):
    page_id: int
    kind: str
    title: str
    url: str | None
    subtitle: str
    image_url: str | None
    landscape: bool
    added_at: datetime
    latest_release: date | None


class WatchlistOut(Schema):
    items: list[WatchlistItemOut]
    count: int
    page: int
    pages: int
    sort: str
    next_page: int | None
    previous_page: int | None


class WatchlistIn(Schema):
    page_id: int | None = None


def image_url(card) -> str | None:
    if card.image is None:
        return None
    spec = IMAGE_SPECS["landscape" if card.landscape else "portrait"]
    return card.image.get_rendition(spec).url


def item_out(entry: selectors.ListEntry) -> dict:
    card = entry.card
    return {
        "page_id": entry.page_id,
        "kind": entry.kind,
        "title": card.title,
        "url": card.page.url,
        "subtitle": card.subtitle,
        "image_url": image_url(card),
        "landscape": card.landscape,
        "added_at": entry.added_at,
        "latest_release": entry.latest_release,
    }


def _int_param(value: str | None, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise HttpError(422, _("%(name)s must be a whole number from 1.") % {"name": name})
    return int(value)


@router.get(
    "/watchlist",
    response={200: WatchlistOut, 401: Detail, 422: Detail},
    summary="The active profile's My List",
)
def watchlist_list(request, page: str = "", per_page: str = "", sort: str = selectors.Sort.ADDED):
    """Newest first by default; ``sort`` is ``added``, ``title`` or ``latest`` (the newest
    episode's air date). ``page`` past the last gives the last page."""
    profile = reader_profile(request)
    if sort not in selectors.Sort.CHOICES:
        raise HttpError(
            422,
            _("sort must be one of %(sorts)s.") % {"sorts": ", ".join(selectors.Sort.CHOICES)},
        )
    number = _int_param(page, "page", 1)
    size = min(_int_param(per_page, "per_page", selectors.PER_PAGE), selectors.MAX_PER_PAGE)
    result = selectors.watchlist_page(profile=profile, sort=sort, number=number, per_page=size)
    return {
        "items": [item_out(entry) for entry in result.object_list],
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
        "sort": sort,
        "next_page": result.next_page_number() if result.has_next() else None,
        "previous_page": result.previous_page_number() if result.has_previous() else None,
    }


@router.post(
    "/watchlist",
    auth=session_write,
    response={200: WatchlistItemOut, 201: WatchlistItemOut, 401: Detail, 403: Detail,
              404: Detail, 422: Detail},
    summary="Add a show or an episode to My List",
)  # fmt: skip
def watchlist_post(request, payload: WatchlistIn):
    """201 with the item when it is new, 200 when it was there already."""
    profile = writer_profile(request)
    if payload.page_id is None:
        raise HttpError(422, 'Say which show or episode to add: {"page_id": 123}.')
    page = selectors.watchable_page(payload.page_id)
    if page is None:
        raise HttpError(404, _("No such show or episode, or it is not published."))
    item, created = watchlist_add(profile=profile, page=page)
    entries = selectors.entries_for([item])
    if not entries:  # unpublished between the check and now
        raise HttpError(404, _("No such show or episode, or it is not published."))
    return Status(201 if created else 200, item_out(entries[0]))


@router.delete(
    "/watchlist/{page_id}",
    auth=session_write,
    response={204: None, 401: Detail, 403: Detail, 404: Detail},
    summary="Take a show or an episode off My List",
)
def watchlist_delete(request, page_id: int):
    """204 whether or not it was there (a repeat is harmless); 404 only for an id that
    is neither in the list nor a visible show or episode."""
    profile = writer_profile(request)
    removed = selectors.valid_id(page_id) and watchlist_remove(profile=profile, page_id=page_id)
    if not removed and selectors.watchable_page(page_id) is None:
        raise HttpError(404, _("No such show or episode in My List."))
    return Status(204, None)

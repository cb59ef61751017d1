"""Reads of My List: which page a profile may save, and the list itself, sorted and paged.

Only publicly visible shows and episodes (``catalog.visibility.visible_pages``) are saved
or listed: an item whose page was unpublished or made private stays in the table (it comes
back when the page does) but is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import DateField, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy

from wagtail.models import Page

from catalog.models import EpisodePage, ShowPage
from catalog.selectors import Card, episode_card, episodes_queryset, show_card, shows_queryset
from catalog.visibility import visible_pages
from engagement.models import WatchlistItem

# Page ids are 32-bit in every database we run on; outside this range an id names nothing.
MAX_ID = 2**31 - 1
PER_PAGE = 24
MAX_PER_PAGE = 100


class Sort:
    ADDED = "added"
    TITLE = "title"
    LATEST = "latest"

    CHOICES = {
        ADDED: gettext_lazy("Date added"),
        TITLE: gettext_lazy("Title"),
        LATEST: gettext_lazy("Latest release"),
    }


@dataclass(frozen=True)
class ListEntry:
    """One item of My List as the account page and the API show it."""

    page_id: int
    kind: str  # "show" or "episode"
    card: Card
    added_at: datetime
    latest_release: date | None


def valid_id(page_id: int) -> bool:
    return 0 < page_id <= MAX_ID


def watchable_pages() -> QuerySet:
    """The pages My List accepts: publicly visible shows and episodes."""
    return visible_pages(Page.objects.type(ShowPage, EpisodePage))


def watchable_page(page_id: int) -> Page | None:
    """The visible show or episode ``page_id`` (a plain ``Page``), or None."""
    if not valid_id(page_id):
        return None
    return watchable_pages().filter(pk=page_id).first()


def _latest_release() -> Coalesce:
    """The newest air date of a show's visible episodes, or an episode's own air date."""
    show_latest = (
        visible_pages(EpisodePage.objects.filter(season__show_id=OuterRef("page_id")))
        .order_by()
        .values("season__show_id")
        .annotate(latest=Max("air_date"))
        .values("latest")[:1]
    )
    episode_date = EpisodePage.objects.filter(pk=OuterRef("page_id")).values("air_date")[:1]
    return Coalesce(
        Subquery(show_latest, output_field=DateField()),
        Subquery(episode_date, output_field=DateField()),
        output_field=DateField(),
    )


def watchlist_items(*, profile, sort: str = Sort.ADDED) -> QuerySet:
    """The profile's visible list items, sorted (``Sort``); newest first breaks ties."""
    items = WatchlistItem.objects.filter(
        profile=profile, page__in=watchable_pages().values("pk")
    ).annotate(latest_release=_latest_release(), sort_title=Lower(F("page__title")))
    if sort == Sort.TITLE:
        order = ["sort_title", "-added_at", "-pk"]
    elif sort == Sort.LATEST:
        order = [F("latest_release").desc(nulls_last=True), "-added_at", "-pk"]
    else:
        order = ["-added_at", "-pk"]
    return items.order_by(*order)


def watchlist_page(*, profile, sort: str, number, per_page: int = PER_PAGE) -> PaginatorPage:
    """One page of the list (``number`` clamped into range), its ``object_list`` being
    :class:`ListEntry` objects built with a fixed number of queries."""
    paginator = Paginator(watchlist_items(profile=profile, sort=sort), per_page)
    page = paginator.get_page(number)
    page.object_list = entries_for(list(page.object_list))
    return page


def entries_for(items: list[WatchlistItem]) -> list[ListEntry]:
    """Cards for ``items`` in their order: one query (and its prefetches) per page type."""
    ids = [item.page_id for item in items]
    cards = {show.pk: show_card(show) for show in shows_queryset().filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in cards]
    if missing:
        episodes = episodes_queryset().filter(pk__in=missing)
        cards |= {episode.pk: episode_card(episode) for episode in episodes}
    return [
        ListEntry(
            page_id=item.page_id,
            kind=cards[item.page_id].kind,
            card=cards[item.page_id],
            added_at=item.added_at,
            latest_release=getattr(item, "latest_release", None),
        )
        for item in items
        if item.page_id in cards
    ]

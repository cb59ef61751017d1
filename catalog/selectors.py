"""Read queries for catalog pages and blocks.

Every selector here costs a fixed number of SQL queries, whatever the size of the
catalog: listings are paginated or limited, related rows are joined or
prefetched, and image renditions are prefetched with the images.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone

from wagtail.models import Page

from catalog.choices import RailSource
from catalog.visibility import live_public

SHOWS_PER_PAGE = 24
ARTICLES_PER_PAGE = 12
RELATED_SHOWS_LIMIT = 6


@dataclass(frozen=True)
class Card:
    """What a rail or grid needs to draw one show or episode card."""

    page: Page
    kind: str  # "show" or "episode"
    title: str
    subtitle: str
    image: object | None
    landscape: bool


def _models():
    # Imported lazily: blocks import this module and models import blocks.
    from catalog import models

    return models


def _live(qs: QuerySet) -> QuerySet:
    return live_public(qs)


def shows_queryset() -> QuerySet:
    """Live, public shows in the active locale, with poster renditions prefetched."""
    m = _models()
    return (
        _live(m.ShowPage.objects.defer_streamfields())
        .select_related("poster")
        .prefetch_related("poster__renditions")
    )


def episodes_queryset() -> QuerySet:
    """Live, public episodes with their season, show and images joined."""
    m = _models()
    return (
        _live(m.EpisodePage.objects.defer_streamfields())
        .select_related("season", "season__show", "still", "season__show__poster")
        .prefetch_related("still__renditions", "season__show__poster__renditions")
    )


def articles_queryset() -> QuerySet:
    m = _models()
    return (
        _live(m.ArticlePage.objects.defer_streamfields())
        .select_related("author", "hero_image")
        .prefetch_related("hero_image__renditions")
    )


def show_card(show) -> Card:
    year = f"{show.first_air_year}" if show.first_air_year else ""
    return Card(show, "show", show.title, year, show.poster, landscape=False)


def episode_card(episode) -> Card:
    season = episode.season
    subtitle = f"{season.show.title} · S{season.number} E{episode.number}"
    image = episode.still or season.show.poster
    return Card(episode, "episode", episode.title, subtitle, image, landscape=bool(episode.still))


def paginate(queryset, params, per_page: int):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(params.get("page"))


def _int_param(params, name: str) -> int | None:
    try:
        return int(params.get(name, ""))
    except (TypeError, ValueError):
        return None


def show_listing(*, index, params) -> dict:
    """The /shows/ grid: live shows under ``index``, filtered by ?genre= and ?year=."""
    m = _models()
    shows = shows_queryset().child_of(index).order_by("title")
    genre = None
    if slug := params.get("genre"):
        genre = m.Genre.objects.filter(slug=slug, locale=index.locale_id).first()
        shows = shows.filter(genres=genre) if genre else shows.none()
    year = _int_param(params, "year")
    if year:
        shows = shows.filter(first_air_year=year)
    page_obj = paginate(shows, params, SHOWS_PER_PAGE)
    return {
        "shows": page_obj,
        "cards": [show_card(show) for show in page_obj],
        "genres": list(m.Genre.objects.filter(locale=index.locale_id)),
        "selected_genre": genre,
        "selected_year": year,
    }


def genre_detail(*, genre, params) -> dict:
    """A genre's page: its shows, paginated."""
    shows = shows_queryset().filter(genres=genre).order_by("title")
    page_obj = paginate(shows, params, SHOWS_PER_PAGE)
    return {"shows": page_obj, "cards": [show_card(show) for show in page_obj]}


def credits_for_show(*, show_id: int, include_crew: bool = True, limit: int | None = None):
    """A show's credits in billing order, with each person and their photo."""
    m = _models()
    credits = (
        m.ShowCredit.objects.filter(show_id=show_id)
        .select_related("person", "person__photo")
        .prefetch_related("person__photo__renditions")
        .order_by("sort_order", "pk")
    )
    if not include_crew:
        credits = credits.filter(role=m.ShowCredit.Role.CAST)
    return list(credits[:limit] if limit else credits)


def show_detail(*, show) -> dict:
    """Seasons with their episodes, credits, genres, related shows and articles of a show."""
    m = _models()
    seasons = list(_live(m.SeasonPage.objects.all()).child_of(show).order_by("number"))
    episodes = (
        episodes_queryset().filter(season__show_id=show.pk).order_by("season__number", "number")
    )
    by_season: dict[int, list] = {season.pk: [] for season in seasons}
    for episode in episodes:
        by_season.setdefault(episode.season_id, []).append(episode)
    for season in seasons:
        season.episode_list = by_season.get(season.pk, [])
    credits = credits_for_show(show_id=show.pk)
    genres = list(show.genres.all())
    return {
        "seasons": seasons,
        "cast": [credit for credit in credits if credit.is_cast],
        "crew": [credit for credit in credits if not credit.is_cast],
        "genres": genres,
        "related_shows": related_shows(show=show, genres=genres),
        "articles": articles_about_show(show_id=show.pk),
    }


def related_shows(*, show, genres, limit: int = RELATED_SHOWS_LIMIT) -> list[Card]:
    """Other shows sharing a genre, most shared genres first."""
    if not genres:
        return []
    shows = (
        shows_queryset()
        .filter(genres__in=genres)
        .exclude(pk=show.pk)
        .annotate(shared=Count("genres", filter=Q(genres__in=genres)))
        .order_by("-shared", "-first_air_year", "title")[:limit]
    )
    return [show_card(item) for item in shows]


def articles_about_show(*, show_id: int, limit: int = 4) -> list:
    return list(
        articles_queryset().filter(related_shows__show_id=show_id).order_by("-date")[:limit]
    )


def season_detail(*, season) -> dict:
    """A season's show, its episodes in order, and the show's other seasons."""
    m = _models()
    show = m.ShowPage.objects.select_related("poster", "backdrop").get(pk=season.show_id)
    return {
        "show": show,
        "episodes": list(episodes_queryset().filter(season_id=season.pk).order_by("number")),
        "sibling_seasons": list(
            _live(m.SeasonPage.objects.all()).filter(show_id=season.show_id).order_by("number")
        ),
    }


def episodes_for_season(*, season_id: int) -> list:
    return list(episodes_queryset().filter(season_id=season_id).order_by("number"))


def show_first_episode(*, show):
    """The show's first publicly visible episode with a playable video (lowest season,
    then episode number), or None: where a "Watch now" for the show goes."""
    m = _models()
    return (
        _live(m.EpisodePage.objects.defer_streamfields())
        .filter(season__show=show, video__hls_prefix__gt="")
        .order_by("season__number", "number", "path")
        .first()
    )


def episode_detail(*, episode) -> dict:
    """An episode's season and show, and the episodes before and after it in the show."""
    from subscriptions.models import Plan

    m = _models()
    # The minimum plan's name and tier ride along in the season's query (no query of their own).
    plan = Plan.objects.filter(pk=episode.minimum_plan_id)
    season = (
        m.SeasonPage.objects.select_related("show", "show__poster", "show__backdrop")
        .annotate(
            minimum_plan_name=Subquery(plan.values("name")[:1]),
            minimum_plan_tier=Subquery(plan.values("tier")[:1]),
        )
        .get(pk=episode.season_id)
    )
    in_show = episodes_queryset().filter(season__show_id=season.show_id)
    before = Q(season__number__lt=season.number) | Q(
        season__number=season.number, number__lt=episode.number
    )
    after = Q(season__number__gt=season.number) | Q(
        season__number=season.number, number__gt=episode.number
    )
    return {
        "season": season,
        "show": season.show,
        "previous_episode": in_show.filter(before).order_by("-season__number", "-number").first(),
        "next_episode": in_show.filter(after).order_by("season__number", "number").first(),
        "minimum_plan_name": season.minimum_plan_name,
        "minimum_plan_tier": season.minimum_plan_tier,
    }


def article_listing(*, index, params) -> dict:
    """The /articles/ list, newest first, filtered by ?kind=."""
    m = _models()
    articles = articles_queryset().child_of(index).order_by("-date", "-pk")
    kinds = [value for value, _ in m.ArticlePage._meta.get_field("kind").choices]
    kind = params.get("kind")
    if kind in kinds:
        articles = articles.filter(kind=kind)
    else:
        kind = None
    return {
        "articles": paginate(articles, params, ARTICLES_PER_PAGE),
        "kinds": kinds,
        "selected_kind": kind,
    }


def article_detail(*, article) -> dict:
    """The shows an article is about, as cards."""
    m = _models()
    links = (
        m.ArticleRelatedShow.objects.filter(article_id=article.pk, show__live=True)
        .select_related("show", "show__poster")
        .prefetch_related("show__poster__renditions")
        .order_by("sort_order")
    )
    return {"about_shows": [show_card(link.show) for link in links]}


def shows_by_ids(ids: list[int]) -> list[Card]:
    """Live shows with these ids, as cards, in the order given."""
    found = {show.pk: show for show in shows_queryset().filter(pk__in=ids)}
    return [show_card(found[pk]) for pk in ids if pk in found]


def articles_by_ids(ids: list[int]) -> list:
    found = {article.pk: article for article in articles_queryset().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def cards_for_pages(page_ids: list[int]) -> list[Card]:
    """Cards for a hand-picked mix of shows and episodes, in the order given."""
    shows = {s.pk: show_card(s) for s in shows_queryset().filter(pk__in=page_ids)}
    missing = [pk for pk in page_ids if pk not in shows]
    episodes = (
        {e.pk: episode_card(e) for e in episodes_queryset().filter(pk__in=missing)}
        if missing
        else {}
    )
    cards = shows | episodes
    return [cards[pk] for pk in page_ids if pk in cards]


def rail_cards(*, source: str, page_ids, genre, collection, limit: int) -> list[Card]:
    """The cards of one home-page rail, whatever fills it."""
    m = _models()
    if source == RailSource.HANDPICKED:
        return cards_for_pages(list(page_ids)[:limit])
    if source == RailSource.NEWEST_EPISODES:
        now = timezone.now()
        episodes = (
            episodes_queryset()
            .filter(Q(available_from__isnull=True) | Q(available_from__lte=now))
            .filter(Q(available_until__isnull=True) | Q(available_until__gt=now))
            .order_by("-air_date", "-first_published_at")[:limit]
        )
        return [episode_card(e) for e in episodes]
    if source == RailSource.NEWEST_SHOWS:
        shows = shows_queryset().order_by("-first_published_at", "-pk")[:limit]
        return [show_card(s) for s in shows]
    if source == RailSource.GENRE and genre:
        shows = shows_queryset().filter(genres=genre).order_by("-first_air_year", "title")
        return [show_card(s) for s in shows[:limit]]
    if source == RailSource.COLLECTION and collection:
        ids = list(
            m.ShowCollectionItem.objects.filter(collection=collection)
            .order_by("sort_order")
            .values_list("show_id", flat=True)[:limit]
        )
        return shows_by_ids(ids)
    return []


def person_detail(*, person) -> dict:
    """A person's credits, with each show's card, and the articles they wrote."""
    m = _models()
    credits = (
        m.ShowCredit.objects.filter(person=person, show__live=True)
        .select_related("show", "show__poster")
        .prefetch_related("show__poster__renditions")
        .order_by("-show__first_air_year", "show__title")
    )
    return {
        "credits": [(credit, show_card(credit.show)) for credit in credits],
        "articles": list(articles_queryset().filter(author=person).order_by("-date")[:6]),
    }

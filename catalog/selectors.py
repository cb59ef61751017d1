"""Read queries for catalog pages and blocks.

Every selector here costs a fixed number of SQL queries, whatever the size of the
catalog: listings are paginated or limited, related rows are joined or
prefetched, and image renditions are prefetched with the images.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, partial

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from wagtail.models import Page

from catalog import content_version, surrogate_keys
from catalog.choices import RailSource
from catalog.media_languages import is_media_language, translated_name
from catalog.visibility import live_public
from subscriptions.entitlements import access_requirement

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
    """Live, public episodes with their season, show, minimum plan and images joined.

    The images are every one :func:`episode_image` may fall back to, and the show's poster.
    """
    m = _models()
    return (
        _live(m.EpisodePage.objects.defer_streamfields())
        .select_related(
            "season",
            "season__show",
            "minimum_plan",
            "still",
            "video__poster",
            "season__show__backdrop",
            "season__show__poster",
        )
        .prefetch_related(
            "still__renditions",
            "video__poster__renditions",
            "season__show__backdrop__renditions",
            "season__show__poster__renditions",
        )
    )


def episode_links_queryset() -> QuerySet:
    """Live, public episodes with their season only: for links that show a number and a
    title (previous / next, "Start watching"), no pictures, so no rendition queries."""
    return _live(_models().EpisodePage.objects.defer_streamfields()).select_related("season")


def playable(episodes: QuerySet) -> QuerySet:
    """Only the episodes whose video can play (``VideoAsset.is_playable``).

    Whatever offers episodes to watch (every rail, the home page's hero) asks this, so
    nothing offers an episode that would answer "not ready to play".
    """
    return episodes.filter(_models().VideoAsset.playable_q("video__"))


def playable_episodes_queryset() -> QuerySet:
    """``episodes_queryset`` narrowed to the episodes that can play."""
    return playable(episodes_queryset())


def episode_image(episode, show=None):
    """An episode's 16:9 picture (``EpisodePage.picture``); ``show`` saves a query."""
    return episode.picture(show)


def articles_queryset() -> QuerySet:
    m = _models()
    return (
        _live(m.ArticlePage.objects.defer_streamfields())
        .select_related("author", "hero_image")
        .prefetch_related("hero_image__renditions")
    )


def show_card(show) -> Card:
    surrogate_keys.record(f"p{show.pk}")
    year = f"{show.first_air_year}" if show.first_air_year else ""
    return Card(show, "show", show.title, year, show.poster, landscape=False)


def episode_card(episode) -> Card:
    surrogate_keys.record(f"p{episode.pk}")
    season = episode.season
    subtitle = f"{season.show.title} · S{season.number} E{episode.number}"
    still = episode_image(episode, season.show)
    image = still or season.show.poster
    return Card(episode, "episode", episode.title, subtitle, image, landscape=bool(still))


@dataclass(frozen=True)
class CrewCredit:
    """One person in a show's crew list with every job they do on it, in billing order.

    Reads like a crew ``ShowCredit`` to ``components/credit.html``.
    """

    person: object
    roles: tuple[str, ...]
    labels: tuple[str, ...]
    character: str = ""
    is_cast = False

    @property
    def role(self) -> str:
        return self.roles[0]

    def get_role_display(self) -> str:
        return ", ".join(self.labels)


def crew_list(credits) -> list[CrewCredit]:
    """Crew credits grouped by person: each person once, at their first credit's place."""
    by_person: dict[int, list] = {}
    for credit in credits:
        by_person.setdefault(credit.person_id, []).append(credit)
    return [
        CrewCredit(
            person=jobs[0].person,
            roles=tuple(dict.fromkeys(job.role for job in jobs)),
            labels=tuple(dict.fromkeys(job.get_role_display() for job in jobs)),
        )
        for jobs in by_person.values()
    ]


class VersionedCountPaginator(Paginator):
    """A paginator whose total (a COUNT over the whole listing: 10,000 shows) is kept per
    content version (catalog.content_version), keyed by the listing's SQL."""

    @cached_property
    def count(self) -> int:
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # .none(): an unknown ?genre=
            return 0
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()[:32]
        return content_version.cached("count", digest, compute=lambda: Paginator.count.func(self))


def paginate(queryset, params, per_page: int):
    paginator = VersionedCountPaginator(queryset, per_page)
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


def genres_of(show, linked: list | None = None) -> list:
    """A show's genres in the show's own language.

    wagtail-localize copies a many-to-many link as it is, so a translated show links the
    source's genre snippets: each is swapped for its translation where one exists (one
    query, and none for a show whose genres are already in its language).
    """
    linked = list(show.genres.all()) if linked is None else linked
    if all(genre.locale_id == show.locale_id for genre in linked):
        return linked
    translated = {
        genre.translation_key: genre
        for genre in _models().Genre.objects.filter(
            locale_id=show.locale_id, translation_key__in=[g.translation_key for g in linked]
        )
    }
    return [translated.get(genre.translation_key, genre) for genre in linked]


def genre_detail(*, genre, params) -> dict:
    """A genre's page: its shows, paginated (linked to the genre in any language: see
    ``genres_of``; ``shows_queryset`` keeps the page's language)."""
    shows = shows_queryset().filter(genres__translation_key=genre.translation_key)
    shows = shows.distinct().order_by("title")
    page_obj = paginate(shows, params, SHOWS_PER_PAGE)
    return {"shows": page_obj, "cards": [show_card(show) for show in page_obj]}


def credits_for_show(*, show_id: int, include_crew: bool = True, limit: int | None = None):
    """A show's credits in billing order, with each person and their photo.

    The cast as ``ShowCredit`` rows, then the crew with each person once (``CrewCredit``).
    """
    m = _models()
    credits = (
        m.ShowCredit.objects.filter(show_id=show_id)
        .select_related("person", "person__photo")
        .prefetch_related("person__photo__renditions")
        .order_by("sort_order", "pk")
    )
    if not include_crew:
        credits = credits.filter(role=m.ShowCredit.Role.CAST)
    credits = list(credits[:limit] if limit else credits)
    return [c for c in credits if c.is_cast] + crew_list(c for c in credits if not c.is_cast)


def show_detail(*, show, params=None) -> dict:
    """A show's seasons (each with its episode count), the episodes of one season (the
    ``?season=`` number, default the first), credits, genres, related shows and articles.

    Raises Http404 for a ``?season=`` that names no live season of the show.
    """
    m = _models()
    seasons = list(_live(m.SeasonPage.objects.all()).child_of(show).order_by("number"))
    in_show = episodes_queryset().filter(season__show_id=show.pk)
    counts = Counter(in_show.values_list("season_id", flat=True).order_by())
    for season in seasons:
        season.episode_count = counts.get(season.pk, 0)
    selected = _selected_season(seasons, (params or {}).get("season"))
    credits = credits_for_show(show_id=show.pk)
    linked = list(show.genres.all())
    return {
        "seasons": seasons,
        "selected_season": selected,
        # Called by the template only when its cached fragment misses (show_page.html).
        "episodes": partial(episodes_for_season, season_id=selected.pk) if selected else [],
        "first_episode": episode_links_queryset()
        .filter(season__show_id=show.pk)
        .order_by("season__number", "number")
        .first(),
        "cast": [credit for credit in credits if credit.is_cast],
        "crew": [credit for credit in credits if not credit.is_cast],
        "genres": genres_of(show, linked),
        # Called by the template only when its cached fragment misses (show_page.html).
        # By the genres as linked: a translated show's siblings link the same snippets.
        "related_shows": partial(related_shows, show=show, genres=linked),
        "articles": partial(articles_about_show, show_id=show.pk),
    }


def _selected_season(seasons: list, value: str | None):
    """The season numbered ``value`` (the first one when no number is given)."""
    if not value:
        return seasons[0] if seasons else None
    number = value.strip()
    for season in seasons:
        if number.isdigit() and int(number) == season.number:
            return season
    raise Http404(f"This show has no season {value[:20]}.")


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
    in_show = _live(m.EpisodePage.objects.defer_streamfields()).filter(season__show=show)
    return playable(in_show).order_by("season__number", "number", "path").first()


def episode_detail(*, episode) -> dict:
    """An episode's season and show, and the episodes before and after it in the show."""
    from subscriptions.models import Plan
    from subscriptions.selectors import plan_display_name

    m = _models()
    # The minimum plan's name (in the page's language) and tier ride along in the season's
    # query (no query of their own).
    plan = Plan.objects.filter(pk=episode.minimum_plan_id)
    season = (
        m.SeasonPage.objects.select_related("show", "show__poster", "show__backdrop")
        .annotate(
            minimum_plan_name=plan_display_name(episode.minimum_plan_id),
            minimum_plan_tier=Subquery(plan.values("tier")[:1]),
        )
        .get(pk=episode.season_id)
    )
    _join_player_facts(episode, season)
    in_show = episode_links_queryset().filter(season__show_id=season.show_id)
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
        "access": access_requirement(episode, plan_name=season.minimum_plan_name),
        "still": episode_image(episode, season.show),
        "minimum_plan_tier": season.minimum_plan_tier,
        "video_languages": video_languages(episode.video if episode.video_id else None),
    }


def video_languages(video) -> dict | None:
    """A video's audio language and subtitle languages (in track order), named in the
    active language, for "Audio: English · Subtitles: English, French"; None if neither."""
    if video is None:
        return None
    codes = video.subtitles.order_by("sort_order", "pk").values_list("language", flat=True)
    subtitles = [translated_name(code) for code in codes if is_media_language(code)]
    audio = translated_name(video.audio_language) if video.audio_language else ""
    return {"audio": audio, "subtitles": subtitles} if audio or subtitles else None


def _join_player_facts(episode, season) -> None:
    """Give the page its season (with the show) and its video with the poster in one query,
    for ``poster_image`` and ``runtime_display``."""
    episode.season = season
    if episode.video_id:
        episode.video = (
            _models()
            .VideoAsset.objects.select_related("poster")
            .filter(pk=episode.video_id)
            .first()
        )


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
    """Cards for a hand-picked mix of shows and episodes, in the order given.

    Episodes that cannot play are left out.
    """
    shows = {s.pk: show_card(s) for s in shows_queryset().filter(pk__in=page_ids)}
    missing = [pk for pk in page_ids if pk not in shows]
    episodes = (
        {e.pk: episode_card(e) for e in playable_episodes_queryset().filter(pk__in=missing)}
        if missing
        else {}
    )
    cards = shows | episodes
    return [cards[pk] for pk in page_ids if pk in cards]


def hero_feature(page):
    """The page a home page's hero features (specific), or None for an episode that cannot play."""
    if page is None:
        return None
    m = _models()
    specific = page.specific
    if isinstance(specific, m.EpisodePage):
        return specific if playable(m.EpisodePage.objects.filter(pk=page.pk)).exists() else None
    return specific


def rail_cards(*, source: str, page_ids, genre, collection, limit: int) -> list[Card]:
    """The cards of one home-page rail, whatever fills it."""
    m = _models()
    if source == RailSource.HANDPICKED:
        return cards_for_pages(list(page_ids)[:limit])
    if source == RailSource.NEWEST_EPISODES:
        now = timezone.now()
        episodes = (
            playable_episodes_queryset()
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
        # A collection's items are synchronised across its translations (they point at the
        # source language's shows): each show is found in the active language by its key.
        keys = list(
            m.ShowCollectionItem.objects.filter(collection=collection)
            .order_by("sort_order")
            .values_list("show__translation_key", flat=True)[:limit]
        )
        found = {
            show.translation_key: show for show in shows_queryset().filter(translation_key__in=keys)
        }
        return [show_card(found[key]) for key in keys if key in found]
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

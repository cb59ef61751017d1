"""Search reads: ranked, faceted results for /search/ and suggestions for the header box.

On PostgreSQL the words are matched against Wagtail's index (``IndexEntry.body``, a
tsvector written by search/backend.py with the title at weight A, synopsis B, credits C,
body D, stemmed per language); which pages may appear is decided by
``catalog.visibility.visible_pages`` (live, active locale, not view-restricted), plus
episodes whose availability window has not ended. The page costs a fixed number of
queries whatever the number of results (see docs/search.md). On SQLite (the embedded
default) Wagtail's own ``.search()`` answers without facets.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, ExtractYear, Lower
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from catalog import content_version
from catalog import selectors as catalog_selectors
from catalog.models import (
    ArticlePage,
    EpisodePage,
    Genre,
    Person,
    ShowPage,
)
from catalog.models.shows import LANGUAGE_CHOICES
from catalog.visibility import active_locale_id, visible_pages
from search.backend import active_config
from search.query import ACCESS, KINDS, SearchParams, url_with
from subscriptions.maturity import MaturityRating

PER_PAGE = 20
PEOPLE_LIMIT = 6
SUGGEST_LIMIT = 8
SUGGEST_PEOPLE = 3
FUZZY_THRESHOLD = 0.35
# Ranking (docs/search.md): ts_rank over the weighted vector, times a mild kind boost and a
# mild recency boost; an exact title match goes first.
KIND_BOOST = {"show": 1.25, "episode": 1.0, "article": 0.9}
RECENCY_BOOST = 0.2  # at most +20 % for this year, fading to nothing over RECENCY_YEARS
RECENCY_YEARS = 20
EXACT_TITLE_BONUS = 1.0
SNIPPET_WORDS = 30


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# Kinds and content types -----------------------------------------------------------


def page_kinds() -> dict[str, int]:
    """Kind -> content type id of the searchable page models (ContentType's own cache)."""
    types = ContentType.objects.get_for_models(ShowPage, EpisodePage, ArticlePage)
    return {
        "show": types[ShowPage].pk,
        "episode": types[EpisodePage].pk,
        "article": types[ArticlePage].pk,
    }


def _kind_expression(kinds: dict[str, int]):
    return Case(
        *[When(content_type_id=ct, then=Value(kind)) for kind, ct in kinds.items()],
        output_field=CharField(),
    )


# The documents: visible pages with the facet attributes of their show --------------


def searchable(queryset, *, now=None):
    """``visible_pages(queryset)`` without episodes whose availability window has ended."""
    now = now or timezone.now()
    return visible_pages(queryset).filter(
        Q(episodepage__isnull=True)
        | Q(episodepage__available_until__isnull=True)
        | Q(episodepage__available_until__gt=now)
    )


def documents(queryset, *, now=None, with_genres: bool = True):
    """``queryset`` (of Page) narrowed to what search may show, with facet attributes.

    One rule for pages (``visible_pages``); episodes whose window has closed are left
    out (announced ones stay). Attributes come from the page or, for an episode, its show.
    """
    kinds = page_kinds()
    now = now or timezone.now()
    through = ShowPage.genres.through
    genres = (
        through.objects.filter(showpage_id=OuterRef("show_id"))
        .values("showpage_id")
        .annotate(ids=ArrayAgg("genre_id"))
        .values("ids")
    )
    return searchable(queryset.filter(content_type_id__in=kinds.values()), now=now).annotate(
        kind=_kind_expression(kinds),
        show_id=Coalesce(F("showpage__page_ptr_id"), F("episodepage__season__show_id")),
        year=Cast(
            Coalesce(
                Cast("showpage__first_air_year", IntegerField()),
                Cast(ExtractYear("episodepage__air_date"), IntegerField()),
                Cast(ExtractYear("articlepage__date"), IntegerField()),
            ),
            IntegerField(),
        ),
        rating=Coalesce(
            F("showpage__maturity_rating"), F("episodepage__season__show__maturity_rating")
        ),
        lang=Coalesce(
            F("showpage__original_language"),
            F("episodepage__season__show__original_language"),
        ),
        access=F("episodepage__access_level"),
        **({"genre_ids": Subquery(genres)} if with_genres else {}),
    )


def _entry_ids(entries):
    return entries.annotate(page_id=Cast("object_id", BigIntegerField())).values("page_id")


# Facets --------------------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def _filters_sql(params: SearchParams, genre_id: int | None, *, skip: str) -> tuple[str, list]:
    """SQL conditions on the document columns for every facet choice but ``skip``."""
    clauses, args = [], []
    if params.kind and skip != "type":
        clauses.append("kind = %s")
        args.append(params.kind)
    if params.genre and skip != "genre":
        clauses.append("%s = ANY(genre_ids)")
        args.append(genre_id if genre_id is not None else -1)
    if params.year_from is not None and skip != "year":
        clauses.append("year BETWEEN %s AND %s")
        args.extend([params.year_from, params.year_to])
    if params.rating and skip != "rating":
        clauses.append("rating = %s")
        args.append(params.rating)
    if params.lang and skip != "lang":
        clauses.append("lang = %s")
        args.append(params.lang)
    if params.access and skip != "access":
        clauses.append("access = %s")
        args.append(params.access)
    return (" AND ".join(clauses) or "TRUE"), args


FACET_COLUMNS = {
    "type": "kind",
    "genre": "unnest(genre_ids)",
    "year": "(year / 10) * 10",
    "rating": "rating",
    "lang": "lang",
    "access": "access",
}


ORDERS = {
    # Relevance (docs/search.md): ts_rank x kind boost x recency boost, + exact title bonus.
    "relevance": (
        "(rank * CASE kind WHEN 'show' THEN %s WHEN 'episode' THEN %s ELSE %s END"
        " * (1 + %s * GREATEST(0, 1 - LEAST(1, (%s - COALESCE(year, -9999))::float / %s)))"
        " + CASE WHEN lower(title) = lower(%s) THEN %s ELSE 0 END) DESC, lower(title), pk"
    ),
    "newest": "year DESC NULLS LAST, first_published_at DESC NULLS LAST, pk",
    "title": "lower(title), pk",
}
#: The best-ranked matches a search considers: counts are exact below this, "1,000+" above.
MAX_MATCHES = 1000
#: How many matching entries are ranked at most (docs/search.md, Speed): every match below
#: this, else the first ones found among the title matches and among the body matches.
SCAN_LIMIT = 5000
FTS_HITS = (
    "SELECT (object_id)::bigint AS page_id, rank FROM ("
    "(SELECT object_id, ts_rank(body, plainto_tsquery(%s::regconfig, %s)) AS rank"
    " FROM {table} WHERE content_type_id = ANY(%s::int[])"
    " AND title @@ plainto_tsquery(%s::regconfig, %s) LIMIT %s)"
    " UNION "
    "(SELECT object_id, ts_rank(body, plainto_tsquery(%s::regconfig, %s)) AS rank"
    " FROM {table} WHERE content_type_id = ANY(%s::int[])"
    " AND body @@ plainto_tsquery(%s::regconfig, %s) LIMIT %s)"
    ") found ORDER BY 2 DESC, 1 LIMIT %s"
)
FUZZY_HITS = (
    "SELECT (object_id)::bigint AS page_id, word_similarity(%s, title_text) AS rank"
    " FROM {table} WHERE content_type_id = ANY(%s::int[]) AND %s <%% title_text"
    " ORDER BY 2 DESC, 1 LIMIT %s"
)


def _order_params(params: SearchParams, terms: str) -> list:
    if params.sort != "relevance":
        return []
    return [
        KIND_BOOST["show"],
        KIND_BOOST["episode"],
        KIND_BOOST["article"],
        RECENCY_BOOST,
        timezone.now().year,
        float(RECENCY_YEARS),
        terms,
        EXACT_TITLE_BONUS,
    ]


def run_statement(
    params: SearchParams,
    genre_id,
    *,
    terms: str,
    config: str,
    fuzzy: bool,
    offset: int,
    with_counts: bool = True,
) -> tuple[dict, list[int]]:
    """Facet counts, the total and one page of ordered ids, in one SQL statement.

    ``hits`` are the index entries matching the words (or, ``fuzzy``, titles like them) with
    their rank, computed once; ``docs`` the visible pages among them with their facet
    attributes (``documents``). Each facet is counted with the other facets' choices; the
    page of ids has every choice applied. Returns ``({facet: {value: count}}, ids)``;
    without ``with_counts`` only the page of ids (and its kinds) is read.
    """
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    kinds = list(page_kinds().values())
    if fuzzy:
        hits_sql, hits_args = FUZZY_HITS.format(table=table), [terms, kinds, terms, MAX_MATCHES]
    else:
        hits_sql = FTS_HITS.format(table=table)
        query = [config, terms]
        hits_args = [*query, kinds, *query, SCAN_LIMIT] * 2 + [MAX_MATCHES]
    docs = documents(Page.objects.filter(pk__in=RawSQL("SELECT page_id FROM hits", [])))
    docs_sql, docs_args = (
        docs.order_by()
        .values(
            "pk",
            "kind",
            "year",
            "rating",
            "lang",
            "access",
            "genre_ids",
            "title",
            "first_published_at",
        )
        .query.sql_with_params()
    )
    parts, args = [], []
    for name, column in FACET_COLUMNS.items() if with_counts else ():
        where, where_args = _filters_sql(params, genre_id, skip=name)
        parts.append(
            f"SELECT %s AS facet, ({column})::text AS value, count(*) AS n "  # noqa: S608
            f"FROM docs WHERE {where} GROUP BY 2"
        )
        args.extend([name, *where_args])
    where, where_args = _filters_sql(params, genre_id, skip="")
    if with_counts:
        parts.append(f"SELECT 'total', '', count(*) FROM docs WHERE {where}")  # noqa: S608
        args.extend(where_args)
    parts.append(
        "SELECT 'hit', pk::text || ':' || kind, ord FROM (SELECT pk, kind,"  # noqa: S608
        " row_number() OVER () AS ord FROM ("
        f"SELECT pk, kind FROM docs WHERE {where} ORDER BY {ORDERS[params.sort]}"
        " LIMIT %s OFFSET %s) ranked) page"
    )
    args.extend([*where_args, *_order_params(params, terms), PER_PAGE, offset])
    if with_counts:
        # How many index entries matched (up to the cap): "capped" when it was reached.
        parts.append("SELECT 'matched', '', count(*) FROM hits")
    statement = (
        f"WITH hits AS MATERIALIZED ({hits_sql}), "  # noqa: S608
        f"docs AS MATERIALIZED (SELECT d.*, hits.rank FROM ({docs_sql}) d "
        "JOIN hits ON hits.page_id = d.pk) " + " UNION ALL ".join(parts)
    )
    counts: dict = {name: {} for name in [*FACET_COLUMNS, "total", "matched"]}
    hits: list[tuple[int, int, str]] = []
    with connection.cursor() as cursor:
        if fuzzy:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(FUZZY_THRESHOLD)],
            )
        cursor.execute(statement, [*hits_args, *docs_args, *args])
        for facet, value, n in cursor.fetchall():
            if facet == "hit":
                pk, kind = value.split(":")
                hits.append((n, int(pk), kind))
            elif value is not None:
                counts[facet][value] = n
    counts["total"].setdefault("", 0)
    counts["capped"] = counts.get("matched", {}).get("", 0) >= MAX_MATCHES
    counts["kinds"] = {kind for _ord, _pk, kind in hits}
    return counts, [pk for _ord, pk, _kind in sorted(hits)]


#: How long a cached answer lives at most: time alone ends an episode's window.
ANSWER_TTL = 60


def answer(params: SearchParams, genre_id, *, terms: str, config: str, fuzzy: bool, offset: int):
    """``run_statement``'s answer, from the cache while the content version stays the same.

    The counts (facets, total) are kept per words, facet choices and locale, each page of
    ids per sort and offset too (under ``catalog.content_version``: dropped by any change to the
    index or to visibility, at most ``ANSWER_TTL`` old). Another page or sort of a search whose
    counts are known runs the statement without its facet aggregates.
    """
    key = _answer_key(params, terms=terms, config=config, fuzzy=fuzzy)
    page_key = f"{key}:{params.sort}:{offset}"
    cached = cache.get_many([key, page_key])
    counts, page = cached.get(key), cached.get(page_key)
    if counts is None or page is None:
        fresh, ids = run_statement(
            params,
            genre_id,
            terms=terms,
            config=config,
            fuzzy=fuzzy,
            offset=offset,
            with_counts=counts is None,
        )
        page = (ids, fresh.pop("kinds"))
        counts = fresh if counts is None else counts
        cache.set_many({key: counts, page_key: page}, ANSWER_TTL)
    ids, kinds = page
    return {**counts, "kinds": kinds}, ids


def _answer_key(params: SearchParams, *, terms: str, config: str, fuzzy: bool) -> str:
    facets = sorted(params.facets.items())
    described = json.dumps([active_locale_id(), config, fuzzy, terms, facets])
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"search:answer:{content_version.current()}:{digest}"


# Snippets ------------------------------------------------------------------------

WORD = re.compile(r"\w+")


def _word_matches(word: str, terms: list[str]) -> bool:
    word = word.lower()
    return any(
        word.startswith(term) or (len(word) >= 3 and term.startswith(word)) for term in terms
    )


def highlight(text: str, terms: str, *, words: int = SNIPPET_WORDS) -> str:
    """A window of ``text`` around the first match, escaped, with matches in ``<mark>``.

    Each piece of the visitor-independent text is escaped first; only then are the
    ``<mark>`` tags (ours) put around the words that match one of the query's words
    (same start, so "run" marks "running").
    """
    text = " ".join((text or "").split())
    wanted = [term.lower() for term in terms.split() if term]
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    first = next((i for i, m in enumerate(tokens) if _word_matches(m.group(), wanted)), 0)
    start_token = max(0, first - words // 3)
    end_token = min(len(tokens), start_token + words)
    start = tokens[start_token].start() if start_token > 0 else 0
    end = tokens[end_token - 1].end() if end_token < len(tokens) else len(text)
    out = ["…" if start_token > 0 else ""]
    cursor = start
    for match in tokens[start_token:end_token]:
        out.append(html.escape(text[cursor : match.start()]))
        escaped = html.escape(match.group())
        out.append(f"<mark>{escaped}</mark>" if _word_matches(match.group(), wanted) else escaped)
        cursor = match.end()
    out.append(html.escape(text[cursor:end]))
    if end_token < len(tokens):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


# Results -------------------------------------------------------------------------


@dataclass
class Result:
    kind: str
    label: str
    title: str
    url: str
    page: object
    image: object | None
    snippet: str
    landscape: bool = False
    promoted: bool = False


class CountedPaginator(Paginator):
    """A paginator whose count is already known (from the facet query)."""

    def __init__(self, count: int, per_page: int):
        super().__init__([], per_page)
        self._known = count

    @property
    def count(self):
        return self._known


@dataclass
class SearchOutcome:
    params: SearchParams
    results: list[Result] = field(default_factory=list)
    page: PaginatorPage | None = None
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    people: list[Result] = field(default_factory=list)
    promoted: list[Result] = field(default_factory=list)
    did_you_mean: str = ""
    fuzzy: bool = False
    out_of_range: bool = False
    capped: bool = False  # more than MAX_MATCHES matched: counts are of the best ones


def _season_counts(show_ids) -> dict[int, int]:
    from catalog.models import SeasonPage

    rows = (
        visible_pages(SeasonPage.objects.filter(show_id__in=show_ids))
        .values("show_id")
        .order_by()
        .annotate(n=Count("pk"))
    )
    return {row["show_id"]: row["n"] for row in rows}


def _results_for(ids: list[int], terms: str, request=None, kinds=None) -> list[Result]:
    """The result rows for ``ids`` (in that order), with artwork.

    At most one query per kind (and its prefetches), whatever the number of ids; ``kinds``
    (when known) skips the kinds that are not among them.
    """
    kinds = {"show", "episode", "article"} if kinds is None else kinds

    def fetch(kind, queryset):
        return {p.pk: p for p in queryset().filter(pk__in=ids)} if kind in kinds and ids else {}

    shows = fetch("show", catalog_selectors.shows_queryset)
    episodes = fetch("episode", catalog_selectors.episodes_queryset)
    articles = fetch("article", catalog_selectors.articles_queryset)
    seasons = _season_counts(list(shows)) if shows else {}
    rows = []
    for pk in ids:
        if pk in shows:
            show = shows[pk]
            n = seasons.get(pk, 0)
            label = (
                ngettext("Show · %(count)d season", "Show · %(count)d seasons", n) % {"count": n}
                if n
                else gettext("Show")
            )
            if show.first_air_year:
                label += f" · {show.first_air_year}"
            rows.append(
                Result(
                    "show",
                    label,
                    show.title,
                    show.get_url(request),
                    show,
                    show.poster,
                    highlight(show.synopsis, terms),
                )
            )
        elif pk in episodes:
            episode = episodes[pk]
            season = episode.season
            show = season.show
            label = gettext("S%(season)s E%(episode)s · %(show)s") % {
                "season": season.number,
                "episode": episode.number,
                "show": show.title,
            }
            picture = episode.picture(show)
            rows.append(
                Result(
                    "episode",
                    label,
                    episode.title,
                    episode.get_url(request),
                    episode,
                    picture or show.poster,
                    highlight(episode.synopsis, terms),
                    landscape=bool(picture),
                )
            )
        elif pk in articles:
            article = articles[pk]
            label = gettext("Article · %(kind)s") % {"kind": article.get_kind_display()}
            rows.append(
                Result(
                    "article",
                    label,
                    article.title,
                    article.get_url(request),
                    article,
                    article.hero_image,
                    highlight(article.summary, terms),
                    landscape=True,
                )
            )
    return rows


def _person_results(people, terms: str) -> list[Result]:
    return [
        Result(
            "person",
            gettext("Person"),
            p.name,
            p.get_absolute_url(),
            p,
            p.photo,
            highlight(p.bio, terms),
        )
        for p in people
    ]


def _people(terms: str, config: str):
    """People of the active locale whose name or biography matches, best first."""
    query = SearchQuery(terms, config=config, search_type="plain")
    entries = IndexEntry.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Person).pk, body=query
    )
    rank = Subquery(
        IndexEntry.objects.filter(
            content_type_id=OuterRef("_ct"), object_id=Cast(OuterRef("pk"), CharField())
        )
        .annotate(r=SearchRank(F("body"), query))
        .values("r")[:1]
    )
    return (
        Person.objects.filter(locale_id=active_locale_id(), pk__in=_entry_ids(entries))
        .annotate(_ct=Value(ContentType.objects.get_for_model(Person).pk), rank=rank)
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("-rank", "name")
    )


def _apply_facets(docs, params: SearchParams, genre_id):
    if params.kind:
        docs = docs.filter(kind=params.kind)
    if params.genre:
        docs = docs.filter(
            Exists(
                ShowPage.genres.through.objects.filter(
                    showpage_id=OuterRef("show_id"), genre_id=genre_id or -1
                )
            )
        )
    if params.year_from is not None:
        docs = docs.filter(year__gte=params.year_from, year__lte=params.year_to)
    if params.rating:
        docs = docs.filter(rating=params.rating)
    if params.lang:
        docs = docs.filter(lang=params.lang)
    if params.access:
        docs = docs.filter(access=params.access)
    return docs


def search(params: SearchParams, *, request=None, base_url: str | None = None) -> SearchOutcome:
    """Run the search ``params`` describe (PostgreSQL; SQLite gets ``fallback_search``)."""
    outcome = SearchOutcome(params=params)
    terms = params.terms
    if not terms:
        return outcome
    if not is_postgres():
        return fallback_search(params, request=request)
    config = active_config()
    genres = {g.slug: g for g in Genre.objects.filter(locale_id=active_locale_id())}
    genre = genres.get(params.genre)
    genre_id = genre.pk if genre else None

    want_people = params.kind in ("", "person") and not (set(params.facets) - {"type"})
    people = list(_people(terms, config)[: PEOPLE_LIMIT + 1]) if want_people else []
    offset = (params.page - 1) * PER_PAGE
    fuzzy = False
    counts, ids = answer(params, genre_id, terms=terms, config=config, fuzzy=False, offset=offset)
    if counts["total"][""] == 0 and not people and not params.facets:
        # Typo tolerance: titles like the words, best first; the best one is "did you mean".
        counts, ids = answer(
            params, genre_id, terms=terms, config=config, fuzzy=True, offset=offset
        )
        fuzzy = outcome.fuzzy = counts["total"][""] > 0
    total = counts["total"][""]
    if people and params.kind != "person":
        counts["type"]["person"] = len(people)
    outcome.facets = _facets(counts, params, genres, base_url)
    outcome.total = total
    outcome.capped = counts["capped"]
    if params.kind == "person":
        everyone = _people(terms, config)
        paginator = CountedPaginator(everyone.count(), PER_PAGE)
        page = paginator.get_page(params.page)
        outcome.page, outcome.total = page, paginator.count
        offset = (page.number - 1) * PER_PAGE
        outcome.results = _person_results(everyone[offset : offset + PER_PAGE], terms)
        return outcome
    outcome.people = _person_results(people[:PEOPLE_LIMIT], terms) if params.page == 1 else []

    paginator = CountedPaginator(total, PER_PAGE)
    outcome.out_of_range = params.page > max(1, paginator.num_pages)
    page = paginator.get_page(params.page)
    outcome.page = page
    if outcome.out_of_range and total:
        # Past the end: the last page instead (one more statement, only here).
        counts, ids = answer(
            params,
            genre_id,
            terms=terms,
            config=config,
            fuzzy=fuzzy,
            offset=(page.number - 1) * PER_PAGE,
        )
    outcome.results = _results_for(ids, terms, request, kinds=counts["kinds"])
    if fuzzy and outcome.results:
        outcome.did_you_mean = outcome.results[0].title
    return outcome


def _facets(counts, params: SearchParams, genres: dict, base_url: str | None) -> list[Facet]:
    genre_names = {str(g.pk): g for g in genres.values()}
    ratings = dict(MaturityRating.choices)
    languages = dict(LANGUAGE_CHOICES)
    facets = []

    def build(name, label, items):
        current = params.facets.get(name, "")
        values = [
            FacetValue(
                value=value,
                label=text,
                count=n,
                selected=value == current,
                url=url_with(params, base_url, **{name: "" if value == current else value}),
            )
            for value, text, n in items
        ]
        if values:
            facets.append(Facet(name, label, values))

    c = counts
    build("type", gettext("Kind"), [(k, KINDS[k], c["type"][k]) for k in KINDS if c["type"].get(k)])
    build(
        "genre",
        gettext("Genre"),
        sorted(
            [
                (genre_names[g].slug, genre_names[g].name, n)
                for g, n in c["genre"].items()
                if g in genre_names
            ],
            key=lambda item: (-item[2], item[1]),
        ),
    )
    decades = sorted(c["year"].items(), key=lambda item: -int(item[0]))
    build(
        "year",
        gettext("Years"),
        [(f"{d}-{int(d) + 9}", gettext("%(decade)ss") % {"decade": d}, n) for d, n in decades],
    )
    build(
        "rating",
        gettext("Maturity rating"),
        [(r, ratings.get(r, r), c["rating"][r]) for r in ratings if c["rating"].get(r)],
    )
    build(
        "lang",
        gettext("Original language"),
        sorted(
            [(code, languages.get(code, code), n) for code, n in c["lang"].items()],
            key=lambda item: (-item[2], item[1]),
        ),
    )
    build(
        "access",
        gettext("Access"),
        [(a, ACCESS[a], c["access"][a]) for a in ACCESS if c["access"].get(a)],
    )
    return facets


# Empty state ---------------------------------------------------------------------


EMPTY_STATE_TTL = 300


def empty_state(limit: int = 6) -> dict:
    """What a search that found nothing offers: shows to try and the genres to browse.

    The newest shows are the same for everyone: their ids are kept in the cache (Redis in
    production) for five minutes per locale, so an empty search does not sort every show.
    """
    locale_id = active_locale_id()
    key = f"search:shows-to-try:{locale_id}:{limit}"
    ids = cache.get(key)
    if ids is None:
        ids = list(
            catalog_selectors.shows_queryset()
            .order_by(F("first_air_year").desc(nulls_last=True), "title")
            .values_list("pk", flat=True)[:limit]
        )
        cache.set(key, ids, EMPTY_STATE_TTL)
    shows = {show.pk: show for show in catalog_selectors.shows_queryset().filter(pk__in=ids)}
    return {
        "popular_shows": [catalog_selectors.show_card(shows[pk]) for pk in ids if pk in shows],
        "genres": list(Genre.objects.filter(locale_id=locale_id).order_by("name")[:12]),
    }


# Suggestions ---------------------------------------------------------------------


def prefix_tsquery(terms: str) -> str:
    """Every word, the last one as a prefix, as tsquery text for the ``simple`` configuration.

    ``terms`` holds only word characters and spaces (search.query.search_terms), and each
    word is quoted as a tsquery lexeme, so nothing the visitor typed is tsquery syntax.
    """
    words = terms.lower().split()
    lexemes = [f"'{word}'" for word in words[:-1]] + [f"'{words[-1]}':*"]
    return " & ".join(lexemes)


#: Index entries a suggestion considers at most, in the order shown (docs/search.md, Speed).
SUGGEST_CANDIDATES = 100
SUGGEST_ENTRIES = (
    "SELECT content_type_id, (object_id)::bigint FROM {table}"
    " WHERE content_type_id = ANY(%s::int[]) AND autocomplete @@ to_tsquery('simple', %s)"
    " ORDER BY CASE content_type_id WHEN %s THEN 0 WHEN %s THEN 1 ELSE 2 END,"
    " lower(title_text), 2 LIMIT %s"
)


def _suggest_candidates(terms: str, kinds: dict, person_type: int) -> tuple[list, list]:
    """Ids of the shows, episodes and people whose autocomplete words start like ``terms``.

    Answered by the (content type, autocomplete) GIN index (search/migrations/0003), in the
    order suggestions are shown, the first ``SUGGEST_CANDIDATES`` only.
    """
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    types = [kinds["show"], kinds["episode"], person_type]
    with connection.cursor() as cursor:
        cursor.execute(
            SUGGEST_ENTRIES.format(table=table),
            [types, prefix_tsquery(terms), kinds["show"], person_type, SUGGEST_CANDIDATES],
        )
        rows = cursor.fetchall()
    pages = [pk for content_type, pk in rows if content_type != person_type]
    return pages, [pk for content_type, pk in rows if content_type == person_type]


def suggest(terms: str, *, request=None, limit: int = SUGGEST_LIMIT) -> list[dict]:
    """Shows, then episodes, then people whose title or name starts like ``terms``."""
    if len(terms) < 2 or not is_postgres():
        return _fallback_suggest(terms, request=request, limit=limit) if len(terms) >= 2 else []
    kinds = page_kinds()
    person_type = ContentType.objects.get_for_model(Person).pk
    page_ids, person_ids = _suggest_candidates(terms, kinds, person_type)
    order = Case(When(content_type_id=kinds["show"], then=Value(0)), default=Value(1))
    pages = (
        searchable(
            Page.objects.filter(
                pk__in=page_ids, content_type_id__in=[kinds["show"], kinds["episode"]]
            )
        )
        .annotate(
            kind=_kind_expression(kinds),
            order=order,
            show_title=F("episodepage__season__show__title"),
            season_number=F("episodepage__season__number"),
            episode_number=F("episodepage__number"),
        )
        .order_by("order", Lower("title"), "pk")
        .only("id", "title", "url_path", "locale_id", "depth", "path")[:limit]
        if page_ids
        else []
    )
    suggestions = []
    for page in pages:
        if page.kind == "show":
            label = gettext("Show")
        else:
            label = gettext("S%(season)s E%(episode)s · %(show)s") % {
                "season": page.season_number,
                "episode": page.episode_number,
                "show": page.show_title,
            }
        suggestions.append(
            {"kind": page.kind, "title": page.title, "label": label, "url": page.get_url(request)}
        )
    people = (
        Person.objects.filter(locale_id=active_locale_id(), pk__in=person_ids).order_by("name")[
            :SUGGEST_PEOPLE
        ]
        if person_ids
        else []
    )
    suggestions += [
        {"kind": "person", "title": p.name, "label": gettext("Person"), "url": p.get_absolute_url()}
        for p in people
    ]
    return suggestions


# SQLite (the embedded default) ------------------------------------------------------


def fallback_search(params: SearchParams, *, request=None) -> SearchOutcome:
    """Wagtail's own ``.search()`` over the visible pages: ranked results, no facets."""
    outcome = SearchOutcome(params=params)
    models = {"show": ShowPage, "episode": EpisodePage, "article": ArticlePage}
    model = models.get(params.kind)
    base = visible_pages(model.objects if model else Page.objects)
    if not model:
        base = base.filter(content_type_id__in=page_kinds().values())
    if params.facets:
        genre = Genre.objects.filter(locale_id=active_locale_id(), slug=params.genre).first()
        chosen = _apply_facets(
            documents(Page.objects.all(), with_genres=False), params, genre.pk if genre else None
        )
        base = base.filter(id__in=list(chosen.values_list("pk", flat=True)[:10_000]))
    found = base.search(params.terms)
    paginator = Paginator(found, PER_PAGE)
    outcome.out_of_range = params.page > max(1, paginator.num_pages)
    outcome.page = paginator.get_page(params.page)
    outcome.total = paginator.count
    outcome.results = _results_for(
        [page.pk for page in outcome.page.object_list], params.terms, request
    )
    return outcome


def _fallback_suggest(terms: str, *, request=None, limit: int) -> list[dict]:
    pages = visible_pages(ShowPage.objects).autocomplete(terms)[:limit]
    return [
        {"kind": "show", "title": p.title, "label": gettext("Show"), "url": p.get_url(request)}
        for p in pages
    ]


__all__ = [
    "SearchOutcome",
    "documents",
    "empty_state",
    "highlight",
    "search",
    "suggest",
]

"""Benchmark: /search/ and /search/suggest/ over the synthetic catalog, on PostgreSQL.

    eval "$(scripts/services.sh env)"
    .venv/bin/python scripts/bench_search.py [--shows 10000] [--runs 3] [--explain]

Uses its own database on the PostgreSQL server of DATABASE_URL (``<name>_bench_search``),
made and migrated on first use; loads the synthetic catalog there
(``load_demo_catalog --shows N --synthetic-only``: 10 episodes per show) unless it is
already there, and fills Wagtail's search index (``update_index``) when the index has
fewer entries than pages. Then it times, at the Django view (RequestFactory, no
middleware, no HTTP), 50 fixed searches (common and rare words, typos, one-letter-off
titles, two-word phrases, with and without facets) and 50 suggest prefixes, ``--runs``
times each after one warm-up pass, and prints p50/p95/max, the SQL queries per search
page (which must not vary) and, with ``--explain``, the ``EXPLAIN (ANALYZE, BUFFERS)`` of
the slowest search's slowest statement. Repeated searches are answered from the cache
(``catalog.content_version``) unless ``--cold``, which bumps the content version before every
timed request: each one then runs its statements as a first search would.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent

SEARCHES = [
    # common words
    {"q": "family"},
    {"q": "secret"},
    {"q": "storm"},
    {"q": "city"},
    {"q": "night"},
    {"q": "love"},
    {"q": "house"},
    {"q": "war"},
    {"q": "river"},
    {"q": "detective"},
    # rare words
    {"q": "lighthouse"},
    {"q": "archive"},
    {"q": "glacier"},
    {"q": "orchard"},
    {"q": "telegraph"},
    # typos and one-letter-off titles
    {"q": "famly"},
    {"q": "secert"},
    {"q": "detectve"},
    {"q": "lighthuose"},
    {"q": "nigth"},
    {"q": "stroms"},
    {"q": "rivr"},
    {"q": "orchrd"},
    {"q": "housse"},
    {"q": "archve"},
    # two-word phrases
    {"q": "family secret"},
    {"q": "night storm"},
    {"q": "city lights"},
    {"q": "old house"},
    {"q": "cold war"},
    {"q": "river road"},
    {"q": "last light"},
    {"q": "dark water"},
    {"q": "new world"},
    {"q": "long night"},
    # with facets
    {"q": "family", "type": "show"},
    {"q": "storm", "type": "episode"},
    {"q": "night", "access": "free"},
    {"q": "secret", "year": "2020-2029"},
    {"q": "city", "rating": "TV-14"},
    {"q": "house", "lang": "en"},
    {"q": "family", "type": "episode", "access": "subscribers"},
    {"q": "love", "sort": "newest"},
    {"q": "war", "sort": "title"},
    {"q": "river", "page": "2"},
    {"q": "detective", "type": "show", "year": "2010-2019"},
    {"q": "night", "genre": "drama"},
    {"q": "storm", "genre": "drama", "type": "episode"},
    {"q": "season"},
    {"q": "episode"},
]
SUGGESTS = [
    q[:n]
    for q in [
        "family",
        "secret",
        "storm",
        "city",
        "night",
        "lighthouse",
        "detective",
        "river",
        "house",
        "orchard",
    ]
    for n in (2, 3, 4, 5, 6)
]


def out(*parts) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit('bench_search needs PostgreSQL: eval "$(scripts/services.sh env)" first.')
    parts = urlparse(url)
    name = parts.path.lstrip("/") or "mediasite"
    return urlunparse(parts._replace(path=f"/{name}_bench_search"))


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(shows: int) -> None:
    url = bench_database_url()
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediasite.settings.dev")
    os.environ.setdefault("DEMO_MEDIA", "0")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from catalog.models import ShowPage

    if ShowPage.objects.count() < shows:
        out(f"Loading the synthetic catalog ({shows} shows)…")
        started = time.perf_counter()
        call_command(
            "load_demo_catalog",
            shows=shows,
            synthetic_only=True,
            no_progress=True,
            no_media=True,
            no_accounts=False,
        )
        out(f"  loaded in {time.perf_counter() - started:.0f} s")
    pages = Page.objects.count()
    if IndexEntry.objects.count() < pages * 0.9:
        out(f"Indexing {pages} pages (update_index)…")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        out(f"  indexed in {time.perf_counter() - started:.0f} s")


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(view, path: str, params: dict, *, cold: bool = False):
    from django.db import connection, reset_queries
    from django.test import RequestFactory

    if cold:
        from catalog import content_version

        content_version.bump()
    request = RequestFactory().get(path, params)
    reset_queries()
    started = time.perf_counter()
    response = view(request)
    if hasattr(response, "render"):
        response.render()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{params} answered {response.status_code}")
    return elapsed, list(connection.queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--cold", action="store_true", help="no cached search answers")
    args = parser.parse_args()
    setup(args.shows)

    from django.conf import settings
    from django.db import connection

    from catalog.models import EpisodePage, ShowPage
    from search import views

    settings.DEBUG = True  # connection.queries, for the query counts
    out(
        f"Catalog: {ShowPage.objects.count()} shows, {EpisodePage.objects.count()} episodes; "
        f"{len(SEARCHES)} searches and {len(SUGGESTS)} suggest prefixes, "
        f"{args.runs} runs after a warm-up.",
    )
    for params in SEARCHES:  # warm-up: caches, plans, the report's rows
        timed(views.search, "/search/", params)
    for q in SUGGESTS:
        timed(views.suggest, "/search/suggest/", {"q": q})

    search_times, query_counts, slowest = [], {}, (0.0, None, None)
    for _ in range(args.runs):
        for params in SEARCHES:
            elapsed, queries = timed(views.search, "/search/", params, cold=args.cold)
            search_times.append(elapsed)
            query_counts.setdefault(len(queries), []).append(params["q"])
            if elapsed > slowest[0]:
                slowest = (elapsed, params, queries)
    suggest_times = []
    for _ in range(args.runs):
        for q in SUGGESTS:
            elapsed, _queries = timed(views.suggest, "/search/suggest/", {"q": q}, cold=args.cold)
            suggest_times.append(elapsed)

    def line(name, values):
        return (
            f"{name}: p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 95):.1f} ms, "
            f"max {max(values):.1f} ms ({len(values)} requests)"
        )

    out(line("search ", search_times))
    out(line("suggest", suggest_times))
    out("SQL queries per search page:", {n: len(qs) for n, qs in sorted(query_counts.items())})
    out(f"slowest search: {slowest[1]} in {slowest[0]:.1f} ms")
    out("load average:", " ".join(f"{n:.2f}" for n in os.getloadavg()))
    if args.explain and slowest[2]:
        statement = max(slowest[2], key=lambda q: float(q["time"]))
        out(f"slowest statement ({float(statement['time']) * 1000:.1f} ms):")
        out(statement["sql"][:2000])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["sql"])
            for (row,) in cursor.fetchall():
                out("   ", row)


if __name__ == "__main__":
    main()

"""Engagement speed figures (issue 10, "Speed"), measured in-process with Django's test client.

Its own database (var/bench/engagement.sqlite3; BENCH_DATABASE_URL to use another, e.g. a
``mediasite_bench_engagement`` database on the services' PostgreSQL, which is created when missing),
seeded once: ``load_demo_catalog --synthetic-only --shows N`` (2 seasons x 5 episodes a
show), a signed-in viewer with some My List, rating and progress rows, and one show with
300 ratings and 100 published reviews. Then it prints:

- ``GET /api/v1/me/state?pages=<50 ids>``: queries (for two different sets of ids),
  median/p95 ms and requests per second, beside the same show page requested
  anonymously with the caches warm (the plain view: Django's page cache is not used);
- ``PUT /api/v1/progress/<episode>`` (a ``pause`` report, which always writes): queries,
  of which how many beyond the session and the user, and ms;
- the show page's queries with no ratings and with 300 ratings and 100 reviews;
- 1,000 ratings of one episode by 1,000 profiles from 20 threads through
  ``PUT /api/v1/ratings/<id>``: wall time, and the summary's count and sum against the
  truth (skipped on SQLite, which serialises writers anyway).

    .venv/bin/python scripts/bench_engagement.py [--shows 300] [--runs 50]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
STATE_PAGES, LOADED_RATINGS, LOADED_REVIEWS = 50, 300, 100
EMAIL = "bench-engagement-{}@example.com"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediasite.settings.dev")
    # Timings as in production: no debug toolbar-ish overhead, cached templates. (The
    # query counts below force Django's query log on where they need it.)
    os.environ.setdefault("DEBUG", "false")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'engagement.sqlite3'}")
    ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger("celery").setLevel(logging.WARNING)  # eager tasks log each run
    call_command("migrate", verbosity=0, interactive=False)


# --- Seeding (once) -----------------------------------------------------------------------


def users_with_profiles(prefix: str, count: int):
    """``count`` accounts ``bench-engagement-<prefix>-<n>`` with their main profiles."""
    from django.contrib.auth import get_user_model

    from engagement.models import Profile

    users = get_user_model()
    emails = [EMAIL.format(f"{prefix}-{n}") for n in range(count)]
    existing = set(users.objects.filter(email__in=emails).values_list("email", flat=True))
    users.objects.bulk_create(users(email=e) for e in emails if e not in existing)
    accounts = list(users.objects.filter(email__in=emails).order_by("pk"))
    have = set(
        Profile.objects.filter(user__in=accounts, is_main=True).values_list("user_id", flat=True)
    )
    Profile.objects.bulk_create(
        Profile(user=u, name=f"Bench {n}", is_main=True)
        for n, u in enumerate(accounts)
        if u.pk not in have
    )
    profiles = {p.user_id: p for p in Profile.objects.filter(user__in=accounts, is_main=True)}
    return [(u, profiles[u.pk]) for u in accounts]


def seed(shows: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from engagement.models import Review, ViewingProgress, WatchlistItem
    from engagement.services import reviews as review_services
    from engagement.services.ratings import rate

    started = time.perf_counter()
    call_command(
        "load_demo_catalog",
        shows=shows,
        synthetic_only=True,
        no_media=True,
        no_progress=True,
        verbosity=0,
    )
    show_list = synthetic_shows()
    if len(show_list) < 8:
        raise SystemExit("need at least 8 synthetic shows (--shows 8)")
    # The viewer: state on the first shows' pages, none on the later ones.
    [(_, profile)] = users_with_profiles("viewer", 1)
    for show in show_list[:4]:
        pages = pages_of(show)
        WatchlistItem.objects.get_or_create(profile=profile, page=show)
        rate(profile, pages[2], 4)
        ViewingProgress.objects.get_or_create(
            profile=profile,
            episode=pages[3],
            defaults={"position": 120, "duration": 1500, "last_watched_at": timezone.now()},
        )
    # The loaded show: 300 ratings, 100 of them with a published review.
    loaded = show_list[5]
    if Review.objects.filter(page=loaded).count() < LOADED_REVIEWS:
        raters = users_with_profiles("rater", LOADED_RATINGS)
        for n, (user, rater) in enumerate(raters):
            score = n % 5 + 1
            if n < LOADED_REVIEWS:
                if not Review.objects.filter(user=user, page=loaded).exists():
                    review = review_services.create_review(
                        user, rater, loaded, score=score, body=f"Bench review {n}.\nSecond line."
                    )
                    if review.status != "published":
                        review_services.set_status(review, "published")
            else:
                rate(rater, loaded, score)
    users_with_profiles("thread", 1000)
    say(f"seeded in {time.perf_counter() - started:.1f} s")


def synthetic_shows():
    from catalog.demo.bulk import SLUG_PREFIX
    from catalog.models import ShowPage

    return list(ShowPage.objects.live().filter(slug__startswith=SLUG_PREFIX).order_by("slug"))


def pages_of(show):
    """The show, its seasons and their episodes (13 pages for a synthetic show)."""
    from wagtail.models import Page

    return [show, *Page.objects.descendant_of(show).live().order_by("path").specific()]


# --- Measuring ----------------------------------------------------------------------------


def count_queries(call) -> tuple[object, list[str]]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # each request empties the log when it starts: start from 0
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, [q["sql"] for q in queries.captured_queries]


def beyond_session_and_user(sqls: list[str]) -> int:
    from django.contrib.auth import get_user_model

    user_table = f'"{get_user_model()._meta.db_table}"'
    return sum(
        1
        for s in sqls
        if not any(f"FROM {t}" in s for t in ('"django_session"', user_table))
        and not s.startswith('UPDATE "django_session"')
    )


def timed(call, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code >= 400:
            raise SystemExit(f"answered {response.status_code}: {response.content[:200]!r}")
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def figures(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms, "
        f"{1000 * len(times) / sum(times):.0f} req/s ({len(times)} runs, one thread)"
    )


def check(response, what: str):
    if response.status_code != 200:
        raise SystemExit(f"{what} answered {response.status_code}: {response.content[:300]!r}")
    return response


def bench_state(client, show_list, runs: int) -> None:
    from django.conf import settings
    from django.core.cache import cache

    with_state = [p.pk for show in show_list[:4] for p in pages_of(show)][:STATE_PAGES]
    without = [p.pk for show in show_list[-4:] for p in pages_of(show)][: STATE_PAGES - 5]
    without += [2**31 - 1, 2**31, 0, 999_999_999, 12345678]  # missing or out of range
    urls = {
        "50 pages with state": "/api/v1/me/state?pages=" + ",".join(map(str, with_state)),
        "45 pages without state + 5 missing ids": "/api/v1/me/state?pages="
        + ",".join(map(str, without)),
    }
    say(f"GET /api/v1/me/state?pages=<{STATE_PAGES} ids> (signed in)")
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()  # this process's own memory: safe (a shared Redis is never cleared)
        url = urls["50 pages with state"]
        response, sqls = count_queries(lambda: check(client.get(url), url))
        say(f"  50 pages with state, cold cache: {len(sqls)} queries")
    for label, url in urls.items():
        check(client.get(url), url)  # warm up
        response, sqls = count_queries(lambda url=url: check(client.get(url), url))
        listed = len(response.json()["pages"])
        say(f"  {label}: {len(sqls)} queries ({listed} pages answered)")
    url = urls["50 pages with state"]
    say(f"  {figures(timed(lambda: client.get(url), runs))}")


def bench_show_page(anonymous, show, runs: int) -> None:
    url = show.get_url()
    check(anonymous.get(url), url)  # warm the caches (visibility, fragments, templates)
    _, sqls = count_queries(lambda: check(anonymous.get(url), url))
    say(f"GET {url} (anonymous, caches warm, the plain view: no page cache)")
    say(f"  {len(sqls)} queries, {figures(timed(lambda: anonymous.get(url), runs))}")


def bench_progress(client, episode, runs: int) -> None:
    url = f"/api/v1/progress/{episode.pk}"

    def put(position=300.0):
        return client.put(
            url,
            {"position": position, "duration": 1500.0, "event": "pause"},
            content_type="application/json",
        )

    check(put(), url)
    response, sqls = count_queries(lambda: check(put(301.0), url))
    if not response.json()["saved"]:
        raise SystemExit(f"the progress report was not saved: {response.json()}")
    positions = iter(range(302, 302 + runs))
    times = timed(lambda: put(float(next(positions))), runs)
    say(f"PUT {url} (event pause: always written)")
    say(
        f"  {len(sqls)} queries, {beyond_session_and_user(sqls)} beyond session and user; "
        f"median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms"
    )


def bench_show_queries(anonymous, empty, loaded) -> None:
    from engagement.models import RatingSummary, Review

    say("show page queries by its ratings and reviews (anonymous, caches warm)")
    for show in (empty, loaded):
        url = show.get_url()
        check(anonymous.get(url), url)
        _, sqls = count_queries(lambda url=url: check(anonymous.get(url), url))
        summary = RatingSummary.objects.filter(page_id=show.pk).first()
        ratings = summary.rating_count if summary else 0
        reviews = Review.objects.visible().filter(page_id=show.pk).count()
        say(f"  {ratings:>3} ratings, {reviews:>3} reviews: {len(sqls)} queries ({url})")


def bench_threads(episode, threads: int, total: int) -> None:
    from django.db import connection, connections
    from django.db.models import Count, Sum
    from django.test import Client

    from engagement.models import Rating, RatingSummary

    if connection.vendor == "sqlite":
        say(f"{total} ratings from {threads} threads: skipped on SQLite (one writer at a time;")
        say("  run with BENCH_DATABASE_URL=postgres://… for this figure)")
        return
    # Start from nothing on this page, so the truth is what the threads send.
    Rating.objects.filter(page_id=episode.pk).delete()
    RatingSummary.objects.filter(page_id=episode.pk).delete()
    raters = users_with_profiles("thread", total)
    expected_sum = sum(n % 5 + 1 for n in range(total))
    errors: list[str] = []
    ready, go, lock = [0], threading.Event(), threading.Lock()

    def work(chunk) -> None:
        try:
            # One client (one session) per account, signed in before the clock starts.
            signed_in = []
            for n, (user, _profile) in chunk:
                client = Client()
                client.force_login(user)
                signed_in.append((n, client))
            with lock:
                ready[0] += 1
            go.wait()
            for n, client in signed_in:
                response = client.put(
                    f"/api/v1/ratings/{episode.pk}",
                    {"score": n % 5 + 1},
                    content_type="application/json",
                )
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.content[:120]!r}")
        finally:
            connections.close_all()

    numbered = list(enumerate(raters))
    workers = [threading.Thread(target=work, args=(numbered[k::threads],)) for k in range(threads)]
    for worker in workers:
        worker.start()
    while ready[0] < threads and all(w.is_alive() for w in workers):
        time.sleep(0.005)
    started = time.perf_counter()
    go.set()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - started
    summary = RatingSummary.objects.get(page_id=episode.pk)
    truth = Rating.objects.filter(page_id=episode.pk).aggregate(n=Count("pk"), s=Sum("score"))
    exact = (
        (summary.rating_count, summary.rating_sum)
        == (total, expected_sum)
        == (
            truth["n"],
            truth["s"],
        )
    )
    say(f"{total} ratings of one episode by {total} profiles from {threads} threads")
    say(
        f"  wall {wall:.2f} s ({total / wall:.0f} ratings/s), {len(errors)} errors; summary "
        f"count {summary.rating_count} sum {summary.rating_sum}, truth (sent) {total}/"
        f"{expected_sum}, rows {truth['n']}/{truth['s']}: {'exact' if exact else 'WRONG'}"
    )
    for error in errors[:5]:
        say(f"  error: {error}")
    if not exact or errors:
        raise SystemExit(1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shows", type=int, default=300, help="synthetic shows to seed")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per figure")
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--ratings", type=int, default=1000)
    args = parser.parse_args()
    setup_django()
    seed(args.shows)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from engagement.profiles import ensure_main_profile

    settings.ALLOWED_HOSTS = ["*"]
    show_list = synthetic_shows()
    [(viewer, profile)] = users_with_profiles("viewer", 1)
    ensure_main_profile(viewer)
    client = Client()
    client.force_login(viewer)
    anonymous = Client()
    say(
        f"engagement bench: {connection.vendor}, {len(show_list)} synthetic shows, "
        f"DEBUG={settings.DEBUG}, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    bench_state(client, show_list, args.runs)
    bench_show_page(anonymous, show_list[0], args.runs)
    bench_progress(client, pages_of(show_list[1])[4], args.runs)
    bench_show_queries(anonymous, show_list[6], show_list[5])
    bench_threads(pages_of(show_list[7])[3], args.threads, args.ratings)
    return 0


if __name__ == "__main__":
    sys.exit(main())

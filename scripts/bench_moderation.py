"""Time the moderation queue page with 10,000 open reports on 2,000 targets.

Its own SQLite database (var/bench/moderation.sqlite3; BENCH_DATABASE_URL to use
another), seeded once: 1,500 reported reviews and 500 reported accounts, five distinct
reporters each, plus 50 reviews waiting for approval. Prints the number of queries and
the median, best and worst time of ``GET /admin/moderation/`` as a superuser, for the
default view and a filtered, searched second page.

    .venv/bin/python scripts/bench_moderation.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
TARGETS_REVIEWS, TARGETS_USERS, PER_TARGET, PENDING = 1500, 500, 5, 50


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediasite.settings.dev")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'moderation.sqlite3'}"
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def seed() -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from wagtail.models import Page

    from engagement.models import Report, Review

    if Report.objects.filter(status="open").count() >= 10_000:
        return
    users = get_user_model()
    with transaction.atomic():
        root = Page.get_first_root_node()
        page = root.add_child(instance=Page(title="Bench show", slug="bench-show-moderation"))
        reporters = users.objects.bulk_create(
            users(email=f"bench-reporter-{i}@example.com") for i in range(20)
        )
        authors = users.objects.bulk_create(
            users(email=f"bench-author-{i}@example.com")
            for i in range(TARGETS_REVIEWS + TARGETS_USERS + PENDING)
        )
        reviews = Review.objects.bulk_create(
            Review(user=a, page=page, score=3, body=f"Bench review {n}", status="published")
            for n, a in enumerate(authors[:TARGETS_REVIEWS])
        )
        Review.objects.bulk_create(
            Review(user=a, page=page, score=3, body="Pending", status="pending")
            for a in authors[TARGETS_REVIEWS + TARGETS_USERS :]
        )
        targets = [("review", r.pk) for r in reviews] + [
            ("user", a.pk) for a in authors[TARGETS_REVIEWS : TARGETS_REVIEWS + TARGETS_USERS]
        ]
        reasons = ["spam", "harassment", "spoilers", "sexual", "other"]
        Report.objects.bulk_create(
            Report(
                reporter=reporters[(n + k * 3) % len(reporters)],
                target_type=kind,
                target_id=pk,
                reason=reasons[(n + k) % len(reasons)],
            )
            for n, (kind, pk) in enumerate(targets)
            for k in range(PER_TARGET)
        )


def measure(client, url: str, runs: int) -> tuple[int, list[float]]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (templates, caches)
    # Each request empties the query log when it starts (request_started): start from 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return len(queries), times


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    seed()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    admin, _ = get_user_model().objects.get_or_create(
        email="bench-admin@example.com", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    from engagement.models import Report

    opened = Report.objects.filter(status="open")
    targets = opened.values("target_type", "target_id").distinct().count()
    say(f"moderation queue: {opened.count()} open reports on {targets} targets")
    for url in ("/admin/moderation/", "/admin/moderation/?kind=review&reason=spam&q=Bench&page=2"):
        count, times = measure(client, url, args.runs)
        say(
            f"  GET {url}: {count} queries, median {statistics.median(times):.0f} ms "
            f"(best {min(times):.0f}, worst {max(times):.0f}, {args.runs} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

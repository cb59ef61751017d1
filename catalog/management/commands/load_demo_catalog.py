"""``manage.py load_demo_catalog``: the demo catalog, built offline and idempotently.

The content comes from ``catalog/demo/data/*.json``. The plans and accounts are the
subscriptions app's part: this command runs ``load_demo_accounts`` first (by name, so
catalog does not import that app's demo code) unless told ``--no-accounts``.
"""

import logging
import sys
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from catalog.demo import builder, bulk, media, translations
from mediasite.demo import DemoDataError, Report

#: loggers that report every page saved or task run at INFO
CHATTY_LOGGERS = ("wagtail", "celery", "django_tasks")


@contextmanager
def quiet_loggers(verbosity: int):
    """Below verbosity 2, keep per-page INFO logging from burying the progress bar."""
    if verbosity >= 2:
        yield
        return
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load the demo catalog from catalog/demo/data/: genres, people, 13 shows with seasons, "
        "episodes, credits and generated artwork, articles, collections, a composed home page, "
        "the Site and the review workflow. First runs load_demo_accounts (the plans, and demo "
        "accounts where DEMO_ACCOUNTS_ENABLED) unless --no-accounts. Needs no "
        "network. Running it again changes nothing. --shows N also adds N synthetic shows "
        "(2 seasons x 5 episodes each) by bulk insert for benchmarks; those pages get no "
        "revisions and skip the search and reference indexes (run update_index to search them)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--shows",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure synthetic shows 1..N exist (bulk insert, for benchmarks).",
        )
        parser.add_argument(
            "--synthetic-only",
            action="store_true",
            help="Skip the curated shows and articles (the Site, genres and indexes are kept).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide progress bars.")
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Do not run load_demo_accounts first (the demo plans must exist already).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Skip the demo videos (made with ffmpeg when it is installed; DEMO_MEDIA=False "
            "in settings skips them too).",
        )

    def handle(self, *args, shows=0, synthetic_only=False, no_accounts=False, **options):
        if shows < 0:
            raise CommandError("--shows must be zero or more.")
        verbosity = options.get("verbosity", 1)
        if not no_accounts:
            call_command("load_demo_accounts", verbosity=verbosity, stdout=self.stdout)
        try:
            self.load(shows, synthetic_only, verbosity, options)
        except DemoDataError as exc:
            raise CommandError(f"Bad demo data:\n{exc}") from exc

    def load(self, shows: int, synthetic_only: bool, verbosity: int, options) -> None:
        self.show_progress = verbosity > 0 and not options.get("no_progress")
        report = Report()
        started = time.monotonic()
        with quiet_loggers(verbosity):
            if synthetic_only:
                catalog = builder.ensure_scaffolding(report=report)
            else:
                catalog = self.build_curated(report)
            if shows:
                self.build_synthetic(shows, catalog, report)
            wants_media = not (synthetic_only or options.get("no_media"))
            if wants_media and getattr(settings, "DEMO_MEDIA", True):
                media.ensure_demo_media(report=report, say=self.stdout.write)
            if not synthetic_only:
                # After the videos: the translations share their sources' videos.
                translations.ensure_translations(catalog, report=report, say=self.stdout.write)
        if verbosity > 0:
            self.print_summary(report, time.monotonic() - started)

    def build_curated(self, report: Report):
        with self.progress(builder.planned_pages(), "Demo catalog", "page") as bar:
            return builder.build_demo(report=report, progress=bar.update)

    def build_synthetic(self, count: int, catalog, report: Report) -> None:
        with self.progress(count, "Synthetic shows", "show") as bar:
            bulk.build_synthetic(
                count,
                index=catalog.show_index,
                genres=catalog.genres,
                report=report,
                progress=bar.update,
            )

    def progress(self, total: int, desc: str, unit: str) -> tqdm:
        # tqdm redraws one line with "\r"; write to the raw stream, not the OutputWrapper,
        # which would end every redraw with a newline.
        stream = getattr(self.stderr, "_out", sys.stderr)
        return tqdm(total=total, desc=desc, unit=unit, file=stream, disable=not self.show_progress)

    def print_summary(self, report: Report, elapsed: float) -> None:
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.created_anything:
            self.stdout.write(self.style.SUCCESS(f"Demo catalog ready in {elapsed:.1f} s."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Found everything already in place ({elapsed:.1f} s).")
            )

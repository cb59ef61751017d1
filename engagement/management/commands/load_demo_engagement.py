"""``manage.py load_demo_engagement``: demo profiles, My List, ratings, progress, reviews."""

from django.core.management.base import BaseCommand, CommandError

from engagement.demo import seed
from mediasite.demo import DemoDataError, Report
from subscriptions.demo.seed import demo_accounts_enabled


class Command(BaseCommand):
    help = (
        "Give the demo accounts viewing state (engagement/demo/data/engagement.json): a Kids "
        "profile for premium@, My List, ratings, progress and reviews. Needs "
        "load_demo_accounts and load_demo_catalog first; running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not demo_accounts_enabled():
            self.stdout.write("Demo accounts are off (DEMO_ACCOUNTS_ENABLED is false): skipped.")
            return
        report = Report()
        try:
            seed.seed_demo(report=report)
        except DemoDataError as exc:
            raise CommandError(f"Bad demo data:\n{exc}") from exc
        if options.get("verbosity", 1) > 0:
            for line in report.lines():
                self.stdout.write(f"  {line}")
            done = "ready" if report.created_anything else "found already in place"
            self.stdout.write(self.style.SUCCESS(f"Demo viewing state {done}."))

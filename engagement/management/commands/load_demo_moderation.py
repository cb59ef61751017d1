"""``manage.py load_demo_moderation``: reported reviews, a pending review and an episode
problem for the demo queue (after load_demo_accounts and load_demo_catalog)."""

from django.core.management.base import BaseCommand

from engagement.demo.moderation import seed_moderation_demo
from mediasite.demo import Report


class Command(BaseCommand):
    help = "Seed the demo moderation queue (idempotent)."

    def handle(self, *args, **options):
        report = Report()
        seed_moderation_demo(report=report)
        if options.get("verbosity", 1) > 0:
            for line in report.lines() or ["nothing to seed (no demo accounts or catalog)"]:
                self.stdout.write(line)

"""``manage.py load_demo_accounts``: the demo plans and sign-ins, idempotently."""

from django.core.management.base import BaseCommand, CommandError

from mediasite.demo import DemoDataError, Report
from subscriptions.demo import seed


class Command(BaseCommand):
    help = (
        "Load the demo plans (subscriptions/demo/data/plans.json) and, where "
        "DEMO_ACCOUNTS_ENABLED, the demo accounts (accounts.json) with DEMO_PASSWORD, verified "
        "e-mail addresses, groups and plans. Running it again changes nothing. "
        "load_demo_catalog runs it first unless given --no-accounts."
    )

    def handle(self, *args, **options):
        report = Report()
        try:
            accounts = seed.seed_demo(report=report)
        except DemoDataError as exc:
            raise CommandError(f"Bad demo data:\n{exc}") from exc
        if options.get("verbosity", 1) > 0:
            self.print_summary(report, accounts)

    def print_summary(self, report: Report, accounts) -> None:
        for line in report.lines():
            self.stdout.write(f"  {line}")
        done = "ready" if report.created_anything else "found already in place"
        self.stdout.write(self.style.SUCCESS(f"Demo plans and accounts {done}."))
        if not seed.demo_accounts_enabled():
            self.stdout.write("Demo accounts are off (DEMO_ACCOUNTS_ENABLED is false).")
            return
        self.stdout.write(f"Demo accounts (password: {seed.demo_password()}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:<24} {account.role}")

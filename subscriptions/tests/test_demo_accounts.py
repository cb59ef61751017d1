"""``manage.py load_demo_accounts``: the demo plans and sign-ins, from their data files."""

import json
import shutil
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings

from allauth.account.models import EmailAddress

from mediasite.demo import DemoDataError
from subscriptions.demo.content import DATA_DIR, load_content
from subscriptions.models import BillingEvent, Plan, Subscription

PASSWORD = "demo-pass-for-tests"


def load_accounts() -> str:
    out = StringIO()
    call_command("load_demo_accounts", stdout=out)
    return out.getvalue()


def counts() -> dict:
    models = [get_user_model(), EmailAddress, Plan, Subscription, BillingEvent]
    return {model.__name__: model.objects.count() for model in models}


@override_settings(DEMO_ACCOUNTS_ENABLED=True, DEMO_PASSWORD=PASSWORD)
class LoadDemoAccountsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load_accounts()

    def test_plans_come_from_plans_json(self):
        basic, premium = Plan.objects.order_by("tier")
        self.assertEqual((basic.slug, basic.tier, basic.price), ("basic", 1, Decimal("5.99")))
        self.assertEqual(
            (premium.slug, premium.tier, premium.price), ("premium", 2, Decimal("11.99"))
        )
        self.assertEqual(
            premium.feature_list, ["Everything in Basic", "Early releases", "4K video"]
        )

    def test_accounts_sign_in_with_their_groups_and_plans(self):
        for email in ("admin", "editor", "moderator", "viewer", "basic", "premium"):
            with self.subTest(email=email):
                user = authenticate(email=f"{email}@example.com", password=PASSWORD)
                self.assertIsNotNone(user)
                self.assertTrue(EmailAddress.objects.get(user=user).verified)
        users = get_user_model().objects
        self.assertTrue(users.get(email="admin@example.com").is_superuser)
        self.assertTrue(
            users.get(email="editor@example.com").groups.filter(name="Editors").exists()
        )
        plans = dict(Subscription.objects.values_list("user__email", "plan__slug"))
        self.assertEqual(plans, {"basic@example.com": "basic", "premium@example.com": "premium"})
        self.assertIn(f"Demo accounts (password: {PASSWORD})", self.output)

    def test_second_run_changes_nothing(self):
        before = counts()
        output = load_accounts()
        self.assertEqual(counts(), before)
        self.assertIn("found already in place", output)


@override_settings(DEMO_ACCOUNTS_ENABLED=False)
class WithoutDemoAccountsTests(TestCase):
    def test_only_the_plans_are_seeded(self):
        output = load_accounts()
        self.assertEqual(set(Plan.objects.values_list("slug", flat=True)), {"basic", "premium"})
        self.assertFalse(get_user_model().objects.exists())
        self.assertIn("Demo accounts are off", output)


class DemoAccountsDataTests(SimpleTestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="mediasite-demo-accounts-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        shutil.copytree(DATA_DIR, self.dir, dirs_exist_ok=True)

    def edit(self, name: str, change) -> None:
        path = self.dir / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    def test_an_unknown_plan_names_the_file_and_field(self):
        self.edit("accounts.json", lambda accounts: accounts[4].update(plan="gold"))
        with self.assertRaisesMessage(
            DemoDataError, "accounts.json: [4].plan: unknown plan 'gold' (not in plans.json)"
        ):
            load_content(self.dir)

    def test_a_bad_price_names_the_file_and_field(self):
        self.edit("plans.json", lambda plans: plans[1].update(price="11.999"))
        with self.assertRaisesMessage(DemoDataError, "plans.json: [1].price: Decimal input"):
            load_content(self.dir)

    def test_a_boolean_must_be_a_boolean(self):
        self.edit("accounts.json", lambda accounts: accounts[0].update(staff="yes"))
        with self.assertRaisesMessage(
            DemoDataError, "accounts.json: [0].staff: Input should be a valid boolean"
        ):
            load_content(self.dir)

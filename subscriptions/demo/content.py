"""The subscriptions demo data: ``data/plans.json`` and ``data/accounts.json``, validated."""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from mediasite.demo import DemoRecord, load_data_file, reference_error

DATA_DIR = Path(__file__).resolve().parent / "data"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class PlanData(DemoRecord):
    slug: Slug
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    tier: Annotated[int, Field(ge=1)]
    #: in the currency, e.g. "5.99"; at most two decimal places
    price: Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    features: tuple[str, ...] = ()


class AccountData(DemoRecord):
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")]
    display_name: Annotated[str, StringConstraints(max_length=80)]
    #: what the account is for, shown in the loader's summary
    role: str
    staff: bool = False
    superuser: bool = False
    groups: tuple[str, ...] = ()
    #: a plan slug from plans.json; empty: no subscription
    plan: Slug | None = None


class SubscriptionsDemo(DemoRecord):
    plans: tuple[PlanData, ...]
    accounts: tuple[AccountData, ...]


def load_content(directory: Path = DATA_DIR) -> SubscriptionsDemo:
    """Read and check ``plans.json`` and ``accounts.json`` in ``directory``."""
    directory = Path(directory)
    plans = load_data_file(directory / "plans.json", tuple[PlanData, ...])
    accounts = load_data_file(directory / "accounts.json", tuple[AccountData, ...])
    slugs = {plan.slug for plan in plans}
    for position, account in enumerate(accounts):
        if account.plan and account.plan not in slugs:
            raise reference_error(
                directory / "accounts.json",
                f"[{position}].plan",
                "plan",
                account.plan,
                "plans.json",
            )
    return SubscriptionsDemo(plans=plans, accounts=accounts)


@functools.cache
def demo_content() -> SubscriptionsDemo:
    """The content of ``subscriptions/demo/data/``, read once per process."""
    return load_content(DATA_DIR)

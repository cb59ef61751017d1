"""Suite-wide fixtures."""

import os

import pytest

from mediasite.tests import shared
from mediasite.tests.cache import clear_test_cache


def pytest_configure(config):
    # The run's first process names the run; pytest-xdist workers inherit it (docs/testing.md).
    if not hasattr(config, "workerinput"):
        os.environ[shared.RUN_ENV] = str(os.getpid())


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):  # after the workers have ended
        shared.remove_run_folder()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with this run's cache namespace empty.

    A test's rows vanish with its transaction, but what was cached from them (the
    visibility module's restricted paths and locale ids, Wagtail's site root paths) would
    outlive them: the next test's pages, made at the same tree paths with other ids,
    could be judged by the previous test's leftovers.
    """
    clear_test_cache()

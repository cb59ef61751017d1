"""Suite-wide fixtures."""

import pytest

from mediasite.tests.cache import clear_test_cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with this run's cache namespace empty.

    A test's rows vanish with its transaction, but what was cached from them (the
    visibility module's restricted paths and locale ids, Wagtail's site root paths) would
    outlive them: the next test's pages, made at the same tree paths with other ids,
    could be judged by the previous test's leftovers.
    """
    clear_test_cache()

from django.core.cache import cache


def clear_test_cache() -> None:
    """Empty this test run's cache namespace only.

    ``cache.clear()`` on Redis flushes the whole database, wiping the rate-limit counters
    of a parallel test worker or another run; ``delete_pattern`` honours KEY_PREFIX.
    """
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()

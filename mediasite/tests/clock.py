"""allauth's rate limits on a clock that stands still, for tests that count hits.

allauth keeps each hit's ``time.time()`` and forgets those older than the window. A test
that sends 31 logins against "30/m" expects the 31st refused; on a loaded machine (two test
workers beside other runs) the first hits may be more than a minute old by then and the
limit never trips. With the clock held, every hit of the test stays in its window: the
assertions stay exact and no longer depend on the machine's speed.
"""

import time
from unittest import mock

from allauth.core.internal import ratelimit


class _HeldClock:
    """The ``time`` module as allauth's rate limiter sees it, with ``time()`` held."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now

    def __getattr__(self, name):  # monotonic() and sleep() for its cache lock stay real
        return getattr(time, name)


def hold_rate_limit_clock(test_case) -> None:
    """Hold allauth's rate-limit clock at the current time until the test ends."""
    patcher = mock.patch.object(ratelimit, "time", _HeldClock(time.time()))
    patcher.start()
    test_case.addCleanup(patcher.stop)

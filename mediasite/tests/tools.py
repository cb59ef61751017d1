"""Tests that need a system tool (ffmpeg, Chromium): skipped in an ad-hoc run without it,
but under ``make test`` (which installs the tools and sets MEDIASITE_REQUIRE_TOOLS=1) a
missing tool is a failure, never a silent skip."""

import os
import shutil
import unittest

REQUIRE_TOOLS = os.environ.get("MEDIASITE_REQUIRE_TOOLS") == "1"


def needs(available, reason: str):
    """``@needs(shutil.which("ffmpeg"), "needs ffmpeg")`` on a test or test class."""
    if available or REQUIRE_TOOLS:
        return lambda test: test
    return unittest.skip(reason)


needs_ffmpeg = needs(shutil.which("ffmpeg"), "needs ffmpeg")

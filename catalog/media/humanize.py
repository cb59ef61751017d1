"""Durations and file sizes in words, for messages that editors read."""

import math


def format_duration(seconds: float) -> str:
    """``3 h 0 min`` from an hour up, ``12 min 5 s`` from a minute up, else ``42 s``."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def format_size(num_bytes: int) -> str:
    """``5.1 GB``, ``4 GB``, ``12.5 MB``, ``900 KB`` (binary units, one decimal at most)."""
    for unit, power in (("GB", 3), ("MB", 2), ("KB", 1)):
        value = num_bytes / 1024**power
        if value >= 1:
            rounded = math.floor(value * 10 + 0.5) / 10
            return f"{rounded:g} {unit}"
    return f"{num_bytes} bytes"

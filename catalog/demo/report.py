"""Counting what the loader created and what it found already there."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """Created and found counts per kind of thing ("show", "image", "person"…)."""

    created: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)

    def record(self, kind: str, created: bool, count: int = 1) -> None:
        (self.created if created else self.found)[kind] += count

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())

    def lines(self) -> list[str]:
        """One line per kind, in the order they were first seen."""
        kinds = list(dict.fromkeys([*self.created, *self.found]))
        return [
            f"{kind:<16} {self.created[kind]:>7} created {self.found[kind]:>7} found"
            for kind in kinds
        ]


def no_progress(count: int = 1) -> None:
    """A progress callback that does nothing."""

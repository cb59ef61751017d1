"""What the apps' demo loaders share: reading their data files, and counting what they made.

Each app keeps its demo content as JSON files beside its seeding code (``catalog/demo/data/``,
``subscriptions/demo/data/``) and describes each file's structure with a pydantic model.
``load_data_file`` reads one file against its model, strictly (no silent type coercion, no
unknown fields), and a mistake becomes a ``DemoDataError`` that names the file and the field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError


class DemoDataError(ValueError):
    """A demo data file is missing, is not valid JSON or does not have the expected structure."""


class DemoRecord(BaseModel):
    """Base of the demo data models: read-only, strict types, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def load_data_file(path: Path, schema):
    """The contents of the JSON file at ``path``, validated against ``schema`` (a type)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoDataError(f"{display_path(path)}: cannot be read ({exc.strerror}).") from exc
    try:
        return TypeAdapter(schema).validate_json(text, strict=True)
    except ValidationError as exc:
        raise DemoDataError(describe_errors(path, exc)) from None


def describe_errors(path: Path, exc: ValidationError) -> str:
    """One line per problem: the file, the field (e.g. ``[3].genres[1]``) and what is wrong."""
    lines = [
        f"{display_path(path)}: {field_path(error['loc']) or '(top level)'}: {error['msg']}"
        for error in exc.errors(include_url=False)
    ]
    return "\n".join(lines)


def field_path(loc) -> str:
    """``(3, "genres", 1)`` as ``[3].genres[1]``."""
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc]
    return "".join(parts).removeprefix(".")


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, for shorter messages."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def reference_error(path: Path, where: str, kind: str, name: str, source: str) -> DemoDataError:
    """An error for a name that ``where`` in ``path`` uses but ``source`` does not define."""
    return DemoDataError(
        f"{display_path(path)}: {where}: unknown {kind} {name!r} (not in {source})"
    )


@dataclass
class Report:
    """Created and found counts per kind of thing ("show", "image", "account"…)."""

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

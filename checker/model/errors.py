"""The checker's exceptions, in one tree.

    CheckerError                 anything the checker raises on purpose
    ├── BundleError              the bundle cannot be opened at all (no manifest, not a zip, unsafe path)
    ├── RuleError                a rule file is malformed (carries every problem, each naming file and field)
    ├── EngineError              durable-rules misbehaved in a way the checker could not absorb
    ├── StorageError             the results database cannot be opened/used, or refused bad input
    └── ConflictError            someone else saved a review decision on that flag since you loaded it

Bad *rows* are never exceptions: they become `Problem` records (see `checker.model.problems`) so that one
bad row cannot stop the rest of a submission loading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "CheckerError",
    "BundleError",
    "RuleError",
    "EngineError",
    "StorageError",
    "ConflictError",
]


class CheckerError(Exception):
    """Base class: the message is written for a QA officer, not a programmer."""


class BundleError(CheckerError):
    """The bundle as a whole cannot be read."""


class RuleError(CheckerError):
    """One or more rule files are malformed; `problems` lists each with file and field."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class EngineError(CheckerError):
    """The rule engine failed outside any single rule."""


class StorageError(CheckerError):
    """The results database cannot be opened or used, or a write was refused (e.g. dismissal without reason)."""


class ConflictError(CheckerError):
    """A review decision was not saved because someone else saved one on the same flag first.

    `current` is the decision now on record (who, what, when, version) and `attempted` is the one that was
    not saved, so the caller can show both, re-read and retry without the reviewer retyping anything.
    """

    def __init__(
        self,
        message: str,
        current: Mapping[str, Any] | None = None,
        attempted: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.current = dict(current) if current is not None else None
        self.attempted = dict(attempted) if attempted is not None else None

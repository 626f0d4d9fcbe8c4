"""Finding the files audit.yaml lists in a bundle: missing, listed twice, or written another way.

    name = locate(files.find, "chronologies/Housing.csv", read, problems, seen, "chronology")
"""

from __future__ import annotations

from collections.abc import Callable

from checker.model.problems import Problem

__all__ = ["locate"]


def locate(
    find: Callable[[str], str | None], wanted: str, read: set[str], problems: list[Problem], seen: set[tuple[str, ...]], *kind: str
) -> str | None:
    """The bundle's name for a file audit.yaml lists (noting it in `read` and `seen`), or None: missing (an error
    in `problems`) or listed twice for the same use (`kind`, a warning)."""
    name = find(wanted)
    if name is None:
        problems.append(
            Problem(
                "error",
                wanted,
                "audit.yaml lists this file but it is not in the bundle",
                hint="Add the file, or correct its path in audit.yaml (paths are relative to audit.yaml).",
                code="file-missing",
            )
        )
    elif (name, *kind) in seen:
        problems.append(
            Problem(
                "warning",
                name,
                "audit.yaml lists this file more than once; it was read once",
                hint="Remove the repeated entry from audit.yaml.",
                code="file-listed-twice",
            )
        )
        return None
    else:
        if name != wanted:
            problems.append(
                Problem("info", name, f"audit.yaml writes this file as '{wanted}'", code="file-name-differs")
            )
        read.add(name)
        seen.add((name, *kind))
    return name

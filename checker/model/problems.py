"""Problem records: everything the checker could not read or doubts, said so a person can act on it.

A problem names the file, the part of it (`part`: "sheet 'Case 1'" in a workbook, "table 3" in a Word
document; None for a plain table), the row (1-based, as Excel shows it; the header is row 1 for CSV), the column,
the offending value, what is wrong and what to do. `level` says what happened to the row:

- ``error``   the row (or file) was rejected: it is not in the loaded data;
- ``warning`` the row loaded but something about it is doubtful (date outside the audit period, duplicate…);
- ``info``    worth knowing, no action needed.

Problem text never carries record narrative: only the offending cell value, cut short.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Problem", "Level", "FileCounts", "clip"]

Level = Literal["error", "warning", "info"]

_MAX_VALUE = 40


def clip(value: Any, limit: int = _MAX_VALUE) -> str:
    """Return `value` as a short single-line string, safe to print in a problem message."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input."""

    level: Level
    file: str
    message: str
    hint: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None
    code: str = ""
    part: str | None = None

    def line(self) -> str:
        """One readable line: `file[, part] row N, column C: 'value' — message. hint`."""
        where = self.file or "(bundle)"
        if self.part:
            where += f", {self.part}"
        if self.row is not None:
            where += f"{',' if self.part else ''} row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = f" '{self.value}'" if self.value not in (None, "") else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"{self.level.upper()}: {where}:{value} {self.message}.{hint}".replace("..", ".")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class FileCounts:
    """Rows read from one file and what became of them: read == loaded + rejected, always."""

    file: str
    kind: str  # "chronology" | "return" | "manifest"
    agency: str | None = None
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    lines: int | None = None
    """Physical lines of a CSV file (line breaks, plus a last line without one); None for other files."""

    def balanced(self) -> bool:
        return self.read == self.loaded + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

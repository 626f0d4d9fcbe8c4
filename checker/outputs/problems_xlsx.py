"""The problems `maca validate` finds, as a workbook (`maca validate BUNDLE --xlsx FILE`) to work through or
send to an agency: a sheet laid out for A4 (what, file, row, column, value, problem, what to do), the full
table with each problem's code, and the rows read from each file (read = loaded + rejected).

    loaded = load_bundle("samples/homelessness")
    write_problems_xlsx("problems.xlsx", loaded.problems, loaded.counts, loaded.manifest.audit.title)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from checker.model.problems import FileCounts, Problem
from checker.outputs.exports import Cell, Table, write_xlsx

__all__ = ["PROBLEM_COLUMNS", "problem_tables", "write_problems_xlsx"]

PROBLEM_COLUMNS = ("Level", "File", "Part", "Row", "Column", "Value", "Problem", "What to do", "Code")
_PRINTED = ("Level", "File", "Row", "Column", "Value", "Problem", "What to do")
_LEVEL = {"error": "Error: row not loaded", "warning": "Warning: loaded, doubtful", "info": "For information"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def problem_tables(problems: Sequence[Problem], counts: Sequence[FileCounts]) -> list[Table]:
    """Every problem, errors first (then by file and row), and the rows read from each file."""
    ordered = sorted(problems, key=lambda p: (_ORDER.get(p.level, 3), p.file, p.part or "", p.row or 0))
    rows: list[list[Cell]] = [[_LEVEL.get(p.level, p.level), p.file or "the bundle", p.part, p.row, p.column,
                               p.value or None, p.message, p.hint or None, p.code or None] for p in ordered]
    files: list[list[Cell]] = [[c.file, c.kind, c.read, c.loaded, c.rejected] for c in sorted(counts, key=lambda c: c.file)]
    return [
        Table("Problems", PROBLEM_COLUMNS, rows, empty="No problems: every row of every file was read.",
              printed=_PRINTED),
        Table("Files", ["File", "Kind", "Rows read", "Loaded", "Rejected"], files, empty="No files were read."),
    ]


def write_problems_xlsx(target: str | Path | IO[bytes], problems: Sequence[Problem], counts: Sequence[FileCounts],
                        title: str = "") -> None:
    """Write the problems workbook (private, formula-safe: `checker.outputs.exports`); `title`: the audit's."""
    write_xlsx(target, problem_tables(problems, counts), title=title)

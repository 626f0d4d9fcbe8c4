"""Read a returned file before it is filed: how many chronology entries it gives and which cases' audit returns.

    contents = read_contents(data, kind="template", fmt="xlsx", agency="hv", cases=["case-1"], manifest=manifest,
                             file_label="hv.xlsx", today=date(2019, 3, 8))
    contents.empty      # True: nothing in it can be used (no entry, no answer)
    contents.reason     # then why, in the words of the first problem the reading found

The same readers as `load_bundle` are used, so what intake counts is what `maca validate` and `maca check`
will read from the file once it is filed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from checker.intake.chronology import load_chronology
from checker.intake.returns import load_return
from checker.intake.template_read import is_template, load_template_return
from checker.model.audit import ChronologySource, Manifest, ReturnSource
from checker.model.problems import Problem
from checker.model.templates import CHRONOLOGY_SHEET

__all__ = ["Contents", "read_contents"]

_SKIP = {"template-case-blank"}  # "this case was left blank": the empty file's reason, said better by the caller


@dataclass(frozen=True, slots=True)
class Contents:
    """What a file yields: chronology entries loaded, the cases an audit return was read for, and, when it
    yields nothing, the first problem that says why."""

    rows: int
    answered: list[str] = field(default_factory=list)
    reason: str = ""
    read: int = 0  # chronology rows found, loaded or not

    @property
    def empty(self) -> bool:
        return self.rows == 0 and not self.answered

    @property
    def untouched(self) -> bool:
        """Nothing written in it at all: no chronology row (not even a rejected one), no answer."""
        return self.empty and self.read == 0


def _reason(problems: list[Problem]) -> str:
    for level in ("error", "warning"):
        for problem in problems:
            if problem.level == level and problem.code not in _SKIP:
                return problem.message + (f" (row {problem.row})" if problem.row is not None else "")
    return ""


def read_contents(data: bytes, *, kind: Literal["template", "return", "chronology"], fmt: str, agency: str,
                  cases: list[str], manifest: Manifest, file_label: str, today: dt.date) -> Contents:
    """Count what `data` yields as the kind of file intake identified it as; never raises on bad input."""
    rows = read = 0
    answered: list[str] = []
    problems: list[Problem] = []
    if kind in ("template", "chronology"):
        sheet = CHRONOLOGY_SHEET if kind == "template" and fmt == "xlsx" else None
        single = cases[0] if len(cases) == 1 else None
        source = ChronologySource(file=file_label, agency=agency, case=single, sheet=sheet)
        chronology = load_chronology(data, source, manifest, file_label=file_label, today=today)
        rows, read = len(chronology.frame), chronology.counts.read
        problems += chronology.problems
    if kind in ("template", "return"):
        load = load_template_return if is_template(data) else load_return
        for case in cases:
            returned = load(data, ReturnSource(file=file_label, agency=agency, case=case), manifest,
                            file_label=file_label)
            if returned.audit_return is not None:
                answered.append(case)
            problems += returned.problems
    return Contents(rows, answered, "" if rows or answered else _reason(problems), read)

"""The flags as a workbook for the audit panel: one row per flag, the finish every export has — and the
sheet the panel's decisions come back in.

Columns: case, agency (by name), severity, rule, what was found, recommended action, evidence (file, row,
date, excerpt: one line per record), whether the evidence changed since the decision (what was added or
removed), then the review: Decision (a drop-down: Confirmed, Dismissed, Action needed, Action taken),
Reason, Note, Reviewer, decided (UK local time); then the flag id and the decision version it was written
at, in hidden columns, which `read_decisions` uses to put each filled row back on its flag. A finding the
panel added (`checker.outputs.panel_findings`) is a row too, marked "Added by the panel" in the Decision
column, its note in Note, and its content in a third hidden column, so it comes back through an import.

    >>> write_flags_xlsx("flags.xlsx", run_check(load_bundle("samples/homelessness")))  # doctest: +SKIP
    >>> read_decisions("flags.xlsx").rows  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from checker.model.errors import CheckerError
from checker.model.private import open_private
from checker.model.wording import UK, agency_name, count, fmt_date, severity_words, uk_dates
from checker.outputs.exports import Cell, Table, write_xlsx
from checker.outputs.panel_findings import PANEL_MARK, agencies_of, panel_cell, read_panel_cell
from checker.outputs.result import CheckedAudit, Output

__all__ = ["FLAG_COLUMNS", "DECISION_WORDS", "evidence_lines", "evidence_change_words", "flags_table", "flags_tables",
           "write_flags_xlsx", "EVIDENCE_IN_CELL", "OUTPUT", "FilledRow", "FindingRow", "RowProblem", "ReadBack",
           "read_decisions"]

FLAG_COLUMNS = (
    "Case", "Agency", "Severity", "Rule", "What was found", "Recommended action", "Evidence",
    "Evidence changed since the decision", "Decision", "Reason", "Note", "Reviewer", "Decided", "Flag id",
    "Decision version", "Panel finding",
)  # fmt: skip
HIDDEN = ("Flag id", "Decision version", "Panel finding")  # read back by `read_decisions`; hidden so nobody edits them
EVIDENCE_IN_CELL = 12  # evidence records written in one cell; the rest are counted
DECISION_WORDS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "action_needed": "Action needed",
                  "action_taken": "Action taken"}
"""The decisions as the workbook's drop-down offers them (a flag with none has an empty Decision cell)."""


def evidence_lines(rows: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[str]:
    """One line per evidence record: where (file, row), when, whose, and what it says."""
    lines = []
    for e in rows:
        where = str(e.get("file") or "audit.yaml")
        if e.get("row") is not None:
            where += f" row {e['row']}"
        if e.get("question"):
            where += f", question “{e.get('question_text') or e['question']}”"
        date = e.get("date")
        when = fmt_date(dt.date.fromisoformat(date) if isinstance(date, str) else date) if date else ""
        whose = agency_name(names, e.get("agency"))
        lead = ", ".join(p for p in (where, when, whose) if p)
        excerpt = e.get("excerpt") or e.get("answer") or ""
        lines.append(f"{lead}: “{uk_dates(str(excerpt))}”" if excerpt else lead)
    return lines


def evidence_change_words(change: Mapping[str, Any] | None, names: Mapping[str, str]) -> str:
    """'Evidence changed since the decision: added housing.csv row 4, 12/03/2019, …; removed …' or ''."""
    if not change:
        return ""
    parts = []
    for key in ("added", "removed"):
        lines = evidence_lines(change.get(key) or [], names)
        if lines:
            parts.append(f"{key} " + "; ".join(lines))
    return "Evidence changed since the decision: " + (" — ".join(parts) or "reordered") + "."


def _local(value: Any) -> dt.datetime | None:
    """A stored (UTC) time as a naive UK local time, which Excel shows as it is."""
    if value in (None, ""):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(UK).tz_localize(None).to_pydatetime()


def flags_table(
    flags: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
    decisions: Mapping[str, Mapping[str, Any]] | None = None,
) -> Table:
    """One row per flag. `decisions`: flag id -> the decision in force {decision, reviewer, decided_at, reason,
    note, version}; a flag's `evidence_change` (from the store) fills the "evidence changed" column."""
    decisions = decisions or {}
    rows: list[list[Cell]] = []
    for flag in flags:
        evidence = list(flag.get("evidence") or [])
        lines = evidence_lines(evidence[:EVIDENCE_IN_CELL], names)
        if len(evidence) > EVIDENCE_IN_CELL:
            lines.append(f"… and {count(len(evidence) - EVIDENCE_IN_CELL, 'more record')} (maca show lists them).")
        decision = decisions.get(flag["id"]) or {}
        agency = agency_name(names, flag.get("agency"), "several agencies")
        review: list[Cell] = [
            DECISION_WORDS.get(str(decision.get("decision") or "")), decision.get("reason"), decision.get("note"),
            decision.get("reviewer"), _local(decision.get("decided_at")), flag["id"], int(decision.get("version") or 0),
            None]
        if flag.get("added_by_panel"):  # marked in the Decision column; its note and content come back on import
            found = flag.get("finding") or {}
            agency = "; ".join(agency_name(names, a) for a in agencies_of(flag))
            review = [PANEL_MARK, None, found.get("note"), found.get("reviewer"), _local(found.get("created_at")),
                      flag["id"], int(found.get("version") or 1), panel_cell(flag)]
        rows.append([
            flag["case"], agency, severity_words(flag["severity"]), flag.get("title"), flag["message"],
            flag.get("recommended_action"), "\n".join(lines) or "No record: the finding is about something missing.",
            evidence_change_words(flag.get("evidence_change"), names) or None, *review,
        ])  # fmt: skip
    return Table("Flags", FLAG_COLUMNS, rows, empty="No flags: no rule found anything on this audit.")


def flags_tables(
    result: CheckedAudit,
    decisions: Mapping[str, Mapping[str, Any]] | None = None,
    flags: Sequence[Mapping[str, Any]] | None = None,
) -> list[Table]:
    """The flags workbook's sheet for one check (`flags` to write a filtered list instead of all of them)."""
    names = {a.id: a.name for a in result.manifest.agencies}
    return [flags_table(result.findings.every_flag() if flags is None else flags, names, decisions)]


def write_flags_xlsx(
    target: str | Path | IO[bytes],
    result: CheckedAudit,
    decisions: Mapping[str, Mapping[str, Any]] | None = None,
    flags: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """The flags workbook for one check (`flags` to write a filtered list instead of all of them): the
    Decision column a drop-down of the four decisions, the flag id and decision version hidden."""
    (table,) = flags_tables(result, decisions, flags)
    buffer = io.BytesIO()
    write_xlsx(buffer, [table])
    buffer.seek(0)
    book = load_workbook(buffer)
    sheet = book.worksheets[0]
    letters = {heading: sheet.cell(row=1, column=i).column_letter for i, heading in enumerate(FLAG_COLUMNS, start=1)}
    last = max(len(table.rows), 1) + 1
    choice = DataValidation(type="list", formula1='"' + ",".join(DECISION_WORDS.values()) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Not a decision",
                            error="Choose Confirmed, Dismissed, Action needed or Action taken (or leave it empty).")
    sheet.add_data_validation(choice)
    choice.add(f"{letters['Decision']}2:{letters['Decision']}{last}")
    for heading in HIDDEN:
        sheet.column_dimensions[letters[heading]].hidden = True
    if isinstance(target, str | Path):
        with open_private(target, "wb") as handle:
            book.save(handle)
    else:
        book.save(target)



OUTPUT = Output(
    name="flags-xlsx", option="--xlsx", format="xlsx", tables=flags_tables, label="Flags workbook",
    help="Write the flags as an Excel workbook, one row per flag, ready to filter and print; its Decision, "
         "Reason and Note columns come back with `maca decisions import`.",
    write=write_flags_xlsx,
)

# -- reading the panel's decisions back ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FilledRow:
    """One row of the workbook that holds a decision: where it is, which flag, and what was decided."""

    row: int  # the Excel row number, as the person sees it
    flag_id: str
    version: int  # the decision version the workbook was written at (0: none)
    decision: str  # confirmed, dismissed, action_needed or action_taken
    reason: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    flag_id: str
    message: str  # what is wrong and what to do

    def line(self) -> str:
        return f"row {self.row}" + (f" (flag {self.flag_id})" if self.flag_id else "") + f": {self.message}"


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One row of the workbook that holds a finding the panel added (marked in the Decision column)."""

    row: int
    finding_id: str
    version: int  # the finding's version the workbook was written at
    content: dict[str, Any]  # case, rule, theme, agencies, entries (from the hidden Panel finding column)
    note: str | None


@dataclass(slots=True)
class ReadBack:
    rows: list[FilledRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    blank: int = 0  # rows with no decision, reason or note: not decisions
    findings: list[FindingRow] = field(default_factory=list)  # rows of findings the panel added


def _word(value: Any) -> str:
    return " ".join(str(value).replace("_", " ").split()).lower() if value is not None else ""


_BY_WORD = {_word(label): key for key, label in DECISION_WORDS.items()}
_NEEDS_REASON = {"dismissed": "a dismissal needs a reason: write why the flag does not apply in the Reason column",
                 "action_taken": "'Action taken' needs what was done (and by whom) in the Reason column"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_decisions(source: str | Path | IO[bytes] | bytes) -> ReadBack:
    """The decisions filled in a flags workbook (as `write_flags_xlsx` wrote it), row by row.

    A row with no decision, reason or note is blank (not a decision). A row is a problem, and none of it is
    taken, when its decision is not one of the four words, when it dismisses (or records an action taken)
    without a reason, when it has a reason or note but no decision, or when its flag id is missing.
    CheckerError when the file is not a flags workbook (with what to do)."""
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        book = load_workbook(data, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one message for the person
        raise CheckerError(f"cannot read the flags workbook ({type(exc).__name__}): upload the .xlsx file that "
                           "`maca check --xlsx`, `maca decisions export` or the Flags page's download wrote") from exc
    try:
        sheet = book.worksheets[0]
        header = [_text(v) for v in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())]
        missing = [h for h in ("Decision", "Reason", "Note", "Flag id") if h not in header]
        if missing:
            raise CheckerError(f"the workbook's first sheet has no {', '.join(missing)} column: this is not a "
                               "flags workbook written by maca (export one with `maca decisions export`)")
        col = {h: header.index(h) for h in ("Decision", "Reason", "Note", "Flag id")}
        version_col = header.index("Decision version") if "Decision version" in header else None
        panel_col = header.index("Panel finding") if "Panel finding" in header else None
        out = ReadBack()
        # No wider than the header: a stray far cell (XFD…) would otherwise widen every row to 16,384 cells.
        rows = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
        for number, values in enumerate(rows, start=2):
            cells = list(values) + [None] * (len(header) - len(values))
            word, reason, note = _text(cells[col["Decision"]]), _text(cells[col["Reason"]]), _text(cells[col["Note"]])
            flag = _text(cells[col["Flag id"]]) or ""
            raw = cells[version_col] if version_col is not None else 0
            version = int(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0 else 0
            if _word(word) == _word(PANEL_MARK):
                content = read_panel_cell(cells[panel_col]) if panel_col is not None else None
                if content is None or not flag:
                    out.problems.append(RowProblem(number, flag, f"marked '{PANEL_MARK}' but its hidden finding "
                                                   "columns are empty or changed: add the finding on the Case page "
                                                   "or with `maca findings add`, or export a fresh workbook"))
                else:
                    out.findings.append(FindingRow(number, flag, max(version, 1), content, note))
                continue
            if word is None and reason is None and note is None:
                out.blank += 1
                continue
            decision = _BY_WORD.get(_word(word))
            words = ", ".join(DECISION_WORDS.values())
            if flag.startswith("p-"):
                out.problems.append(RowProblem(number, flag, f"a finding the panel added, no longer marked "
                                               f"'{PANEL_MARK}': put the mark back in its Decision column (withdraw "
                                               "it on the Flags page or with `maca findings withdraw`)"))
            elif not flag:
                out.problems.append(RowProblem(number, "", "no flag id on this row (the hidden Flag id column was "
                                               "cleared or the row was added): decide this flag on the Flags page; "
                                               "a finding the checker did not raise is added on the Case page or "
                                               "with `maca findings add`"))
            elif word is None:
                out.problems.append(RowProblem(number, flag, f"a reason or note but no decision: choose one of {words} "
                                               "in the Decision column, or clear the row"))
            elif decision is None:
                out.problems.append(RowProblem(number, flag, f"'{word}' is not a decision: choose one of {words} "
                                               "(the Decision column's drop-down)"))
            elif decision in _NEEDS_REASON and reason is None:
                out.problems.append(RowProblem(number, flag, _NEEDS_REASON[decision]))
            else:
                out.rows.append(FilledRow(number, flag, version, decision, reason, note))
        return out
    finally:
        book.close()

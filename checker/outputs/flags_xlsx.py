"""The flags as a workbook for the audit panel: one row per flag, the finish every export has.

Columns: case, agency (by name), severity, rule, what was found, recommended action, evidence (file, row,
date, excerpt: one line per record), review decision, reviewer, decided (UK local time), flag id.

    >>> write_flags_xlsx("flags.xlsx", run_check(load_bundle("samples/homelessness")))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pandas as pd

from checker.model.wording import UK, agency_name, count, fmt_date, severity_words, uk_dates
from checker.outputs.exports import Cell, Table, write_xlsx
from checker.outputs.result import CheckedAudit, Output

__all__ = ["FLAG_COLUMNS", "evidence_lines", "flags_table", "flags_tables", "write_flags_xlsx", "EVIDENCE_IN_CELL",
           "OUTPUT"]

FLAG_COLUMNS = (
    "Case", "Agency", "Severity", "Rule", "What was found", "Recommended action", "Evidence", "Review decision",
    "Reviewer", "Decided", "Flag id",
)  # fmt: skip
EVIDENCE_IN_CELL = 12  # evidence records written in one cell; the rest are counted
_DECISIONS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "action_needed": "Action needed", "open": "Open"}


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
    """One row per flag. `decisions`: flag id -> {decision, reviewer, decided_at} (the latest for each)."""
    decisions = decisions or {}
    rows: list[list[Cell]] = []
    for flag in flags:
        evidence = list(flag.get("evidence") or [])
        lines = evidence_lines(evidence[:EVIDENCE_IN_CELL], names)
        if len(evidence) > EVIDENCE_IN_CELL:
            lines.append(f"… and {count(len(evidence) - EVIDENCE_IN_CELL, 'more record')} (maca show lists them).")
        decision = decisions.get(flag["id"]) or {}
        rows.append([
            flag["case"], agency_name(names, flag.get("agency"), "several agencies"),
            severity_words(flag["severity"]), flag.get("title"), flag["message"], flag.get("recommended_action"),
            "\n".join(lines) or "No record: the finding is about something missing.",
            _DECISIONS.get(str(decision.get("decision") or "open"), "Open"), decision.get("reviewer"),
            _local(decision.get("decided_at")), flag["id"],
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
    """The flags workbook for one check (`flags` to write a filtered list instead of all of them)."""
    write_xlsx(target, flags_tables(result, decisions, flags))


OUTPUT = Output(
    name="flags-xlsx", option="--xlsx", format="xlsx", tables=flags_tables, label="Flags workbook",
    help="Write the flags as an Excel workbook, one row per flag, ready to filter and print.",
)

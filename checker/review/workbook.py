"""Decisions round-trip through the flags workbook: written with the decisions in force, and read back
after the meeting, each filled row saved through the dashboard's own save path (`save_review`: versions,
conflicts told, trail kept).

    report = import_decisions(store, result, "flags.xlsx", "panel.secretary")
    report.saved, report.problems         # rows saved; rows refused, each with its row number and what to do
    report.findings                       # rows of findings the panel added: added here, or their note changed
    export_decisions(store, result, "flags.xlsx")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from checker.check import CheckResult
from checker.intake.package import package_refusal
from checker.model.errors import CheckerError
from checker.outputs.flags_xlsx import (
    DECISION_WORDS,
    FilledRow,
    FindingRow,
    RowProblem,
    read_decisions,
    write_flags_xlsx,
)
from checker.review.findings import add_finding, panel_flags
from checker.review.runs import ensure_run, review_flags, save_review
from checker.storage import Store

__all__ = ["ImportReport", "import_decisions", "export_decisions", "workbook_flags", "write_workbook"]


@dataclass(slots=True)
class ImportReport:
    """What an import did: rows saved (row, flag id, decision), rows already so, blank rows, rows refused."""

    saved: list[tuple[int, str, str]] = field(default_factory=list)
    unchanged: int = 0
    blank: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    findings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, finding id, "added"/"note changed")

    def lines(self) -> list[str]:
        panel = f"{len(self.findings)} finding(s) added by the panel saved, " if self.findings else ""
        out = [f"{len(self.saved)} decision(s) saved, {panel}{self.unchanged} already recorded as they are, "
               f"{self.blank} row(s) left blank (not decisions), {len(self.problems)} row(s) not saved."]
        out += [f"  row {row}: {DECISION_WORDS[decision]} saved on flag {flag}" for row, flag, decision in self.saved]
        out += [f"  row {row}: finding {fid} {what}" for row, fid, what in self.findings]
        out += [f"  NOT SAVED {p.line()}" for p in self.problems]
        return out


def workbook_flags(store: Store, run_id: int, result: CheckResult) -> list[dict[str, Any]]:
    """The run's flags as the workbook shows them: title and recommended action from the catalogue, the
    decision in force and whether the evidence changed since it; then the findings the panel added."""
    rules = {r.id: r for r in result.catalogue.rules}
    return [{**f, "recommended_action": getattr(rules.get(f["rule"]), "recommended_action", "")}
            for f in review_flags(store, run_id, result.catalogue, include_resolved=False)] + \
        panel_flags(store, result)


def write_workbook(target: str | Path | IO[bytes], result: CheckResult, flags: Sequence[Mapping[str, Any]]) -> None:
    """The flags workbook for `flags` (as `workbook_flags` or the Flags page lists them)."""
    decisions = {f["id"]: f["decision"] for f in flags if f.get("decision")}
    write_flags_xlsx(target, result, decisions, flags=list(flags))


def export_decisions(store: Store, result: CheckResult, target: str | Path | IO[bytes]) -> int:
    """Write the flags workbook with the decisions now in force (storing the check's run first if the store
    has none for it); returns how many flags it lists."""
    flags = workbook_flags(store, ensure_run(store, result), result)
    write_workbook(target, result, flags)
    return len(flags)


def _same(flag: Mapping[str, Any], row: FilledRow) -> bool:
    decision = flag.get("decision") or {}
    return (decision.get("decision"), decision.get("reason"), decision.get("note")) == (row.decision, row.reason, row.note)


def _bytes(source: str | Path | IO[bytes] | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


def import_decisions(
    store: Store, result: CheckResult, source: str | Path | IO[bytes] | bytes, reviewer: str
) -> ImportReport:
    """Save each filled row of a flags workbook as its flag's decision, as `reviewer`.

    A row that says what is already recorded changes nothing (so export then import is a no-op). A row
    whose flag is not in the audit's latest check, or that someone decided differently since the workbook
    was written, is refused with its row number; so is a row `read_decisions` refuses. CheckerError when
    the file is not a flags workbook."""
    data = _bytes(source)
    refused = package_refusal(data)  # unpacked sizes and macros, before openpyxl parses anything
    if refused is not None:
        raise CheckerError(f"{refused.message}. {refused.hint}")
    read = read_decisions(data)
    report = ImportReport(blank=read.blank, problems=list(read.problems))
    flags = {f["id"]: f for f in store.flags(ensure_run(store, result))}
    for row in read.rows:
        flag = flags.get(row.flag_id)
        if flag is None:
            report.problems.append(RowProblem(
                row.row, row.flag_id, f"this flag is not in the latest check of audit {result.audit_id}: the "
                "workbook is from another audit or an older check; export a fresh one and copy the decision over"))
            continue
        if _same(flag, row):
            report.unchanged += 1
            continue
        outcome = save_review(store, result.audit_id, flag, reviewer, row.decision, reason=row.reason, note=row.note,
                              expected_version=row.version)
        if outcome.saved:
            report.saved.append((row.row, row.flag_id, row.decision))
            flags[row.flag_id] = {**flag, "decision": {"decision": row.decision, "reason": row.reason,
                                                       "note": row.note, "version": outcome.version},
                                  "decision_version": outcome.version}
        elif outcome.conflict:
            theirs = outcome.current or {}
            report.problems.append(RowProblem(
                row.row, row.flag_id, f"{theirs.get('reviewer', 'someone')} recorded "
                f"'{DECISION_WORDS.get(str(theirs.get('decision')), theirs.get('decision'))}' on this flag after the "
                "workbook was written: nothing saved from this row; look at their decision on the Flags page and "
                "decide there, or export a fresh workbook"))
        else:
            report.problems.append(RowProblem(row.row, row.flag_id, outcome.message))
    for found in read.findings:
        problem = _import_finding(store, result, found, reviewer, report)
        if problem:
            report.problems.append(RowProblem(found.row, found.finding_id, problem))
    report.problems.sort(key=lambda p: p.row)
    return report


def _import_finding(store: Store, result: CheckResult, row: FindingRow, reviewer: str, report: ImportReport) -> str:
    """Save one finding row: added (under its own id) when the store does not have it, its note changed when
    the panel changed it; returns what is wrong with the row, or ''."""
    current = store.finding(result.audit_id, row.finding_id)
    if not row.note:
        return "a finding the panel added needs its note: write what the panel found in the Note column"
    if current is None:
        content = row.content
        try:
            add_finding(store, result, case=content["case"], rule=content["rule"], theme=content["theme"],
                        agencies=content["agencies"], entries=content["entries"], note=row.note, reviewer=reviewer,
                        finding_id=row.finding_id)
        except CheckerError as exc:
            return f"{exc} (this workbook is from another audit, or its bundle changed)"
        report.findings.append((row.row, row.finding_id, "added"))
        return ""
    if current["note"] == row.note.strip():
        report.unchanged += 1
        return ""
    if current["withdrawn"]:
        return (f"{current['saved_by']} withdrew this finding after the workbook was written: nothing saved from "
                "this row; restore it on the Flags page if it should stand")
    try:
        store.edit_finding(result.audit_id, row.finding_id, expected_version=row.version, reviewer=reviewer,
                           note=row.note)
    except CheckerError as exc:  # a conflict names who changed it since the workbook was written
        return str(exc)
    report.findings.append((row.row, row.finding_id, "note changed"))
    return ""

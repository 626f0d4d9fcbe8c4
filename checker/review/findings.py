"""Findings the panel adds, checked against the audit they belong to and stored with its decisions.

    problems = finding_problems(result, case="case-2", rule="was-not-brought-not-escalated", theme=None,
                                agencies=["gp"], entries=["7e034fe4d4192596"])      # [] when all is known
    fid = add_finding(store, result, case="case-2", rule=..., theme=None, agencies=["gp"],
                      entries=["chronologies/gp-riverside.xlsx:3"], note="...", reviewer="a.khan")
    panel_flags(store, result)      # the current ones as flag-like rows (`checker.outputs.panel_findings`)

A finding names a case of the audit, a risk rule of the catalogue or (for a practice judgement no rule
covers) a theme in words, agencies of the audit, and entries of the case's chronology: each by its entry id or
as FILE:ROW. Anything unknown is refused naming the value and what is allowed, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from checker.check import CheckResult
from checker.model.errors import CheckerError
from checker.model.wording import fmt_date
from checker.outputs.panel_findings import finding_flags
from checker.review.runs import ensure_run
from checker.storage import Store

__all__ = ["FindingRefused", "case_entries", "entry_label", "finding_problems", "resolve_entries", "add_finding",
           "panel_flags"]

_LISTED = 40  # allowed values named in a message, at most


class FindingRefused(CheckerError):
    """A finding names something the audit does not have: `problems` says each value and what is allowed."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("finding not saved: " + "; ".join(problems))
        self.problems = list(problems)


def case_entries(result: CheckResult, case: str) -> pd.DataFrame:
    """The case's chronology entries (entry_id, date, agency, file, row, event), in date order."""
    frame = result.frame
    rows = frame[frame["case"] == case]
    return rows[["entry_id", "date", "agency", "file", "row", "event"]].sort_values(
        ["date", "agency", "entry_id"], kind="mergesort").reset_index(drop=True)


def entry_label(row: Any) -> str:
    """'12/03/2019 · gp · chronologies/gp.xlsx row 3 (7e034fe4d4192596)' — an entry without its text."""
    return f"{fmt_date(row.date)} · {row.agency} · {row.file} row {int(row.row)} ({row.entry_id})"


def _allowed(values: Sequence[str]) -> str:
    shown = ", ".join(values[:_LISTED])
    return shown + (f", … ({len(values) - _LISTED} more)" if len(values) > _LISTED else "") if values else "none"


def resolve_entries(result: CheckResult, case: str, given: Sequence[str]) -> tuple[list[str], list[str]]:
    """(entry ids, problems): each given entry as an entry id of the case, whether given by id or FILE:ROW."""
    entries = case_entries(result, case)
    ids = set(entries["entry_id"].astype(str))
    by_place = {f"{file}:{int(row)}": str(e) for e, file, row in zip(entries["entry_id"], entries["file"],
                                                                     entries["row"], strict=True)}
    out, unknown = [], []
    for value in given:
        text = str(value).strip()
        found = text if text in ids else by_place.get(text)
        if found is None:
            unknown.append(text)
        elif found not in out:
            out.append(found)
    if not unknown:
        return out, []
    listed = [entry_label(r) for r in entries.itertuples()]
    return out, [f"entry {', '.join(repr(u) for u in unknown)} is not in the chronology of {case}: give an entry id "
                 f"or FILE:ROW of one of its {len(listed)} entries: {_allowed(listed)}"]


def finding_problems(
    result: CheckResult, *, case: str, rule: str | None, theme: str | None, agencies: Sequence[str],
    entries: Sequence[str],
) -> list[str]:
    """Every value of a finding the audit does not know, each with what is allowed (empty: all known)."""
    manifest = result.bundle.manifest
    if manifest is None:
        return ["the bundle has no readable audit.yaml"]
    problems = []
    cases = [c.id for c in manifest.cases]
    if case not in cases:
        problems.append(f"case {case!r} is not in audit {result.audit_id}: one of {_allowed(cases)}")
    rules = sorted(r.id for r in result.catalogue.by_category("risk"))
    if rule and rule not in rules:
        problems.append(f"rule {rule!r} is not a rule of the checker: one of {_allowed(rules)} (maca rules list); "
                        "for a practice judgement no rule covers, give --theme in words instead")
    if bool(rule and rule.strip()) == bool(theme and theme.strip()):
        problems.append("give the rule the finding belongs to (--rule) or, for a practice judgement no rule covers, "
                        "a theme in words (--theme): one of the two")
    known = [a.id for a in manifest.agencies]
    unknown = [a for a in agencies if a not in known]
    if unknown:
        problems.append(f"agency {', '.join(repr(a) for a in unknown)} is not in audit {result.audit_id}: "
                        f"one of {_allowed(known)}")
    if not agencies:
        problems.append(f"name at least one agency (--agency): one of {_allowed(known)}")
    if case in cases:
        problems += resolve_entries(result, case, entries)[1]
    return problems


def add_finding(
    store: Store, result: CheckResult, *, case: str, rule: str | None, theme: str | None, agencies: Sequence[str],
    entries: Sequence[str], note: str, reviewer: str, finding_id: str | None = None,
) -> str:
    """Check a finding against the audit and store it (storing the check's run first when the store has none);
    returns its id. FindingRefused naming each unknown value; StorageError for what the store refuses."""
    rule, theme = (rule or "").strip() or None, (theme or "").strip() or None
    agencies = list(dict.fromkeys(a.strip() for a in agencies if a.strip()))
    problems = finding_problems(result, case=case, rule=rule, theme=theme, agencies=agencies, entries=entries)
    if problems:
        raise FindingRefused(problems)
    ids, _ = resolve_entries(result, case, entries)
    ensure_run(store, result)
    return store.add_finding(result.audit_id, case=case, rule=rule, theme=theme, agencies=agencies, entries=ids,
                             note=note, reviewer=reviewer, finding_id=finding_id)


def panel_flags(store: Store, result: CheckResult) -> list[dict[str, Any]]:
    """The audit's current findings added by the panel, as flag-like rows."""
    return finding_flags(store.findings(result.audit_id), result.catalogue, result.frame)

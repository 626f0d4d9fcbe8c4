"""The run's flags as the review shows them: filters and their options, one-line labels, the flags table,
a flag's evidence table and a decision in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import agency_name, fmt_date, fmt_time
from checker.review.labels import DECISION_LABELS, severity_label

__all__ = ["FILTERS", "filter_options", "filter_flags", "filter_label", "flag_label", "decision_text",
           "flags_table", "evidence_table"]

FILTERS = ("case", "agency", "rule", "severity", "status", "change")


def _value(flag: Mapping[str, Any], key: str) -> str:
    value = flag.get(key)
    return "—" if value in (None, "") else str(value)


def filter_options(flags: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The values each filter can take, in a sensible order (severity by rank, status as the workflow)."""
    options: dict[str, list[str]] = {}
    for key in FILTERS:
        values = {_value(f, key) for f in flags}
        if key == "severity":
            options[key] = sorted(values, key=lambda s: SEVERITY_ORDER.get(s, 9))
        elif key == "status":
            options[key] = [s for s in DECISION_LABELS if s in values]
        else:
            options[key] = sorted(values)
    return options


def filter_flags(flags: Sequence[Mapping[str, Any]], **chosen: Sequence[str] | None) -> list[dict[str, Any]]:
    """Keep the flags matching every non-empty filter (`case=["case-1"], severity=["high"]`, …)."""
    unknown = set(chosen) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter(s) {sorted(unknown)}; use {', '.join(FILTERS)}")
    out = []
    for flag in flags:
        if all(not values or _value(flag, key) in values for key, values in chosen.items()):
            out.append(dict(flag))
    return out


def filter_label(key: str) -> Callable[[str], str]:
    """How a filter shows its values: severity with its marks, status in words, the rest as they are."""
    if key == "severity":
        return severity_label
    if key == "status":
        return lambda value: DECISION_LABELS.get(value, value)
    return str


def flag_label(flag: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """One line naming a flag: 'HIGH ▲▲▲ · case-4 · Housing Options · Immediate concern … · Open · f-76b7…'."""
    agency = agency_name(names or {}, flag.get("agency"), "several agencies")
    status = DECISION_LABELS.get(flag.get("status", "open"), "")
    return f"{severity_label(flag['severity'])} · {flag['case']} · {agency} · {flag.get('title') or flag['rule']} · {status} · {flag['id']}"


def decision_text(decision: Mapping[str, Any] | None) -> str:
    """'Dismissed by a.reviewer, 26/03/2019 10:04: seen at home visit' (UK local time), or 'Open'."""
    if not decision:
        return "Open: no decision yet"
    when_text = fmt_time(decision.get("decided_at"))
    text = f"{DECISION_LABELS.get(decision['decision'], decision['decision'])} by {decision['reviewer']}, {when_text}"
    if decision.get("reason"):
        text += f" — reason: {decision['reason']}"
    if decision.get("note"):
        text += f" — note: {decision['note']}"
    return text


_CHANGE = {"new": "new", "persisting": "also in the previous run", "resolved": "resolved (not raised now)"}


def flags_table(flags: Sequence[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per flag for the Flags table: severity as text, what was found, agency by name, status and
    change in words."""
    names = names or {}
    rows = [
        {
            "Severity": severity_label(f["severity"]),
            "Case": f["case"],
            "Agency": agency_name(names, f.get("agency"), "several agencies"),
            "What was found": f.get("message") or "",
            "Rule": f.get("title") or f["rule"],
            "Status": DECISION_LABELS.get(f["status"], f["status"])
            + (" — evidence changed since the decision" if f.get("evidence_change") else ""),
            "Change": _CHANGE.get(f.get("change") or "", f.get("change") or ""),
            "Flag id": f["id"],
        }
        for f in flags
    ]
    columns = ["Severity", "Case", "Agency", "What was found", "Rule", "Status", "Change", "Flag id"]
    return pd.DataFrame(rows, columns=columns)


def evidence_table(flag: Mapping[str, Any], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The flag's evidence rows: file, row, date, agency and the excerpt, in the order the rule gave them."""
    rows = [
        {
            "File": e.get("file") or "",
            "Row": "" if e.get("row") is None else str(e["row"]),
            "Date": fmt_date(dt.date.fromisoformat(e["date"])) if isinstance(e.get("date"), str) else "",
            "Agency": agency_name(names or {}, e.get("agency")),
            "Excerpt": e.get("excerpt") or e.get("question") or "",
        }
        for e in flag.get("evidence") or []
    ]
    return pd.DataFrame(rows, columns=["File", "Row", "Date", "Agency", "Excerpt"])

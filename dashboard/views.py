"""The figures the dashboard's pages draw, as pandas tables and Altair charts: pure functions of a check
result, stored flags and the catalogue (no Streamlit, nothing read or written).

Every chart here has a table with the same figures for the page to show beside it, and severity is always
written as text on the axis or in the tooltip, never carried by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from checker.check import SEVERITIES, CheckResult
from checker.engine.catalogue import Catalogue
from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import kind_words
from checker.outputs.quality.letter_words import in_words
from checker.review import DECISION_LABELS, severity_label
from checker.review.accuracy import RuleAccuracy

__all__ = [
    "severity_counts",
    "severity_chart",
    "rule_counts_table",
    "case_counts_table",
    "case_chart",
    "change_counts",
    "coverage_matrix",
    "submissions_matrix",
    "timeline_frame",
    "timeline_table",
    "returns_table",
    "rules_table",
    "league_table",
    "components_frame",
    "components_chart",
    "deductions_table",
]

_SEVERITY_COLOURS = {"high": "#b2182b", "medium": "#ef8a62", "low": "#67a9cf", "info": "#999999"}


def _scale() -> alt.Scale:
    return alt.Scale(domain=list(_SEVERITY_COLOURS), range=list(_SEVERITY_COLOURS.values()))


# --- overview ---------------------------------------------------------------------------------------------


def severity_counts(flags: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Flags per severity, and how many are still open (no decision)."""
    rows = []
    for sev in SEVERITIES:
        these = [f for f in flags if f["severity"] == sev]
        rows.append(
            {"Severity": severity_label(sev), "severity": sev, "Flags": len(these),
             "Open": sum(1 for f in these if f.get("status", "open") == "open")}
        )
    return pd.DataFrame(rows, columns=["Severity", "severity", "Flags", "Open"])


def severity_chart(counts: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("Flags:Q", title="Flags"),
            y=alt.Y("Severity:N", sort=list(counts["Severity"]), title=None),
            color=alt.Color("severity:N", scale=_scale(), legend=None),
            tooltip=["Severity", "Flags", "Open"],
        )
        .properties(height=160)
    )


def rule_counts_table(flags: Sequence[Mapping[str, Any]], catalogue: Catalogue) -> pd.DataFrame:
    """Flags per rule, most severe rules first."""
    rows: dict[str, dict[str, Any]] = {}
    for f in flags:
        row = rows.setdefault(
            f["rule"],
            {"Rule": catalogue.title_of(f["rule"]), "Severity": severity_label(f["severity"]),
             "rank": SEVERITY_ORDER.get(f["severity"], 9), "Flags": 0, "Open": 0, "Cases": set()},
        )
        row["Flags"] += 1
        row["Open"] += f.get("status", "open") == "open"
        row["Cases"].add(f["case"])
    table = pd.DataFrame(
        [{**r, "Cases": ", ".join(sorted(r["Cases"]))} for r in rows.values()],
        columns=["Rule", "Severity", "rank", "Flags", "Open", "Cases"],
    )
    return table.sort_values(["rank", "Flags"], ascending=[True, False]).drop(columns="rank").reset_index(drop=True)


def case_counts_table(flags: Sequence[Mapping[str, Any]], case_ids: Sequence[str]) -> pd.DataFrame:
    """Cases by severity: one row per case (every case, also those with no flag)."""
    rows = []
    for case in case_ids:
        these = [f for f in flags if f["case"] == case]
        row: dict[str, Any] = {"Case": case}
        for sev in SEVERITIES:
            row[severity_label(sev)] = sum(1 for f in these if f["severity"] == sev)
        row["Open"] = sum(1 for f in these if f.get("status", "open") == "open")
        rows.append(row)
    return pd.DataFrame(rows, columns=["Case", *(severity_label(s) for s in SEVERITIES), "Open"])


def case_chart(flags: Sequence[Mapping[str, Any]], case_ids: Sequence[str]) -> alt.Chart:
    data = pd.DataFrame(
        [{"Case": f["case"], "Severity": severity_label(f["severity"]), "severity": f["severity"]} for f in flags],
        columns=["Case", "Severity", "severity"],
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("count():Q", title="Flags"),
            y=alt.Y("Case:N", sort=list(case_ids), title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color("severity:N", scale=_scale(), legend=alt.Legend(title="Severity")),
            order=alt.Order("severity:N"),
            tooltip=["Case", "Severity", alt.Tooltip("count():Q", title="Flags")],
        )
        .properties(height=max(140, 34 * len(case_ids)))
    )


def change_counts(changes: Mapping[str, Sequence[Mapping[str, Any]]], catalogue: Catalogue,
                  names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """New and resolved flags since the previous run, one row each (persisting ones are only counted); agencies
    by name when `names` has them."""
    names = names or {}
    rows = [
        {"Change": change, "Severity": severity_label(f["severity"]), "Case": f["case"],
         "Agency": names.get(f.get("agency") or "", f.get("agency")) or "multi-agency", "Rule": catalogue.title_of(f["rule"]),
         "Decision": DECISION_LABELS.get(f.get("status", "open"), "Open"), "Flag id": f["id"]}
        for change in ("new", "resolved")
        for f in changes.get(change, [])
    ]
    return pd.DataFrame(rows, columns=["Change", "Severity", "Case", "Agency", "Rule", "Decision", "Flag id"])


def coverage_matrix(coverage: Any) -> pd.DataFrame | None:
    """The quality module's coverage as a cases × agencies table of statuses ('on time', 'late (8 days)',
    'missing', 'involved, not submitted'); '—' where an agency is not in a case's scope."""
    if coverage is None:
        return None
    if isinstance(coverage, pd.DataFrame):
        return coverage
    rows = []
    for entry in coverage:
        row: dict[str, Any] = {"Case": entry.get("case")}
        for cell in entry.get("agencies") or []:
            text = str(cell.get("status") or "")
            if cell.get("chronology_rows"):
                text += f" · {cell['chronology_rows']} rows"
            if cell.get("return") is False and cell.get("chronology_rows"):
                text += " · no return"
            row[str(cell.get("agency_name") or cell.get("agency"))] = text
        rows.append(row)
    return pd.DataFrame(rows).fillna("—")


def submissions_matrix(result: CheckResult) -> pd.DataFrame:
    """Cases × agencies from the bundle itself: what each agency sent for each case.

    'chronology (n) + return', 'chronology (n)', 'return only', 'EXPECTED — nothing received', or '—' (not
    expected and nothing sent). Used when the quality module's own coverage is not in the result."""
    manifest = result.bundle.manifest
    if manifest is None:
        return pd.DataFrame()
    entries = result.frame.groupby(["case", "agency"]).size().to_dict() if not result.frame.empty else {}
    returned = {(r.case, r.agency) for r in result.bundle.returns}
    rows = []
    for case in manifest.cases:
        expected = set(case.expected_agencies) if case.expected_agencies is not None else None
        row: dict[str, Any] = {"Case": case.id}
        for agency in manifest.agencies:
            n = entries.get((case.id, agency.id), 0)
            has_return = (case.id, agency.id) in returned
            if n and has_return:
                cell = f"chronology ({n}) + return"
            elif n:
                cell = f"chronology ({n}), no return"
            elif has_return:
                cell = "return only"
            elif expected is None or agency.id in expected:
                cell = "EXPECTED — nothing received" if expected is not None else "—"
            else:
                cell = "—"
            row[agency.name] = cell
        rows.append(row)
    return pd.DataFrame(rows)


# --- case -------------------------------------------------------------------------------------------------


def timeline_frame(result: CheckResult, case: str, flags: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per chronology entry of a case, with its agency's name, main kind and the flags citing it."""
    manifest = result.bundle.manifest
    names = {a.id: a.name for a in manifest.agencies} if manifest else {}
    cited: dict[tuple[str, int], list[str]] = {}
    for f in flags:
        if f["case"] != case:
            continue
        for e in f.get("evidence") or []:
            if e.get("file") and e.get("row") is not None:
                cited.setdefault((e["file"], int(e["row"])), []).append(f.get("title") or f["rule"])
    rows = result.frame[result.frame["case"] == case]
    out = pd.DataFrame(
        {
            "Date": rows["date"],
            "Agency": [str(a) for a in rows["agency"]],
            "Agency name": [names.get(a, a) for a in rows["agency"]],
            "Kind": [kind_words(k[0]) if len(k) else "Other" for k in rows["kinds"]],
            "Kinds": [", ".join(kind_words(x) for x in k) for k in rows["kinds"]],
            "Flagged": [
                ", ".join(sorted(set(cited.get((fi, int(r)), [])))) for fi, r in zip(rows["file"], rows["row"], strict=True)
            ],
            "Entry": [str(t) for t in rows["event"]],
            "File": rows["file"],
            "Row": rows["row"].astype(int),
            "Entry id": rows["entry_id"].astype(str),
        }
    )
    return out.sort_values(["Date", "Agency"], kind="mergesort").reset_index(drop=True)


def timeline_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The timeline's table: date as text (dd/mm/yyyy), agency, kinds, which flags cite the entry, the text."""
    table = frame.copy()
    table["Date"] = table["Date"].dt.strftime("%d/%m/%Y")
    table["Flagged"] = table["Flagged"].replace("", "—")
    table = table[["Date", "Agency name", "Kinds", "Flagged", "Entry", "File", "Row"]]
    return table.rename(columns={"Agency name": "Agency"})


def returns_table(result: CheckResult, case: str) -> pd.DataFrame:
    """The agencies' audit returns for a case: who, when, graded how, immediate concern or not."""
    manifest = result.bundle.manifest
    names = {a.id: a.name for a in manifest.agencies} if manifest else {}
    expected = None
    if manifest is not None:
        expected = manifest.case(case).expected_agencies
    rows = [
        {
            "Agency": names.get(r.agency, r.agency),
            "Submitted": r.submitted.strftime("%d/%m/%Y") if r.submitted else "not dated",
            "Completed by": r.completed_by or "",
            "Known to agency": "not said" if r.known_to_agency is None else ("yes" if r.known_to_agency else "no"),
            "Overall grade": (r.overall_grade or "not graded").replace("_", " "),
            "Questions answered": sum(1 for a in r.answers if a.answer),
            "Immediate concern": "YES — see flags" if r.immediate_concern else "none",
            "File": r.source_file,
        }
        for r in result.bundle.returns
        if r.case == case
    ]
    table = pd.DataFrame(rows, columns=["Agency", "Submitted", "Completed by", "Known to agency", "Overall grade",
                                        "Questions answered", "Immediate concern", "File"])
    if expected:
        got = {r.agency for r in result.bundle.returns if r.case == case}
        missing = [names.get(a, a) for a in expected if a not in got]
        if missing:
            blank = dict.fromkeys(table.columns, "")
            extra = pd.DataFrame([{**blank, "Agency": m, "Submitted": "NO RETURN"} for m in missing])
            table = pd.concat([table.astype(str), extra.astype(str)], ignore_index=True)
    return table


# --- quality ----------------------------------------------------------------------------------------------


def league_table(quality: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Agencies worst first (who needs feedback most): score out of 100, grade in words, points lost per part
    of the score, cases scored."""
    components = sorted({c for a in quality for c in (a.get("components") or {})})
    ranked = sorted(quality, key=lambda a: (-float(a.get("score", 0)), a.get("agency", "")))
    rows = []
    for rank, agency in reversed(list(enumerate(ranked, 1))):
        row: dict[str, Any] = {
            "Rank": rank,
            "Agency": agency.get("name") or agency.get("agency"),
            "Score": agency.get("score"),
            "Grade": agency.get("grade"),
        }
        for c in components:
            row[f"{c.capitalize()} (points lost)"] = round(float((agency.get("components") or {}).get(c, 0.0)), 2)
        row["Deductions"] = len(agency.get("deductions") or [])
        row["Cases scored"] = len(agency.get("cases") or [])
        rows.append(row)
    return pd.DataFrame(rows)


def components_frame(quality: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Points lost per agency and component (long form, for the stacked bar and its table)."""
    rows = [
        {"Agency": a.get("name") or a.get("agency"), "Component": c, "Points lost": round(float(v), 2)}
        for a in quality
        for c, v in (a.get("components") or {}).items()
    ]
    return pd.DataFrame(rows, columns=["Agency", "Component", "Points lost"])


def components_chart(frame: pd.DataFrame, order: Sequence[str]) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("sum(Points lost):Q", title="Points lost from 100"),
            y=alt.Y("Agency:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=420, labelFontSize=12, labelOverlap=False)),
            color=alt.Color("Component:N", legend=alt.Legend(title="Part of the score", orient="top",
                                                              labelFontSize=12)),
            tooltip=["Agency", "Component", "Points lost"],
        )
        .properties(height=max(180, 30 * len(order)))
    )


def deductions_table(agency: Mapping[str, Any]) -> pd.DataFrame:
    """One agency's deductions, biggest first: rule, component, case, points and the finding's message."""
    rows = [
        {"Points": round(float(d.get("points", 0)), 2), "Component": str(d.get("component") or "").capitalize(),
         "Case": d.get("case"), "What was found": in_words(str(d.get("message") or "")), "Evidence rows": len(d.get("evidence") or [])}
        for d in agency.get("deductions") or []
    ]
    table = pd.DataFrame(rows, columns=["Points", "Component", "Case", "What was found", "Evidence rows"])
    return table.sort_values("Points", ascending=False, kind="mergesort").reset_index(drop=True)


# --- rules ------------------------------------------------------------------------------------------------


def rules_table(
    catalogue: Catalogue,
    counts: Mapping[str, Mapping[str, int]],
    outcomes: Sequence[Any],
    accuracy: Mapping[str, RuleAccuracy] | None = None,
) -> pd.DataFrame:
    """Every rule with its precision and recall from the panel's review in every audit stored
    (`checker.review.accuracy`), this run's outcomes (cases flagged/passed/skipped/errored) and the decisions
    made on its flags in this audit (a rule whose flags are mostly dismissed is noisy)."""
    accuracy = accuracy or {}
    by_rule: dict[str, dict[str, int]] = {}
    for o in outcomes:
        by_rule.setdefault(o.rule, {}).setdefault(o.outcome, 0)
        by_rule[o.rule][o.outcome] += 1
    rows = []
    for rule in sorted(catalogue.rules, key=lambda r: (r.category, SEVERITY_ORDER[r.severity], r.id)):
        c = counts.get(rule.id, {})
        run = by_rule.get(rule.id, {})
        flagged = c.get("flagged", 0)
        dismissed = c.get("dismissed", 0)
        rows.append(
            {
                "Rule": rule.id,
                "Title": rule.title,
                "Category": rule.category,
                "Severity": severity_label(rule.severity),
                "Domain": rule.domain,
                "Precision (reviewed)": accuracy[rule.id].precision_text if rule.id in accuracy else "no decisions yet",
                "Recall (reviewed)": accuracy[rule.id].recall_text if rule.id in accuracy else
                "nothing confirmed or added yet",
                "This run (cases)": ", ".join(f"{n} {k}" for k, n in sorted(run.items())) or "not run",
                "Flags (all runs)": flagged,
                "Confirmed": c.get("confirmed", 0),
                "Dismissed": dismissed,
                "Action needed": c.get("action_needed", 0),
                "Open": c.get("open", 0),
                "Dismissed %": f"{round(100 * dismissed / flagged)}%" if flagged else "no flags yet",
            }
        )
    return pd.DataFrame(rows)

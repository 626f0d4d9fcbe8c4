"""What people read: the league table, the coverage matrix, chase notes and per-agency feedback packs.

A feedback pack is for one agency's eyes: it shows that agency's own findings, grade and evidence from its
own files only. Evidence from another agency's records (why we think it was involved, what a risk check
found) is never copied into it: the pack says how many such records there are, not what they say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from checker.model.private import open_private, private_dir
from checker.model.wording import fmt_date
from checker.outputs.exports import Table, write_csv
from checker.outputs.quality.score import AgencyQuality, Deduction, QualityReport

__all__ = ["league_table", "coverage_text", "chase_text", "chase_notes", "feedback_markdown", "feedback_table",
           "write_feedback"]

_COMPONENTS = ("completeness", "timeliness", "evidence", "consistency")


def _date(value: Any) -> str:
    return fmt_date(value) if isinstance(value, dt.date) else "not set"


def league_table(report: QualityReport, top: int = 3) -> str:
    """The agencies ranked by score, with grade, component losses and their largest deductions."""
    if report.status == "skipped":
        return f"Audit quality: skipped — {report.reason}."
    lines = [f"Audit quality — {report.audit['title']} (deadline {_date(report.audit['deadline'])})",
             f"{'agency':22} {'score':>5}  {'grade':22} " + " ".join(f"{c[:5]:>6}" for c in _COMPONENTS)]
    for a in report.agencies:
        losses = " ".join(_loss(a.components.get(c, 0.0)) for c in _COMPONENTS)
        lines.append(f"{a.agency:22} {a.score:5.1f}  {a.grade:22} {losses}")
        by_finding: dict[str, list[Deduction]] = {}
        for d in a.deductions:
            by_finding.setdefault(d.finding, []).append(d)
        ranked = sorted(by_finding.values(), key=lambda ds: -sum(d.points for d in ds))
        for ds in ranked[:top]:
            lines.append(f"{'':24}{_loss(sum(d.points for d in ds))} {ds[0].case}: {ds[0].message}")
    return "\n".join(lines)


def _loss(points: float) -> str:
    return f"{-points:6.1f}" if points >= 0.05 else f"{'0.0':>6}"


def coverage_text(report: QualityReport) -> str:
    """Per case: each agency's status (on time, late, missing, involved but not asked)."""
    if report.status == "skipped":
        return "Coverage: skipped (no audit returns)."
    lines = ["Coverage — who was expected, who sent what (E = expected, I = named in others' records)"]
    for case in report.coverage:
        lines.append(f"  {case['case']}")
        for row in case["agencies"]:
            marks = ("E" if row["expected"] else "-") + ("I" if row["involved_in_others_records"] else "-")
            parts = [row["status"]]
            if not row["return"] and row["chronology_rows"]:
                parts.append("no return")
            if row["return"] and not row["chronology_rows"]:
                parts.append("no chronology")
            lines.append(f"    {marks} {row['agency']:22} {'; '.join(parts)}")
    return "\n".join(lines)


def chase_notes(report: QualityReport) -> dict[str, list[str]]:
    """Agency -> what to chase: missing, late, then incomplete, one plain sentence each (own files only)."""
    notes: dict[str, list[str]] = {}
    for flag in sorted(report.findings, key=lambda f: (_order(report, f["rule"]), f["case"], f["rule"])):
        agency = flag["agency"]
        if agency is None:
            continue
        notes.setdefault(agency, []).append(_chase_line(report, flag))
    return notes


def _order(report: QualityReport, rule: str) -> int:
    chase = report.chase.get(rule)
    return {"missing": 0, "late": 1}[chase.group] if chase else 2


def _chase_line(report: QualityReport, flag: dict[str, Any]) -> str:
    """The rule's own chase note (`chase:` in its file), else its title and message as a to-do."""
    chase = report.chase.get(flag["rule"])
    if chase:
        return chase.line(flag["case"], flag.get("fields", {}))
    return f"TO DO    {flag['case']}: {flag['title']} — {flag['message']}"


def chase_text(report: QualityReport) -> str:
    """One note per agency, ready to paste into an email."""
    if report.status == "skipped":
        return f"Nothing to chase: {report.reason}."
    audit = report.audit
    blocks = []
    names = {a.agency: a.name for a in report.agencies}
    for agency, lines in chase_notes(report).items():
        name = names.get(agency, agency)
        blocks.append("\n".join([
            f"To: {name} ({agency})",
            f"Subject: {audit['title']} — your submission",
            "",
            f"Thank you for your work on this audit. The submission deadline was {_date(audit['deadline'])} and "
            f"the panel meets on {_date(audit['meeting'])}. As of {_date(audit['as_of'])} we still need:",
            "",
            *[f"  - {line}" for line in lines],
            "",
            "Please reply with what is missing, or tell us if you hold no records for a case.",
        ]))
    return ("\n\n" + "-" * 72 + "\n\n").join(blocks) if blocks else "Nothing to chase."


# --- feedback packs ---------------------------------------------------------------------------------------


def _own_evidence(agency: str, evidence: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Evidence from the agency's own files; and how many items came from elsewhere (not shown)."""
    own = [e for e in evidence if e.get("agency") == agency and e.get("file")]
    return own, len(evidence) - len(own)


def _where(e: dict[str, Any]) -> str:
    where = e.get("file") or ""
    if e.get("row"):
        where += f" row {e['row']}"
    if e.get("question"):
        where += f" question {e['question']}"
    return where


def feedback_markdown(report: QualityReport, agency: AgencyQuality) -> str:
    """The agency's own pack: grade, score, components, cases and each finding with its own evidence."""
    audit = report.audit
    lines = [
        f"# {audit['title']}: feedback for {agency.name}",
        "",
        f"**Grade: {agency.grade}** — score {agency.score:.1f} / 100 (deadline {_date(audit['deadline'])}, "
        f"as of {_date(audit['as_of'])}).",
        "",
        "How the score works: each finding below takes off points set in the partnership's weights file; a "
        "case-level finding counts towards your average over your cases.",
        "",
        "| component | points lost |",
        "|---|---|",
        *[f"| {c} | {agency.components.get(c, 0.0):.1f} |" for c in _COMPONENTS],
        "",
        "| case | score | grade | status |",
        "|---|---|---|---|",
        *[f"| {c.case} | {c.score:.1f} | {c.grade} | {c.status} |" for c in agency.cases],
        "",
        "## Findings",
    ]
    points = {d.finding: d for d in agency.deductions}
    if not agency.findings:
        lines += ["", "No findings: thank you."]
    for flag in agency.findings:
        lost = sum(d.points for d in agency.deductions if d.finding == flag["id"])
        own, elsewhere = _own_evidence(agency.agency, flag["evidence"])
        lines += ["", f"### {flag['case']}: {flag['title']}", "", flag["message"], "",
                  f"Points lost: {lost:.1f}" + ("" if flag["id"] in points else " (not scored)"), "",
                  f"Next step (for the audit lead): {flag['recommended_action']}"]
        if own:
            lines += ["", "From your submission (and audit.yaml):"]
            lines += [f"- {_where(e)}: {e.get('excerpt') or ''}" for e in own]
        if elsewhere:
            lines += ["", f"Also based on {elsewhere} item(s) from other agencies' records or the partnership's "
                          "checks, not reproduced here; ask the audit lead if you need them."]
    return "\n".join(lines) + "\n"


def feedback_table(agency: AgencyQuality) -> Table:
    """The agency's deductions, one row per piece of its own evidence (formula-safe when written)."""
    rows: list[list[Any]] = []
    for d in agency.deductions:
        own, _ = _own_evidence(agency.agency, d.evidence)
        for e in own or [{}]:
            rows.append([_pts(d), d.case, d.rule, d.component, d.measure, d.value, e.get("file"), e.get("row"),
                         e.get("question"), e.get("excerpt"), d.message])
    return Table(f"{agency.agency} deductions",
                 ["points", "case", "rule", "component", "measure", "value", "file", "row", "question", "excerpt",
                  "finding"], rows)


def _pts(d: Deduction) -> float:
    return round(d.points, 2)


def write_feedback(report: QualityReport, folder: str | Path) -> list[Path]:
    """One Markdown pack and one CSV of deductions per agency scored: `<agency>.md`, `<agency>.csv`."""
    target = private_dir(folder, export=True)
    written: list[Path] = []
    for agency in report.agencies:
        md = target / f"{agency.agency}.md"
        with open_private(md, "w", encoding="utf-8") as handle:
            handle.write(feedback_markdown(report, agency))
        csv_path = target / f"{agency.agency}.csv"
        write_csv(csv_path, feedback_table(agency))
        written += [md, csv_path]
    return written

"""What people read: the league table, the coverage matrix, chase notes and per-agency feedback packs.

A feedback pack (Word) is for one agency's eyes: it shows that agency's own findings, grade and evidence from its
own files only. Evidence from another agency's records (why we think it was involved, what a risk check
found) is never copied into it: the pack says how many such records there are, not what they say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from checker.model.private import private_dir
from checker.model.wording import agency_name, count, fmt_date
from checker.outputs.exports import Table, write_csv
from checker.outputs.quality.feedback_docx import write_chase_docx, write_pack_docx
from checker.outputs.quality.letter_words import LetterWords, answer_words
from checker.outputs.quality.packs import (
    ChaseLetter,
    chase_letter,
    feedback_pack,
    in_words,
    question_lines,
    question_names,
)
from checker.outputs.quality.score import AgencyQuality, Deduction, QualityReport

__all__ = ["league_table", "coverage_text", "chase_text", "chase_notes", "feedback_table", "write_feedback"]

_COMPONENTS = ("completeness", "timeliness", "evidence", "consistency")


def _date(value: Any) -> str:
    return fmt_date(value) if isinstance(value, dt.date) else "not set"


def _names(report: QualityReport) -> dict[str, str]:
    names = dict(report.audit.get("agency_names") or {})
    names.update({a.agency: a.name for a in report.agencies})
    return names


def league_table(report: QualityReport, top: int = 3) -> str:
    """The agencies ranked by score, with grade, points lost per part of the score and the largest losses."""
    if report.status == "skipped":
        return f"Audit quality: skipped — {report.reason}."
    lines = [f"Audit quality — {report.audit['title']} (deadline {_date(report.audit['deadline'])})"]
    for rank, a in enumerate(report.agencies, start=1):
        losses = ", ".join(f"{c} {a.components.get(c, 0.0):.1f}" for c in _COMPONENTS)
        lines += ["", f"{rank:2}. {a.name} — {a.score:.1f} out of 100, {a.grade}", f"    points lost: {losses}"]
        by_finding: dict[str, list[Deduction]] = {}
        for d in a.deductions:
            by_finding.setdefault(d.finding, []).append(d)
        ranked = sorted(by_finding.values(), key=lambda ds: -sum(d.points for d in ds))
        for ds in ranked[:top]:
            lines.append(f"    -{sum(d.points for d in ds):.1f} {ds[0].case}: {in_words(ds[0].message)}")
    return "\n".join(lines)


def coverage_text(report: QualityReport) -> str:
    """Per case: each agency's status (on time, late, missing, involved but not asked)."""
    if report.status == "skipped":
        return "Coverage: skipped (no audit returns)."
    names = _names(report)
    lines = ["Coverage — who was expected and who sent what"]
    for case in report.coverage:
        lines.append(f"  {case['case']}")
        for row in case["agencies"]:
            parts = [row["status"], "expected" if row["expected"] else "not on the expected list"]
            if row["involved_in_others_records"]:
                parts.append(f"named in others' records {count(row['involved_in_others_records'], 'time')}")
            if not row["return"] and row["chronology_rows"]:
                parts.append("no return")
            if row["return"] and not row["chronology_rows"]:
                parts.append("no chronology")
            lines.append(f"    {agency_name(names, row['agency'])}: {'; '.join(parts)}")
    return "\n".join(lines)


def chase_notes(report: QualityReport) -> dict[str, ChaseLetter]:
    """Agency id -> its chase letter (what is missing, what needs more, what came late), own files only."""
    by_agency: dict[str, list[dict[str, Any]]] = {}
    for flag in report.findings:
        if flag["agency"] is not None:
            by_agency.setdefault(flag["agency"], []).append(flag)
    return {agency: chase_letter(report, agency, flags) for agency, flags in by_agency.items()}


def chase_text(report: QualityReport) -> str:
    """One note per agency, ready to paste into an email."""
    if report.status == "skipped":
        return f"Nothing to chase: {report.reason}."
    blocks = []
    for letter in chase_notes(report).values():
        lines = [f"To: {letter.name}", f"Subject: {letter.audit_title} — your submission", "",
                 f"Thank you for your work on this audit. The deadline was {_date(letter.deadline)} and the panel "
                 f"meets on {_date(letter.meeting)}."]
        if letter.missing:
            lines += ["", f"Still needed, by {letter.reply_by:%A} {fmt_date(letter.reply_by)}:",
                      *[f"  - {m}" for m in letter.missing]]
        if letter.by_question or letter.to_improve:
            lines += ["", f"Please add to what you sent, by {fmt_date(letter.reply_by)}:"]
        for group in letter.by_question:
            lines += ["", f"  {group.title}. {group.asks}".rstrip()]
            for question, cases in question_lines(group):
                lines += [f"  - {question}", *[f"      {c}" for c in cases]]
        for group in letter.to_improve:
            lines += ["", f"  {group.title}. {group.asks}".rstrip()]
            for finding, answers in group.questions:
                lines += [f"  - {finding}", *[f"      {a}" for a in answers]]
        if letter.late:
            lines += ["", "Received after the deadline (noted; nothing more needed):", *[f"  - {m}" for m in letter.late]]
        lines += ["", "Please reply with what is missing, or tell us if you hold no records for a case."]
        blocks.append("\n".join(lines))
    return ("\n\n" + "-" * 72 + "\n\n").join(blocks) if blocks else "Nothing to chase."


# --- feedback packs ---------------------------------------------------------------------------------------


def feedback_table(agency: AgencyQuality, audit: dict[str, Any] | None = None) -> Table:
    """The agency's findings: points once per finding (on its first row), then one row per piece of its own
    evidence, so the points column sums to what the agency lost. With the report's `audit`, cases are named by
    the agency's own reference and files by the names it sent."""
    words = LetterWords(audit or {}, agency.agency)
    rows: list[list[Any]] = []
    for flag in agency.findings:
        lost = round(sum(d.points for d in agency.deductions if d.finding == flag["id"]), 2)
        own = [e for e in flag.get("evidence") or [] if e.get("agency") == agency.agency and e.get("file")]
        for i, e in enumerate(own or [{}]):
            question = e.get("question")
            excerpt = e.get("excerpt")
            rows.append([lost if i == 0 else None, words.case(flag["case"]), flag["title"], words.text(flag["message"]),
                         words.file(e["file"]) if e.get("file") else None, e.get("row"),
                         question_names().get(question, question) if question else None,
                         answer_words(excerpt) if question and excerpt else
                         words.text(str(excerpt), sentence=False) if excerpt else None, flag.get("asks")])
    return Table(f"{agency.name} findings",
                 ["points lost", "case", "finding", "what we found", "file", "row", "question", "excerpt",
                  "what we need"], rows, empty="No findings: thank you.")


def write_feedback(report: QualityReport, folder: str | Path) -> list[Path]:
    """Per agency scored: `<agency>-feedback.docx` (its pack), `<agency>-feedback.csv` (its findings) and, when
    there is something to chase, `<agency>-chase.docx`."""
    target = private_dir(folder, export=True)
    letters = chase_notes(report)
    written: list[Path] = []
    for agency in report.agencies:
        docx_path = target / f"{agency.agency}-feedback.docx"
        write_pack_docx(docx_path, feedback_pack(report, agency))
        csv_path = target / f"{agency.agency}-feedback.csv"
        write_csv(csv_path, feedback_table(agency, report.audit))
        written += [docx_path, csv_path]
        letter = letters.get(agency.agency)
        if letter and (letter.missing or letter.by_question or letter.to_improve or letter.late):
            chase_path = target / f"{agency.agency}-chase.docx"
            write_chase_docx(chase_path, letter)
            written.append(chase_path)
    return written

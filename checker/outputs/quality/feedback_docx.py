"""Feedback packs and chase letters as Word documents (python-docx), addressed to the agency.

    write_pack_docx("police-feedback.docx", feedback_pack(report, report.agency("police")))
    write_chase_docx("police-chase.docx", chase_letter(report, "police", flags))

Record text goes in as plain runs (never fields or hyperlinks), with control characters removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from checker.model.private import open_private
from checker.model.wording import count, fmt_date
from checker.outputs.docx_writer import a4_document
from checker.outputs.quality.packs import ChaseLetter, FeedbackPack, Finding, QuestionGroup, question_lines

__all__ = ["write_pack_docx", "write_chase_docx"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: Any) -> str:
    return _CONTROL.sub("", str(text))


def _document() -> Any:
    return a4_document()


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = _clean(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _clean(text)


def _save(doc: Any, target: str | Path | IO[bytes]) -> None:
    """A file is created private to its owner (as every export is); a stream is written as given."""
    if isinstance(target, str | Path):
        with open_private(target, "wb") as handle:
            doc.save(handle)
    else:
        doc.save(target)


def _bullets(doc: Any, items: Sequence[str]) -> None:
    for item in items:
        doc.add_paragraph(_clean(item), style="List Bullet")


def _group(doc: Any, group: QuestionGroup, items: Sequence[tuple[str, Sequence[str]]]) -> None:
    """One kind of finding, said once: its title and what we ask, then each question or finding with its
    cases or the agency's answers beneath."""
    doc.add_heading(_clean(group.title), level=3)
    if group.asks:
        doc.add_paragraph(_clean(group.asks))
    for item, lines in items:
        doc.add_paragraph(_clean(item), style="List Bullet")
        for line in lines:
            doc.add_paragraph(_clean(line), style="List Bullet 2")


def write_pack_docx(target: str | Path | IO[bytes], pack: FeedbackPack) -> None:
    """The agency's feedback pack: grade, what cost points, each finding with its evidence and what we need."""
    doc = _document()
    doc.add_heading(_clean(f"{pack.audit_title}: feedback for {pack.name}"), level=1)
    doc.add_paragraph(_clean(f"To the safeguarding lead, {pack.name}."))
    doc.add_paragraph(_clean(
        f"Thank you for your submission. This pack shows how it was rated and what we still need from you. "
        f"Please reply by {pack.reply_by:%A} {fmt_date(pack.reply_by)}"
        + (f"; the audit panel meets on {fmt_date(pack.meeting)}." if pack.meeting else ".")))
    grade = doc.add_paragraph()
    grade.add_run(_clean(f"Grade: {pack.grade}")).bold = True
    grade.add_run(_clean(f" — score {pack.score:.1f} out of 100."))
    doc.add_paragraph("How the score works: each finding below takes off points; a finding about one case "
                      "counts towards your average over your cases.")
    _table(doc, ["Part of the score", "Points lost"], [(name, f"{value:.1f}") for name, value in pack.components])
    doc.add_paragraph()
    _table(doc, ["Case", "Score", "Grade", "Submission"],
           [(case, f"{score:.1f}", grade_, status) for case, score, grade_, status in pack.cases])

    doc.add_heading("What we found", level=2)
    if not pack.findings:
        doc.add_paragraph("Nothing: your submission was complete, on time and borne out by the records. Thank you.")
    by_title: dict[str, list[Finding]] = {}
    for finding in pack.findings:
        by_title.setdefault(finding.title, []).append(finding)
    for title, findings in by_title.items():  # each kind of finding once, its cases beneath
        doc.add_heading(_clean(title), level=3)
        needed = doc.add_paragraph()
        needed.add_run("What we need: ").bold = True
        needed.add_run(_clean(f"{findings[0].needed} By {fmt_date(pack.reply_by)}."))
        for finding in findings:
            found = doc.add_paragraph(style="List Bullet")
            if finding.case not in finding.what:
                found.add_run(_clean(f"{finding.case}: ")).bold = True
            found.add_run(_clean(f"{finding.what} Points lost: {finding.points:.1f}."))
            for line in finding.evidence:
                doc.add_paragraph(_clean(line), style="List Bullet 2")
            if finding.elsewhere:
                doc.add_paragraph(_clean(
                    f"This finding also rests on {count(finding.elsewhere, 'record')} from other agencies' records "
                    "or the partnership's checks, not reproduced here."), style="List Bullet 2")
    _save(doc, target)


def write_chase_docx(target: str | Path | IO[bytes], letter: ChaseLetter) -> None:
    """A chase letter: what is still missing and what needs more, by when; late submissions noted."""
    doc = _document()
    doc.add_paragraph(_clean(f"{letter.as_of:%A} {fmt_date(letter.as_of)}"))
    doc.add_paragraph(_clean(f"To the safeguarding lead, {letter.name}"))
    doc.add_heading(_clean(f"{letter.audit_title}: your submission"), level=1)
    intro = "Thank you for your work on this audit."
    if letter.deadline:
        intro += f" The deadline for submissions was {fmt_date(letter.deadline)}."
    if letter.meeting:
        intro += f" The audit panel meets on {fmt_date(letter.meeting)}."
    doc.add_paragraph(_clean(intro))
    if letter.missing:
        doc.add_heading(_clean(f"Still needed, by {letter.reply_by:%A} {fmt_date(letter.reply_by)}"), level=2)
        _bullets(doc, letter.missing)
    if letter.by_question or letter.to_improve:
        doc.add_heading(_clean(f"Please add to what you sent, by {fmt_date(letter.reply_by)}"), level=2)
    for group in letter.by_question:
        _group(doc, group, question_lines(group))
    for group in letter.to_improve:
        _group(doc, group, group.questions)
    if letter.late:
        doc.add_heading("Received after the deadline (noted; nothing more needed)", level=2)
        _bullets(doc, letter.late)
    doc.add_paragraph("Please reply with what is missing, or tell us if you hold no records for a case.")
    _save(doc, target)

"""An agency's Word audit tool: the audit's details and guidance, per case a details table and a questions
table, then a chronology table; stamped in a custom document property with the keys of its own paragraphs,
so the reader can tell text an agency added outside the tables.

A4 portrait, with the chronology's eight columns in a landscape section of their own. Columns are as wide
as what goes in them (the question and the answer wide, the question id narrow and small). Each grade, and
the case's overall grade, is a drop-down content control offering the Excel template's grades; the reader
takes the chosen grade (and skips the control while it still shows its prompt).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from checker.model.audit import AuditTool, Manifest
from checker.model.templates import (
    BLANK_CHRONOLOGY_ROWS,
    CHRONOLOGY_HEADERS,
    DETAIL_LABELS,
    GRADE_CHOICES,
    GUIDANCE,
    QUESTION_HEADERS,
    TEMPLATE_VERSION,
    Stamp,
    cases_for,
    custom_properties_xml,
    paragraph_key,
)
from checker.outputs.docx_writer import a4_document, landscape_section

__all__ = ["docx_template"]

_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
QUESTION_WIDTHS = {"question": 2.4, "text": 5.2, "answer": 4.8, "grade": 2.4, "evidence": 2.6}
"""Centimetres per questions column: 17.4, the width of A4 portrait between 1.8 cm margins."""
CHRONOLOGY_WIDTHS = {"case": 2.0, "date": 2.3, "source": 3.2, "event": 5.4, "impact": 4.0, "action": 4.0,
                     "event_type": 2.6, "attendees_text": 2.6}
"""Centimetres per chronology column: 26.1, the width of A4 landscape between 1.8 cm margins."""
GRADE_PROMPT = "Choose a grade"


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "not set"


class _Writer:
    """Adds body text and remembers each paragraph's key for the stamp."""

    def __init__(self) -> None:
        self.doc: Any = a4_document(size=10, margin_cm=1.8)
        self.keys: list[str] = []

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level=level)
        self.keys.append(paragraph_key(text))

    def para(self, text: str, *, bold_lead: str = "", style: str | None = None) -> None:
        paragraph = self.doc.add_paragraph(style=style)
        if bold_lead:
            paragraph.add_run(bold_lead).bold = True
        paragraph.add_run(text)
        self.keys.append(paragraph_key(bold_lead + text))

    def table(self, rows: int, cols: int) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        return table


def _header_row(table: Table, headings: list[str]) -> None:
    row = table.rows[0]
    for cell, text in zip(row.cells, headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    tr_pr = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the header on every page the table runs onto
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _widths(table: Table, cm: list[float]) -> None:
    """Fixed column widths, in the grid (which LibreOffice reads) and on every cell (which Word reads)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, cm, strict=True):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, cm, strict=True):
            cell.width = Cm(width)


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def grade_dropdown(cell: _Cell, label: str) -> None:
    """Make `cell` a drop-down content control of the grades (as the Excel template's list), showing its
    prompt until a grade is chosen."""
    cell.text = ""
    props = _element("w:sdtPr")
    props.append(_element("w:alias", val=label))
    props.append(_element("w:tag", val="maca-grade"))
    props.append(_element("w:showingPlcHdr"))
    choices = _element("w:dropDownList")
    for grade in GRADE_CHOICES:
        choices.append(_element("w:listItem", displayText=grade, value=grade))
    props.append(choices)
    run = _element("w:r")
    run_props = _element("w:rPr")
    run_props.append(_element("w:color", val="808080"))
    run.append(run_props)
    text = _element("w:t")
    text.text = GRADE_PROMPT
    run.append(text)
    content = _element("w:sdtContent")
    content.append(run)
    control = _element("w:sdt")
    control.append(props)
    control.append(content)
    cell.paragraphs[0]._p.append(control)


def _case(w: _Writer, case_id: str, reference: str, tool: AuditTool) -> None:
    w.heading(f"Audit tool: case {case_id}", 1)
    details = w.table(len(DETAIL_LABELS), 2)
    values = {"case": case_id, "reference": reference}
    for row, (key, label) in zip(details.rows, DETAIL_LABELS.items(), strict=True):
        row.cells[0].text = ""
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = values.get(key, "")
        if key == "overall_grade":
            grade_dropdown(row.cells[1], "Overall grade")
    _widths(details, [7.0, 10.4])
    w.para("")
    questions = w.table(len(tool.questions) + 1, len(QUESTION_HEADERS))
    _header_row(questions, list(QUESTION_HEADERS.values()))
    for row, question in zip(questions.rows[1:], tool.questions, strict=True):
        row.cells[0].text = ""
        row.cells[0].paragraphs[0].add_run(question.id).font.size = Pt(8)
        row.cells[1].text = question.text + ("" if question.required else " (optional)")
        if question.graded:
            grade_dropdown(row.cells[3], "Grade")
        else:
            row.cells[3].text = "N/A"
    _widths(questions, [QUESTION_WIDTHS[key] for key in QUESTION_HEADERS])
    w.para("")


def docx_template(manifest: Manifest, agency: str, tool: AuditTool, *, now: dt.datetime) -> bytes:
    """The Word audit tool for one agency, as bytes."""
    audit = manifest.audit
    cases = cases_for(manifest, agency)
    w = _Writer()
    w.heading(audit.title, 0)
    w.para(audit.theme, bold_lead="Theme: ")
    if audit.partnership:
        w.para(audit.partnership, bold_lead="Partnership: ")
    w.para(manifest.agency(agency).name, bold_lead="For: ")
    w.para(_date(audit.submission_deadline), bold_lead="Please return by: ")
    w.para(_date(audit.meeting_date), bold_lead="Panel meets: ")
    w.heading("Your cases", 2)
    for case in cases:
        ref = case.references.get(agency)
        w.para(f"{case.id}" + (f" — your reference {ref}" if ref else ""), style="List Bullet")
    w.heading("How to fill this in", 2)
    w.para("Type your answers inside the table cells only: text outside the tables is not read. Keep the "
           "question ids as they are. Grades: " + ", ".join(GRADE_CHOICES) + ".")
    w.para("Accept or reject any tracked changes before you send the document back.")
    for line in GUIDANCE:
        w.para(line, style="List Bullet" if line is not GUIDANCE[0] else None)
    for case in cases:
        _case(w, case.id, case.references.get(agency, ""), tool)
    landscape_section(w.doc)
    w.heading("Chronology", 1)
    w.para("One row per significant event, oldest first; add rows as you need them (Tab in the last cell).")
    chronology = w.table(BLANK_CHRONOLOGY_ROWS + 1, len(CHRONOLOGY_HEADERS))
    _header_row(chronology, list(CHRONOLOGY_HEADERS.values()))
    _widths(chronology, [CHRONOLOGY_WIDTHS[key] for key in CHRONOLOGY_HEADERS])
    stamp = Stamp(version=TEMPLATE_VERSION, format="docx", audit=audit.id, agency=agency,
                  cases=[c.id for c in cases], paragraphs=sorted(set(w.keys)), generated=now.isoformat())
    package = w.doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, custom_properties_xml(stamp), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    props = w.doc.core_properties
    props.title = f"{audit.title} — {manifest.agency(agency).name}"
    props.author = "maca checker"
    props.created = props.modified = now
    out = io.BytesIO()
    w.doc.save(out)
    return out.getvalue()

"""Helpers for the template tests: a small synthetic audit, and filling templates in as an agency would."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openpyxl
from docx import Document

from checker.intake.template_stamp import read_stamp

AUDIT_YAML = """\
# Synthetic audit for the template tests: invented agencies, ids and references only.
audit:
  id: maca-test-templates
  title: Test audit — templates
  theme: neglect
  meeting_date: 2019-03-26
  submission_deadline: 2019-03-12  # returns are due by this date
  period: {start: 2018-03-01, end: 2019-02-28}

# Agencies asked to submit (school is asked for nothing, so gets no template).
agencies:
- {id: hv, name: Testshire Health Visiting, type: health_visiting, aliases: [HV, health visitor]}
- {id: housing, name: Testshire Housing Options, type: housing}
- {id: school, name: Testshire Primary School, type: education}

cases:
- id: case-1
  references: {hv: HV-0001, housing: HO/2018/1}
  expected_agencies: [hv, housing]
- id: case-2
  references: {hv: HV-0002}
  expected_agencies: [hv]
- id: case-3
  expected_agencies: [housing]

# Filled in by maca intake.
submissions:
  chronologies: []
  returns: []

# Rule parameter overrides for this audit (none).
parameters: {}
"""

WHEN = dt.datetime(2019, 3, 1, 9, 0)


# --- filling in, as an agency would ----------------------------------------------------------------------

@dataclass
class CaseFill:
    details: dict[str, str]
    answers: dict[str, tuple[str | None, str | None, str | None]]  # question id -> (answer, grade, evidence)


Chronology = list[dict[str, Any]]  # canonical column -> cell value


HV_CASES = {
    "case-1": CaseFill(
        details={"completed_by": "Named nurse for safeguarding", "known_to_agency": "Yes",
                 "overall_grade": "Requires improvement", "immediate_concern": "None"},
        answers={
            "recognition-needs": ("Partly: housing need seen at the new birth visit.", "Requires improvement",
                                  "New birth visit 03/04/2018.\nRecord of 12/05/2018 notes the eviction letter."),
            "planning-contingency": ("No contingency plan was recorded.", "Inadequate", "Case notes 01/06/2018"),
            "good-practice": ("Visits were kept weekly.", None, "Visit log June 2018"),
            "learning": (None, None, None),  # the optional question left empty
        },
    ),
    "case-2": CaseFill(
        details={"completed_by": "Health visitor", "known_to_agency": "No", "overall_grade": "Good",
                 "immediate_concern": ""},
        answers={"voice-child": ("Yes — the child's wishes are in the plan.", "Good", "Plan review 19/09/2018")},
    ),
}

HV_CHRONOLOGY: Chronology = [
    {"case": "case-1", "date": "03/04/2018", "source": "Health visitor", "event": "New birth visit at home.",
     "impact": "Baby thriving; mother anxious about rent arrears.", "action": "Advised to contact Housing.",
     "event_type": "Home visit"},
    {"case": "case-1", "date": dt.datetime(2018, 5, 12), "source": "Health visitor",
     "event": "Mother showed an eviction letter.\nNotice ends 30/06/2018.", "impact": "Risk of homelessness.",
     "action": "Referral to Early Help.", "event_type": "Referral"},
    {"case": "case-2", "date": "19/09/2018", "source": "HV team", "event": "Plan review attended.",
     "impact": "", "action": "", "event_type": ""},
]


def stamp_of(data: bytes) -> Any:
    stamp = read_stamp(data)
    assert stamp is not None
    return stamp


def fill_xlsx(data: bytes, cases: dict[str, CaseFill], chronology: Chronology) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    stamp = stamp_of(data)
    labels = {"completed_by": "Completed by", "known_to_agency": "Was the family known",
              "overall_grade": "Overall grade", "immediate_concern": "Immediate concern"}
    for case, fill in cases.items():
        ws = book[stamp.sheets[case]]
        for row in ws.iter_rows():
            label = str(row[0].value or "")
            for key, start in labels.items():
                if label.startswith(start) and key in fill.details:
                    row[1].value = fill.details[key] or None
            if row[0].value in fill.answers:
                answer, grade, evidence = fill.answers[str(row[0].value)]
                row[2].value, row[4].value = answer, evidence
                if grade is not None:
                    row[3].value = grade
    ws = book["Chronology"]
    heads = [c.value for c in ws[1]]
    columns = dict(zip(["case", "date", "source", "event", "impact", "action", "event_type", "attendees_text"],
                       range(len(heads)), strict=True))
    for r, entry in enumerate(chronology, start=2):
        for key, value in entry.items():
            ws.cell(row=r, column=columns[key] + 1).value = value if value != "" else None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def docx_tables(doc: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """(case -> details table, case -> questions table, chronology table) of a generated document."""
    details, questions, chronology, current = {}, {}, None, None
    for table in doc.tables:
        first, second = (_cell_text(c) for c in table.rows[0].cells[:2])
        if second == "Date":
            chronology = table
        elif first == "Case":
            current = second
            details[current] = table
        elif first == "Question id":
            questions[current] = table
    return details, questions, chronology


def fill_docx(data: bytes, cases: dict[str, CaseFill], chronology: Chronology,
              edit: Callable[[Any], None] | None = None) -> bytes:
    doc = Document(io.BytesIO(data))
    details, questions, table = docx_tables(doc)
    labels = {"completed_by": "Completed by", "known_to_agency": "Was the family known",
              "overall_grade": "Overall grade", "immediate_concern": "Immediate concern"}
    for case, fill in cases.items():
        for row in details[case].rows:
            for key, start in labels.items():
                if _cell_text(row.cells[0]).startswith(start) and key in fill.details:
                    row.cells[1].text = fill.details[key]
        for row in questions[case].rows[1:]:
            qid = _cell_text(row.cells[0])
            if qid in fill.answers:
                answer, grade, evidence = fill.answers[qid]
                row.cells[2].text = answer or ""
                if grade is not None:
                    row.cells[3].text = grade
                row.cells[4].text = evidence or ""
    order = ["case", "date", "source", "event", "impact", "action", "event_type", "attendees_text"]
    for i, entry in enumerate(chronology, start=1):
        row = table.rows[i] if i < len(table.rows) else table.add_row()  # more entries than blank rows: add one
        for key, value in entry.items():
            text = value.strftime("%d/%m/%Y") if isinstance(value, dt.datetime) else str(value)
            row.cells[order.index(key)].text = text
    if edit is not None:
        edit(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def set_saved(data: bytes, when: dt.datetime) -> bytes:
    """The same Office file with its 'last saved' property set to `when`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + when.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", body)
            dst.writestr(info, body)
    return out.getvalue()


"""An agency's Excel template: About, Chronology (drop-downs and day-first date checks), one audit-tool sheet
per case, a hidden Lists sheet feeding the drop-downs, and the stamp (custom property and very hidden sheet).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checker.model.audit import AuditTool, Manifest
from checker.model.templates import (
    ABOUT_SHEET,
    CHRONOLOGY_HEADERS,
    CHRONOLOGY_SHEET,
    DETAIL_LABELS,
    EVENT_TYPES,
    GRADE_CHOICES,
    GUIDANCE,
    LISTS_SHEET,
    QUESTION_HEADERS,
    STAMP_PROPERTY,
    STAMP_SHEET,
    TEMPLATE_VERSION,
    YES_NO,
    Stamp,
    case_sheet_names,
    cases_for,
)
from checker.outputs.exports import list_dropdown, safe_text

__all__ = ["xlsx_template", "CHRONOLOGY_ROWS"]

CHRONOLOGY_ROWS = 1000
"""Rows of the Chronology sheet that carry the drop-downs and date check."""

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF9E0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDTHS = {"case": 14, "date": 12, "source": 22, "event": 60, "impact": 36, "action": 36, "event_type": 24,
           "attendees_text": 28}


def _text(ws: Any, row: int, col: int, value: object, *, bold: bool = False) -> Any:
    """Write text as a string cell (never a formula), made inert for a spreadsheet."""
    cell = ws.cell(row=row, column=col)
    if value is not None and value != "":
        cell.value = safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"
    cell.alignment = _WRAP
    if bold:
        cell.font = _BOLD
    return cell


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "not set"


def _list_range(column: str, count: int) -> str:
    return f"{LISTS_SHEET}!${column}$2:${column}${count + 1}"


def _about(book: Workbook, manifest: Manifest, agency: str, sheets: dict[str, str]) -> None:
    ws = book.active
    ws.title = ABOUT_SHEET
    audit = manifest.audit
    name = manifest.agency(agency).name
    ws.cell(row=1, column=1).font = _TITLE
    _text(ws, 1, 1, audit.title).font = _TITLE
    facts = [
        ("Theme", audit.theme),
        ("Partnership", audit.partnership or ""),
        ("For", name),
        ("Please return by", _date(audit.submission_deadline)),
        ("Panel meets", _date(audit.meeting_date)),
    ]
    row = 3
    for label, value in facts:
        _text(ws, row, 1, label, bold=True)
        _text(ws, row, 2, value)
        row += 1
    row += 1
    for col, head in enumerate(("Case", "Your reference", "Audit tool sheet"), start=1):
        _text(ws, row, col, head, bold=True).fill = _HEAD_FILL
    for case in cases_for(manifest, agency):
        row += 1
        _text(ws, row, 1, case.id)
        _text(ws, row, 2, case.references.get(agency, ""))
        _text(ws, row, 3, sheets[case.id])
    row += 2
    _text(ws, row, 1, "How to fill this in", bold=True)
    steps = [
        f"1. On the '{CHRONOLOGY_SHEET}' sheet, add one row per significant event for each case, oldest first.",
        "2. On each case's sheet, answer every question, choose a grade and say where the evidence is "
        "(a dated record).",
        "3. Save the workbook (keep it as .xlsx, keep the sheet names) and send it back as it is.",
        *GUIDANCE,
    ]
    for step in steps:
        row += 1
        _text(ws, row, 1, step)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 30
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 40


def _lists(book: Workbook, case_ids: list[str]) -> dict[str, str]:
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = {"A": ("Cases", case_ids), "B": ("Event types", list(EVENT_TYPES)),
               "C": ("Grades", list(GRADE_CHOICES)), "D": ("Yes or no", list(YES_NO))}
    ranges = {}
    for letter, (head, values) in columns.items():
        col = ord(letter) - 64
        _text(ws, 1, col, head, bold=True)
        for i, value in enumerate(values, start=2):
            _text(ws, i, col, value)
        ranges[head] = _list_range(letter, len(values))
    return ranges


def _chronology(book: Workbook, ranges: dict[str, str]) -> None:
    ws = book.create_sheet(CHRONOLOGY_SHEET)
    columns = list(CHRONOLOGY_HEADERS)
    for col, canonical in enumerate(columns, start=1):
        cell = _text(ws, 1, col, CHRONOLOGY_HEADERS[canonical], bold=True)
        cell.fill = _HEAD_FILL
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[canonical]
    ws.freeze_panes = "A2"
    last = CHRONOLOGY_ROWS + 1
    letter = {c: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    list_dropdown(ws, ranges["Cases"], f"{letter['case']}2:{letter['case']}{last}", "The case this entry is about.")
    list_dropdown(ws, ranges["Event types"], f"{letter['event_type']}2:{letter['event_type']}{last}",
              "What kind of event this was (optional).")
    dates = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True, errorStyle="warning")
    dates.promptTitle, dates.prompt = "Date, day first", "e.g. 03/04/2019. Unsure? '?03/04/2019' or 'April 2019'."
    dates.errorTitle = "Not a date"
    dates.error = "Write the date day first, e.g. 03/04/2019. Choose Yes to keep an approximate date as typed."
    dates.showInputMessage = dates.showErrorMessage = True
    ws.add_data_validation(dates)
    dates.add(f"{letter['date']}2:{letter['date']}{last}")
    for row in range(2, last + 1):
        ws[f"{letter['date']}{row}"].number_format = "DD/MM/YYYY"


def _case_sheet(book: Workbook, title: str, case_id: str, reference: str, tool: AuditTool,
                ranges: dict[str, str]) -> None:
    ws = book.create_sheet(title)
    _text(ws, 1, 1, f"Audit tool — case {case_id}").font = _TITLE
    values = {"case": case_id, "reference": reference}
    row = 3
    for key, label in DETAIL_LABELS.items():
        _text(ws, row, 1, label, bold=True)
        cell = _text(ws, row, 2, values.get(key, ""))
        if key not in values:
            cell.fill = _ANSWER_FILL
        if key == "known_to_agency":
            list_dropdown(ws, ranges["Yes or no"], f"B{row}", "Yes or No.")
        if key == "overall_grade":
            list_dropdown(ws, ranges["Grades"], f"B{row}", "Your overall grade for your agency's work on this case.")
        row += 1
    row += 1
    header_row = row
    for col, head in enumerate(QUESTION_HEADERS.values(), start=1):
        _text(ws, row, col, head, bold=True).fill = _HEAD_FILL
    for question in tool.questions:
        row += 1
        _text(ws, row, 1, question.id)
        optional = "" if question.required else " (optional)"
        _text(ws, row, 2, question.text + optional)
        for col in (3, 4, 5):
            ws.cell(row=row, column=col).fill = _ANSWER_FILL
            ws.cell(row=row, column=col).alignment = _WRAP
        if not question.graded:
            _text(ws, row, 4, "N/A")
    list_dropdown(ws, ranges["Grades"], f"D{header_row + 1}:D{row}", "Outstanding, Good, Requires improvement, "
              "Inadequate (N/A where the question is not graded).")
    for letter, width in zip("ABCDE", (24, 60, 50, 20, 50), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header_row + 1}"


def _stamp_sheet(book: Workbook, stamp: Stamp) -> None:
    ws = book.create_sheet(STAMP_SHEET)
    ws.sheet_state = "veryHidden"
    _text(ws, 1, 1, "Template stamp written by the case audit checker: do not edit.")
    _text(ws, 2, 1, stamp.to_json())


def xlsx_template(manifest: Manifest, agency: str, tool: AuditTool, *, now: dt.datetime) -> bytes:
    """The workbook for one agency, as bytes."""
    cases = cases_for(manifest, agency)
    case_ids = [c.id for c in cases]
    sheets = case_sheet_names(case_ids)
    stamp = Stamp(version=TEMPLATE_VERSION, format="xlsx", audit=manifest.audit.id, agency=agency,
                  cases=case_ids, sheets=sheets, generated=now.isoformat())
    book = Workbook()
    _about(book, manifest, agency, sheets)
    ranges = _lists(book, case_ids)
    _chronology(book, ranges)
    for case in cases:
        _case_sheet(book, sheets[case.id], case.id, case.references.get(agency, ""), tool, ranges)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    _stamp_sheet(book, stamp)
    book.custom_doc_props.append(StringProperty(name=STAMP_PROPERTY, value=stamp.to_json()))
    book.properties.title = f"{manifest.audit.title} — {manifest.agency(agency).name}"
    book.properties.creator = "maca checker"
    book.properties.created = book.properties.modified = now
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

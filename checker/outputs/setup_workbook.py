"""The set-up workbook a business officer fills in instead of writing audit.yaml (`maca new --workbook`).

    data = setup_workbook()              # blank, guided: Audit, Agencies, Cases, People, Plans, Expected
    data = setup_workbook(manifest)      # the same, filled with an existing audit's details to edit

Each sheet has one line of guidance, its headings, an example row that is never read, drop-downs fed from a
hidden Lists sheet (agency types, plan types, roles, yes/no: from the model's own lists) and day-first date
checks. The layout is declared in `checker.model.setup`; `checker.intake.setup_read` reads it back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checker.model.audit import Case, Manifest
from checker.model.setup import (
    AGENCIES_SHEET,
    AGENCY_COLUMNS,
    AUDIT_FIELDS,
    AUDIT_SHEET,
    CASE_COLUMNS,
    CASES_SHEET,
    EXAMPLE_MARK,
    EXAMPLE_ROW,
    EXAMPLES,
    EXPECTED_FIRST,
    EXPECTED_SHEET,
    FIRST_ROW,
    GUIDANCE,
    HEADER_ROW,
    LISTS_SHEET,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    PLAN_COLUMNS,
    PLANS_SHEET,
    ROLES,
    SETUP_PROPERTY,
    YES_NO,
    agency_type_choices,
    plan_type_choices,
)
from checker.outputs.exports import list_dropdown, safe_text

__all__ = ["setup_workbook", "SETUP_ROWS", "LAYOUT_VERSION"]

SETUP_ROWS = 300
"""Rows of each table sheet that carry the drop-downs and date checks."""
LAYOUT_VERSION = "1"

_BOLD = Font(bold=True)
_GUIDE = Font(italic=True, color="1F4E79")
_EXAMPLE = Font(italic=True, color="808080")
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_DATE_FORMAT = "DD/MM/YYYY"
_AUDIT_EXAMPLES = {
    "title": "Multi-agency case audit — homelessness",
    "theme": "homelessness",
    "partnership": "Northshire Safeguarding Children Partnership",
    "period_start": "01/03/2018",
    "period_end": "28/02/2019",
    "meeting_date": "26/03/2019",
    "submission_deadline": "12/03/2019",
    "id": "maca-2019-homelessness (made from the title if blank)",
}
_AUDIT_DATES = ("period_start", "period_end", "meeting_date", "submission_deadline")


def _put(ws: Any, row: int, col: int, value: object, *, font: Font | None = None) -> Any:
    """A text cell (never a formula) or a date cell shown day first."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    elif value is not None and value != "":
        cell.value = safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"
    cell.alignment = _WRAP
    if font is not None:
        cell.font = font
    return cell


def _dates(ws: Any, cells: str, first: int, last: int, column: str) -> None:
    check = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True)
    check.promptTitle, check.prompt = "Date, day first", "e.g. 20/04/2019"
    check.errorTitle, check.error = "Not a date", "Write the date day first, e.g. 20/04/2019."
    check.showInputMessage = check.showErrorMessage = True
    ws.add_data_validation(check)
    check.add(cells)
    for row in range(first, last + 1):
        ws[f"{column}{row}"].number_format = _DATE_FORMAT


def _sheet(book: Workbook, title: str, headings: Sequence[str], widths: Sequence[int]) -> Any:
    ws = book.create_sheet(title)
    _put(ws, 1, 1, GUIDANCE[title], font=_GUIDE)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headings), 3))
    ws.row_dimensions[1].height = 45
    for col, (head, width) in enumerate(zip(headings, widths, strict=True), start=1):
        _put(ws, HEADER_ROW, col, head, font=_BOLD).fill = _HEAD_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{EXAMPLE_ROW}"
    return ws


def _example(ws: Any, values: Sequence[str]) -> None:
    for col, value in enumerate(values, start=1):
        _put(ws, EXAMPLE_ROW, col, f"{EXAMPLE_MARK} {value}" if col == 1 else value, font=_EXAMPLE)


def _lists(book: Workbook) -> dict[str, str]:
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = {"Agency types": [label for label, _ in agency_type_choices()],
               "Plan types": [label for label, _ in plan_type_choices()],
               "Roles": list(ROLES), "Yes or no": list(YES_NO)}
    ranges = {}
    for col, (head, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(col)
        _put(ws, 1, col, head, font=_BOLD)
        for row, value in enumerate(values, start=2):
            _put(ws, row, col, value)
        ranges[head] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _audit(book: Workbook, manifest: Manifest | None) -> None:
    ws = book.active
    ws.title = AUDIT_SHEET
    _put(ws, 1, 1, GUIDANCE[AUDIT_SHEET], font=_GUIDE)
    ws.merge_cells("A1:C1")
    ws.row_dimensions[1].height = 45
    for col, head in enumerate(("Detail", "Your answer", "Example (never read)"), start=1):
        _put(ws, HEADER_ROW, col, head, font=_BOLD).fill = _HEAD_FILL
    values: dict[str, object] = {}
    if manifest is not None:
        info = manifest.audit
        values = {"title": info.title, "theme": info.theme, "partnership": info.partnership, "id": info.id,
                  "meeting_date": info.meeting_date, "submission_deadline": info.submission_deadline,
                  "period_start": info.period.start if info.period else None,
                  "period_end": info.period.end if info.period else None}
    for row, (key, label) in enumerate(AUDIT_FIELDS.items(), start=FIRST_ROW):
        _put(ws, row, 1, label, font=_BOLD)
        _put(ws, row, 2, values.get(key))
        _put(ws, row, 3, _AUDIT_EXAMPLES[key], font=_EXAMPLE)
        if key in _AUDIT_DATES:
            _dates(ws, f"B{row}", row, row, "B")
    for letter, width in zip("ABC", (28, 50, 50), strict=True):
        ws.column_dimensions[letter].width = width


def _agencies(book: Workbook, manifest: Manifest | None, ranges: dict[str, str]) -> None:
    ws = _sheet(book, AGENCIES_SHEET, list(AGENCY_COLUMNS.values()), (44, 26, 36, 30, 18))
    _example(ws, EXAMPLES[AGENCIES_SHEET])
    last = FIRST_ROW + SETUP_ROWS - 1
    list_dropdown(ws, ranges["Agency types"], f"B{FIRST_ROW}:B{last}", "The kind of agency (the rules depend on it).")
    labels = dict((value, label) for label, value in agency_type_choices())
    for row, agency in enumerate(manifest.agencies if manifest else [], start=FIRST_ROW):
        for col, value in enumerate((agency.name, labels.get(agency.type.value, agency.type.value),
                                     "; ".join(agency.aliases), agency.lead_role, agency.id), start=1):
            _put(ws, row, col, value)


def _cases(book: Workbook, manifest: Manifest | None) -> None:
    ws = _sheet(book, CASES_SHEET, list(CASE_COLUMNS.values()), (16, 28, 70))
    _example(ws, EXAMPLES[CASES_SHEET])
    for row, case in enumerate(manifest.cases if manifest else [], start=FIRST_ROW):
        for col, value in enumerate((case.id, case.reference, case.summary), start=1):
            _put(ws, row, col, value)


def _case_range() -> str:
    return f"{CASES_SHEET}!$A${FIRST_ROW}:$A${FIRST_ROW + SETUP_ROWS - 1}"


def _people_rows(case: Case) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    edd = case.pregnancy.expected_delivery if case.pregnancy else None
    for child in case.children:
        role, day = ("unborn", edd) if child.unborn else ("child", child.date_of_birth)
        rows.append((case.id, role, child.name, day, None, None))
    for adult in case.adults:
        known = adult.role in ROLES
        lives = None if adult.lives_with_child is None else YES_NO[0 if adult.lives_with_child else 1]
        rows.append((case.id, adult.role if known else "other adult", adult.name, None, lives,
                     None if known else adult.role))
    return rows


def _people(book: Workbook, manifest: Manifest | None, ranges: dict[str, str]) -> None:
    ws = _sheet(book, PEOPLE_SHEET, list(PEOPLE_COLUMNS.values()), (16, 16, 28, 26, 16, 26))
    _example(ws, EXAMPLES[PEOPLE_SHEET])
    last = FIRST_ROW + SETUP_ROWS - 1
    list_dropdown(ws, _case_range(), f"A{FIRST_ROW}:A{last}", "A case id from the Cases sheet.")
    list_dropdown(ws, ranges["Roles"], f"B{FIRST_ROW}:B{last}", "Child, unborn, mother, father, partner or other adult.")
    list_dropdown(ws, ranges["Yes or no"], f"E{FIRST_ROW}:E{last}", "Does this adult live with the child?")
    _dates(ws, f"D{FIRST_ROW}:D{last}", FIRST_ROW, last, "D")
    rows = [r for case in (manifest.cases if manifest else []) for r in _people_rows(case)]
    for row, values in enumerate(rows, start=FIRST_ROW):
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)


def _plans(book: Workbook, manifest: Manifest | None, ranges: dict[str, str]) -> None:
    ws = _sheet(book, PLANS_SHEET, list(PLAN_COLUMNS.values()), (16, 34, 30, 14, 16))
    _example(ws, EXAMPLES[PLANS_SHEET])
    last = FIRST_ROW + SETUP_ROWS - 1
    list_dropdown(ws, _case_range(), f"A{FIRST_ROW}:A{last}", "A case id from the Cases sheet.")
    list_dropdown(ws, ranges["Plan types"], f"B{FIRST_ROW}:B{last}", "The kind of plan.")
    _dates(ws, f"D{FIRST_ROW}:D{last}", FIRST_ROW, last, "D")
    _dates(ws, f"E{FIRST_ROW}:E{last}", FIRST_ROW, last, "E")
    labels = dict((value, label) for label, value in plan_type_choices())
    row = FIRST_ROW
    for case in manifest.cases if manifest else []:
        names = {c.id: c.name or c.id for c in case.children}
        for plan in case.plans:
            child = names.get(plan.child) if plan.child else None
            unborn = plan.child is not None and any(c.unborn and c.id == plan.child for c in case.children)
            for col, value in enumerate((case.id, labels.get(plan.type.value, plan.type.value),
                                         "unborn" if unborn else child, plan.start, plan.end), start=1):
                _put(ws, row, col, value)
            row += 1


def _expected(book: Workbook, manifest: Manifest | None) -> None:
    agencies = manifest.agencies if manifest else []
    width = max(len(agencies), 4)
    ws = _sheet(book, EXPECTED_SHEET, [EXPECTED_FIRST] + [""] * width, [16] + [18] * width)
    _put(ws, EXAMPLE_ROW, 1, f"{EXAMPLE_MARK} case-1", font=_EXAMPLE)
    _put(ws, EXAMPLE_ROW, 2, "✓", font=_EXAMPLE)
    last = FIRST_ROW + SETUP_ROWS - 1
    list_dropdown(ws, _case_range(), f"A{FIRST_ROW}:A{last}", "A case id from the Cases sheet.")
    edge = get_column_letter(1 + max(width, 30))
    list_dropdown(ws, f"{AGENCIES_SHEET}!$A${FIRST_ROW}:$A${last}", f"B{HEADER_ROW}:{edge}{HEADER_ROW}",
              "An agency's name from the Agencies sheet.")
    for col, agency in enumerate(agencies, start=2):
        _put(ws, HEADER_ROW, col, agency.name, font=_BOLD).fill = _HEAD_FILL
    for row, case in enumerate(manifest.cases if manifest else [], start=FIRST_ROW):
        _put(ws, row, 1, case.id)
        expected = set(case.expected_agencies if case.expected_agencies is not None else [a.id for a in agencies])
        for col, agency in enumerate(agencies, start=2):
            if agency.id in expected or agency.id in case.references:
                _put(ws, row, col, case.references.get(agency.id) or "✓")


def setup_workbook(manifest: Manifest | None = None, *, now: dt.datetime | None = None) -> bytes:
    """The set-up workbook as bytes: blank, or filled with `manifest`'s details for editing."""
    now = now or dt.datetime.now().replace(microsecond=0)
    book = Workbook()
    _audit(book, manifest)
    ranges = _lists(book)
    _agencies(book, manifest, ranges)
    _cases(book, manifest)
    _people(book, manifest, ranges)
    _plans(book, manifest, ranges)
    _expected(book, manifest)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    book.custom_doc_props.append(StringProperty(name=SETUP_PROPERTY, value=LAYOUT_VERSION))
    book.properties.title = f"Audit set-up — {manifest.audit.title}" if manifest else "Audit set-up"
    book.properties.creator = "maca checker"
    book.properties.created = book.properties.modified = now
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

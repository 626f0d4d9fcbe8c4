"""Filling in the set-up workbook as a partnership's business officer would (openpyxl, synthetic data only):
three agencies, two cases, a child, an unborn baby with an expected delivery date, a father who does not live
with the child, a child protection plan and an expected-submissions grid."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import openpyxl

CSC = "Testshire Children's Services"
HV = "Testshire Community Health — health visiting"
POLICE = "Testshire Police"

Edit = Callable[[Any], None]


def _rows(ws: Any, first: int, rows: list[tuple[Any, ...]]) -> None:
    for r, values in enumerate(rows, start=first):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value


def fill(blank: bytes, *edits: Edit) -> bytes:
    """The blank workbook filled in; each edit then changes the workbook (a mistake, a later edit)."""
    book = openpyxl.load_workbook(io.BytesIO(blank))
    audit = book["Audit"]
    answers = {"Audit title": "Multi-agency case audit — neglect", "Theme": "neglect",
               "Partnership": "Testshire Safeguarding Children Partnership", "Audit period from": "01/04/2025",
               "Audit period to": "31/03/2026", "Panel meeting date": dt.datetime(2026, 5, 21),
               "Submission deadline": "07/05/2026"}
    for row in audit.iter_rows(min_row=3):
        if row[0].value in answers:
            row[1].value = answers[row[0].value]
    _rows(book["Agencies"], 4, [
        (CSC, "Children's social care", "CSC; social worker", "Head of safeguarding"),
        (HV, "Health visiting", "HV; health visitor", "Named nurse"),
        (POLICE, "Police", None, "Detective inspector, public protection"),
    ])
    _rows(book["Cases"], 4, [("case-1", "TSCP-26-01", "Toddler, neglect concerns, child protection plan"),
                             ("case-2", "TSCP-26-02", "Pregnant mother, housing insecure")])
    _rows(book["People"], 4, [
        ("case-1", "child", "T", "14/07/2023", None, None),
        ("case-1", "mother", "Kim", None, "Yes", None),
        ("case-1", "father", "D", None, "No", None),
        ("case-2", "unborn", None, dt.datetime(2026, 6, 20), None, None),
        ("case-2", "mother", None, None, "Yes", None),
        ("case-2", "other adult", "M", None, "Yes", "maternal grandmother"),
    ])
    _rows(book["Plans"], 4, [("case-1", "Child protection plan", "T", "02/02/2026", None)])
    grid = book["Expected"]
    for col, name in enumerate((CSC, HV, POLICE), start=2):
        grid.cell(row=2, column=col).value = name
    _rows(grid, 4, [("case-1", "✓", "x", "NP-2026-114"), ("case-2", "✓", "HV-0207", None)])
    for edit in edits:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def put(sheet: str, cell: str, value: Any) -> Edit:
    """An edit: write `value` into `sheet`!`cell`."""

    def _edit(book: Any) -> None:
        book[sheet][cell].value = value

    return _edit


def without_case_2(book: Any) -> None:
    """An edit: case-2 taken out of the workbook (its Cases row, its people and its Expected row)."""
    book["Cases"].delete_rows(5)
    people = book["People"]
    for row in range(people.max_row, 3, -1):
        if people.cell(row=row, column=1).value == "case-2":
            people.delete_rows(row)
    book["Expected"].delete_rows(5)

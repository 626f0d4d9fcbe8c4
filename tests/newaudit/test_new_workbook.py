"""The blank set-up workbook: its sheets, one line of guidance each, drop-downs from the model's own lists,
day-first date checks, and an example row that is never read; returned unfilled, it is refused."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from new_fill import fill, put

from checker.intake.setup_read import read_setup
from checker.model.audit import AgencyType, PlanType
from checker.model.setup import DATA_SHEETS, GUIDANCE


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _validation(ws: Any, cell: str) -> Any:
    return next(v for v in ws.data_validations.dataValidation if cell in v.sqref)


def _list_values(book: Any, formula: str) -> list[str]:
    sheet, cells = formula.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in book[sheet][f"{first}:{last}"] for c in row]


def test_sheets_guidance_and_example_rows(blank: bytes) -> None:
    book = _book(blank)
    assert [n for n in book.sheetnames if book[n].sheet_state == "visible"] == list(DATA_SHEETS)
    for name in DATA_SHEETS:
        ws = book[name]
        assert ws["A1"].value == GUIDANCE[name]
        assert ws["A2"].value  # headings
    for name in ("Agencies", "Cases", "People", "Plans", "Expected"):
        assert str(book[name]["A3"].value).startswith("Example:"), name
    assert "initials" in GUIDANCE["People"] and "initials" in GUIDANCE["Audit"]  # names are optional


def test_drop_downs_offer_every_type_the_model_knows(blank: bytes) -> None:
    book = _book(blank)
    agency_types = _list_values(book, _validation(book["Agencies"], "B4").formula1)
    plan_types = _list_values(book, _validation(book["Plans"], "B4").formula1)
    roles = _list_values(book, _validation(book["People"], "B4").formula1)
    assert roles == ["child", "unborn", "mother", "father", "partner", "other adult"]

    def every_agency_type(workbook: Any) -> None:  # one agency of each type offered
        for row, label in enumerate(agency_types, start=4):
            workbook["Agencies"].cell(row=row, column=1).value = f"Agency {row}"
            workbook["Agencies"].cell(row=row, column=2).value = label
        workbook["Expected"].delete_rows(2, 10)

    def every_plan_type(workbook: Any) -> None:
        for row, label in enumerate(plan_types, start=4):
            for col, value in enumerate(("case-1", label, None, f"0{row - 3}/01/2026"), start=1):
                workbook["Plans"].cell(row=row, column=col).value = value

    read = read_setup(fill(blank, every_agency_type, every_plan_type))
    assert not read.errors, [p.line() for p in read.errors]
    assert read.document is not None
    assert {a["type"] for a in read.document["agencies"]} == {t.value for t in AgencyType}
    case = next(c for c in read.document["cases"] if c["id"] == "case-1")
    assert {p["type"] for p in case["plans"]} == {p.value for p in PlanType} - {"none"}


def test_dates_are_checked_day_first(blank: bytes) -> None:
    book = _book(blank)
    for sheet, cell in (("People", "D4"), ("Plans", "D4"), ("Plans", "E4"), ("Audit", "B8")):
        check = _validation(book[sheet], cell)
        assert check.type == "date", (sheet, cell)
        assert book[sheet][cell].number_format == "DD/MM/YYYY"
    read = read_setup(fill(blank, put("People", "D4", "03/04/2023")))  # typed as text: 3 April
    assert read.document is not None
    child = read.document["cases"][0]["children"][0]
    assert child["date_of_birth"].isoformat() == "2023-04-03"


def test_blank_workbook_returned_unfilled_is_refused(blank: bytes) -> None:
    read = read_setup(blank)
    assert read.document is None
    where = {(p.part, p.row, (p.column or "")[:1]) for p in read.errors}
    assert ("sheet 'Audit'", 4, "B") in where  # no title
    assert ("sheet 'Agencies'", 4, "A") in where  # no agencies
    assert ("sheet 'Cases'", 4, "A") in where  # no cases
    text = " ".join(p.message for p in read.errors)
    assert "no title" in text and "no agency" in text and "no case" in text


def test_the_example_row_is_never_read(filled: bytes) -> None:
    read = read_setup(filled)
    assert read.document is not None, [p.line() for p in read.errors]
    assert [a["name"] for a in read.document["agencies"]] == [
        "Testshire Children's Services", "Testshire Community Health — health visiting", "Testshire Police"]
    assert [c["id"] for c in read.document["cases"]] == ["case-1", "case-2"]


def test_a_row_marked_as_an_example_lower_down_is_not_read_either(blank: bytes) -> None:
    read = read_setup(fill(blank, put("Cases", "A6", "Example: case-9"), put("Cases", "C6", "not a real case")))
    assert read.document is not None
    assert [c["id"] for c in read.document["cases"]] == ["case-1", "case-2"]


def test_what_the_officer_filled_in_is_what_audit_yaml_gets(filled: bytes) -> None:
    read = read_setup(filled)
    doc = read.document
    assert doc is not None
    assert doc["audit"]["id"] == "maca-2026-neglect"
    assert doc["audit"]["period"]["start"].isoformat() == "2025-04-01"
    assert doc["audit"]["meeting_date"].isoformat() == "2026-05-21"
    police = next(a for a in doc["agencies"] if a["type"] == "police")
    assert police["lead_role"] == "Detective inspector, public protection"
    hv = next(a for a in doc["agencies"] if a["type"] == "health_visiting")
    assert hv["aliases"] == ["HV", "health visitor"]
    one, two = doc["cases"]
    father = next(a for a in one["adults"] if a["role"] == "father")
    assert father["lives_with_child"] is False and father["name"] == "D"
    assert one["plans"] == [{"type": "child_protection", "child": one["children"][0]["id"],
                             "start": one["plans"][0]["start"]}]
    assert one["references"] == {police["id"]: "NP-2026-114"}
    assert set(one["expected_agencies"]) == {a["id"] for a in doc["agencies"]}
    assert two["children"] == [{"id": two["children"][0]["id"], "unborn": True}]
    assert two["pregnancy"]["expected_delivery"].isoformat() == "2026-06-20"
    assert two["pregnancy"]["mother"] == next(a["id"] for a in two["adults"] if a["role"] == "mother")
    assert police["id"] not in two["expected_agencies"]
    assert next(a for a in two["adults"] if a.get("name") == "M")["role"] == "maternal grandmother"


@pytest.mark.parametrize("value", ["Yes", "No"])
def test_lives_with_the_child(blank: bytes, value: str) -> None:
    read = read_setup(fill(blank, put("People", "E6", value)))
    assert read.document is not None
    father = read.document["cases"][0]["adults"][1]
    assert father["lives_with_child"] is (value == "Yes")


def test_the_grid_may_name_an_agency_by_another_name(blank: bytes) -> None:
    read = read_setup(fill(blank, put("Expected", "C2", "HV")))
    assert read.document is not None, [p.line() for p in read.errors]
    assert read.document["cases"][1]["references"] == {"health-visiting": "HV-0207"}

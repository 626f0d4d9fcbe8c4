"""Formula-safe CSV and XLSX: text that would start a formula is inert; numbers and dates keep their type."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from checker.outputs.exports import (
    FORMULA_TRIGGERS,
    Table,
    csv_text,
    csv_value,
    safe_text,
    write_csv,
    write_xlsx,
)

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("lead", FORMULA_TRIGGERS)
def test_text_starting_a_formula_gets_an_apostrophe(lead):
    assert safe_text(f"{lead}1+1") == f"'{lead}1+1"


@pytest.mark.parametrize("text", [" =1+1", "\u00a0@SUM(A1)"])
def test_leading_spaces_do_not_hide_a_formula(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Bailiffs booked 04/04", "a = b", "case-4", "", "'quoted"])
def test_ordinary_text_is_unchanged(text):
    assert safe_text(text) == text


def test_csv_keeps_numbers_and_dates_and_neutralises_text():
    assert csv_value(-3) == -3
    assert csv_value(2.5) == 2.5
    assert csv_value(dt.date(2019, 4, 4)) == "04/04/2019"
    assert csv_value(True) == "yes"
    assert csv_value(None) == ""
    assert csv_value("-3") == "'-3"  # text that looks like a negative number is still text


def test_csv_round_trip_is_inert():
    table = Table("t", ["excerpt", "days", "date"], [[HYPERLINK, -1, dt.date(2019, 3, 18)]])
    rows = list(csv.reader(io.StringIO(csv_text(table))))
    assert rows[1] == ["'" + HYPERLINK, "-1", "18/03/2019"]


def test_csv_file_has_a_bom_for_excel(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, Table("t", ["a"], [["£2,020"]]))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "£2,020" in path.read_text(encoding="utf-8-sig")


def test_xlsx_text_is_a_string_cell_and_types_are_kept(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [[HYPERLINK, -1, dt.date(2019, 3, 18), True, None, "line 1\nline 2", "bad\x07char"]]
    write_xlsx(path, [Table("Evidence: [x]", ["excerpt", "days", "date", "flag", "empty", "multi", "ctrl"], rows)])
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws.title == "Evidence   x"
    excerpt, days, date, flag, empty, multi, ctrl = ws[2]
    assert excerpt.data_type == "s" and excerpt.value == "'" + HYPERLINK
    assert days.data_type == "n" and days.value == -1
    assert date.is_date and date.value == dt.datetime(2019, 3, 18)
    assert flag.value == "yes" and empty.value is None
    assert multi.value == "line 1\nline 2"
    assert ctrl.value == "badchar"
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"


def test_xlsx_sheet_names_are_unique(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Table("Same", ["a"], []), Table("same", ["a"], [])])
    assert openpyxl.load_workbook(path).sheetnames == ["Same", "same (2)"]


def test_xlsx_finish_wraps_filters_and_prints_landscape_with_repeated_header(tmp_path):
    path = tmp_path / "out.xlsx"
    long_text = "evidence " * 200
    write_xlsx(path, [Table("Flags", ["case", "evidence"], [["case-1", long_text], ["case-2", "short"]])])
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws.auto_filter.ref == "A1:B3"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["B2"].alignment.wrap_text and ws.column_dimensions["B"].width <= 62


def test_an_empty_table_says_so_in_a_row(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Table("Refer today", ["case", "days"], [], empty="Nobody to refer today.")])
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A2"].value == "Nobody to refer today."
    assert csv_text(Table("t", ["case"], [], empty="Nobody.")).splitlines()[1] == '"Nobody."'

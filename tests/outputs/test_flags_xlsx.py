"""The flags workbook as the audit panel opens it: one row per flag, wrapped, filtered, ready to print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.outputs.flags_xlsx import FLAG_COLUMNS, write_flags_xlsx

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
TEXT_COLUMNS = ("What was found", "Recommended action", "Evidence")


@pytest.fixture(scope="module")
def result(sample_checked):
    return sample_checked  # the sample checked once per session (tests/outputs/conftest.py)


@pytest.fixture(scope="module")
def sheet(result, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "flags.xlsx"
    result_cli = CliRunner().invoke(main, ["check", str(SAMPLE), "--xlsx", str(path)])
    assert result_cli.exit_code == 0, result_cli.output
    return openpyxl.load_workbook(path)["Flags"]


def test_one_row_per_flag_with_names_not_ids(sheet, result):
    heads = [c.value for c in sheet[1]]
    assert tuple(heads) == FLAG_COLUMNS
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(result.flags)
    by_id = {row[heads.index("Flag id")]: row for row in rows}
    assert set(by_id) == {f["id"] for f in result.flags}
    names = {a.id: a.name for a in result.bundle.manifest.agencies}
    for flag in result.flags:
        row = by_id[flag["id"]]
        assert row[heads.index("Case")] == flag["case"]
        assert row[heads.index("Agency")] == (names[flag["agency"]] if flag["agency"] else "several agencies")
        assert row[heads.index("What was found")] == flag["message"]
        assert row[heads.index("Decision")] is None  # undecided: the panel picks from the drop-down


def test_evidence_cell_gives_file_row_date_and_excerpt(sheet, result):
    heads = [c.value for c in sheet[1]]
    flag = next(f for f in result.flags if f["evidence"] and f["evidence"][0].get("row"))
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[heads.index("Flag id")] == flag["id"])
    first = flag["evidence"][0]
    line = row[heads.index("Evidence")].splitlines()[0]
    day = dt.date.fromisoformat(first["date"]).strftime("%d/%m/%Y")
    assert line.startswith(f"{first['file']} row {first['row']}, {day}")
    assert first["excerpt"][:30] in line


def test_wrapped_filtered_frozen_and_set_up_to_print(sheet):
    heads = [c.value for c in sheet[1]]
    for name in TEXT_COLUMNS:
        column = heads.index(name) + 1
        assert all(sheet.cell(row=r, column=column).alignment.wrap_text for r in range(2, sheet.max_row + 1))
        assert 10 <= sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width <= 62
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(heads)).column_letter}{sheet.max_row}"
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_no_cell_is_a_formula(sheet):
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))


def test_decisions_and_empty_workbook(result, tmp_path):
    flag = result.flags[0]
    decided = {flag["id"]: {"decision": "action_needed", "reviewer": "J. Smith", "reason": None,
                            "note": "ring the DSL", "version": 2,
                            "decided_at": dt.datetime(2019, 6, 3, 9, 5, tzinfo=dt.UTC)}}
    path = tmp_path / "flags.xlsx"
    write_flags_xlsx(path, result, decided)
    ws = openpyxl.load_workbook(path)["Flags"]
    heads = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[heads.index("Flag id")] == flag["id"])
    assert row[heads.index("Decision")] == "Action needed" and row[heads.index("Reviewer")] == "J. Smith"
    assert row[heads.index("Note")] == "ring the DSL" and row[heads.index("Decision version")] == 2
    assert row[heads.index("Decided")] == dt.datetime(2019, 6, 3, 10, 5)  # 09:05 UTC is 10:05 BST
    write_flags_xlsx(path, result, flags=[])
    ws = openpyxl.load_workbook(path)["Flags"]
    assert ws.max_row == 2 and "No flags" in ws["A2"].value


def test_evidence_changed_since_the_decision_is_written_with_what_was_added_and_removed(result, tmp_path):
    flag = next(f for f in result.flags if len(f["evidence"]) >= 2)
    added, removed = flag["evidence"][0], {**flag["evidence"][1], "row": 999, "excerpt": "Home visit, no answer"}
    changed = {**flag, "evidence_change": {"added": [added], "removed": [removed]}}
    path = tmp_path / "flags.xlsx"
    write_flags_xlsx(path, result, {flag["id"]: {"decision": "confirmed", "reviewer": "J. Smith", "version": 1,
                                                 "decided_at": dt.datetime(2019, 3, 26, 9, 0, tzinfo=dt.UTC)}},
                     flags=[changed])
    ws = openpyxl.load_workbook(path)["Flags"]
    heads = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=heads.index("Evidence changed since the decision") + 1).value
    assert cell.startswith("Evidence changed since the decision: added ")
    assert f"row {added['row']}" in cell and "removed " in cell and "row 999" in cell and "no answer" in cell
    write_flags_xlsx(path, result, flags=[flag])
    ws = openpyxl.load_workbook(path)["Flags"]
    assert ws.cell(row=2, column=heads.index("Evidence changed since the decision") + 1).value is None

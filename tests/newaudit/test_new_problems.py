"""Each problem a filled workbook can have is listed by sheet, row and column with what to do, and nothing is
written while any remains: not a new audit folder, not a changed audit.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from new_fill import Edit, fill, put

from checker.cli.main import main
from checker.intake.setup_apply import apply_setup
from checker.intake.setup_read import read_setup

PROBLEMS: dict[str, tuple[list[Edit], str, int, str, str]] = {
    # name: (edits, sheet, row, column letter, words in the message)
    "case in People not in Cases": ([put("People", "A5", "case-9")], "People", 5, "A", "not on the Cases sheet"),
    "unknown agency type": ([put("Agencies", "B5", "Social services")], "Agencies", 5, "B", "not an agency type"),
    "date that is not a date": ([put("People", "D4", "31/02/2023")], "People", 4, "D", "not a date"),
    "plan ending before it starts": ([put("Plans", "E4", "01/01/2026")], "Plans", 4, "E", "ends (01/01/2026) "
                                     "before it starts (02/02/2026)"),
    "two cases with one id": ([put("Cases", "A5", "case-1")], "Cases", 5, "A", "two cases have this id"),
    "unborn without a due date": ([put("People", "D7", None)], "People", 7, "D", "expected delivery date"),
    "meeting date not a date": ([put("Audit", "B9", "next Tuesday")], "Audit", 9, "B", "not a date"),
    "agency in the grid not on Agencies": ([put("Expected", "D2", "Testshire Fire")], "Expected", 2, "D",
                                           "not on the Agencies sheet"),
    "a name as a case id": ([put("Cases", "A5", "Smith family")], "Cases", 5, "A", "letters, digits"),
    "a plan for a child not in People": ([put("Plans", "C4", "Z")], "Plans", 4, "C", "no child of this case"),
    "unknown plan type": ([put("Plans", "B4", "Section 47")], "Plans", 4, "B", "not a plan type"),
    "unknown role": ([put("People", "B5", "aunt")], "People", 5, "B", "not a role"),
    "audit period ending before it starts": ([put("Audit", "B8", "01/01/2025")], "Audit", 8, "B",
                                             "ends (01/01/2025) before it starts (01/04/2025)"),
    "audit period with one date": ([put("Audit", "B8", None)], "Audit", 8, "B", "needs both dates"),
    "a case with no agency ticked": ([put("Expected", "B5", None), put("Expected", "C5", None)], "Expected", 5,
                                     "A", "no agency is ticked"),
}


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_each_problem_is_located_by_sheet_row_and_column(blank: bytes, name: str) -> None:
    edits, sheet, row, column, words = PROBLEMS[name]
    read = read_setup(fill(blank, *edits))
    assert read.document is None
    problem = read.errors[0]  # the cause comes first (a case id repeated also leaves the other case unknown)
    assert (problem.part, problem.row, (problem.column or "")[:1]) == (f"sheet '{sheet}'", row, column)
    assert words in problem.message, problem.line()
    assert problem.hint  # what to do


@pytest.mark.parametrize("name", ["case in People not in Cases", "plan ending before it starts"])
def test_nothing_is_written_while_an_error_remains(blank: bytes, filled: bytes, tmp_path: Path, name: str) -> None:
    edits = PROBLEMS[name][0]
    fresh = tmp_path / "fresh"
    outcome = apply_setup(fresh, fill(blank, *edits))
    assert outcome.errors and not outcome.written
    assert not fresh.exists()
    existing = tmp_path / "existing"
    assert apply_setup(existing, filled).written
    before = (existing / "audit.yaml").read_bytes()
    again = apply_setup(existing, fill(blank, put("Cases", "C4", "A new summary"), *edits))
    assert again.errors and not again.written
    assert (existing / "audit.yaml").read_bytes() == before


def test_the_command_lists_every_problem_and_exits_1(blank: bytes, tmp_path: Path) -> None:
    source = tmp_path / "setup.xlsx"
    source.write_bytes(fill(blank, put("People", "A5", "case-9"), put("Agencies", "B5", "Social services")))
    result = CliRunner().invoke(main, ["new", str(tmp_path / "audit"), "--from", str(source)])
    assert result.exit_code == 1
    assert "setup.xlsx, sheet 'People', row 5, column A (Case id): 'case-9'" in result.output
    assert "setup.xlsx, sheet 'Agencies', row 5, column B (Type): 'Social services'" in result.output
    assert "2 problem(s) to fix in setup.xlsx; nothing was written" in result.output
    assert not (tmp_path / "audit").exists()


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    outcome = apply_setup(tmp_path / "audit", b"Case id,Summary\ncase-1,x\n", source="setup.csv")
    assert outcome.errors and "not an Excel workbook" in outcome.errors[0].message
    assert not (tmp_path / "audit").exists()


def test_a_folder_holding_other_files_is_not_used(filled: bytes, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    outcome = apply_setup(tmp_path, filled)
    assert outcome.errors and "already holds files" in outcome.errors[0].message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]

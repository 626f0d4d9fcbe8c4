"""The set-up workbook and the flags workbook a panel fills in are XLSX from outside too: a stray far cell, a
zip bomb or a macro part ends in seconds with a message saying what to do, never a hang or a traceback."""

from __future__ import annotations

import io
import time
from pathlib import Path

import openpyxl
import template_craft as tc
from click.testing import CliRunner

from checker.cli.main import main
from checker.intake.setup_read import read_setup
from checker.outputs.flags_xlsx import read_decisions
from checker.outputs.setup_workbook import setup_workbook

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
MACRO = {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(508)}


def _flags_book() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Case", "Decision", "Reason", "Note", "Flag id"])
    book.active.append(["case-1", "Confirmed", None, None, "f-0123456789"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_far_cell_in_the_set_up_workbook_is_refused_naming_the_sheet_and_cell() -> None:
    data = tc.add_rows(setup_workbook(), "People", tc.far_cell())
    started = time.monotonic()
    read = read_setup(data)
    assert time.monotonic() - started < 20
    assert read.document is None
    errors = [p for p in read.problems if p.level == "error"]
    assert len(errors) == 1 and "People" in errors[0].message and "XFD1048576" in errors[0].message
    assert "Delete the rows and columns" in errors[0].hint


def test_a_set_up_workbook_with_macros_or_a_bomb_is_refused_before_it_is_opened() -> None:
    for data in (tc.rezip(setup_workbook(), add=MACRO), tc.rezip(setup_workbook(), bomb={tc.sheet_part(setup_workbook(), "Cases"): 600})):
        started = time.monotonic()
        read = read_setup(data)
        assert time.monotonic() - started < 20
        assert read.document is None and [p for p in read.problems if p.level == "error"]


def test_the_blank_set_up_workbook_still_reads_to_its_own_problems_not_a_size_refusal() -> None:
    read = read_setup(setup_workbook())  # a plain workbook is not refused by the new limits
    assert not any("at most" in p.message for p in read.problems)


def test_a_far_cell_in_a_flags_workbook_is_read_in_seconds_and_adds_nothing() -> None:
    data = tc.add_rows(_flags_book(), "Sheet", tc.far_cell())
    started = time.monotonic()
    read = read_decisions(data)
    assert time.monotonic() - started < 30
    assert [(r.row, r.flag_id) for r in read.rows] == [(2, "f-0123456789")] and not read.problems


def test_the_flags_workbook_rows_are_still_read_under_the_limit() -> None:
    read = read_decisions(_flags_book())
    assert [(r.row, r.flag_id, r.decision) for r in read.rows] == [(2, "f-0123456789", "confirmed")]


def test_maca_decisions_import_refuses_a_macro_workbook(tmp_path: Path) -> None:
    book = tmp_path / "flags.xlsx"
    book.write_bytes(tc.rezip(_flags_book(), add=MACRO))
    done = CliRunner().invoke(main, ["decisions", "import", str(SAMPLE), str(book), "--reviewer", "Panel secretary",
                                     "--db", f"sqlite:///{tmp_path / 'maca.sqlite'}"])
    assert done.exit_code != 0 and done.exit_code != 3, done.output
    assert "macro" in done.output.lower() and "Traceback" not in done.output

"""A finding the panel added as the flags workbook carries it: its row comes back only while it is still
marked and its hidden content is intact (else the row is named with what to do); entries no longer in the
chronology are kept by their id."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pandas as pd

from checker.outputs.flags_xlsx import read_decisions
from checker.outputs.panel_findings import PANEL_MARK, entry_evidence, panel_cell, read_panel_cell

FINDING: dict[str, Any] = {"id": "p-0123456789ab", "case": "case-1", "rule": None, "theme": "Rush to consent",
                           "agencies": ["midwifery"], "entries": ["e1"], "note": "n", "version": 3}


def _book(*rows: list[Any]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Case", "Decision", "Reason", "Note", "Flag id", "Decision version", "Panel finding"])
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_marked_row_comes_back_with_its_content_and_version() -> None:
    cell = panel_cell({"added_by_panel": True, "finding": FINDING})
    assert read_panel_cell(cell) == {"case": "case-1", "rule": None, "theme": "Rush to consent",
                                     "agencies": ["midwifery"], "entries": ["e1"]}
    read = read_decisions(_book(["case-1", PANEL_MARK, None, "sharper note", FINDING["id"], 3, cell]))
    (row,) = read.findings
    assert (row.row, row.finding_id, row.version, row.note, row.content["theme"]) == (
        2, FINDING["id"], 3, "sharper note", "Rush to consent")
    assert not read.rows and not read.problems


def test_a_finding_row_unmarked_or_without_its_content_is_named_not_taken() -> None:
    cell = panel_cell({"added_by_panel": True, "finding": FINDING})
    read = read_decisions(_book(["case-1", "Confirmed", None, "n", FINDING["id"], 3, cell],
                                ["case-1", PANEL_MARK, None, "n", FINDING["id"], 3, "not json"],
                                ["case-1", PANEL_MARK, None, "n", None, 3, cell]))
    assert not read.findings and not read.rows
    assert [(p.row, p.message.split(":")[0]) for p in read.problems] == [
        (2, "a finding the panel added, no longer marked 'Added by the panel'"),
        (3, "marked 'Added by the panel' but its hidden finding columns are empty or changed"),
        (4, "marked 'Added by the panel' but its hidden finding columns are empty or changed")]
    assert panel_cell({"id": "f-1"}) is None and read_panel_cell('{"case": 3}') is None


def test_an_entry_no_longer_in_the_chronology_is_kept_by_its_id() -> None:
    frame = pd.DataFrame({"entry_id": ["e1"], "file": ["chronologies/a.csv"], "row": [4], "agency": ["gp"],
                          "date": [pd.Timestamp("2019-03-12")], "event": ["Seen   at home"]})
    assert entry_evidence(["e1", "gone"], frame) == [
        {"entry_id": "e1", "file": "chronologies/a.csv", "row": 4, "agency": "gp", "date": "2019-03-12",
         "excerpt": "Seen at home"},
        {"entry_id": "gone", "file": "entry gone", "row": None, "excerpt": "no longer in the chronology"}]

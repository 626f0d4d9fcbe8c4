"""Things defined once: the severity order, the month names, spreadsheet column letters, the row order and
where maca keeps its own files. Each test reads the behaviour a caller relies on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from checker.intake.headers import column_letter
from checker.model.datafiles import data_dir
from checker.model.dates import parse_uk_date
from checker.model.frame import ROW_ORDER, in_row_order
from checker.model.severity import SEVERITIES, SEVERITY_ORDER
from checker.model.wording import severity_words
from checker.text.extract import extract_dates


def test_severity_order_is_most_severe_first_and_worded() -> None:
    assert sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get) == list(SEVERITIES) == ["high", "medium", "low", "info"]
    assert [severity_words(s) for s in SEVERITIES] == ["High", "Medium", "Low", "For information"]


@pytest.mark.parametrize("month", ["sept", "September", "Sep"])
def test_the_same_month_names_are_read_in_a_date_cell_and_in_the_text(month: str) -> None:
    assert parse_uk_date(f"3 {month} 2019").start == dt.date(2019, 9, 3)
    assert dt.date(2019, 9, 3).isoformat() in extract_dates(f"Seen on 3 {month} 2019", dt.date(2019, 12, 1))


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_count_from_zero_as_openpyxl_does_from_one(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_rows_sort_by_case_date_agency_then_entry_id() -> None:
    frame = pd.DataFrame({"case": ["b", "a", "a", "a"], "date": pd.to_datetime(["2019-01-01"] * 3 + ["2018-01-01"]),
                          "agency": ["x", "y", "x", "x"], "entry_id": ["1", "2", "4", "3"]})
    out = in_row_order(frame)
    assert list(out["entry_id"]) == ["3", "4", "2", "1"] and list(out.index) == [0, 1, 2, 3]
    assert ROW_ORDER == ["case", "date", "agency", "entry_id"]


def test_data_dir_is_the_env_override_else_the_users_data_folder(tmp_path: Path) -> None:
    assert data_dir({"MACA_DATA_DIR": str(tmp_path)}) == tmp_path
    assert data_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "maca"
    assert data_dir({}).parts[-3:] == (".local", "share", "maca")

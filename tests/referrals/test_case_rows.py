"""A referral reads its case's rows as plain columns: the same rows, dates and first-on-or-after dates as the
pandas reading of the frame, on the edge cases (no rows, one row, undated rows, the same day twice)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from checker.outputs.referrals.build import _Columns, _first_on_or_after, _on_or_after

FIRST, AS_OF = dt.date(2019, 3, 1), dt.date(2019, 4, 1)


def _frame(rows: list[tuple[str, str | None, tuple[str, ...]]]) -> pd.DataFrame:
    return pd.DataFrame({
        "entry_id": [r[0] for r in rows],
        "file": ["housing.csv"] * len(rows),
        "row": list(range(2, 2 + len(rows))),
        "event": [f"entry {r[0]}" for r in rows],
        "date": pd.to_datetime([r[1] for r in rows], format="%Y-%m-%d"),
        "kinds": [r[2] for r in rows],
    })


def _pandas_reading(frame: pd.DataFrame, kinds: set[str]) -> list[str]:
    dates = frame["date"].dt.date
    hits = frame["kinds"].map(lambda k: bool(kinds & set(k))).astype(bool)
    return frame[hits & (dates >= FIRST) & (dates <= AS_OF)]["entry_id"].tolist()


CASES = {
    "no rows": [],
    "one row": [("a", "2019-03-05", ("early_help_start",))],
    "undated": [("a", None, ("early_help_start",)), ("b", "2019-03-09", ("early_help_start", "signposting"))],
    "same day twice": [("a", "2019-03-09", ("early_help_start",)), ("b", "2019-03-09", ("early_help_start",))],
    "edges": [("a", "2019-03-01", ("early_help_start",)), ("b", "2019-04-01", ("x", "early_help_start")),
              ("c", "2019-02-28", ("early_help_start",)), ("d", "2019-04-02", ("early_help_start",)),
              ("e", "2019-03-10", ("other",))],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_rows_agree_with_the_pandas_reading(name: str) -> None:
    frame = _frame(CASES[name])
    rows = _Columns(frame).rows(range(len(frame)))
    assert rows.entry_id == frame["entry_id"].tolist()
    assert rows.date == [None if pd.isna(d) else d.date() for d in frame["date"]]
    found = [rows.entry_id[i] for i in _on_or_after(rows, {"early_help_start"}, FIRST, AS_OF)]
    assert found == _pandas_reading(frame, {"early_help_start"})
    expected = _pandas_reading(frame, {"early_help_start"})
    first = frame[frame["entry_id"].isin(expected)]["date"].min().date() if expected else None
    assert _first_on_or_after(rows, {"early_help_start"}, FIRST, AS_OF) == first

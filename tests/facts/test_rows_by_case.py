"""Rows split by case once (`checker.facts.rows`) come out as the per-case pandas reading gave them: each case's
rows sorted by (date, entry id) with ties in frame order and undated rows last, or in frame order; dates as
`Series.sort_values()` orders them, ties included."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.facts.context import by_case
from checker.facts.rows import as_timestamp, date_order, tuples_by_case

_DAYS = [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-02 09:30"), pd.NaT]

_row = st.fixed_dictionaries({
    "case": st.sampled_from(["c1", "c2", "c10", None]),
    "date": st.sampled_from(_DAYS),
    "entry_id": st.sampled_from(["e1", "e2", "e10", "E3"]),  # repeats: rows tied on both keys
    "agency": st.sampled_from(["csc", "housing"]),
})


def _frame(rows: list[dict[str, object]], labels: list[int]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["case", "date", "entry_id", "agency"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame.index = labels[: len(frame)]
    frame["tag"] = range(len(frame))  # tells tied rows apart
    return frame


def _per_case(frame: pd.DataFrame, dated: bool) -> dict[str, list[tuple[object, ...]]]:
    """The reading the derivations used to do: filter each case's rows, sort them, read them out."""
    out = {}
    for case, rows in by_case(frame).items():
        if dated:
            rows = rows.sort_values(["date", "entry_id"])
        out[case] = [(e, None if pd.isna(d) else d, a, t)
                     for e, d, a, t in zip(rows["entry_id"], rows["date"], rows["agency"], rows["tag"], strict=True)]
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(_row, max_size=30), st.booleans(), st.permutations(list(range(30))))
def test_each_cases_rows_come_out_as_the_per_case_sort_gave_them(rows, dated, labels):
    frame = _frame(rows, labels)
    split = tuples_by_case(frame, ("entry_id", "date", "agency", "tag"), dated=dated)
    got = {case: [(e, as_timestamp(d), a, t) for e, d, a, t in found] for case, found in split.items()}
    assert got == _per_case(frame, dated)


def test_no_rows_no_cases():
    empty = _frame([], [])
    assert tuples_by_case(empty, ("entry_id",)) == {}
    assert tuples_by_case(empty.iloc[0:0], ("entry_id",), dated=False) == {}


def test_an_undated_row_comes_last_and_has_no_date():
    frame = _frame([{"case": "c1", "date": pd.NaT, "entry_id": "e0", "agency": "csc"},
                    {"case": "c1", "date": _DAYS[1], "entry_id": "e9", "agency": "csc"}], [0, 1])
    assert tuples_by_case(frame, ("entry_id", "date")) == {"c1": [("e9", _DAYS[1].value), ("e0", None)]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_DAYS), max_size=40))
def test_dates_come_out_in_the_order_sort_values_gives_ties_included(days):
    dates = pd.Series(pd.to_datetime(pd.Series(days, dtype="object")), dtype="datetime64[ns]")
    expected = dates.sort_values().index.tolist()
    assert date_order([None if pd.isna(d) else d.value for d in dates]) == expected

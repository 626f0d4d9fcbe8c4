"""The bundle's chronology built a column at a time (`combine`) is exactly the frame the whole-frame reference
builds (concatenate the files' frames, sort by file and row, number repeated ids, sort into the bundle's order),
with the same 'entry-in-two-files' problems in the same order — on files with rows out of order, the same entry
in two files, ids already numbered in their file, ties on case, date and agency, and undated rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.intake.columns import hex_numbers, number_repeats
from checker.intake.combine import combine
from checker.model.frame import COLUMNS, empty_frame, in_row_order
from checker.model.problems import Problem


def _reference(frames: list[pd.DataFrame], problems: list[Problem]) -> pd.DataFrame:
    """What `combine` did before it worked column by column: the whole frame concatenated, then sorted."""
    parts = sorted((f for f in frames if len(f)), key=lambda f: str(f["file"].iat[0]))
    if not parts:
        return empty_frame()
    frame = pd.concat(parts, ignore_index=True)
    if not all(f["row"].is_monotonic_increasing for f in parts):
        frame = frame.sort_values(["file", "row"], kind="stable", ignore_index=True)
    ids = frame["entry_id"].to_numpy(dtype=object)
    base = pd.Series(ids.copy(), dtype=object)
    numbered = np.array([len(i) > 16 for i in ids], dtype=bool)
    base[numbered] = [i[:16] for i in ids[numbered].tolist()]
    occurrence = base.groupby(base, sort=False).cumcount()  # number_repeats as it was: a pandas grouping
    frame["entry_id"] = pd.Series([i if n == 0 else f"{i}-{n + 1}" for i, n in zip(base, occurrence, strict=True)],
                                  dtype=object)
    assert frame["entry_id"].tolist() == number_repeats(base).tolist()
    repeated = frame[base.duplicated(keep=False)]
    for _, group in repeated.groupby(base[repeated.index], sort=False):
        files, rows = group["file"].tolist(), group["row"].tolist()
        for file, row in zip(files[1:], rows[1:], strict=True):
            if file != files[0]:
                problems.append(Problem("info", str(file), f"the same entry (case, agency, date and text) is also in "
                                        f"{files[0]} row {rows[0]}; both loaded", row=int(row),
                                        code="entry-in-two-files"))
    return in_row_order(frame)


HEX_IDS = ["0123456789abcdef", "fedcba9876543210", "00000000000000aa", "0123456789abcdef-2", "fedcba9876543210-3"]
ODD_IDS = ["0123456789ABCDEF", "short", "0123456789abcdeg", "ÿ123456789abcdef", "short-2"]  # grouped as text
DAYS = [pd.Timestamp("2019-01-02"), pd.Timestamp("2018-12-31"), pd.Timestamp("2019-01-02 00:00")]


@st.composite
def file_frames(draw: st.DrawFn) -> list[pd.DataFrame]:
    frames = []
    ids = HEX_IDS + (ODD_IDS if draw(st.booleans()) else [])
    for i in range(draw(st.integers(0, 4))):
        n = draw(st.integers(0, 9))
        rows = draw(st.lists(st.integers(2, 40), min_size=n, max_size=n, unique=True))
        if draw(st.booleans()):
            rows.sort()
        frame = empty_frame().reindex(range(n))
        undated = draw(st.booleans())
        values = {
            "entry_id": st.sampled_from(ids), "case": st.sampled_from(["c-1", "c-10", "C-2"]),
            "agency": st.sampled_from(["hv", "gp", "housing"]),
            "date": st.sampled_from(DAYS + ([pd.NaT] if undated else [])),
            "event": st.sampled_from(["Visit", "café", ""]),
        }
        for column, values_of in values.items():
            frame[column] = pd.Series(draw(st.lists(values_of, min_size=n, max_size=n)), dtype=frame[column].dtype)
        frame["date_end"] = frame["date"]
        for column in ("date_precision", "date_text", "source", "impact", "action", "event_type", "attendees_text"):
            frame[column] = pd.Series(["day"] * n, dtype=object)
        frame["file"] = pd.Series([f"chronologies/{'zyx'[i % 3]}{i}.csv"] * n, dtype=object)
        frame["row"] = pd.Series(rows, dtype="int64")
        for column in ("kinds", "text_dates", "attendees"):
            frame[column] = pd.Series([()] * n, dtype=object)
        frame["attendees_known"] = pd.Series([False] * n, dtype=bool)
        frames.append(frame[list(COLUMNS)])
    return frames


@settings(max_examples=40, deadline=None)
@given(file_frames())
def test_built_a_column_at_a_time_it_is_the_whole_frame_reference(frames: list[pd.DataFrame]) -> None:
    want_problems: list[Problem] = []
    want = _reference([f.copy() for f in frames], want_problems)
    problems: list[Problem] = []
    given_frames = [f.copy() for f in frames]
    got = combine(given_frames, problems)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got.index.equals(want.index) and got.columns.dtype == want.columns.dtype
    assert problems == want_problems
    assert given_frames == []  # the files' frames are let go


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(HEX_IDS[:3] + ODD_IDS[:3] + ["", "0" * 16, "f" * 16]), max_size=8))
def test_hex_ids_are_numbers_equal_exactly_where_the_ids_are(ids: list[str]) -> None:
    numbers = hex_numbers(np.array(ids, dtype=object))
    if any(len(i) != 16 or any(c not in "0123456789abcdef" for c in i) for i in ids):
        assert numbers is None
    else:
        assert numbers is not None and [int(i, 16) for i in ids] == numbers.tolist()

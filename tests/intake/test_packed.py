"""A frame packed for another process (Arrow columns, not pickled Python strings) is rebuilt exactly: the same
columns in the same order, dtypes, index, and every value — text in any script, empty strings, None beside NaN,
NaT, tuples of text, numbers among texts — whether it crosses a process (pickled) or not."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.intake.bundle import load_bundle
from checker.intake.packed import _Coded, pack, unpack
from checker.model.datafiles import SAMPLE_BUNDLE

TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(["", " ", "café", "\u2028", "=SUM(A1)",
                                                                           "日本語", "🙂", "a\x00b"])
ODD = st.none() | st.just(float("nan")) | st.integers(-3, 3) | st.just(pd.NaT)  # what a text column may not hold
DATES = st.datetimes(min_value=pd.Timestamp("1900-01-01").to_pydatetime(),
                     max_value=pd.Timestamp("2100-01-01").to_pydatetime())


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and (a is b or a == b)


def _assert_rebuilt(sent: pd.DataFrame, rebuilt: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(rebuilt, sent, check_exact=True)
    assert rebuilt.index.equals(sent.index) and type(rebuilt.index) is type(sent.index)
    assert list(rebuilt.columns) == list(sent.columns) and rebuilt.columns.dtype == sent.columns.dtype
    for name in sent.columns:
        assert rebuilt[name].dtype == sent[name].dtype, name
        if sent[name].dtype == object:  # None stays None, NaN NaN, a tuple a tuple (assert_frame_equal is lenient)
            assert all(_same(a, b) for a, b in zip(sent[name].tolist(), rebuilt[name].tolist(), strict=True)), name


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 12))
    rows = st.lists(TEXT, min_size=n, max_size=n)
    text_with_odd = st.lists(TEXT | ODD, min_size=n, max_size=n)
    dates = st.lists(DATES | st.none(), min_size=n, max_size=n)
    frame = pd.DataFrame({
        "event": pd.Series(draw(rows), dtype=object),
        "case": pd.Series(draw(st.lists(st.sampled_from(["case-1", "case-2", "é"]), min_size=n, max_size=n)),
                          dtype=object),
        "odd": pd.Series(draw(text_with_odd), dtype=object),
        "kinds": pd.Series(draw(st.lists(st.lists(TEXT, max_size=3).map(tuple), min_size=n, max_size=n)),
                           dtype=object),
        "date": pd.Series(pd.to_datetime(draw(dates)), dtype="datetime64[ns]"),
        "row": pd.Series(draw(st.lists(st.integers(-2**40, 2**40), min_size=n, max_size=n)), dtype="int64"),
        "known": pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool),
    })
    order = draw(st.permutations(list(frame.columns)))
    frame = frame[order]
    if n and draw(st.booleans()):  # a partition: rows taken from a bigger frame keep their labels
        frame = frame.take(sorted(draw(st.sets(st.integers(0, n - 1), min_size=1))))
    return frame


@settings(max_examples=60, deadline=None)
@given(frames())
def test_a_packed_frame_is_rebuilt_exactly(frame: pd.DataFrame) -> None:
    _assert_rebuilt(frame, unpack(pack(frame)))
    _assert_rebuilt(frame, unpack(pickle.loads(pickle.dumps(pack(frame)))))


def test_text_travels_in_arrow_and_odd_columns_as_they_are() -> None:
    frame = pd.DataFrame({"event": pd.Series(["a", "b", "a"], dtype=object),
                          "mixed": pd.Series(["a", None, float("nan")], dtype=object),
                          "kinds": pd.Series([(), ("visit",), ()], dtype=object)})
    event, mixed, kinds = pack(frame).columns
    assert isinstance(event, _Coded) and not event.tuples and event.uniques.to_pylist() == ["a", "b"]
    assert event.codes.tolist() == [0, 1, 0]
    assert isinstance(kinds, _Coded) and kinds.tuples
    assert not isinstance(mixed, _Coded)  # None and NaN differ: the column goes as it is
    rebuilt = unpack(pack(frame))
    assert rebuilt["mixed"][1] is None and math.isnan(rebuilt["mixed"][2])
    assert rebuilt["kinds"].tolist() == [(), ("visit",), ()]
    assert rebuilt["event"][0] is rebuilt["event"][2]  # equal texts share one object, as the importer makes them
    surrogate = pd.DataFrame({"event": pd.Series(["a", "\ud800"], dtype=object)})  # not UTF-8: kept as it is
    assert not isinstance(pack(surrogate).columns[0], _Coded)
    _assert_rebuilt(surrogate, unpack(pickle.loads(pickle.dumps(pack(surrogate)))))


def test_the_loaded_chronology_and_a_partition_of_it_travel_exactly() -> None:
    chronology = load_bundle(SAMPLE_BUNDLE).chronology
    assert len(chronology) > 20
    _assert_rebuilt(chronology, unpack(pickle.loads(pickle.dumps(pack(chronology)))))
    part = chronology.take(np.arange(3, len(chronology), 4))
    _assert_rebuilt(part, unpack(pickle.loads(pickle.dumps(pack(part)))))
    _assert_rebuilt(chronology.iloc[:0], unpack(pack(chronology.iloc[:0])))

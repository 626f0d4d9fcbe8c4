"""`Context.entries` on factorized codes, dated before the rows are copied, picks exactly the rows the pandas
reading picks (`_entries_reference`: `isin` on the strings, then the date filter), in the same order, with
the same index and columns: for any kinds, statuses, agency types and as-of date, undated rows included."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from functools import cache
from typing import Any

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.facts import Context
from checker.intake.bundle import load_bundle
from checker.model.audit import Manifest
from checker.model.datafiles import SAMPLE_BUNDLE

Reading = namedtuple("Reading", "kind status")
KINDS = ["referral", "hv_visit", "strategy_meeting", "dna", "nope"]
STATUSES = ["done", "planned", "attempted", "negated"]
AGENCIES = ["csc", "hv", "gp", "housing", "police", "unknown-agency"]
TYPES = ["childrens_social_care", "health_visiting", "gp", "housing", "no_such_type"]
_DAYS = [pd.Timestamp("2019-01-02"), pd.Timestamp("2019-03-26"), pd.Timestamp("2019-03-26 14:00"),
         pd.Timestamp("2019-05-01"), pd.NaT]


@cache
def _manifest() -> Manifest:
    manifest = load_bundle(SAMPLE_BUNDLE).manifest
    assert manifest is not None
    return manifest


_row = st.fixed_dictionaries({
    "entry_id": st.sampled_from(["e1", "e2", "e3", "e10"]),
    "case": st.sampled_from(["c1", "c2"]),
    "agency": st.sampled_from(AGENCIES),
    "date": st.sampled_from(_DAYS),
    "readings": st.lists(st.builds(Reading, st.sampled_from(KINDS[:-1]), st.sampled_from(["done", *STATUSES])),
                         min_size=1, max_size=3),
})


def _frame(rows: list[dict[str, Any]], unit: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["entry_id", "case", "agency", "date", "readings"])
    frame["date"] = pd.to_datetime(frame["date"]).astype(f"datetime64[{unit}]")
    frame["readings"] = [tuple(r) for r in frame["readings"]]
    frame["kinds"] = [tuple(dict.fromkeys(r.kind for r in rs if r.status == "done")) for rs in frame["readings"]]
    frame.index = range(100, 100 + 3 * len(frame), 3)  # labels that are not positions
    return frame


_some = st.none() | st.lists(st.sampled_from(TYPES), min_size=1, max_size=2)


@settings(max_examples=40, deadline=None)
@example(rows=[{"entry_id": "e1", "case": "c1", "agency": "csc", "date": _DAYS[1], "readings": [Reading("dna", "done")]},
               {"entry_id": "e2", "case": "c2", "agency": "hv", "date": pd.NaT, "readings": [Reading("dna", "done")]}],
          kinds=["dna"], statuses=None, agency_types=None, exclude=None, until=True, as_of=dt.date(2019, 3, 26),
          unit="ns")  # dated on the as-of day itself: in; undated: out
@given(rows=st.lists(_row, min_size=3, max_size=20), kinds=st.lists(st.sampled_from(KINDS), min_size=2, max_size=4),
       statuses=st.none() | st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2), agency_types=_some,
       exclude=_some, until=st.booleans(), as_of=st.sampled_from([dt.date(2019, 3, 26), dt.date(2020, 1, 1)]),
       unit=st.sampled_from(["ns", "us"]))
def test_entries_on_codes_equal_the_pandas_reading(rows: list[dict[str, Any]], kinds: list[str], statuses: Any,
                                                   agency_types: Any, exclude: Any, until: bool, as_of: dt.date,
                                                   unit: str) -> None:
    frame = _frame(rows, unit)
    ctx = Context(manifest=_manifest(), frame=frame, returns=(), as_of=as_of)
    for _ in range(2):  # the second time from the codes factorized the first
        got = ctx._entries(kinds, agency_types, exclude, until, statuses)
        want = ctx._entries_reference(kinds, agency_types, exclude, until, statuses)
        pd.testing.assert_frame_equal(got, want)
    if until:
        assert not got["date"].isna().any() and (got["date"] <= pd.Timestamp(as_of)).all()

"""The quicker column readers (issue 26) give, row for row, what the one-text reference readings give: the dates
written in the text (each kind of date read only where its screen finds it), the entry dates as days, and the
kinds column. On generated text made of the pieces real chronologies hold (UK dates such as 03/04/19, "18th
March", "in 14 days", gestation "34/40" and follow-up "F/u 5/52" that are not dates, "Field: value" templates),
through RE2 (many texts) and through Python `re` (a few), and with the fallback text engine forced."""

from __future__ import annotations

import datetime as dt
import re
from unittest.mock import patch

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model.audit import Manifest
from checker.model.limits import MATCH_CHARS
from checker.text import links
from checker.text.attendance import (
    _LIST_START,
    _MAY_HOLD_LIST,
    _MAY_OPEN_LIST,
    attendee_map,
    attendees_columns,
    extract_attendees,
)
from checker.text.compile import load_rules
from checker.text.extract import (
    _DATE_PATTERNS,
    _DATE_SCREENS,
    _MAY_HOLD_DATE,
    _as_date,
    _days,
    _find_dates,
    dates_column,
    entry_days,
    extract_dates,
)
from checker.text.links import _any_type_word, _service_words, _type_words, referral_targets, targets_column
from checker.text.match import column_strings, entry_texts, kinds_of, normalise_for_matching, read_texts

from .test_cue_pass import ENGINES, engine  # the text engine forced for a block (the fallback always)

RULES = load_rules()

_NUMBER = st.integers(0, 40).map(str) | st.sampled_from(["00", "01", "03", "09", "10", "12", "13", "19", "31", "52",
                                                            "2019", "2020", "1999", "123"])  # fmt: skip
_SEP = st.sampled_from(["/", ".", "-", " ", "+", "/ ", ""])
_PAIR = st.tuples(_NUMBER, _SEP, _NUMBER).map("".join)
_TRIPLE = st.tuples(_NUMBER, st.sampled_from(["/", ".", "-"]), _NUMBER, st.sampled_from(["/", ".", "-"]), _NUMBER)
PIECES = [
    "seen", "on", "in", "within", "after", "the next", "aged", "age", "x", "F/u", "f/u", "r/v", "gestation",
    "EDD", "Date:", "Next visit:", "Plan:", "\n", "|", ".", ",", ";", "-", "(", ")", "days", "day", "weeks", "wks",
    "wk", "time", "old", "ago", "mins", "hours", "months", "yrs", "tomorrow", "Tomorrow", "a fortnight",
    "fortnight", "today", "weekly", "of", "st", "nd", "rd", "th", "March", "mar", "Mar.", "sept", "May", "may",
    "december", "Jan", "two", "fourteen", "twenty one", "a", "an", "bailiffs booked for", "hearing", "café",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), _NUMBER, _PAIR, _TRIPLE.map("".join)), max_size=12).map(" ".join)
REAL = st.sampled_from([
    "Saw Noah alone at the surgery. . F/u 2/52", "HV visit booked for 03/04/19", "Seen 18th March re housing",
    "Possession order to take effect in 14 days", "Antenatal check at 34/40, all well", "Bailiffs booked for 18/03",
    "Next visit:\n12/4\nOutcome: seen", "Date: 2019-03-02\nPlan: review in 2 weeks", "Reggie 4-4 year review",
    "EDD 24+3; f/u 6/52", "aged 3/12 at the time", "Hearing on March 5th, 2019", "within a fortnight",
    "seen tomorrow at 10", "ICPC 3 weeks time", "supervision: actions for next 9 wks", "fit note for 3 weeks",
    "1/2 of the rent paid", "Letter dated 31.12.18", "Review 29 Feb", "in twenty one days",
])  # fmt: skip
DAYS = st.one_of(st.none(), st.dates(dt.date(2017, 1, 1), dt.date(2021, 12, 31)))


def _reference(texts: list[str], whens: pd.Series) -> list[tuple[str, ...]]:
    """The reading `dates_column` replaces: `extract_dates` on every row the first screen lets through."""
    return [extract_dates(t, w, RULES) if _MAY_HOLD_DATE.search(t) else () for t, w in zip(texts, whens, strict=True)]


@pytest.mark.parametrize("copies", [1, 70])  # a few texts: Python `re`; 64 and more: RE2 through pyarrow
@settings(max_examples=15, deadline=None)
@given(texts=st.lists(TEXT | REAL, min_size=1, max_size=20), days=st.lists(DAYS, min_size=20, max_size=20))
def test_dates_column_reads_each_row_as_extract_dates_does(copies: int, texts: list[str], days: list) -> None:
    texts = (texts * copies)[: max(len(texts), 64 if copies > 1 else 0)]
    whens = pd.Series(pd.to_datetime([days[i % len(days)] for i in range(len(texts))]))
    assert dates_column(pd.Series(texts, dtype=object), whens, RULES).tolist() == _reference(texts, whens)


@settings(max_examples=200, deadline=None)
@given(text=TEXT | REAL, day=DAYS)
def test_a_text_a_date_screen_misses_holds_no_date_of_that_kind(text: str, day: dt.date | None) -> None:
    lowered = " ".join(text.lower().split())
    for kind, screen in _DATE_SCREENS:
        if screen.search(lowered) is None:
            assert _find_dates(lowered, day, RULES, frozenset({kind}), phrases=False) == (), (kind, lowered)


def test_the_date_screens_cover_every_kind_of_date_and_skip_what_is_not_a_date() -> None:
    assert [k for k, _ in _DATE_SCREENS] == [k for k, _ in _DATE_PATTERNS]
    dm = dict(_DATE_SCREENS)["dm"]
    for not_a_date in ("f/u 5/52", "at 34/40", "3/7", "1/2 of the rent", "12/13", "123/4"):
        assert dm.search(not_a_date) is None, not_a_date
    for date in ("bailiffs booked for 18/03", "12/4", "seen 3/12.", "(01/10)", "9/11"):
        assert dm.search(date) is not None, date
    got = dates_column(pd.Series(["f/u 5/52", "seen 18/03; f/u 5/52", "in 14 days", "34/40"]),
                       pd.Series(pd.to_datetime(["2019-03-02"] * 4)), RULES).tolist()
    assert got == [(), ("2019-03-18",), ("2019-03-16",), ()]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))), max_size=30),
       st.sampled_from(["ns", "us", "s"]), st.booleans())  # fmt: skip
def test_entry_days_are_the_dates_as_each_value_reads(values: list, unit: str, zoned: bool) -> None:
    column = pd.Series(pd.to_datetime(values)).astype(f"datetime64[{unit}]")
    if zoned:
        column = column.dt.tz_localize("Europe/London", ambiguous="NaT", nonexistent="NaT")
    rows = list(range(len(values)))[::-1]
    as_objects = column.astype(object).tolist()
    assert entry_days(column, rows) == [_as_date(as_objects[i]) for i in rows]
    mixed = pd.Series([*as_objects, "2019-03-02", None, "not a date"], dtype=object)
    assert entry_days(mixed, [len(values), len(values) + 2]) == [dt.date(2019, 3, 2), None]


def test_no_rows_read_no_dates() -> None:
    assert dates_column(pd.Series([], dtype=object), pd.Series([], dtype="datetime64[ns]")).tolist() == []
    assert entry_days(pd.Series(np.array([], dtype="datetime64[ns]")), []) == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", dates_column(pd.Series(["on 03/04/19"]), pd.Series([None])).iloc[0][0])


# --- Referral targets ------------------------------------------------------------------------------------

SERVICE_WORDS = sorted({w for _, word, _ in _service_words(RULES) for w in re.findall(r"[a-z]+(?: [a-z]+)*", word)})
LINK_PIECES = [*SERVICE_WORDS, "referral", "referred", "referrals", "request", "contact", "ppn", "to", "into", "for",
               "with", "the", "mums", "children and young peoples", ":", " :", ".", ";", "made", "sent", "submitted",
               "done", "not yet", "to be", "will", "from", "received", "accepted", "dtr", "rfs", "portal", "\n"]  # fmt: skip
LINK_TEXT = st.lists(st.sampled_from(LINK_PIECES), max_size=14).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(LINK_TEXT)
def test_the_one_pattern_of_every_type_word_matches_where_one_of_them_does(words: str) -> None:
    words = words.lstrip(" :")
    assert (_any_type_word(RULES).match(words) is not None) == any(
        p.match(words) is not None for _, p in _type_words(RULES))


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("copies", [1, 70])
@settings(max_examples=10, deadline=None)
@given(texts=st.lists(LINK_TEXT, min_size=1, max_size=20))
def test_targets_column_reads_each_row_as_referral_targets_does(name: str, copies: int, texts: list[str]) -> None:
    texts = [normalise_for_matching(t, RULES) for t in texts] * copies
    types = pd.Series(["health_visiting", "gp", "housing"] * len(texts))[: len(texts)]
    with engine(name):
        got = targets_column(pd.Series(texts, dtype=object), types, RULES).tolist()
    # The column reads only rows with a referral word (as it did before; "<service> dtr made" alone is not read).
    words = (links._REFER, links._RECEIVED, links._FRONT_DOOR_NAME)
    want = [_reference_targets(t, k) if any(p.search(t) for p in words) else ()
            for t, k in zip(texts, types, strict=True)]  # fmt: skip
    assert got == want


def _reference_targets(text: str, agency_type: str) -> tuple[str, ...]:
    """`referral_targets` with every type's words tried (the shortcut through `_any_type_word` taken away)."""
    with patch.dict(links._ANY_TYPE_WORD, {RULES.digest: re.compile(r"")}):  # matches every text
        return referral_targets(text, agency_type, RULES)


def test_a_named_referral_is_read_where_the_first_pass_finds_it() -> None:
    texts = ["marac referral submitted", "idva referral sent today", "referral to camhs made", "gp referral sent"]
    got = targets_column(pd.Series(texts * 20), pd.Series("police", index=range(80)), RULES).tolist()[:4]
    assert got == [("marac",), ("voluntary",), ("mental_health",), ()]


# --- Columns as text, the entry's text and its kinds -------------------------------------------------------

CELL = st.one_of(st.text(max_size=8), st.sampled_from(["", " ", "  Visit \n", "Date: 03/04/19\nPlan: review", "café"]),
                 st.none(), st.just(float("nan")), st.integers(-5, 5), st.floats(allow_nan=False, width=32),
                 st.just(pd.NA), st.just(pd.Timestamp("2019-03-02")), st.booleans())  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(CELL, max_size=12))
def test_column_strings_are_the_columns_values_as_pandas_writes_them(cells: list) -> None:
    column = pd.Series(cells, dtype=object)
    assert column_strings(column) == column.fillna("").astype(str).tolist()
    strings = pd.Series([c for c in cells if isinstance(c, str)], dtype="string")
    assert column_strings(strings) == strings.fillna("").astype(str).tolist()


def _entry_texts_reference(frame: pd.DataFrame) -> pd.Series:
    """How `entry_texts` was written before (pandas string methods and numpy): the reading it must keep."""
    joined = None
    for column in RULES.columns:
        if column not in frame.columns:
            continue
        part = frame[column].fillna("").astype(str).str.strip().str.slice(0, MATCH_CHARS).to_numpy(dtype=object)
        if joined is None:
            joined = part
            continue
        both = (joined != "") & (part != "")
        joined = np.where(both, joined + " . " + part, np.where(joined == "", part, joined))
    return pd.Series("" if joined is None else joined, index=frame.index, dtype=object)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL), max_size=10), st.sampled_from([None, "event_type", "action"]))
def test_entry_texts_join_the_columns_as_before(rows: list, missing: str | None) -> None:
    frame = pd.DataFrame(rows, columns=["event", "action", "event_type"], dtype=object)
    frame.loc[:, "event"] = frame["event"].map(lambda v: v * 700 if isinstance(v, str) else v)  # past MATCH_CHARS
    if missing:
        frame = frame.drop(columns=[missing])
    got = entry_texts(frame, RULES)
    pd.testing.assert_series_equal(got, _entry_texts_reference(frame))


def test_kinds_are_the_counted_readings_of_each_row_shared_or_not() -> None:
    readings = read_texts(pd.Series(["no access, card left", "hv visit - no access", "no access, card left", "",
                                     "hv antenatal visit booked for 14/03"] * 3), RULES)  # fmt: skip
    copies = pd.Series([tuple(rs) for rs in readings], dtype=object)  # equal readings, not the same objects
    want = [tuple(r.kind for r in rs if r.counted) for rs in readings]
    assert kinds_of(readings).tolist() == want == kinds_of(copies).tolist()
    assert ("no_access",) in want and () in want


# --- Attendance lists --------------------------------------------------------------------------------------

LIST_PIECES = ["present", "Present:", "PRESENT -", "attendees", "Attendees:", "attendance", "in attendance",
               "those present", "people present", "professionals present", "who attended", "attending", "attended",
               "attended by", "were", "was", "included", "at", "home", "the", "school", "sw", "hv", "gp", "housing",
               "officer", "mum", "dad", "Core group.", ",", ".", ";", ":", "-", "–", "!", "?", "\n", "|",
               "apologies", "78%", "all", "agreed", "café", "Date: 03/04/19", "Attendance: 92%"]  # fmt: skip
LIST_TEXT = st.lists(st.sampled_from(LIST_PIECES), max_size=12).map(" ".join)
AMAP = attendee_map(Manifest.model_validate({
    "audit": {"id": "t", "title": "lists", "theme": "attendance"},
    "agencies": [{"id": "csc", "name": "Children's Social Care", "type": "childrens_social_care"},
                 {"id": "hv", "name": "Health Visiting", "type": "health_visiting"},
                 {"id": "school", "name": "Millbrook Primary", "type": "education", "aliases": ["Millbrook"]}],
    "cases": [{"id": "c1"}]}), RULES)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(LIST_TEXT)
def test_a_text_the_list_screen_misses_holds_no_list(text: str) -> None:
    normalised = normalise_for_matching(text, RULES)
    if _MAY_OPEN_LIST.search(normalised) is None:
        assert _LIST_START.search(normalised) is None, normalised


@pytest.mark.parametrize("copies", [1, 70])
@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " ", "SW, HV", "Millbrook"]), LIST_TEXT), min_size=1, max_size=20))
def test_attendees_columns_read_each_row_as_extract_attendees_does(copies: int, rows: list[tuple[str, str]]) -> None:
    rows = rows * copies
    columns, texts = [c for c, _ in rows], [t for _, t in rows]
    ids, known = attendees_columns(pd.Series(columns, dtype=object), pd.Series(texts, dtype=object), AMAP)
    want = [extract_attendees(c, t, AMAP) if c.strip() or _MAY_HOLD_LIST.search(t) else ((), False) for c, t in rows]
    assert list(zip(ids.tolist(), known.tolist(), strict=True)) == want


@settings(max_examples=200, deadline=None)
@given(text=TEXT | REAL, day=DAYS)
def test_days_are_the_dates_find_dates_finds_each_once(text: str, day: dt.date | None) -> None:
    lowered = " ".join(text.lower().split())
    kinds = frozenset(k for k, _ in _DATE_PATTERNS)
    assert _days(lowered, day, kinds) == tuple(dict.fromkeys(d.date for d in _find_dates(lowered, day, RULES,
                                                                                            phrases=False)))

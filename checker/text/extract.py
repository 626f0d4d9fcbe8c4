"""Dates and attendance lists written inside chronology text.

Dates are read day first, as agencies write them:

    >>> import datetime as dt
    >>> extract_dates("bailiffs booked for 18/03", dt.date(2019, 3, 2))
    ('2019-03-18',)
    >>> extract_dates("possession order to take effect in 14 days", dt.date(2019, 3, 2))
    ('2019-03-16',)
    >>> find_dates("Eviction on 18 March", dt.date(2019, 3, 2))[0].phrase
    'bailiff'

A date without a year takes the year that puts it nearest the entry's own date (so within about six months
either side): on an entry of 20/12/2018, "bailiffs booked for 08/01" is 2019-01-08; on 05/01/2019, "seen on
28/12" is 2018-12-28. Relative dates ("in 14 days", "within 2 weeks", "in a fortnight", "tomorrow") count from
the entry's date. Without an entry date, only dates with a year are read. Weekday names ("next Tuesday") and
month-only dates ("May 2019") are not read: they cannot be pinned to one day.

Gestation and clinical shorthand are not dates: "34/40", "24+3", "3/7", "6/52" are skipped, as are numeric
day/month pairs followed by "old", "ago", "weeks"... or preceded by "aged"/"in".

Attendance lists are read in `checker.text.attendance` (its names are importable from here too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.model.dates import MONTHS, expand_year
from checker.text.attendance import (
    AttendeeMap,
    attendee_map,
    attendees_columns,
    extract_attendees,
    find_attendance_lists,
    tuples_series,
)
from checker.text.compile import KindRules, load_rules
from checker.text.match import column_strings
from checker.text.patterns import search_each, search_many

__all__ = [
    "TextDate",
    "find_dates",
    "extract_dates",
    "dates_column",
    "AttendeeMap",
    "attendee_map",
    "find_attendance_lists",
    "extract_attendees",
    "attendees_columns",
]

# --- Dates ---------------------------------------------------------------------------------------------

_MONTH_NAMES = {name: n for name, n in MONTHS.items() if not name.endswith(".")}  # the one month table
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_NOT_DURATION = r"(?!\s*(?:min|mins|minutes|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|old)\b)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "twenty": 20, "twenty one": 21,
    "twenty eight": 28,
}  # fmt: skip
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<![\d/.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/])")),
    ("dmy", re.compile(r"(?<![\d/.+])(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?![\d/])")),
    (
        "d_month",
        re.compile(
            r"(?<![\d/])(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+"
            + _MONTH
            + r"(?:(?:,?\s+|[\-/])(?P<y>\d{4}|\d{2}"
            + _NOT_DURATION
            + r"))?(?![\w/])"
        ),
    ),
    (
        "month_d",
        re.compile(
            r"\b"
            + _MONTH
            + r"\s+(?P<d>\d{1,2})(?:(?:st|nd|rd|th)(?:,?\s+(?P<y>\d{4}))?|,?\s+(?P<y2>\d{4}))\b"
        ),
    ),
    ("dm", re.compile(r"(?<![\d/.+])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])" + _NOT_DURATION)),
    (
        "relative",
        re.compile(
            r"\b(?:in|within|after)\s+(?:the\s+next\s+)?" + _NUMBER + r"\s+(?P<unit>days?|weeks?|wks?)\b"
            r"|\b" + r"(?P<n2>\d{1,3})\s+(?P<unit2>days?|weeks?)\s*time\b"
        ),
    ),  # fmt: skip
    ("fortnight", re.compile(r"\b(?:in|within)\s+a\s+fortnight\b")),
    ("tomorrow", re.compile(r"\btomorrow\b")),
)
_SKIP_BEFORE_DM = re.compile(r"(?:\baged?|\bin|\bx)\s*$")
_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n|\s[-–—]+\s")


@dataclass(frozen=True, slots=True)
class TextDate:
    """A date found in the text: ISO day, what it is the date of (`phrase`), and the words as written."""

    date: str
    phrase: str  # one of rules/kinds.yaml date_phrases keys (bailiff, possession, hearing, notice) or "other"
    written: str
    start: int


def _as_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest(month: int, day: int, entry: dt.date | None) -> dt.date | None:
    """The day/month in the year that puts it nearest the entry date (±6 months), or None."""
    if entry is None:
        return None
    candidates = [d for y in (entry.year - 1, entry.year, entry.year + 1) if (d := _valid(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - entry).days), -d.toordinal()))


def _read(kind: str, m: re.Match[str], text: str, entry: dt.date | None) -> dt.date | None:
    g = m.groupdict()
    if kind == "iso":
        return _valid(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "dmy":
        return _valid(expand_year(int(g["y"])), int(g["m"]), int(g["d"]))
    if kind in ("d_month", "month_d"):
        month = _MONTH_NAMES[g["mon"]]
        year = g.get("y") or g.get("y2")
        if year:
            return _valid(expand_year(int(year)), month, int(g["d"]))
        return _nearest(month, int(g["d"]), entry)
    if kind == "dm":
        day, month = int(g["d"]), int(g["m"])
        if len(g["d"]) == 1 and len(g["m"]) == 1:  # "3/7", "1/2": clinical shorthand or fractions
            return None
        if _SKIP_BEFORE_DM.search(text[: m.start()]):
            return None
        return _nearest(month, day, entry)
    if entry is None:
        return None
    if kind == "relative":
        raw = g.get("n") or g.get("n2") or ""
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
        unit = g.get("unit") or g.get("unit2") or ""
        days = n * 7 if unit.startswith("w") else n
        return entry + dt.timedelta(days=days) if 0 < days <= 400 else None
    if kind == "fortnight":
        return entry + dt.timedelta(days=14)
    if kind == "tomorrow":
        return entry + dt.timedelta(days=1)
    return None  # pragma: no cover


def _phrase(text: str, start: int, end: int, rules: KindRules) -> str:
    """The date-phrase keyword nearest the date in the same sentence, or 'other'."""
    s = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    e = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    best: tuple[int, int, str] | None = None
    for order, (name, pattern) in enumerate(rules.date_phrases.items()):
        for m in pattern.finditer(text, s, e):
            if m.start() < end and m.end() > start:
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            candidate = (distance, order, name)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else "other"


def find_dates(text: str, entry_date: Any = None, rules: KindRules | None = None) -> tuple[TextDate, ...]:
    """Every day written in `text`, in order, with the kind of date it is (see module docstring)."""
    return _find_dates(" ".join(str(text).lower().split()), _as_date(entry_date), rules or load_rules())


def _find_dates(lowered: str, entry: dt.date | None, rules: KindRules, kinds: frozenset[str] | None = None,
                *, phrases: bool = True) -> tuple[TextDate, ...]:  # fmt: skip
    """`find_dates` on text already lower-cased and single-spaced; only the `kinds` of date a first pass
    found may be there (None: all); `phrases` False leaves each date's phrase '' (for readers of the days
    alone)."""
    taken: list[tuple[int, int]] = []
    found: list[TextDate] = []
    for kind, pattern in _DATE_PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(lowered):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            day = _read(kind, m, lowered, entry)
            if day is None:
                continue
            taken.append(m.span())
            found.append(
                TextDate(day.isoformat(), _phrase(lowered, m.start(), m.end(), rules) if phrases else "", m[0],
                         m.start())
            )
    return tuple(sorted(found, key=lambda d: d.start))


def extract_dates(text: str, entry_date: Any = None, rules: KindRules | None = None) -> tuple[str, ...]:
    """ISO dates written in `text`, in order of appearance, each once."""
    lowered = " ".join(str(text).lower().split())
    found = _find_dates(lowered, _as_date(entry_date), rules or load_rules(), phrases=False)
    return tuple(dict.fromkeys(d.date for d in found))


# A cheap first pass (RE2 through pandas/pyarrow): only rows this finds are read in full.
_MAY_HOLD_DATE = re.compile(
    r"\d\s*[/.\-]\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s*(?:days?|weeks?|wks?)\b"
    r"|tomorrow|fortnight",
    re.IGNORECASE,
)


# Each kind of date's words without their edges: finds at least what the kind's pattern finds, in one
# RE2 pass over all the texts (see search_many), so each text is read only for the kinds it may hold.
_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DATE_SCREENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\d{4}-\d{1,2}-\d{1,2}")),
    ("dmy", re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}")),
    ("d_month", re.compile(r"\d(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+" + _MONTH_START)),
    ("month_d", re.compile(_MONTH_START + r"[a-z]*\.?\s+\d")),
    # A day/month pair with a month of 1-12 and not two single digits ("5/52", "3/7" and "34/40" read as none);
    # the pattern's look-arounds (one character each side) written as that character or the text's edge.
    ("dm", re.compile(r"(?:^|[^\d/.+])(?:\d\d/[1-9]|\d\d?/(?:0[1-9]|1[0-2]))(?:$|[^\d/])")),
    ("relative", dict(_DATE_PATTERNS)["relative"]),  # the pattern itself: it has no look-around, so RE2 reads it as `re` does
    ("fortnight", re.compile(r"fortnight")),
    ("tomorrow", re.compile(r"tomorrow")),
)


def dates_column(texts: pd.Series, entry_dates: pd.Series, rules: KindRules | None = None) -> pd.Series:
    """`extract_dates` for each row; rows without a digit are skipped cheaply."""
    values = column_strings(texts)
    candidates = np.flatnonzero(search_many(values, _MAY_HOLD_DATE))
    lowered = {t: " ".join(t.lower().split()) for t in (values[i] for i in candidates.tolist())}
    distinct = list(lowered.values())
    masks = [(k, mask.tolist()) for k, mask in zip((k for k, _ in _DATE_SCREENS),
                                                    search_each(distinct, [p for _, p in _DATE_SCREENS]), strict=True)]
    kinds = {t: frozenset(k for k, mask in masks if mask[i]) for i, t in enumerate(distinct)}
    result: list[tuple[str, ...]] = [()] * len(values)
    rows = [i for i in candidates.tolist() if kinds[lowered[values[i]]]]  # a text no screen finds reads no date
    cache: dict[tuple[str, dt.date | None], tuple[str, ...]] = {}
    for i, when in zip(rows, entry_days(entry_dates, rows), strict=True):
        text = values[i]
        found = cache.get((text, when))
        if found is None:
            low = lowered[text]
            found = cache[(text, when)] = _days(low, when, kinds[low])
        result[i] = found
    return tuples_series(result, texts.index)


def entry_days(entry_dates: pd.Series, rows: list[int]) -> list[dt.date | None]:
    """`_as_date` of the entry dates at these row positions: a column of datetimes (no time zone) as one
    numpy conversion (a day is the datetime's date: numpy's day unit floors, as `.date()` does), any other
    column value by value."""
    if isinstance(entry_dates.dtype, np.dtype) and entry_dates.dtype.kind == "M":
        days = entry_dates.to_numpy()[np.asarray(rows, dtype=np.intp)].astype("datetime64[D]")
        return days.astype(object).tolist()  # a missing date (NaT) becomes None
    values = entry_dates.to_numpy(dtype=object)
    return [_as_date(values[i]) for i in rows]


def _days(lowered: str, entry: dt.date | None, kinds: frozenset[str]) -> tuple[str, ...]:
    """`extract_dates` of text already lower-cased and single-spaced, reading only `kinds` of date: the days
    `_find_dates` finds (phrases unread), each once, in order of where they are written."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, dt.date]] = []
    for kind, pattern in _DATE_PATTERNS:
        if kind not in kinds:
            continue
        at = 0
        if kind == "dm":  # a day/month starts at most two digits before its slash: look from the first one
            at = lowered.find("/") - 2  # (a look-behind still sees the characters before where the search starts)
            if at < -2:
                continue
        for m in pattern.finditer(lowered, max(at, 0)):
            start, end = m.span()
            if taken and any(start < e and end > s for s, e in taken):
                continue
            day = _read(kind, m, lowered, entry)
            if day is not None:
                taken.append((start, end))
                found.append((start, day))
    if len(found) > 1:
        found.sort(key=_first)  # starts differ: the spans taken do not overlap
    return tuple(dict.fromkeys(day.isoformat() for _, day in found))


def _first(item: tuple[int, dt.date]) -> int:
    return item[0]

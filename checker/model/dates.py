"""UK dates as agencies write them: day first, with their precision kept.

    >>> parse_uk_date("03/04/2019")
    ParsedDate(start=datetime.date(2019, 4, 3), end=datetime.date(2019, 4, 3), precision='day')
    >>> parse_uk_date("May 2016").precision
    'month'

A date that is uncertain (`?22 May 2016`, `c. 22/05/2016`) keeps its day with precision `approx`; a month or a
year alone becomes a range (`start`..`end`) with precision `month` or `year`. Nothing is silently moved to
another day: an impossible date (`31/02/2019`) raises `DateError` saying why, and so does a year outside
1900–2100 (`EARLIEST`..`LATEST`): in a record about a child such a year is a typing error ("May 0000",
"01/01/9999"), and bounding it here keeps every later date sum (deadlines, working days) in range. Two-digit
years are expanded (`19` is 2019); four digits are taken as written, so `0000` is year 0, not 2000.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

import numpy as np
import pandas as pd
from pydantic import BeforeValidator

from checker.model.limits import EARLIEST, LATEST

__all__ = [
    "ParsedDate",
    "DateError",
    "parse_uk_date",
    "parse_date_column",
    "expand_year",
    "gestation",
    "plausible",
    "impossible_time",
    "MONTHS",
    "EARLIEST",
    "LATEST",
    "IMPLAUSIBLE",
    "parse_day",
    "UKDate",
]

IMPLAUSIBLE = "the year cannot be right"
"""How every out-of-range message starts (`parse_date_column` callers tell it from other errors by it)."""

Precision = Literal["day", "approx", "month", "year"]

MONTHS = {
    name: i
    for i in range(1, 13)
    for name in {calendar.month_name[i].lower(), calendar.month_abbr[i].lower(), calendar.month_abbr[i].lower() + "."}
}
MONTHS["sept"] = 9
MONTHS["sept."] = 9

_APPROX = re.compile(r"^(?:\?|c\.?\s*|circa\s+|approx\.?\s*|approximately\s+|about\s+|around\s+|~)\s*", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([a-z]+\.?),?[\s\-/]+(\d{2}|\d{4})$", re.I)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)
_MONTH_YEAR = re.compile(r"^(?:early\s+|mid\s+|mid-|late\s+|end\s+of\s+)?([a-z]+\.?)[\s\-/]+(\d{2}|\d{4})$", re.I)
_NUM_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_TIME_SUFFIX = re.compile(r"\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|hrs)?$", re.I)
_TIME = re.compile(r"(?:^|[\sT])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(am|pm|hrs)?\s*$", re.I)


class DateError(ValueError):
    """The text is not a date the checker can read; the message says why."""


def plausible(day: dt.date) -> dt.date:
    """`day` if it falls in 1900–2100; otherwise `DateError` starting with `IMPLAUSIBLE`."""
    if not EARLIEST <= day <= LATEST:
        raise DateError(f"{IMPLAUSIBLE} ({day.year}): dates must fall between 1900 and 2100")
    return day


def impossible_time(text: str) -> str | None:
    """The time written at the end of a date ('03/04/2019 25:99') when no clock shows it, else None."""
    m = _TIME.search(str(text)) if ":" in str(text) or "." in str(text) else None
    if m is None or m.start(1) == 0:
        return None
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    top = 12 if (m[4] or "").lower() in ("am", "pm") else 23
    return m[0][m.start(1) - m.start() :].strip() if hour > top or minute > 59 or second > 59 else None


@dataclass(frozen=True, slots=True)
class ParsedDate:
    start: dt.date
    end: dt.date
    precision: Precision


def expand_year(year: int, pivot: int = 70) -> int:
    """Two-digit years: 00–69 are 2000s, 70–99 are 1900s (`03/04/19` is 2019; a parent's `85` is 1985)."""
    if year >= 100:
        return year
    return 2000 + year if year < pivot else 1900 + year


def _year(written: str) -> int:
    """A written year: two digits expanded (`expand_year`), anything else as written."""
    return expand_year(int(written)) if len(written) <= 2 else int(written)


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    if not EARLIEST.year <= year <= LATEST.year:
        raise DateError(f"{IMPLAUSIBLE} ({year}): dates must fall between 1900 and 2100")
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist (dates are read day first: DD/MM/YYYY)")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{calendar.month_name[month]} {year} has no day {day}")
    return dt.date(year, month, day)


def _month(name: str) -> int:
    month = MONTHS.get(name.lower())
    if month is None:
        raise DateError(f"'{name}' is not a month")
    return month


@lru_cache(maxsize=65536)
def parse_uk_date(text: str) -> ParsedDate:
    """Parse one date as written in a UK chronology; raise `DateError` with the reason if it cannot be read."""
    raw = " ".join(str(text).split())
    if not raw:
        raise DateError("the date is blank")
    approx = False
    match = _APPROX.match(raw)
    if match:
        approx = True
        raw = raw[match.end() :]
    raw = _WEEKDAY.sub("", raw)
    raw = _TIME_SUFFIX.sub("", raw).strip().rstrip(",")
    precision: Precision = "approx" if approx else "day"

    if m := _NUMERIC.match(raw):
        d, mo, y = int(m[1]), int(m[2]), _year(m[3])
        day = _day(y, mo, d, raw)
        return ParsedDate(day, day, precision)
    if m := _ISO.match(raw):
        day = _day(int(m[1]), int(m[2]), int(m[3]), raw)
        return ParsedDate(day, day, precision)
    if m := _DAY_MONTH_YEAR.match(raw):
        day = _day(_year(m[3]), _month(m[2]), int(m[1]), raw)
        return ParsedDate(day, day, precision)
    if m := _MONTH_DAY_YEAR.match(raw):
        day = _day(int(m[3]), _month(m[1]), int(m[2]), raw)
        return ParsedDate(day, day, precision)
    if (m := _MONTH_YEAR.match(raw)) and m[1].lower() in MONTHS:
        year, month = _year(m[2]), _month(m[1])
        _day(year, month, 1, raw)
        last = calendar.monthrange(year, month)[1]
        return ParsedDate(dt.date(year, month, 1), dt.date(year, month, last), "month")
    if m := _NUM_MONTH_YEAR.match(raw):
        year, month = int(m[2]), int(m[1])
        if 1 <= month <= 12:
            _day(year, month, 1, raw)
            last = calendar.monthrange(year, month)[1]
            return ParsedDate(dt.date(year, month, 1), dt.date(year, month, last), "month")
    if m := _YEAR.match(raw):
        year = int(m[1])
        _day(year, 1, 1, raw)
        return ParsedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    raise DateError("is not a date; write it day first, e.g. 03/04/2019 or 3 Apr 2019")


def _coerce(value: Any) -> ParsedDate:
    """A cell from CSV (text) or Excel (datetime, date, serial number) as a parsed date."""
    if isinstance(value, dt.datetime):
        return ParsedDate(plausible(value.date()), value.date(), "day")
    if isinstance(value, dt.date):
        return ParsedDate(plausible(value), value, "day")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:  # an Excel serial day number that lost its date format
            day = (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(value))).date()
            return ParsedDate(plausible(day), day, "day")
        raise DateError("is a number, not a date")
    return parse_uk_date(str(value))


def parse_date_column(values: pd.Series) -> pd.DataFrame:
    """Parse a column of dates; returns `date`, `date_end`, `date_precision`, `date_error` aligned to `values`.

    Distinct values are parsed once, so a 100,000-row chronology costs as many parses as it has distinct dates.
    """
    cells = values.to_numpy(dtype=object)
    if not all(type(v) is str or v is None for v in cells):  # Excel cells: dates, numbers
        return _parse_cells(values)
    codes, texts = pd.factorize(cells)  # None -> -1, read below as the last (blank) entry
    n = len(texts)
    starts = np.full(n + 1, np.datetime64("NaT"), dtype="datetime64[s]")
    ends = starts.copy()
    precs = np.full(n + 1, "", dtype=object)
    errors = np.full(n + 1, "the date is blank", dtype=object)
    for i, text in enumerate(texts.tolist()):
        if not text.strip():
            continue
        try:
            parsed = parse_uk_date(text)
        except (ValueError, OverflowError) as exc:  # DateError, or a year out of range (e.g. "0000")
            errors[i] = str(exc)
        else:
            starts[i], ends[i] = parsed.start, parsed.end
            precs[i], errors[i] = parsed.precision, ""
    where = np.where(codes < 0, n, codes)
    index = values.index
    return pd.DataFrame(
        {
            "date": pd.Series(starts[where], index=index),
            "date_end": pd.Series(ends[where], index=index),
            "date_precision": pd.Series(precs[where], index=index, dtype=object),
            "date_error": pd.Series(errors[where], index=index, dtype=object),
        },
        index=index,
    )


def _parse_cells(values: pd.Series) -> pd.DataFrame:
    """`parse_date_column` for cells of any type (text, datetimes, dates, numbers), one parse per distinct key."""
    starts: dict[Any, Any] = {}
    ends: dict[Any, Any] = {}
    precs: dict[Any, Any] = {}
    errors: dict[Any, Any] = {}
    keys = values.map(lambda v: v if isinstance(v, str | int | float | dt.date) else repr(v))
    originals = dict(zip(keys, values, strict=True))
    for key, value in originals.items():
        if value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value.strip()):
            starts[key], ends[key], precs[key], errors[key] = pd.NaT, pd.NaT, "", "the date is blank"
            continue
        try:
            parsed = _coerce(value)
        except (ValueError, OverflowError) as exc:  # DateError, or a year out of range (e.g. "0000")
            starts[key], ends[key], precs[key], errors[key] = pd.NaT, pd.NaT, "", str(exc)
        else:
            starts[key] = pd.Timestamp(parsed.start)
            ends[key] = pd.Timestamp(parsed.end)
            precs[key], errors[key] = parsed.precision, ""
    return pd.DataFrame(
        {
            "date": pd.to_datetime(keys.map(starts)),
            "date_end": pd.to_datetime(keys.map(ends)),
            "date_precision": keys.map(precs).astype(object),
            "date_error": keys.map(errors).astype(object),
        },
        index=values.index,
    )


def gestation(edd: dt.date, on: dt.date) -> tuple[int, str]:
    """Days of gestation on `on` and the `W+D` text: gestation(edd, edd) == (280, '40+0').
    The convention is stated once, in `checker.model.counting`."""
    from checker.model.counting import gestation_days, gestation_text

    days = gestation_days(edd, on)
    return days, gestation_text(days)


def parse_day(text: str) -> dt.date:
    """One exact day as a person types it: 26/03/2019, 26 Mar 2019, 26 March 2019 or 2019-03-26.
    A month or year alone, or an uncertain date, raises `DateError` (a deadline needs a day)."""
    parsed = parse_uk_date(str(text))
    if parsed.precision != "day":
        raise DateError(f"'{text}' is not one exact day; write it as 26/03/2019 or 26 Mar 2019")
    return parsed.start


def _day_first(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        try:
            return parse_day(value)
        except (DateError, ValueError, OverflowError) as exc:
            raise ValueError(f"{value!r} {exc}" if str(exc).startswith("is ") else str(exc)) from None
    return value


UKDate = Annotated[dt.date, BeforeValidator(_day_first)]
"""A date field in audit.yaml or a return: ISO, or day first as people write it (22/05/2019, 22 May 2019)."""

"""Working days in England and Wales: weekends and bank holidays (from the `holidays` library, not a hand list).

    >>> from datetime import date
    >>> add_working_days(date(2019, 4, 18), 1)   # Thursday before Good Friday and Easter Monday
    datetime.date(2019, 4, 23)

Counting follows the CIN census validator's convention: `working_days_between(a, b)` is the number of working
days after `a` up to and including `b`, so a referral on Monday decided on Tuesday took 1 working day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

from checker.model.limits import EARLIEST, LATEST

__all__ = ["bank_holidays", "is_working_day", "next_working_day", "add_working_days", "working_days_between"]


@lru_cache(maxsize=8)
def _calendar(first: int, last: int) -> np.busdaycalendar:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1))
    return np.busdaycalendar(holidays=np.array(sorted(days), dtype="datetime64[D]"))


def _cal() -> np.busdaycalendar:
    """Bank holidays over every year a date may have (`checker.model.dates`: 1900–2100), and the year after
    (so a deadline counted from late December 2100 still skips them); built once per process (~0.6 s)."""
    return _calendar(EARLIEST.year, LATEST.year + 1)


def bank_holidays(year: int) -> dict[dt.date, str]:
    """England and Wales bank holidays in `year`, with their names."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=_cal()))


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the next one."""
    rolled = np.busday_offset(np.datetime64(day, "D"), 0, roll="forward", busdaycal=_cal())
    return pd.Timestamp(rolled).date()


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The working day `n` working days after `day` (from the next working day if `day` is not one)."""
    start = np.datetime64(day, "D")
    moved = np.busday_offset(start, n, roll="forward" if n >= 0 else "backward", busdaycal=_cal())
    if not is_working_day(day) and n > 0:
        moved = np.busday_offset(start, n - 1, roll="forward", busdaycal=_cal())
    return pd.Timestamp(moved).date()


def working_days_between(
    start: np.ndarray | np.datetime64 | dt.date, end: np.ndarray | np.datetime64 | dt.date
) -> np.ndarray | int:
    """Working days after `start` up to and including `end` (vectorised over numpy datetime64[D] arrays)."""
    a = np.asarray(start, dtype="datetime64[D]") + np.timedelta64(1, "D")
    b = np.asarray(end, dtype="datetime64[D]") + np.timedelta64(1, "D")
    counts = np.busday_count(a, b, busdaycal=_cal())
    return int(counts) if np.ndim(counts) == 0 else counts

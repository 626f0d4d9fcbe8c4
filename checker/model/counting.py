"""How every rule counts days, stated once (docs/counting.md says the same for QA officers).

1. **Working days** are counted from the day after the event: weekends and England and Wales bank holidays
   (`checker.model.workdays`) are not working days. A referral on Monday answered on Tuesday took 1 working
   day; an event on a Saturday has Monday as its first working day after.
2. **"Within N" is inclusive**: a response on day N (or working day N) is in time. The last day that counts
   is the *deadline*.
3. **A rule flags only once the deadline has passed**: on the deadline day itself the response can still
   come, so nothing is due until the as-of date is after it.
4. **Gestation** on a day is 280 − (expected delivery date − that day) days, written W+D. "By 30 weeks"
   means by day 210 (30+0): a contact on day 210 is in time; from 30+1 it is missing.
5. **Ages** are whole years on the day: a child is under one until the day before their first birthday.
6. **Windows of N days** (a pattern "in six months", referrals "in 12 months") hold two events when they are
   at most N days apart, both ends included.

    >>> deadline(dt.date(2019, 3, 4), working_days=1)   # Monday -> Tuesday
    datetime.date(2019, 3, 5)
    >>> passed(dt.date(2019, 3, 5), as_of=dt.date(2019, 3, 5)), passed(dt.date(2019, 3, 5), as_of=dt.date(2019, 3, 6))
    (False, True)
    >>> gestation_deadline(dt.date(2019, 4, 20), weeks=30)  # 70 days before the EDD
    datetime.date(2019, 2, 9)
"""

from __future__ import annotations

import datetime as dt

from checker.model.workdays import add_working_days

__all__ = [
    "deadline", "passed", "within_days", "age_years", "gestation_days", "gestation_text", "gestation_deadline",
]

FULL_TERM_DAYS = 280


def deadline(event: dt.date, *, days: int | None = None, working_days: int | None = None) -> dt.date:
    """The last day that counts for a response within `days` calendar days or `working_days` working days."""
    if (days is None) == (working_days is None):
        raise ValueError("give exactly one of days or working_days")
    if days is not None:
        return event + dt.timedelta(days=days)
    return add_working_days(event, working_days or 0)


def passed(last_day: dt.date, *, as_of: dt.date) -> bool:
    """The deadline has passed: the as-of date is after the last day that counts."""
    return as_of > last_day


def within_days(first: dt.date, later: dt.date, n: int) -> bool:
    """`later` is at most `n` calendar days after `first` (both ends included; never before it)."""
    return 0 <= (later - first).days <= n


def age_years(born: dt.date, on: dt.date) -> int:
    """Whole years from `born` to `on` (a birthday on 29 February is reached on 1 March in other years)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def gestation_days(edd: dt.date, on: dt.date) -> int:
    """Days of gestation on `on`: 280 on the expected delivery date."""
    return FULL_TERM_DAYS - (edd - on).days


def gestation_text(days: int) -> str:
    """Gestation written as weeks+days: 212 -> '30+2'."""
    return f"{days // 7}+{days % 7}"


def gestation_deadline(edd: dt.date, weeks: int) -> dt.date:
    """The day gestation reaches `weeks`+0: the last day a contact "by `weeks` weeks" is in time."""
    return edd - dt.timedelta(days=FULL_TERM_DAYS - weeks * 7)

"""The counting conventions every rule shares (checker/model/counting.py, docs/counting.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.model.counting import (
    age_years,
    deadline,
    gestation_days,
    gestation_deadline,
    gestation_text,
    passed,
    within_days,
)

THURSDAY_BEFORE_EASTER = dt.date(2019, 4, 18)


def test_working_days_count_from_the_day_after_and_skip_bank_holidays():
    assert deadline(dt.date(2019, 3, 4), working_days=1) == dt.date(2019, 3, 5)  # Monday -> Tuesday
    assert deadline(dt.date(2019, 3, 1), working_days=1) == dt.date(2019, 3, 4)  # Friday -> Monday
    assert deadline(dt.date(2019, 3, 2), working_days=1) == dt.date(2019, 3, 4)  # Saturday -> Monday
    # Good Friday 19/04 and Easter Monday 22/04 are not working days.
    assert deadline(THURSDAY_BEFORE_EASTER, working_days=2) == dt.date(2019, 4, 24)
    assert deadline(dt.date(2018, 12, 10), working_days=10) == dt.date(2018, 12, 24)
    assert deadline(dt.date(2018, 12, 10), working_days=11) == dt.date(2018, 12, 27)  # 25th, 26th skipped


def test_calendar_day_windows_include_day_n():
    assert deadline(dt.date(2019, 1, 10), days=28) == dt.date(2019, 2, 7)
    assert within_days(dt.date(2018, 4, 10), dt.date(2018, 10, 10), 183)
    assert not within_days(dt.date(2018, 4, 10), dt.date(2018, 10, 11), 183)
    assert within_days(dt.date(2018, 4, 10), dt.date(2019, 4, 10), 365)
    assert not within_days(dt.date(2018, 4, 10), dt.date(2018, 4, 9), 365)  # never before the first


def test_nothing_is_due_on_the_deadline_day_itself():
    last = dt.date(2019, 3, 5)
    assert not passed(last, as_of=last)
    assert passed(last, as_of=last + dt.timedelta(days=1))


def test_by_30_weeks_means_by_day_210_of_gestation():
    edd = dt.date(2019, 4, 20)
    day_210 = gestation_deadline(edd, 30)
    assert gestation_days(edd, day_210) == 210 and gestation_text(210) == "30+0"
    assert gestation_days(edd, edd) == 280
    assert not passed(day_210, as_of=day_210)
    assert passed(day_210, as_of=day_210 + dt.timedelta(days=1)) and gestation_text(211) == "30+1"


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        (dt.date(2017, 12, 10), dt.date(2018, 12, 9), 0),
        (dt.date(2017, 12, 10), dt.date(2018, 12, 10), 1),
        (dt.date(2019, 3, 1), dt.date(2020, 2, 29), 0),  # 365 days old in a leap year, still under one
        (dt.date(2016, 2, 29), dt.date(2017, 2, 28), 0),
        (dt.date(2016, 2, 29), dt.date(2017, 3, 1), 1),
    ],
)
def test_ages_are_whole_years_by_birthday(born, on, years):
    assert age_years(born, on) == years


def test_a_deadline_needs_exactly_one_kind_of_window():
    with pytest.raises(ValueError):
        deadline(dt.date(2019, 3, 4))
    with pytest.raises(ValueError):
        deadline(dt.date(2019, 3, 4), days=1, working_days=1)

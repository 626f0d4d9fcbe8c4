import datetime as dt

import pytest

from checker.model.workdays import (
    add_working_days,
    bank_holidays,
    is_working_day,
    next_working_day,
    working_days_between,
)


def test_easter_and_weekends_are_not_working_days():
    # Thursday 18 April 2019; Good Friday 19th and Easter Monday 22nd are bank holidays.
    assert add_working_days(dt.date(2019, 4, 18), 1) == dt.date(2019, 4, 23)
    assert next_working_day(dt.date(2019, 3, 23)) == dt.date(2019, 3, 25)  # Saturday -> Monday
    assert next_working_day(dt.date(2019, 3, 25)) == dt.date(2019, 3, 25)


def test_one_off_bank_holidays_come_from_the_library():
    assert dt.date(2022, 9, 19) in bank_holidays(2022)  # State funeral
    assert dt.date(2023, 5, 8) in bank_holidays(2023)  # Coronation


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(dt.date(2019, 3, 4), dt.date(2019, 3, 5)) == 1
    assert working_days_between(dt.date(2019, 3, 1), dt.date(2019, 3, 4)) == 1  # Friday -> Monday
    assert working_days_between(dt.date(2019, 4, 18), dt.date(2019, 4, 23)) == 1


@pytest.mark.parametrize("year", [1901, 1985, 2040, 2099])
def test_christmas_is_skipped_in_every_year_a_date_may_have(year: int) -> None:
    """The parser accepts 1900–2100: a deadline counted in any of those years skips bank holidays."""
    christmas_eve = dt.date(year, 12, 24)
    after = add_working_days(christmas_eve, 1)
    assert after > dt.date(year, 12, 26) and after.weekday() < 5
    assert not is_working_day(dt.date(year, 12, 25))

import datetime as dt

from checker.model.workdays import add_working_days, bank_holidays, next_working_day, working_days_between


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

"""Dates at their boundaries, written from the bundle format's definition (day first, UK), not from the parser:
an American date is refused, never read as another day; a two-digit year turns at 70; an entry dated today is
not "in the future"; two rows are duplicates only when their date is the same too."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.intake.chronology import ChronologyLoad, load_chronology
from checker.model.audit import Manifest
from checker.model.dates import (
    DateError,
    ParsedDate,
    impossible_time,
    parse_date_column,
    parse_day,
    parse_uk_date,
    plausible,
)

ROOT = Path(__file__).resolve().parents[2]
FILE = "chronologies/housing.csv"
TODAY = dt.date(2019, 3, 20)


def load(text: str, manifest: Manifest, today: dt.date = TODAY) -> ChronologyLoad:
    source = manifest.submissions.chronologies[0]
    result = load_chronology(text.encode("utf-8"), source, manifest, file_label=FILE, today=today)
    assert result.counts.balanced()
    return result


def codes(result: ChronologyLoad, row: int) -> list[str]:
    return [p.code for p in result.problems if p.row == row]


@pytest.mark.parametrize("written", ["12/25/2019", "12/25/19", "02/29/2019", "4/13/2019", "12-25-2019", "12.25.2019"])
def test_an_american_date_is_refused_not_read_as_another_day(written: str) -> None:
    with pytest.raises(DateError, match="day first"):
        parse_uk_date(written)
    with pytest.raises(DateError):
        parse_day(written)


@pytest.mark.parametrize(
    ("written", "day"),
    [("05/04/2019", dt.date(2019, 4, 5)), ("12/11/2019", dt.date(2019, 11, 12)), ("1/2/2019", dt.date(2019, 2, 1)),
     ("25/12/2019", dt.date(2019, 12, 25)), ("12-01-2019", dt.date(2019, 1, 12))],
)
def test_a_date_both_ways_readable_is_read_day_first(written: str, day: dt.date) -> None:
    assert parse_uk_date(written).start == day
    assert parse_day(written) == day


def test_a_chronology_row_with_an_american_date_is_rejected_at_its_row(manifest: Manifest) -> None:
    result = load("Date,Case,Event\n12/25/2018,case-1,Home visit\n25/12/2018,case-1,Christmas visit\n", manifest)
    assert codes(result, 2) == ["date-unreadable"]
    problem = next(p for p in result.problems if p.row == 2)
    assert (problem.column, problem.value) == ("Date", "12/25/2018")
    assert result.frame["date"].tolist() == [pd.Timestamp(2018, 12, 25)]
    assert result.frame["row"].tolist() == [3]


def test_intake_refuses_an_american_received_date(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "samples" / "good-practice", bundle)
    empty = tmp_path / "return.csv"
    empty.write_text("", encoding="utf-8")
    before = (bundle / "audit.yaml").read_bytes()
    out = CliRunner().invoke(main, ["intake", str(bundle), str(empty), "--received", "03/25/2019",
                                    "--agency", "gp", "--case", "case-1"])
    assert out.exit_code == 2, out.output
    assert "month 25 does not exist" in out.output
    assert (bundle / "audit.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("written", "year"),
    [("01/01/00", 2000), ("03/04/19", 2019), ("31/12/69", 2069), ("01/01/70", 1970), ("14/07/85", 1985),
     ("31/12/99", 1999), ("3 Apr 69", 2069), ("3 Apr 70", 1970)],
)
def test_two_digit_years_turn_at_70(written: str, year: int) -> None:
    assert parse_uk_date(written).start.year == year


def test_four_digit_years_are_taken_as_written() -> None:
    assert parse_uk_date("01/01/1969").start.year == 1969
    assert parse_uk_date("01/01/2070").start.year == 2070


def test_an_entry_dated_today_is_not_in_the_future_and_tomorrow_is(manifest: Manifest) -> None:
    result = load("Date,Case,Event\n20/03/2019,case-1,Home visit today\n21/03/2019,case-1,Visit tomorrow\n",
                  manifest)
    assert "date-future" not in codes(result, 2)
    assert "date-future" in codes(result, 3)
    assert sorted(result.frame["row"]) == [2, 3]


def test_the_same_text_on_two_days_is_not_a_duplicate_but_on_one_day_it_is(manifest: Manifest) -> None:
    result = load(
        "Date,Case,Event\n"
        "03/04/2018,case-1,Home visit - no answer\n"
        "04/04/2018,case-1,Home visit - no answer\n"
        "04/04/2018,case-1,Home visit - no answer\n",
        manifest,
    )
    assert "row-duplicate" not in codes(result, 3)
    assert codes(result, 4) == ["row-duplicate"]
    duplicate = next(p for p in result.problems if p.code == "row-duplicate")
    assert "row 3" in duplicate.message
    assert len(result.frame) == 3


@pytest.mark.parametrize(("written", "month"), [("3 Sept 2019", 9), ("3 Sept. 2019", 9), ("3 Sep 2019", 9),
                                                ("3 September 2019", 9), ("Sept 2019", 9), ("3 Oct 2019", 10)])
def test_every_written_month_is_its_own_month(written: str, month: int) -> None:
    assert parse_uk_date(written).start.month == month


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2100, 12, 31)])
def test_the_first_and_last_plausible_days_are_kept(day: dt.date) -> None:
    assert plausible(day) == day
    assert parse_uk_date(day.strftime("%d/%m/%Y")).start == day


@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2101, 1, 1)])
def test_a_day_just_outside_1900_to_2100_is_refused(day: dt.date) -> None:
    with pytest.raises(DateError, match="the year cannot be right"):
        plausible(day)
    with pytest.raises(DateError, match="the year cannot be right"):
        parse_uk_date(day.strftime("%d/%m/%Y"))


@pytest.mark.parametrize(("written", "impossible"), [
    ("03/04/2019 23:59", None), ("03/04/2019 00:00", None), ("03/04/2019 24:00", "24:00"),
    ("03/04/2019 12:30pm", None), ("03/04/2019 13:30pm", "13:30pm"), ("03/04/2019 10:60", "10:60"),
    ("25:99", None),  # a time with no date before it is not the time of a date
])
def test_a_time_no_clock_shows_is_named_and_the_last_minute_of_the_day_is_not(written: str,
                                                                               impossible: str | None) -> None:
    assert impossible_time(written) == impossible


def test_an_excel_serial_number_is_a_date_only_strictly_between_20000_and_80000() -> None:
    """A date cell that lost its format arrives as Excel's day number (43466 is 01/01/2019)."""
    parsed = parse_date_column(pd.Series([20001, 43466, 20000, 80000, 7], dtype=object))
    assert parsed["date"].tolist()[:2] == [pd.Timestamp(1954, 10, 4), pd.Timestamp(2019, 1, 1)]
    assert parsed["date_error"].tolist()[2:] == ["is a number, not a date"] * 3


@pytest.mark.parametrize(("written", "start", "end", "precision"), [
    ("April 3, 2019", dt.date(2019, 4, 3), dt.date(2019, 4, 3), "day"),  # a month written as a word is unambiguous
    ("Sept 21st 2005", dt.date(2005, 9, 21), dt.date(2005, 9, 21), "day"),
    ("04/2019", dt.date(2019, 4, 1), dt.date(2019, 4, 30), "month"),
    ("2/2020", dt.date(2020, 2, 1), dt.date(2020, 2, 29), "month"),
])
def test_month_first_only_where_the_month_cannot_be_mistaken(written: str, start: dt.date, end: dt.date,
                                                              precision: str) -> None:
    assert parse_uk_date(written) == ParsedDate(start, end, precision)


def test_a_number_month_that_is_not_a_month_is_refused() -> None:
    with pytest.raises(DateError):
        parse_uk_date("13/2019")

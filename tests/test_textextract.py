"""Dates and attendance lists written inside chronology text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from checker.model.audit import Manifest
from checker.text.extract import (
    attendee_map,
    attendees_columns,
    dates_column,
    extract_attendees,
    extract_dates,
    find_attendance_lists,
    find_dates,
)

ENTRY = dt.date(2019, 3, 2)


@pytest.mark.parametrize(
    ("text", "entry", "expected"),
    [
        ("bailiffs booked for 18/03", ENTRY, ("2019-03-18",)),
        ("eviction on 18 March", ENTRY, ("2019-03-18",)),
        ("possession order to take effect in 14 days", ENTRY, ("2019-03-16",)),
        ("seen on 3rd April 2019", ENTRY, ("2019-04-03",)),
        ("ICPC 03/04/19", ENTRY, ("2019-04-03",)),
        ("review 03.04.2019", ENTRY, ("2019-04-03",)),
        ("hearing 2019-04-03", ENTRY, ("2019-04-03",)),
        ("within 2 weeks", ENTRY, ("2019-03-16",)),
        ("in a fortnight", ENTRY, ("2019-03-16",)),
        ("bailiffs attend tomorrow", ENTRY, ("2019-03-03",)),
        ("next review March 18th", ENTRY, ("2019-03-18",)),
        ("notice expires 30/04, bailiffs 18/3", ENTRY, ("2019-04-30", "2019-03-18")),
        ("18/03 and again 18/03/2019", ENTRY, ("2019-03-18",)),
    ],
)
def test_dates_read_day_first(text, entry, expected):
    assert extract_dates(text, entry) == expected


def test_year_rolls_forward_across_a_year_end():
    assert extract_dates("bailiffs booked for 08/01", dt.date(2018, 12, 20)) == ("2019-01-08",)
    assert extract_dates("eviction on 8 January", dt.date(2018, 12, 20)) == ("2019-01-08",)


def test_year_rolls_back_for_a_recent_past_date():
    assert extract_dates("seen on 28/12", dt.date(2019, 1, 5)) == ("2018-12-28",)


def test_relative_days_cross_a_year_end():
    assert extract_dates("to take effect in 14 days", dt.date(2018, 12, 25)) == ("2019-01-08",)


@pytest.mark.parametrize(
    "text",
    [
        "34/40 gestation",
        "booked at 24+3 weeks",
        "review in 3/7",
        "baby 6/52 old",
        "attendance 78%",
        "9-12 month review",
        "6-8 week check",
        "31/02/2019",
        "next Tuesday",
        "May 2019",
        "x3 in 1 month",
    ],
)
def test_not_dates(text):
    assert extract_dates(text, ENTRY) == ()


def test_without_entry_date_only_full_dates_are_read():
    assert extract_dates("bailiffs 18/03, order 02/04/2019, in 14 days", None) == ("2019-04-02",)
    assert extract_dates("bailiffs 18/03", pd.NaT) == ()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("N54 received - bailiffs booked for 18/03 at 10am", "bailiff"),
        ("Eviction on 18 March", "bailiff"),
        ("Possession order granted, to take effect in 14 days", "possession"),
        ("Section 21 served by landlord, expires 30/04", "notice"),
        ("Possession hearing listed for 12/06", "hearing"),
        ("Core group booked for 12/03", "other"),
    ],
)
def test_dates_know_which_phrase_they_belong_to(text, phrase):
    assert [d.phrase for d in find_dates(text, ENTRY)] == [phrase]


def test_nearest_phrase_wins_when_a_sentence_has_two():
    found = find_dates("Section 21 expires 30/04; bailiffs booked 18/03", ENTRY)
    assert [(d.date, d.phrase) for d in found] == [("2019-04-30", "notice"), ("2019-03-18", "bailiff")]


def test_dates_column_aligns_and_skips_rows_without_digits():
    texts = pd.Series(["bailiffs 18/03", "no dates here", None], index=[5, 6, 7], dtype=object)
    dates = pd.Series(pd.to_datetime(["2019-03-02", "2019-03-02", None]), index=[5, 6, 7])
    assert dates_column(texts, dates).tolist() == [("2019-03-18",), (), ()]


# --- Attendees ---------------------------------------------------------------------------------------------


@pytest.fixture()
def manifest() -> Manifest:
    return Manifest.model_validate(
        {
            "audit": {"id": "t", "title": "t", "theme": "t"},
            "agencies": [
                {"id": "csc", "name": "Northshire Children's Trust", "type": "childrens_social_care"},
                {"id": "hv", "name": "NCHT health visiting", "type": "health_visiting", "aliases": ["NCHT"]},
                {"id": "school", "name": "Oak Primary", "type": "education"},
                {"id": "housing", "name": "Housing Options", "type": "housing", "aliases": ["the council"]},
                {"id": "gp", "name": "Lakeside Surgery", "type": "gp"},
                {"id": "police", "name": "Northshire Police", "type": "police"},
                {"id": "midwifery", "name": "Maternity", "type": "midwifery"},
                {"id": "eh", "name": "Early Help", "type": "early_help"},
                {"id": "amh", "name": "Adult mental health", "type": "mental_health"},
                {"id": "kgh", "name": "Kettering General", "type": "hospital"},
                {"id": "ngh", "name": "Northampton General", "type": "hospital"},
            ],
            "cases": [{"id": "case-1"}],
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Core group. Present: SW, school, HV", ("csc", "hv", "school")),
        ("TAF. Attendees - Housing officer, GP", ("housing", "gp")),
        ("CIN meeting attended by DSL, EH worker and PC Smith", ("school", "police", "eh")),
        ("Present: social worker, midwife, MH worker, mum and dad", ("csc", "midwifery", "amh")),
        ("Present: Oak Primary, Lakeside Surgery, NCHT", ("hv", "school", "gp")),
        ("Present: the council, Northshire Police", ("housing", "police")),
    ],
)
def test_attendees_map_roles_and_names_to_agency_ids(manifest, text, expected):
    ids, known = extract_attendees("", text, attendee_map(manifest))
    assert known is True
    assert set(ids) == set(expected)


def test_attendees_column(manifest):
    assert extract_attendees("SW; Housing officer; Mum", "Core group held", attendee_map(manifest)) == (
        ("csc", "housing"),
        True,
    )


def test_list_stops_at_apologies_and_absences(manifest):
    ids, known = extract_attendees("", "Present: SW, HV. Apologies: housing", attendee_map(manifest))
    assert ids == ("csc", "hv") and known


def test_meeting_without_an_attendance_list_is_unknown_not_absent(manifest):
    assert extract_attendees("", "Core group held, actions reviewed", attendee_map(manifest)) == ((), False)
    assert extract_attendees("", "Partner present and engaged", attendee_map(manifest)) == ((), False)
    assert extract_attendees("", "Attendance: 78% this term", attendee_map(manifest)) == ((), False)


def test_role_word_with_two_agencies_of_its_type_is_not_guessed(manifest):
    ids, known = extract_attendees("", "Present: paediatrician, SW", attendee_map(manifest))
    assert ids == ("csc",) and known  # two hospitals in the manifest: 'paediatrician' is ambiguous


def test_find_attendance_lists():
    assert find_attendance_lists("Strategy. Present: DS, SW; actions agreed") == ["ds, sw"]
    assert find_attendance_lists("Children present.") == []


def test_attendees_columns_vectorised(manifest):
    column = pd.Series(["", "SW, HV", None], dtype=object)
    texts = pd.Series(["Present: school", "Core group", "Core group held"], dtype=object)
    ids, known = attendees_columns(column, texts, attendee_map(manifest))
    assert ids.tolist() == [("school",), ("csc", "hv"), ()]
    assert known.tolist() == [True, True, False]

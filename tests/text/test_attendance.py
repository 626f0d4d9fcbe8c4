"""Attendance lists read from free text in the forms workers write them, and ordinary sentences left alone."""

from __future__ import annotations

import pytest

from checker.text.extract import find_attendance_lists


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("CIN review held at the school - in attendance SW, HV, dad. Plan updated.", "sw, hv, dad"),
        ("In attendance FSW and class teacher", "fsw and class teacher"),
        ("In attendance: GP, school nurse", "gp, school nurse"),
        ("TAF meeting. In attendance - DSL, EH worker.", "dsl, eh worker"),
        ("Attendees SW, tenancy officer; apologies from GP", "sw, tenancy officer"),
        ("Core group, attendees were HV and nan.", "hv and nan"),
        ("Attendees included DSL, SW.", "dsl, sw"),
        ("Review. Present SW, HV, grandad.", "sw, hv, grandad"),
        ("Present were DSL and school nurse; mum gave apologies.", "dsl and school nurse"),
        ("Those present were the HV and the FSW.", "the hv and the fsw"),
        ("Meeting attended by SW and housing officer.", "sw and housing officer"),
    ],
)
def test_attendance_list_is_read(text: str, items: str) -> None:
    assert find_attendance_lists(text) == [items]


@pytest.mark.parametrize(
    "text",
    [
        "Dad was present at the appointment and asked about respite.",
        "Grandmother present at home during the visit.",
        "Present at home were both children.",
        "Mum attended.",
        "Dad attended with the baby; weight checked.",
        "Stepdad in attendance and engaged well with the plan.",
        "HV in attendance nan reported no concerns.",
        "All attendees agreed the plan would continue.",
        "In attendance at school every day this half term.",
        "Present throughout the home visit, mum was calm.",
        "Home visit. Dad present, children asleep.",
        "Good school attendance this term.",
    ],
)
def test_ordinary_sentence_is_not_a_list(text: str) -> None:
    assert find_attendance_lists(text) == []

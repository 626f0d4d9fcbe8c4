"""Messages read as a person writes: possessives after agency names, the chronology-completeness gaps, and
dates day first whatever type they arrive as."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from checker.engine.run import format_message
from checker.facts.quality import _gap_words
from checker.model.wording import fmt_date, possessive


def test_possessive_of_a_name_ending_in_s_takes_an_apostrophe_only():
    assert possessive("Eastfield Housing Options") == "Eastfield Housing Options'"
    assert possessive("Westmoor Police") == "Westmoor Police's"


def test_agency_possessive_in_a_message_follows_the_name():
    names = {"hsg": "Eastfield Housing Options", "pol": "Westmoor Police"}
    template = "{agency}'s referral of {date}: no outcome recorded"
    assert format_message(template, {"agency": "hsg", "date": "2019-01-14"}, names) == (
        "Eastfield Housing Options' referral of 14/01/2019: no outcome recorded"
    )
    assert format_message(template, {"agency": "pol", "date": "2019-01-14"}, names).startswith("Westmoor Police's ")


def test_chronology_gaps_name_only_the_gaps_there_are():
    def rows(*flags: bool) -> pd.Series:
        return pd.Series(flags)

    none = rows(False, False, False, False, False)
    gaps = {"impact": rows(True, True, True, True, False), "action": rows(True, False, False, False, False),
            "source": none, "vague": none}
    assert _gap_words(gaps) == "4 (80%) without the impact on the child and 1 (20%) without the action taken"
    assert _gap_words({**gaps, "action": none}) == "4 (80%) without the impact on the child"



@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.booleans())
def test_fmt_date_writes_every_day_day_first_whatever_its_type(day, as_timestamp):
    value = pd.Timestamp(day) if as_timestamp else day
    assert fmt_date(value) == day.strftime("%d/%m/%Y") == fmt_date(np.datetime64(day.isoformat()))


def test_fmt_date_of_a_missing_date_says_so():
    assert {fmt_date(v) for v in (None, pd.NaT, float("nan"), np.datetime64("NaT"))} == {"unknown date"}

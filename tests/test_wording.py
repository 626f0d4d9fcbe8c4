"""Messages read as a person writes: possessives after agency names, and the chronology-completeness gaps."""

from __future__ import annotations

import pandas as pd

from checker.engine.run import format_message
from checker.facts.quality import _gap_words
from checker.model.wording import possessive


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


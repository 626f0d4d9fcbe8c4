"""The worklist is the imminent-eviction rule's outcome: for every case, on refer today exactly when the
rule flagged it; an eviction whose date is not known reads "date not known" everywhere, never "0 days"."""

from __future__ import annotations

import datetime as dt

MONDAY = dt.date(2019, 3, 4)
CASES = {
    "undated-warrant": {"rows": [("housing", "01/03/2019",
                                  "Landlord has applied for a warrant of possession. No eviction date yet.")]},
    "bailiffs-booked": {"rows": [("housing", "01/03/2019",
                                  "N54 notice of eviction received: bailiffs booked for 11/03.")]},
    "bailiffs-later": {"rows": [("housing", "01/03/2019",
                                 "N54 notice of eviction received: bailiffs booked for 29/03.")]},
    "evicted-not-rehoused": {"rows": [("housing", "01/02/2019",
                                       "N54 notice of eviction received: bailiffs booked for 01/03.")]},
    "evicted-rehoused": {"rows": [
        ("housing", "01/02/2019", "N54 notice of eviction received: bailiffs booked for 01/03."),
        ("housing", "01/03/2019", "Family evicted today. Placed in temporary accommodation at Holly House."),
    ]},
}


def test_worklist_and_imminent_eviction_agree_for_every_case(checked):
    result = checked(CASES, MONDAY)
    outcome = {o.case: o.outcome for o in result.outcomes if o.rule == "imminent-eviction"}
    assert set(outcome) == set(CASES)  # the rule ran on every case: no case left out of the comparison
    worklist = result.worklist
    refer_today = {r.case for r in worklist.refer_today}
    assert refer_today == {c for c, o in outcome.items() if o == "flagged"}
    assert refer_today == {"bailiffs-booked", "evicted-not-rehoused"}
    assert {r.case for r in worklist.watch} == {"undated-warrant", "bailiffs-later"}
    assert "evicted-rehoused" not in {r.case for r in worklist.entries}


def test_an_unknown_eviction_date_is_never_zero_days(checked):
    result = checked(CASES, MONDAY)
    entry = next(r for r in result.worklist.entries if r.case == "undated-warrant")
    assert entry.eviction_date is None and entry.days_until is None
    assert "date not known" in entry.reason
    assert all("date not known" in e.line() for e in entry.evidence if e.eviction_date is None)
    mine = [f for f in result.flags if f["case"] == "undated-warrant"]
    threatened = [f for f in mine if f["rule"] == "threatened-homelessness-no-referral"]
    assert threatened and "date not known" in threatened[0]["message"]
    assert not any("0 day(s)" in f["message"] for f in mine)
    assert "imminent-eviction" not in {f["rule"] for f in mine}

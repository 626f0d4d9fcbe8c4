"""The per-case derivations on the edges a case can have: no rows at all, undated rows, rows tied on the same
day, rows after the as-of date, an empty chronology. Facts are read from hand-made frames, so what each
field and each evidence list says can be checked by eye."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from checker.facts import Context
from checker.facts.adults import AdultArgs, adult_checks
from checker.facts.base import Selector
from checker.facts.meetings import MeetingArgs, meeting_attendance
from checker.facts.pregnancy import PregnancyArgs, pregnancy_contact
from checker.facts.presence import Group, PresenceArgs, RollingArgs, presence, rolling_count
from checker.facts.sharing import Concern, SharingArgs, cross_agency_concern
from checker.model.audit import Manifest
from checker.text.people import Mention

MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "Edges", "theme": "test", "meeting_date": "2024-06-30"},
    "agencies": [{"id": "csc", "name": "Social care", "type": "childrens_social_care"},
                 {"id": "housing", "name": "Housing Options", "type": "housing"},
                 {"id": "hv", "name": "Health visiting", "type": "health_visiting"}],
    "cases": [
        {"id": "c1", "children": [{"id": "c1-k", "age": 4}],
         "adults": [{"id": "c1-dad", "role": "father", "name": "Dale"}],
         "pregnancy": {"mother": "c1-mum", "expected_delivery": "2024-08-11"}},
        {"id": "c2", "children": [{"id": "c2-k", "age": 2}],
         "adults": [{"id": "c2-dad", "role": "father", "name": "Sam"}]},  # no rows at all
        {"id": "c3", "children": [{"id": "c3-k", "age": 9}]},  # no father, no pregnancy
    ],
})
NAT = pd.NaT


def _row(entry: str, case: str, agency: str, date: Any, kinds: tuple[str, ...] = (), **more: Any) -> dict[str, Any]:
    return {"entry_id": entry, "case": case, "agency": agency, "date": pd.Timestamp(date), "kinds": kinds,
            "event": more.pop("event", ""), "action": "", "attendees": more.pop("attendees", ()),
            "attendees_known": more.pop("known", False), "mentions": more.pop("mentions", ()), "targets": (), **more}


def _ctx(rows: list[dict[str, Any]]) -> Context:
    columns = list(_row("e", "c", "a", "2024-01-01"))
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["attendees_known"] = frame["attendees_known"].astype(bool)
    return Context(manifest=MANIFEST, frame=frame, returns=(), as_of=MANIFEST.audit.meeting_date)


def _dad(*records: str, group: bool = False) -> tuple[Mention, ...]:
    return (Mention(person="c1-dad", role="father", words="dad", records=records, group=group),)


# --- meeting_attendance -----------------------------------------------------------------------------------
MEETINGS = MeetingArgs(meetings=Selector(kinds=["core_group"], label="core groups"), agency_types=["housing"],
                       concern=Selector(kinds=["housing_issue"]))


def test_meetings_tied_on_a_day_are_read_in_entry_order_and_unknown_attendance_is_never_absence():
    ctx = _ctx([
        _row("m-b", "c1", "csc", "2024-03-01", ("core_group",), known=True, attendees=("csc",)),
        _row("m-a", "c1", "csc", "2024-03-01", ("core_group",), known=True, attendees=("csc", "hv")),
        _row("m-c", "c1", "csc", "2024-02-01", ("core_group",), known=True, attendees=("housing",)),
        _row("m-d", "c1", "csc", "2024-04-01", ("core_group",)),  # attendance not recorded
        _row("m-e", "c1", "csc", NAT, ("core_group",), known=True),  # undated: not counted
        _row("m-f", "c1", "csc", "2024-08-01", ("core_group",), known=True),  # after the as-of date
        _row("w-2", "c1", "hv", "2024-01-05", ("housing_issue",)),
        _row("w-1", "c1", "hv", "2024-01-05", ("housing_issue",)),
        _row("w-0", "c1", "hv", "2024-03-05", ("housing_issue",)),
        _row("m-x", "c3", "csc", "2024-03-01", ("core_group",)),
    ])
    out = meeting_attendance(ctx, MEETINGS)
    [fact] = out.facts
    assert fact.case == "c1"
    assert fact.evidence == ("m-a", "m-b", "w-1", "w-2")
    assert fact.fields == {"meetings_with_attendees": 3, "meetings_unknown": 1, "meetings_attended": 1,
                           "concern_entries": 3, "agency_involved": True}
    assert out.skipped == {"c2": "no core groups recorded",
                           "c3": "attendance not recorded at any of 1 core groups: unknown, not absent"}


# --- adult_checks ------------------------------------------------------------------------------------------
ADULTS = AdultArgs(roles=["father"], checks=Selector(kinds=["checks"]), assessment=Selector(kinds=["assessment"]))


def test_an_adults_entries_tied_on_a_day_are_evidence_in_entry_order_and_a_man_with_no_rows_still_has_a_fact():
    ctx = _ctx([
        _row("e2", "c1", "csc", "2024-03-01", mentions=_dad("seen"), event="home visit for the assessment"),
        _row("e1", "c1", "hv", "2024-03-01", mentions=_dad("named")),
        _row("e0", "c1", "csc", "2024-02-01", ("checks",), mentions=_dad(group=True)),  # 'checks on both parents'
        _row("e3", "c1", "csc", "2024-02-02", ("checks",), mentions=_dad()),  # a checks entry naming him
        _row("e4", "c1", "csc", "2024-02-03", mentions=_dad("not_checked")),
        _row("e5", "c1", "csc", NAT, mentions=_dad("seen")),  # undated: not read
        _row("e6", "c1", "csc", "2024-09-01", mentions=_dad("seen")),  # after the as-of date
    ])
    out = adult_checks(ctx, ADULTS)
    by_case = {f.case: f for f in out.facts}
    assert by_case["c1"].evidence == ("e3", "e4", "e1", "e2")
    assert {k: by_case["c1"].fields[k] for k in ("mentions", "checks", "seen", "in_assessment", "checks_planned")} == {
        "mentions": 4, "checks": 2, "seen": 1, "in_assessment": 1, "checks_planned": 1}
    assert by_case["c2"].evidence == ()
    assert by_case["c2"].fields["mentions"] == by_case["c2"].fields["seen"] == 0
    assert out.skipped == {"c3": "no father in audit.yaml"}


def test_his_own_item_in_a_checks_entry_decides_over_a_group_phrase_in_it():
    both = (*_dad("checked", group=True), *_dad("not_checked"))  # 'checks on both parents ... dad not checked'
    ctx = _ctx([_row("e1", "c1", "csc", "2024-02-01", ("checks",), mentions=both),
                _row("e2", "c1", "csc", "2024-02-02", ("checks",), mentions=(*_dad("checked", group=True), *_dad("seen")))])
    fact = next(f for f in adult_checks(ctx, ADULTS).facts if f.case == "c1")
    assert (fact.fields["checks"], fact.fields["checks_planned"]) == (1, 1)


# --- cross_agency_concern ----------------------------------------------------------------------------------
SHARING = SharingArgs(concerns=[Concern(kinds=["weapons"], label="weapons", should_know=["housing"])], window_days=30)


def test_a_concern_first_recorded_twice_on_a_day_and_the_agency_active_around_it():
    ctx = _ctx([
        _row("x2", "c1", "csc", "2024-03-01", ("weapons",)),
        _row("x1", "c1", "csc", "2024-03-01", ("weapons",)),
        _row("x3", "c1", "csc", "2024-05-20", ("weapons",)),
        _row("h3", "c1", "housing", "2024-03-31"),  # day 30 after: inside
        _row("h1", "c1", "housing", "2024-01-31"),  # day 30 before: inside
        _row("h0", "c1", "housing", "2024-01-30"),  # day 31 before: outside
        _row("h4", "c1", "housing", "2024-04-21"),  # 29 days before the second record: inside
        _row("h5", "c1", "housing", NAT),  # undated: not counted
        _row("y1", "c3", "csc", "2024-03-01", ("weapons",)),  # no housing records for c3
    ])
    out = cross_agency_concern(ctx, SHARING)
    [fact] = out.facts
    assert (fact.case, fact.agency) == ("c1", "housing")
    assert fact.evidence == ("x1", "h1", "h3", "h4")
    assert fact.fields == {"concern": "weapons", "recorded_by": "Social care", "first_recorded": "01/03/2024",
                           "aware": False, "active_entries": 3, "agency": "housing", "agency_name": "Housing Options"}
    assert out.skipped == {"c2": "no weapons concern recorded",
                           "c3": "no other agency expected to know sent records for this case"}


# --- pregnancy_contact -------------------------------------------------------------------------------------
PREGNANCY = PregnancyArgs(contacts=Selector(kinds=["antenatal_contact"]), attempts=Selector(kinds=["attempt"]),
                          risk=Selector(kinds=["risk"]), by_weeks=30)


def test_pregnancy_contacts_on_the_deadline_count_and_undated_ones_do_not():
    # EDD 11/08/2024: 30+0 weeks on 11/08/2024 - 70 days = 02/06/2024.
    ctx = _ctx([
        _row("a2", "c1", "hv", "2024-06-02 15:00", ("antenatal_contact",)),  # on the deadline, in the afternoon
        _row("a3", "c1", "hv", "2024-06-03", ("antenatal_contact",)),  # the day after
        _row("a4", "c1", "hv", NAT, ("antenatal_contact",)),
        _row("t2", "c1", "hv", "2024-05-01", ("attempt",)),
        _row("t1", "c1", "hv", "2024-05-01", ("attempt",)),
        _row("r2", "c1", "csc", "2024-04-01", ("risk",)),
        _row("r1", "c1", "csc", "2024-03-01", ("risk",)),
    ])
    out = pregnancy_contact(ctx, PREGNANCY)
    [fact] = out.facts
    assert fact.fields["deadline"] == "02/06/2024"
    assert (fact.fields["contacts_by_deadline"], fact.fields["contacts_total"], fact.fields["attempts"],
            fact.fields["risk_markers"]) == (1, 2, 2, 2)
    assert fact.evidence == ("r1", "r2", "t2", "t1")  # markers in date order, then attempts as recorded
    assert out.skipped == {"c2": "no pregnancy in audit.yaml", "c3": "no pregnancy in audit.yaml"}


# --- presence ----------------------------------------------------------------------------------------------
PRESENCE = PresenceArgs(groups={"plan": Group(kinds=["plan"]), "risk": Group(kinds=["risk"])}, require_any=["risk"],
                        evidence=["risk"], max_evidence=2)


def test_presence_counts_days_once_and_shows_the_earliest_entries():
    ctx = _ctx([
        _row("r3", "c1", "csc", "2024-03-01", ("risk",)),
        _row("r2", "c1", "hv", "2024-03-01", ("risk",)),
        _row("r1", "c1", "csc", "2024-04-01", ("risk", "plan")),
        _row("r0", "c1", "csc", NAT, ("risk",)),
        _row("p1", "c3", "csc", "2024-03-01", ("plan",)),
    ])
    out = presence(ctx, PRESENCE)
    [fact] = out.facts
    assert fact.fields == {"plan": 1, "risk": 3, "plan_agencies": 1, "risk_agencies": 2, "plan_days": 1,
                           "risk_days": 2}
    assert fact.evidence == ("r2", "r3")
    assert out.skipped == {"c2": "no record of risk", "c3": "no record of risk"}


# --- rolling_count -----------------------------------------------------------------------------------------
ROLLING = RollingArgs(select=Selector(kinds=["referral"], label="referrals"), window_days=30, dedupe_days=1,
                      outcome=Selector(kinds=["nfa"]), outcome_days=10)


def test_the_busiest_window_counts_day_30_and_one_referral_recorded_twice_once():
    ctx = _ctx([
        _row("r1", "c1", "mash", "2024-01-01 23:00", ("referral",)),
        _row("r1b", "c1", "csc", "2024-01-02 08:00", ("referral",)),  # the next day: the same referral
        _row("r2", "c1", "csc", "2024-01-31 01:00", ("referral",)),  # day 30 (calendar days): in the window
        _row("r3", "c1", "csc", "2024-02-03", ("referral",)),  # day 33: outside the first window
        _row("r4", "c1", "csc", "2024-03-10", ("referral",)),
        _row("r5", "c1", "csc", NAT, ("referral",)),  # undated: not counted
        _row("n2", "c1", "csc", "2024-02-05", ("nfa",)),  # 5 days after r2, tied with n1: the first in order
        _row("n1", "c1", "csc", "2024-02-05", ("nfa",)),
        _row("n0", "c1", "csc", "2024-01-30", ("nfa",)),  # 29 days after r1: too late for it
    ])
    out = rolling_count(ctx, ROLLING)
    [fact] = out.facts
    assert fact.fields == {"max_in_window": 2, "total": 4, "window_from": "01/01/2024", "window_to": "31/01/2024",
                           "ended_in_outcome": 1}
    assert fact.evidence == ("r1", "r2", "n1")
    assert out.skipped == {"c2": "no referrals recorded", "c3": "no referrals recorded"}


# --- an empty chronology -----------------------------------------------------------------------------------
@pytest.mark.parametrize("derive, args", [
    (meeting_attendance, MEETINGS), (adult_checks, ADULTS), (cross_agency_concern, SHARING),
    (pregnancy_contact, PREGNANCY), (presence, PRESENCE), (rolling_count, ROLLING),
], ids=lambda v: getattr(v, "__name__", ""))
def test_an_empty_chronology_gives_every_case_a_fact_or_a_reason(derive, args):
    out = derive(_ctx([]), args)
    assert {f.case for f in out.facts} | set(out.skipped) == {"c1", "c2", "c3"}
    assert all(f.evidence == () for f in out.facts)

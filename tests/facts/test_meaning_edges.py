"""Clauses of what a fact means that no other test pinned (each found by `bench/mutation.py`, docs/testing.md):
written from the meaning a user relies on, on hand-made records, each clause with an example on both sides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from pydantic import ValidationError

from checker.engine.catalogue import load_catalogue
from checker.facts import REGISTRY, Context
from checker.facts.base import AgeRange, ages_in_range
from checker.facts.contract import Output, fill_meaning
from checker.facts.eviction_position import eviction_status
from checker.facts.presence import RollingArgs
from checker.facts.quality_returns import StrengthArgs
from checker.model.audit import AuditReturn, Manifest
from checker.outputs.referrals.worklist import Thresholds

AS_OF = dt.date(2024, 6, 14)
MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "Meanings", "theme": "test", "meeting_date": AS_OF.isoformat()},
    "agencies": [{"id": "housing", "name": "Housing Options", "type": "housing"},
                 {"id": "school", "name": "School", "type": "education"}],
    "cases": [{"id": "c1", "children": [{"id": "c1-k", "age": 7}]}],
})  # fmt: skip


def _frame(rows: list[tuple[str, str, str, tuple[str, ...], str, tuple[str, ...]]]) -> pd.DataFrame:
    """(entry id, agency, date, kinds, event, dates written in the text) for case c1."""
    return pd.DataFrame(
        [{"entry_id": e, "case": "c1", "agency": a, "date": pd.Timestamp(d), "kinds": k, "event": text, "action": "",
          "text_dates": written} for e, a, d, k, text, written in rows],
        columns=["entry_id", "case", "agency", "date", "kinds", "event", "action", "text_dates"],
    )  # fmt: skip


# --- eviction position: the date a record gives is one it looks ahead to --------------------------------


def test_a_bailiff_record_gives_the_day_it_looks_ahead_to_not_the_order_it_looks_back_to() -> None:
    """A bailiff record written on 10/06 that recalls the possession order of 01/05 and books bailiffs for
    20/06: the household is evicted on 20/06 (6 days after the as-of date), not on 01/05 (long past)."""
    frame = _frame([("b1", "housing", "2024-06-10", ("bailiff_date",),
                     "Following the possession order of 01/05/2024 bailiffs are booked for 20/06/2024",
                     ("2024-05-01", "2024-06-20"))])  # fmt: skip
    status = eviction_status(frame, AS_OF, {"housing"})["c1"]
    assert (status.basis, status.eviction_date, status.days_until) == ("bailiff", dt.date(2024, 6, 20), 6)
    # the other side: a bailiff date written for the day the record is made is that day (imminent, 0 days)
    frame = _frame([("b1", "housing", "2024-06-14", ("bailiff_date",), "Bailiffs attending today 14/06/2024",
                     ("2024-06-14",))])  # fmt: skip
    assert eviction_status(frame, AS_OF, {"housing"})["c1"].days_until == 0


def test_a_possession_order_gives_the_day_to_leave_not_the_hearing_it_recalls() -> None:
    frame = _frame([("p1", "housing", "2024-06-03", ("possession_order",),
                     "At the hearing on 28/05/2024 the court made a possession order: possession by 01/07/2024",
                     ("2024-05-28", "2024-07-01"))])  # fmt: skip
    status = eviction_status(frame, AS_OF, {"housing"})["c1"]
    assert (status.basis, status.eviction_date, status.primary and status.primary.inferred) == (
        "possession", dt.date(2024, 7, 1), False)


def test_a_notice_that_recalls_only_earlier_dates_is_assumed_to_run_its_default_period() -> None:
    """A section 21 notice served on 01/05 that mentions only the tenancy start (2022) gives no expiry of its
    own: it is assumed to expire 61 days after service (and says so), not on the tenancy start."""
    frame = _frame([("n1", "housing", "2024-05-01", ("eviction_notice",),
                     "Section 21 notice served; the tenancy began 01/09/2022", ("2022-09-01",))])  # fmt: skip
    status = eviction_status(frame, AS_OF, {"housing"})["c1"]
    assert status.eviction_date == dt.date(2024, 7, 1) and status.primary and status.primary.inferred


# --- strengths: a check as at a date reads the records up to that date ------------------------------------


def _strengths(rows: list[tuple[str, str, str, tuple[str, ...], str, tuple[str, ...]]]) -> dict[str, Any]:
    blank = AuditReturn.model_validate({"agency": "school", "case": "c1",
                                        "answers": [{"question": "good-practice", "answer": None}]})
    ctx = Context(manifest=MANIFEST, frame=_frame(rows), returns=(blank,), as_of=AS_OF)
    spec = REGISTRY["strengths"]
    (fact,) = spec.fn(ctx, StrengthArgs()).facts
    return fact.fields


def test_a_positive_entry_counts_as_a_strength_up_to_the_as_of_date_and_not_after_it() -> None:
    """Checked as at 14/06, the school's blank "what went well" with its only positive entry dated 20/06 has
    no strength yet (what the check said on 14/06 must not change because a later entry was added); the same
    entry dated 14/06 is a strength."""
    later = _strengths([("s1", "school", "2024-06-20", ("positive",), "Attendance has improved", ())])
    assert (later["positive_rows"], later["none"], later["rate"]) == (0, True, 1.0)
    on_the_day = _strengths([("s1", "school", "2024-06-14", ("positive",), "Attendance has improved", ())])
    assert (on_the_day["positive_rows"], on_the_day["none"], on_the_day["rate"]) == (1, False, 0.0)


# --- field meanings: a placeholder the arguments do not fill is shown as written ---------------------------


def test_a_meaning_fills_the_rules_arguments_and_shows_any_other_placeholder_as_written() -> None:
    output = Output("positive_rows", "int", "Entries of kind {kinds} answering '{question}' since {start}")
    assert fill_meaning(output, StrengthArgs()) == (
        "Entries of kind positive answering 'good-practice' since {start}")


# --- child age ranges: "a child aged min–max (whole years on the as-of date)", both ends included ----------


def test_a_child_aged_exactly_the_youngest_or_the_oldest_age_is_in_the_range() -> None:
    children = [{"id": "k4", "age": 4}, {"id": "k5", "age": 5}, {"id": "k11", "age": 11}, {"id": "k12", "age": 12},
                {"id": "born", "date_of_birth": "2013-06-14"},  # 11 today, on the as-of date
                {"id": "not-yet", "date_of_birth": "2019-06-15"}]  # 5 tomorrow: 4 today  # fmt: skip
    manifest = Manifest.model_validate({**MANIFEST.model_dump(mode="json"), "cases": [{"id": "c1", "children": children}]})
    ctx = Context(manifest=manifest, frame=_frame([]), returns=(), as_of=AS_OF)
    assert ages_in_range(ctx, "c1", AgeRange(min=5, max=11)) == [5, 11, 11]
    assert ages_in_range(ctx, "c1", AgeRange(min=12, max=12)) == [12]
    assert ages_in_range(ctx, "c1", AgeRange(min=0, max=4)) == [4, 4]


def test_an_undated_possession_order_takes_effect_after_the_statutory_14_days_whoever_reads_it() -> None:
    """Housing Act 1980 s89 (the imminent-eviction rule's `possession_days` source): 14 days after the order.
    The eviction reading's own default is the rule's, so the worklist, the rule and a direct reading agree."""
    frame = _frame([("p1", "housing", "2024-06-03", ("possession_order",), "Possession order granted", ())])
    status = eviction_status(frame, AS_OF, {"housing"})["c1"]
    assert status.eviction_date == dt.date(2024, 6, 17) and status.primary and status.primary.inferred
    rule = load_catalogue().get("imminent-eviction")
    assert rule.parameters["possession_days"].default == 14 == Thresholds().possession_days


# --- argument bounds: the smallest window and outcome period a rule may ask for ---------------------------


def test_a_window_may_be_one_day_and_an_outcome_may_be_asked_for_on_the_same_day() -> None:
    """"The window's length in days, from the first entry in it (that day included)": one day is the shortest;
    "days after a window's entry an outcome counts for it": 0 means the same day only."""
    select = {"kinds": ["police_callout"]}
    assert RollingArgs.model_validate({"select": select, "window_days": 1, "outcome_days": 0}).window_days == 1
    for wrong in ({"window_days": 0}, {"window_days": 7, "outcome_days": -1}):
        with pytest.raises(ValidationError):
            RollingArgs.model_validate({"select": select, **wrong})


# --- the duty to refer: by agency type, unless audit.yaml says otherwise for the agency --------------------


def test_the_agencies_bound_by_the_duty_to_refer_are_by_type_unless_audit_yaml_overrides_one() -> None:
    """"Agency types bound by the s213B duty to refer (an agency's own duty_to_refer in audit.yaml overrides its
    type)": each of the four combinations, every agency with a record on the case."""
    agencies = [
        {"id": "housing", "name": "Housing Options", "type": "housing"},  # type not bound, no override: other
        {"id": "school", "name": "School", "type": "education", "duty_to_refer": True},  # overridden: bound
        {"id": "hv", "name": "Health visiting", "type": "health_visiting"},  # type bound: bound
        {"id": "gp", "name": "GP", "type": "health_visiting", "duty_to_refer": False},  # overridden: other
    ]  # fmt: skip
    manifest = Manifest.model_validate({**MANIFEST.model_dump(mode="json"), "agencies": agencies})
    rows = [("n1", "housing", "2024-05-01", ("eviction_notice",), "Section 21 notice served", ())]
    rows += [(f"{a['id']}1", a["id"], "2024-05-02", (), "Seen", ()) for a in agencies[1:]]
    ctx = Context(manifest=manifest, frame=_frame(rows), returns=(), as_of=AS_OF)
    spec = REGISTRY["eviction"]
    args = spec.args.model_validate({"referral": {"kinds": ["homelessness_application"]},
                                     "duty_to_refer_types": ["health_visiting"]})
    (fact,) = spec.fn(ctx, args).facts
    assert (fact.fields["duty_agencies"], fact.fields["other_agencies"]) == ("Health visiting, School", "GP, Housing Options")

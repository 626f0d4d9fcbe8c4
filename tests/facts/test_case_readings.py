"""The derivations read every case from one sort of the frame (no per-case DataFrames): the edges that way of
reading has — a case with no rows, undated rows, several entries on one day, rows not in order, an empty frame
— give the facts a user would expect, and the shared indexes agree with reading the frame row by row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from checker.facts import REGISTRY, Context
from checker.facts.context import case_spans, timeline
from checker.facts.eviction_position import eviction_status, shared_eviction_status
from checker.model.audit import Manifest
from checker.model.frame import empty_frame
from checker.text.match import Reading

AS_OF = dt.date(2024, 6, 30)


def _manifest(cases: list[dict[str, Any]]) -> Manifest:
    return Manifest.model_validate({
        "audit": {"id": "t", "title": "t", "theme": "t", "meeting_date": AS_OF.isoformat(),
                  "period": {"start": "2024-01-01", "end": "2024-06-30"}},
        "agencies": [
            {"id": "csc", "name": "Children's Social Care", "type": "childrens_social_care"},
            {"id": "school", "name": "School", "type": "education"},
            {"id": "housing", "name": "Housing", "type": "housing"},
        ],
        "cases": cases,
    })  # fmt: skip


def _frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """(entry id, case, agency, date or None, kinds[, event]) -> a classified frame, in the order given."""
    records = []
    for n, (entry, case, agency, day, kinds, *text) in enumerate(rows):
        records.append({
            "entry_id": entry, "case": case, "agency": agency, "date": pd.Timestamp(day) if day else pd.NaT,
            "date_end": pd.Timestamp(day) if day else pd.NaT, "date_precision": "day" if day else "",
            "date_text": day or "", "source": "", "event": text[0] if text else "", "impact": "", "action": "",
            "event_type": "", "attendees_text": "", "file": f"{agency}.csv", "row": n + 2, "kinds": tuple(kinds),
            "text_dates": (), "attendees": (), "attendees_known": False,
            "readings": tuple(Reading(kind=k, status="done", counted=True, matched=k, cue="") for k in kinds), "targets": (),
        })  # fmt: skip
    if not records:
        return empty_frame()
    return pd.DataFrame.from_records(records)


CP = [{"type": "child_protection", "start": "2024-01-01"}]


def _ctx(rows: list[tuple[Any, ...]], cases: list[dict[str, Any]]) -> Context:
    return Context(manifest=_manifest(cases), frame=_frame(rows), returns=(), as_of=AS_OF)


def _derive(name: str, ctx: Context, args: dict[str, Any]) -> Any:
    spec = REGISTRY[name]
    return spec.fn(ctx, spec.args.model_validate(args))


VISITS = {"select": {"kinds": ["home_visit"], "label": "visit"}, "plan_types": ["child_protection"]}


def test_case_spans_cover_each_run_of_a_sorted_column() -> None:
    assert case_spans([]) == {}
    assert case_spans(["a"]) == {"a": (0, 1)}
    assert case_spans(["a", "a", "b", "c", "c"]) == {"a": (0, 2), "b": (2, 3), "c": (3, 5)}


def test_timeline_is_the_rows_sorted_by_case_date_and_entry_even_when_the_frame_is_not() -> None:
    ctx = _ctx(
        [("e3", "c2", "csc", "2024-02-01", ["home_visit"]), ("e2", "c1", "school", "2024-03-01", ["home_visit"]),
         ("e1", "c1", "csc", "2024-03-01", ["home_visit"]), ("e0", "c1", "csc", "2024-01-05", ["home_visit"])],
        [{"id": "c1"}, {"id": "c2"}],
    )  # fmt: skip
    rows = ctx.select(_selector(["home_visit"]))
    shared = ctx.timeline(rows)
    assert shared.entry_id == ["e0", "e1", "e2", "e3"]  # same-day entries in id order
    assert shared.spans == {"c1": (0, 3), "c2": (3, 4)}
    alone = timeline(rows)  # sorting the rows themselves agrees with the frame's one sort
    assert (alone.entry_id, alone.ns, alone.day, alone.spans) == (shared.entry_id, shared.ns, shared.day, shared.spans)
    odd = Context(manifest=ctx.manifest, frame=ctx.frame.set_axis([0, 0, 1, 1]), returns=(), as_of=AS_OF)
    assert odd.timeline(odd.select(_selector(["home_visit"]))).entry_id == shared.entry_id  # repeated index labels


def _selector(kinds: list[str]) -> Any:
    from checker.facts.base import Selector

    return Selector(kinds=kinds)


def test_entry_index_gives_each_row_as_the_frame_holds_it_and_nothing_for_an_unknown_id() -> None:
    ctx = _ctx(
        [("e1", "c1", "csc", "2024-03-01", ["home_visit"]), ("e2", "c1", "csc", None, [])], [{"id": "c1"}]
    )
    cols = ["entry_id", "case", "agency", "file", "row", "date", "date_text", "event", "kinds"]
    expected = {r["entry_id"]: r for r in ctx.frame[cols].to_dict("records")}
    assert dict(ctx.entry_index) == expected
    assert type(ctx.entry_index["e1"]["row"]) is int
    assert ctx.entry_index.get("nope") is None
    assert len(_ctx([], [{"id": "c1"}]).entry_index) == 0


def test_by_status_lists_every_reading_of_every_row() -> None:
    ctx = _ctx(
        [("e1", "c1", "csc", "2024-03-01", ["home_visit", "child_seen"]), ("e2", "c1", "csc", None, [])],
        [{"id": "c1"}],
    )
    got = ctx.by_status
    assert got[["pos", "entry_id", "kind", "status"]].values.tolist() == [
        [0, "e1", "home_visit", "done"], [0, "e1", "child_seen", "done"]
    ]  # fmt: skip
    assert _ctx([("e2", "c1", "csc", None, [])], [{"id": "c1"}]).by_status.empty
    assert _ctx([], [{"id": "c1"}]).by_status.empty


def test_a_plan_with_no_entries_is_one_gap_from_its_start_to_the_as_of_date() -> None:
    ctx = _ctx([("e1", "c2", "csc", "2024-02-01", ["home_visit"])], [{"id": "c1", "plans": CP}, {"id": "c2"}])
    out = _derive("gap_in_plan", ctx, VISITS)
    (fact,) = out.facts
    assert fact.case == "c1" and fact.evidence == ()
    assert (fact.fields["count"], fact.fields["max_gap_days"]) == (0, (AS_OF - dt.date(2024, 1, 1)).days)
    assert (fact.fields["gap_from"], fact.fields["gap_to"]) == ("01/01/2024", "30/06/2024")
    assert out.skipped == {"c2": "no open child protection plan in audit.yaml"}


def test_gaps_skip_undated_rows_and_same_day_entries_make_no_gap() -> None:
    rows = [
        ("e1", "c1", "csc", "2024-03-01", ["home_visit"]),
        ("e2", "c1", "csc", "2024-03-01", ["home_visit"]),
        ("e3", "c1", "csc", None, ["home_visit"]),  # undated: never counted
        ("e4", "c1", "csc", "2024-06-20", ["home_visit"]),
    ]
    (fact,) = _derive("gap_in_plan", _ctx(rows, [{"id": "c1", "plans": CP}]), VISITS).facts
    assert fact.fields["count"] == 3
    assert (fact.fields["gap_from"], fact.fields["gap_to"], fact.fields["max_gap_days"]) == ("01/03/2024", "20/06/2024", 111)
    assert fact.evidence == ("e2", "e4")  # the later of the two same-day visits opens the gap


def test_the_last_entry_before_the_audit_period_starts_the_first_gap_and_equal_gaps_take_the_first() -> None:
    plan = [{"type": "child_protection", "start": "2023-10-01"}]
    rows = [("e0", "c1", "csc", "2023-12-01", ["home_visit"]), ("e1", "c1", "csc", "2024-05-01", ["home_visit"])]
    (fact,) = _derive("gap_in_plan", _ctx(rows, [{"id": "c1", "plans": plan}]), VISITS).facts
    assert fact.evidence == ("e0", "e1") and fact.fields["count"] == 1  # e0 is before the period: not counted
    assert (fact.fields["gap_from"], fact.fields["max_gap_days"], fact.fields["plan_days"]) == ("01/12/2023", 152, 181)
    rows = [("e0", "c1", "csc", "2023-12-31", ["home_visit"]), ("e1", "c1", "csc", "2024-03-31", ["home_visit"])]
    (fact,) = _derive("gap_in_plan", _ctx(rows, [{"id": "c1", "plans": plan}]), VISITS).facts
    assert fact.fields["max_gap_days"] == 91 and fact.evidence == ("e0", "e1")  # 91 days twice: the first wins


def test_episodes_open_at_a_start_entry_and_close_at_the_next_end_entry() -> None:
    args = VISITS | {"plan_types": ["child_in_need"], "episodes": [
        {"type": "assessment", "start": {"kinds": ["assessment"]}, "end": {"kinds": ["assessment_completed"]}}]}
    rows = [
        ("a1", "c1", "csc", "2024-02-01", ["assessment"]),
        ("a2", "c1", "csc", "2024-02-10", ["assessment"]),  # inside the open episode: not a second one
        ("a3", "c1", "csc", "2024-03-01", ["assessment_completed"]),
        ("v1", "c1", "csc", "2024-02-20", ["home_visit"]),
    ]  # fmt: skip
    (fact,) = _derive("gap_in_plan", _ctx(rows, [{"id": "c1"}]), args).facts
    assert (fact.fields["plan_type"], fact.fields["plan_start"], fact.fields["plan_days"]) == ("assessment", "01/02/2024", 29)
    assert fact.fields["count"] == 1 and fact.fields["max_gap_days"] == 19


FOLLOW = {"triggers": [{"kinds": ["referral_csc"], "label": "referral", "days": 5,
                        "response": {"kinds": ["feedback_received"]}}]}  # fmt: skip


def test_follow_up_a_response_the_same_day_counts_one_before_does_not_and_undated_rows_are_not_triggers() -> None:
    rows = [
        ("r0", "c1", "school", None, ["referral_csc"]),
        ("f0", "c1", "school", "2024-02-29", ["feedback_received"]),  # before the trigger: no answer
        ("r1", "c1", "school", "2024-03-01", ["referral_csc"]),
        ("f1", "c1", "school", "2024-03-01", ["feedback_received"]),
        ("r2", "c2", "school", "2024-03-01", ["referral_csc"]),
        ("f2", "c2", "school", "2024-03-07", ["feedback_received"]),  # day 6: late
    ]
    out = _derive("follow_up", _ctx(rows, [{"id": "c1"}, {"id": "c2"}, {"id": "c3"}]), FOLLOW)
    by_case = {f.case: f for f in out.facts}
    assert [f.evidence for f in out.facts] == [("r1", "f1"), ("r2", "f2")]
    assert by_case["c1"].fields["responded"] and by_case["c1"].fields["days_open"] == 0
    assert not by_case["c2"].fields["responded"] and by_case["c2"].fields["late_response"]
    assert by_case["c2"].fields["deadline"] == "06/03/2024" and by_case["c2"].fields["days_open"] == 121
    assert out.skipped == {"c3": "no referral recorded in the audit period"}


def test_follow_up_on_an_empty_frame_skips_every_case() -> None:
    out = _derive("follow_up", _ctx([], [{"id": "c1"}]), FOLLOW)
    assert out.facts == [] and out.skipped == {"c1": "no referral recorded in the audit period"}
    assert _derive("gap_in_plan", _ctx([], [{"id": "c1"}]), VISITS).skipped == {
        "c1": "no open child protection plan in audit.yaml"
    }


def test_eviction_position_is_read_once_per_check_and_again_for_other_arguments() -> None:
    rows = [
        ("n1", "c1", "housing", "2024-05-01", ["eviction_notice"], "Section 21 notice served"),
        ("n2", "c1", "housing", None, ["eviction_notice"], "Section 21 notice served"),
    ]
    ctx = _ctx(rows, [{"id": "c1"}])
    first = shared_eviction_status(ctx)
    again = shared_eviction_status(ctx)
    assert again is first  # shared within the check, not worked out again
    assert eviction_status(ctx.frame, AS_OF, {"housing"}) == first  # the same reading as the pure function
    assert [e.entry_id for e in first["c1"].evidence] == ["n1"]  # the undated row is not evidence
    assert first["c1"].eviction_date == dt.date(2024, 7, 1)  # 61 days after service
    longer = shared_eviction_status(ctx, notice_days=70)
    assert longer["c1"].eviction_date == dt.date(2024, 7, 10)
    assert eviction_status(ctx.frame.iloc[:0], AS_OF, {"housing"}) == {}


@pytest.mark.parametrize("name", ["gap_in_plan", "follow_up"])
def test_rows_in_any_order_give_the_same_facts(name: str) -> None:
    rows = [
        ("e1", "c1", "csc", "2024-03-01", ["home_visit", "referral_csc"]),
        ("e2", "c2", "csc", "2024-04-01", ["home_visit", "feedback_received"]),
        ("e3", "c1", "csc", "2024-03-03", ["feedback_received", "home_visit"]),
        ("e4", "c1", "school", "2024-03-03", ["home_visit"]),
    ]
    cases = [{"id": "c1", "plans": CP}, {"id": "c2", "plans": CP}]
    args = VISITS if name == "gap_in_plan" else FOLLOW
    forward = _derive(name, _ctx(rows, cases), args)
    backward = _derive(name, _ctx(rows[::-1], cases), args)
    assert [(f.case, f.fields, f.evidence) for f in forward.facts] == [
        (f.case, f.fields, f.evidence) for f in backward.facts
    ]
    assert forward.skipped == backward.skipped

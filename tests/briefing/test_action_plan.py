"""The composite action plan: read back with openpyxl, grouped by finding, edits kept across a re-run,
overdue actions, findings that persist into the next round, and cells safe in Excel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from checker.check import CheckResult
from checker.outputs.briefing import (
    BriefingData,
    action_key,
    build_actions,
    build_briefing,
    gather,
    write_action_plan,
    write_briefing,
)
from checker.outputs.briefing.config import load_briefing_config
from checker.outputs.briefing.data import case_number
from checker.review import ensure_run
from checker.review.runs import _storable as storable
from checker.storage import Store

HYPERLINK = '=HYPERLINK("http://x","y")'


def _plan(data: BriefingData, folder: Path) -> Path:
    """The action plan alone, written as `maca briefing` writes it (without the Word briefing, for speed)."""
    path = folder / "action-plan.xlsx"
    write_action_plan(path, build_actions(data, load_briefing_config()), data)
    return path


def _sheet(path: Path, name: str = "Action plan") -> list[dict[str, object]]:
    book = openpyxl.load_workbook(path)
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_every_action_links_to_at_least_one_finding(confirmed: BriefingData, tmp_path: Path) -> None:
    path = write_briefing(confirmed, tmp_path)["plan"]  # once through the whole writer, as the CLI does
    plan = _sheet(path)
    flag_ids = {f["id"] for f in confirmed.flags}
    assert plan
    findings = _sheet(path, "Linked findings")
    for row in plan:
        linked = {r["Finding id"] for r in findings if r["Action no."] == row["No."]}
        assert linked and linked <= flag_ids, row["No."]
        assert row["Linked findings"].startswith(f"{len(linked)} finding")  # counted, ids on their own sheet
        assert row["Action"] and row["Owner agency"] and row["Priority"] in ("High", "Medium", "Low")
        assert row["Status"] == "Not started"
    assert {r["Finding id"] for r in findings} == flag_ids  # every confirmed finding is answered by an action


def test_one_action_answers_the_same_finding_in_several_cases(confirmed: BriefingData) -> None:
    actions = build_actions(confirmed, load_briefing_config())
    keys = [a.key for a in actions]
    assert len(keys) == len(set(keys))
    oversight = next(a for a in actions if a.theme == "Supervision and management oversight" and len(a.cases) > 1)
    assert len(oversight.cases) >= 3 and len(oversight.flag_ids) >= len(oversight.cases)


def _first_action(data: BriefingData) -> str:
    return build_actions(data, load_briefing_config())[0].key


def test_an_edit_survives_a_re_run_and_comes_back_in_the_export(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData], confirmed: BriefingData,
    tmp_path: Path,
) -> None:
    key = _first_action(confirmed)
    store.save_action_edit(checked.audit_id, key, "qa.officer",
                           {"owner": "Housing Options", "due_date": "2019-06-30", "status": "Done",
                            "evidence": "Joint eviction protocol agreed"})
    # The next round: the same bundle re-submitted (ensure_run reuses the run), then a round in which the
    # findings of one case are gone.
    assert ensure_run(store, checked) == run_id
    flags = [storable(f) for f in checked.flags]
    first = build_actions(confirmed, load_briefing_config())[0]
    gone = first.cases[0]
    next_run = store.record_run(checked.audit_id, checked.bundle.digest + "-2", checked.ruleset,
                                checked.as_of, [f for f in flags if f["case"] != gone], [], [])
    data = collect(next_run, today=dt.date(2019, 9, 1))
    plan = {r["Action key"]: r for r in _sheet(_plan(data, tmp_path))}
    row = plan[key]
    assert (row["Owner agency"], row["Status"], row["Evidence of completion"]) == (
        "Housing Options", "Done", "Joint eviction protocol agreed")
    assert row["Due date"] == dt.datetime(2019, 6, 30)
    assert row["Last updated by"] == "qa.officer"
    assert str(row["Since the previous round"]).endswith(f"no longer found in {case_number(data.manifest, gone)}")
    assert any("Persists in" in str(r["Since the previous round"]) for r in plan.values())
    briefing = build_briefing(data)
    findings = {sub.title: sub.bullets for sub in briefing.sections[3].subsections}
    assert not findings[case_number(data.manifest, gone)][0].endswith("previous round of submissions.")
    assert any(line.endswith("Still found after the previous round of submissions.")
               for lines in findings.values() for line in lines)
    good_practice = briefing.sections[5].bullets
    assert any("Joint eviction protocol agreed" in line for line in good_practice)


def test_an_action_past_its_due_date_and_not_done_is_overdue(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData], confirmed: BriefingData,
    tmp_path: Path,
) -> None:
    actions = build_actions(confirmed, load_briefing_config())
    late, done = actions[0].key, actions[1].key
    store.save_action_edit(checked.audit_id, late, "qa.officer", {"due_date": "2019-05-01", "status": "In progress"})
    store.save_action_edit(checked.audit_id, done, "qa.officer", {"due_date": "2019-05-01", "status": "Done"})
    plan = {r["Action key"]: r for r in _sheet(_plan(collect(run_id, today=dt.date(2019, 5, 2)), tmp_path))}
    assert plan[late]["Overdue"] == "OVERDUE"
    assert plan[done]["Overdue"] is None
    not_yet = {r["Action key"]: r for r in _sheet(_plan(collect(run_id, today=dt.date(2019, 5, 1)), tmp_path))}
    assert not_yet[late]["Overdue"] is None
    # with no day given (the CLI and the page), OVERDUE is judged as at the audit's date, not the real today
    as_at = {r["Action key"]: r for r in _sheet(_plan(gather(store, run_id, checked), tmp_path))}
    assert checked.as_of < dt.date(2019, 5, 1) < dt.date.today() and as_at[late]["Overdue"] is None


def test_the_plan_follows_the_review(store: Store, checked: CheckResult, run_id: int,
                                     collect: Callable[..., BriefingData]) -> None:
    """Nothing decided: every flag is in the draft plan; a dismissed one leaves it, the undecided stay until
    the review is marked complete; then only confirmed and action-needed ones."""
    draft = build_actions(collect(run_id), load_briefing_config())
    assert sum(len(a.flag_ids) for a in draft) == len(checked.flags)
    flags = store.flags(run_id)
    keep = flags[0]
    store.save_decision(checked.audit_id, keep["id"], "qa.lead", "action_needed", expected_version=0)
    store.save_decision(checked.audit_id, flags[1]["id"], "qa.lead", "dismissed", reason="seen",
                        expected_version=0)
    still_draft = build_actions(collect(run_id), load_briefing_config())
    assert sum(len(a.flag_ids) for a in still_draft) == len(checked.flags) - 1
    store.mark_review_complete(checked.audit_id, "qa.lead")
    decided = build_actions(collect(run_id), load_briefing_config())
    assert [a.flag_ids for a in decided] == [(keep["id"],)]
    assert decided[0].key == action_key(keep["rule"])


@pytest.mark.parametrize("field", ["action", "owner", "evidence"])
def test_exports_are_safe_in_excel(store: Store, checked: CheckResult, run_id: int, field: str,
                                   collect: Callable[..., BriefingData], confirmed: BriefingData,
                                   tmp_path: Path) -> None:
    key = _first_action(confirmed)
    store.save_action_edit(checked.audit_id, key, "qa.officer", {field: HYPERLINK, "status": "Done"})
    store.add_strength(checked.audit_id, "case-1", "qa.officer", HYPERLINK)
    paths = write_briefing(collect(run_id), tmp_path)
    book = openpyxl.load_workbook(paths["plan"])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not cell.value.lstrip().startswith(("=", "+", "-", "@")), cell.coordinate
    column = {"action": "Action", "owner": "Owner agency", "evidence": "Evidence of completion"}[field]
    row = next(r for r in _sheet(paths["plan"]) if r["Action key"] == key)
    assert row[column] == "'" + HYPERLINK

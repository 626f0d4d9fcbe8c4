"""Done leaves Act today: the review decision "Action taken" on the immediate concern takes it off the list
`maca check` prints and lists it under done, with what was done, who recorded it and when; an action only
marked "needed" stays; an item whose day to act by has passed is marked overdue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from checker.check import run_check
from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.review.today import Action, act_today
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
DONE = "Referral made to MASH by the housing officer, 26/03"


def _act_today(output: str) -> str:
    return output.split("ACT TODAY", 1)[1].split("\ncase-", 1)[0]


def test_action_taken_on_the_immediate_concern_leaves_act_today_and_is_listed_as_done(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    result = run_check(load_bundle(SAMPLE))
    with Store(url) as store:
        run = ensure_run(store, result)
        immediate = next(f for f in store.flags(run) if f["rule"] == "immediate-concern")
    before = CliRunner().invoke(main, ["check", str(SAMPLE), "--db", url])
    assert before.exit_code == 0, before.output
    assert "IMMEDIATE CONCERN — case-4" in _act_today(before.output)

    with Store(url) as store:  # "action needed" is not done: it stays
        store.save_decision(result.audit_id, immediate["id"], "amina.khan", "action_needed", note="ring the DSL")
    needed = CliRunner().invoke(main, ["check", str(SAMPLE), "--db", url])
    assert "IMMEDIATE CONCERN — case-4" in _act_today(needed.output) and "DONE" not in _act_today(needed.output)

    with Store(url) as store:
        store.save_decision(result.audit_id, immediate["id"], "amina.khan", "action_taken", reason=DONE,
                            expected_version=1)
    after = CliRunner().invoke(main, ["check", str(SAMPLE), "--db", url])
    assert after.exit_code == 0, after.output
    block = _act_today(after.output)
    assert "IMMEDIATE CONCERN — case-4" not in block
    assert "DONE TODAY — case-4: Immediate concern: Referral made to MASH by the housing officer" in block
    assert "Who: amina.khan. When:" in block
    assert "CONFIRM WITH EARLY HELP — case-4" in block  # the other actions stay


def test_without_a_store_the_list_is_as_before(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MACA_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.delenv("MACA_DB_URL", raising=False)
    done = CliRunner().invoke(main, ["check", str(SAMPLE)])
    assert done.exit_code == 0
    assert "IMMEDIATE CONCERN — case-4" in _act_today(done.output)
    assert not (tmp_path / "nowhere" / "maca.sqlite").exists()  # reading decisions never creates a store


def test_a_done_action_older_than_a_week_is_off_the_list_and_not_listed_as_done() -> None:
    result = run_check(load_bundle(SAMPLE))
    immediate = next(f for f in result.flags if f["rule"] == "immediate-concern")
    now = dt.datetime(2019, 3, 26, 12, 0, tzinfo=dt.UTC)
    decision = {"decision": "action_taken", "reason": DONE, "reviewer": "amina.khan"}
    week = act_today(result, decisions={immediate["id"]: {**decision, "decided_at": now - dt.timedelta(days=3)}}, now=now)
    old = act_today(result, decisions={immediate["id"]: {**decision, "decided_at": now - dt.timedelta(days=8)}}, now=now)
    for today in (week, old):
        assert immediate["id"] not in {a.flag_id for a in today.actions if a.kind == "immediate"}
    assert [(d.action.flag_id, d.today) for d in week.done] == [(immediate["id"], False)]
    assert "DONE THIS WEEK — case-4" in "\n".join(week.lines())
    assert old.done == []


def test_an_item_past_its_day_without_an_action_is_marked_overdue() -> None:
    action = Action("refer", "case-4", "Eviction on …", "the MASH", dt.date(2019, 3, 20), "f-1")
    assert action.overdue(dt.date(2019, 3, 26))
    assert action.by_text(dt.date(2019, 3, 26)).startswith("OVERDUE — was due Wed 20/03/2019")
    assert not action.overdue(dt.date(2019, 3, 20))
    assert action.by_text(dt.date(2019, 3, 20)) == "today (Wed 20/03/2019)"

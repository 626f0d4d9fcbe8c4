"""The Flags page: filters narrow the table; decisions are saved, kept across reruns and new sessions,
and a second reviewer saving over the first is told and loses nothing; vanished flags show as resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from streamlit.testing.v1 import AppTest

from checker.storage import Store


def _flag_table(at: AppTest) -> Any:
    return next(t.value for t in at.dataframe if "Flag id" in t.value.columns and "What was found" in t.value.columns)


def _decide(at: AppTest, flag_id: str, decision: str, reason: str = "", note: str = "") -> AppTest:
    at.radio(key=f"decision_{flag_id}").set_value(decision)
    if reason:
        at.text_input(key=f"reason_{flag_id}").input(reason)
    if note:
        at.text_area(key=f"note_{flag_id}").input(note)
    button = next(b for b in at.button if b.label.startswith("Save decision"))
    return button.click().run()


def _choose(at: AppTest, flag_id: str) -> AppTest:
    """What selecting the flag's row in the table does (AppTest cannot click a dataframe row; the browser test
    does): the page opens the flag kept in the session."""
    at.session_state["open_flag"] = flag_id
    return at.run()


def test_a_filter_narrows_the_table(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("flags")
    everything = _flag_table(at)
    at.multiselect(key="filter_severity").set_value(["high"]).run()
    high = _flag_table(at)
    assert 0 < len(high) < len(everything)
    assert set(high["Severity"]) == {"HIGH ▲▲▲"}

    at.multiselect(key="filter_case").set_value(["case-4"]).run()
    both = _flag_table(at)
    assert 0 < len(both) < len(high)
    assert set(both["Case"]) == {"case-4"}
    assert not any("Recorded decision" in m.value for m in at.markdown)  # nothing opened until a row is selected


def test_a_decision_survives_a_rerun_and_a_new_session(any_db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("flags", reviewer="J. Smith (QA)")
    flag_id = _flag_table(at)["Flag id"].iloc[0]
    _choose(at, flag_id)
    _decide(at, flag_id, "dismissed", reason="seen at the home visit on 20/03", note="check at next meeting")
    assert not at.exception
    assert any("Saved: Dismissed" in s.value for s in at.success), [e.value for e in at.error]

    at.run()  # a rerun
    row = _flag_table(at).set_index("Flag id").loc[flag_id]
    assert row["Status"] == "Dismissed"

    fresh = open_page("flags")  # a new session on the same database
    _choose(fresh, flag_id)
    assert _flag_table(fresh).set_index("Flag id").loc[flag_id]["Status"] == "Dismissed"
    shown = "\n".join(m.value for m in fresh.markdown)
    assert "Dismissed by J. Smith (QA)" in shown and "seen at the home visit on 20/03" in shown

    with Store(any_db_url) as store:
        audit = store.runs()[0]["audit_id"]
        history = store.decision_history(audit, flag_id)
    assert [(h["reviewer"], h["decision"], h["reason"]) for h in history] == [
        ("J. Smith (QA)", "dismissed", "seen at the home visit on 20/03")
    ]


def test_dismissing_needs_a_reason_and_a_name(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("flags")
    flag_id = _flag_table(at)["Flag id"].iloc[0]
    _choose(at, flag_id)
    _decide(at, flag_id, "confirmed")
    assert any("Enter your name" in e.value for e in at.error)

    at.text_input(key="reviewer_input").input("A. Reviewer").run()
    _decide(at, flag_id, "dismissed")
    assert any("needs a reason" in e.value for e in at.error)
    assert _flag_table(at).set_index("Flag id").loc[flag_id]["Status"] == "Open"


def test_a_concurrent_save_is_shown_to_the_second_reviewer(
    any_db_url: str, open_page: Callable[..., AppTest]
) -> None:
    first = open_page("flags", reviewer="First Reviewer")
    second = open_page("flags", reviewer="Second Reviewer")
    flag_id = _flag_table(first)["Flag id"].iloc[1]
    _choose(first, flag_id)
    _choose(second, flag_id)  # both now see the flag with no decision

    _decide(first, flag_id, "confirmed", note="agency told")
    _decide(second, flag_id, "dismissed", reason="already referred on 12/03")

    assert not second.exception
    warning = "\n".join(w.value for w in second.warning)
    assert "not** saved" in warning
    both = next(t.value for t in second.table if "Reviewer" in t.value.columns)
    assert both["Reviewer"].tolist() == ["First Reviewer", "Second Reviewer"]
    assert both["Decision"].tolist() == ["Confirmed", "Dismissed"]
    assert second.text_input(key=f"reason_{flag_id}").value == "already referred on 12/03"  # nothing lost

    next(b for b in second.button if b.label == "Save mine on top of theirs").click().run()
    assert any("Saved: Dismissed" in s.value for s in second.success)
    with Store(any_db_url) as store:
        audit = store.runs()[0]["audit_id"]
        trail = store.decision_history(audit, flag_id)
    assert [(h["version"], h["reviewer"], h["decision"]) for h in trail] == [
        (1, "First Reviewer", "confirmed"),
        (2, "Second Reviewer", "dismissed"),
    ]


def test_a_flag_absent_from_the_later_run_shows_as_resolved(
    db_url: str, open_page: Callable[..., AppTest]
) -> None:
    gone = {
        "id": "f-0000000000000001", "rule": "imminent-eviction", "category": "risk", "case": "case-2",
        "agency": "housing", "severity": "high", "message": "Bailiffs booked (earlier submission).", "evidence": [],
    }  # fmt: skip
    with Store(db_url) as store:  # an earlier run of the same audit, from an earlier submission
        store.record_run("maca-2019-homelessness", "earlier-digest", "earlier-rules", dt.date(2019, 3, 26),
                         [gone], [], [])  # fmt: skip
        store.save_decision("maca-2019-homelessness", gone["id"], "J. Smith", "action_needed", note="chase Housing")
    at = open_page("flags")
    table = _flag_table(at).set_index("Flag id")
    assert table.loc[gone["id"], "Change"] == "resolved (not raised now)"
    assert table.loc[gone["id"], "Status"] == "Action needed"  # the decision is kept, not deleted
    assert set(table.drop(index=gone["id"])["Change"]) == {"new"}  # this run's own flags

    at.multiselect(key="filter_change").set_value(["resolved"]).run()
    assert _flag_table(at)["Flag id"].tolist() == [gone["id"]]
    _choose(at, gone["id"])
    assert any("Resolved" in i.value for i in at.info)

"""The flag panel offers to carry a decision over from the flag a changed one replaced, and records it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from streamlit.testing.v1 import AppTest

from checker.storage import Store

AUDIT = "maca-2019-homelessness"


def _flag_table(at: AppTest) -> Any:
    return next(t.value for t in at.dataframe if "Flag id" in t.value.columns and "What was found" in t.value.columns)


def test_a_decision_is_carried_over_to_the_flag_that_replaced_its_own(
    db_url: str, open_page: Callable[..., AppTest]
) -> None:
    old = {
        "id": "f-0000000000000002", "rule": "was-not-brought-not-escalated", "category": "risk", "case": "case-2",
        "agency": "gp", "severity": "high", "message": "Not brought twice (before a typo was fixed).",
        "evidence": [],
    }  # fmt: skip
    with Store(db_url) as store:  # an earlier run, whose evidence row had a typo since corrected
        store.record_run(AUDIT, "earlier-digest", "earlier-rules", dt.date(2019, 3, 26), [old], [], [])
        store.save_decision(AUDIT, old["id"], "J. Smith", "action_needed", note="chase Housing")
    at = open_page("flags", reviewer="A. Reviewer")
    with Store(db_url) as store:
        latest = store.latest_run(AUDIT)
        assert latest is not None
        successor = [f["id"] for f in store.flags(latest["id"])
                     if (f["rule"], f["case"], f["agency"]) == (old["rule"], "case-2", "gp")]
    assert len(successor) == 1 and successor[0] in set(_flag_table(at)["Flag id"])
    at.session_state["open_flag"] = successor[0]  # what selecting its row in the table does
    at.run()
    assert any(old["id"] in i.value and "carry it over" in i.value for i in at.info)

    at.button(key=f"carry_{successor[0]}").click().run()
    assert not at.exception
    assert any("Carried over: Action needed" in s.value for s in at.success)
    with Store(db_url) as store:
        decision = store.decision(AUDIT, successor[0])
        carried = store.carried_from(AUDIT, successor[0])
    assert decision is not None and (decision["decision"], decision["note"], decision["reviewer"]) == (
        "action_needed", "chase Housing", "A. Reviewer")
    assert [(c["from_flag_id"], c["carried_by"]) for c in carried] == [(old["id"], "A. Reviewer")]
    line = next(c.value for c in at.caption if "carried over from flag f-0000000000000002" in c.value)
    assert line.endswith("(UK time).") and "UTC" not in line  # as the trail's table beside it shows times

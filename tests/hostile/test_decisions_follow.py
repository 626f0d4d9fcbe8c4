"""Defect 5: a decision must not detach from its flag after an edit elsewhere, and can be carried over.

Two same-day referrals (housing and police recording the same referral) count once in repeat-referrals;
which one is kept must not depend on the other one's text, or fixing a typo in the entry that was *not*
kept changes the flag's id and leaves its decision on a "resolved" flag.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hostile_craft import bundle

from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.storage import Store

HEADER = b"Case,Agency,Date,Event\n"
REFERRALS = (
    b"case-1,housing,10/04/2018,Referral to MASH re arrears and the children\n"
    b"case-1,housing,02/08/2018,Second referral to MASH, notice to quit served\n"
    b"case-1,housing,12/12/2018,Further referral to MASH, possession hearing listed\n"
)
TYPOS = [
    "Police referal to MASH after call-out",
    "Police referral to MASH after call out",
    "Police referral to MASH after callout.",
    "Police referral to  MASH after call-out!",
    "police referral to MASH after call-out",
    "Police referral to MASH after call-out (PC 123)",
    "Police referral to MASH following call-out",
    "Police referral to MASH after a call-out",
]


def _flag(tmp_path: Path, police_text: str) -> dict:  # type: ignore[type-arg]
    same_day = f"case-1,police,02/08/2018,{police_text}\n".encode()
    folder = bundle(tmp_path / police_text.replace(" ", "_").replace("/", "_"),
                    {"chronologies/all.csv": HEADER + REFERRALS + same_day})
    result = run_check(load_bundle(folder, today=dt.date(2019, 3, 20)), as_of=dt.date(2019, 3, 1))
    flags = [f for f in result.flags if f["rule"] == "repeat-referrals"]
    assert len(flags) == 1
    return flags[0]


def test_editing_the_entry_that_was_not_kept_never_changes_the_flag_id(tmp_path: Path):
    first = _flag(tmp_path, "Police referral to MASH after call-out")
    kept = {e["agency"] for e in first["evidence"] if e.get("date") == "02/08/2018" or "2018-08-02" in str(e.get("date"))}
    assert kept == {"housing"}  # of a day's entries, the first by agency then text
    ids = {_flag(tmp_path, typo)["id"] for typo in TYPOS}
    assert ids == {first["id"]}


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(f"sqlite:///{tmp_path / 'store' / 'maca.sqlite'}") as opened:
        yield opened


def _flagdict(flag_id: str, agency: str = "housing", rule: str = "repeat-referrals") -> dict:  # type: ignore[type-arg]
    return {"id": flag_id, "rule": rule, "category": "risk", "case": "case-1", "agency": agency,
            "severity": "medium", "message": "3 referrals", "evidence": [], "ruleset": "rs"}


def test_a_decision_on_a_flag_no_longer_raised_is_offered_and_recorded_as_carried(store: Store):
    audit = "hostile-test"
    first = store.record_run(audit, "d-1", "rs", dt.date(2019, 3, 1), [_flagdict("f-old"), _flagdict("f-other", "police")], [], [])
    store.save_decision(audit, "f-old", "amina", "dismissed", reason="known to CSC", note="seen 20/03")
    store.save_decision(audit, "f-other", "amina", "confirmed")
    second = store.record_run(audit, "d-2", "rs", dt.date(2019, 3, 1),
                              [_flagdict("f-new"), _flagdict("f-unrelated", rule="gap-in-contact")], [], [])
    assert first != second
    offers = store.carry_offers(second)
    assert set(offers) == {"f-new"} and offers["f-new"]["id"] == "f-old"  # same rule, case and agency only

    assert store.carry_decision(audit, "f-old", "f-new", "j.smith") == 1
    carried = store.decision(audit, "f-new")
    assert carried is not None
    assert (carried["decision"], carried["reason"], carried["note"], carried["reviewer"]) == (
        "dismissed", "known to CSC", "seen 20/03", "j.smith")
    trail = store.carried_from(audit, "f-new")
    assert [(c["from_flag_id"], c["from_version"], c["carried_by"]) for c in trail] == [("f-old", 1, "j.smith")]
    assert store.carry_offers(second) == {}  # decided now: nothing more to offer
    assert store.decision(audit, "f-old") is not None  # the old flag keeps its own trail


def test_two_new_flags_matching_one_old_one_are_not_offered_it(store: Store):
    audit = "hostile-test"
    store.record_run(audit, "d-1", "rs", dt.date(2019, 3, 1), [_flagdict("f-old")], [], [])
    store.save_decision(audit, "f-old", "amina", "confirmed")
    second = store.record_run(audit, "d-2", "rs", dt.date(2019, 3, 1), [_flagdict("f-a"), _flagdict("f-b")], [], [])
    assert store.carry_offers(second) == {}

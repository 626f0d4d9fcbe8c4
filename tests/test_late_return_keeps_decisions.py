"""A flag is its finding: a decision made before an agency's late return stays on its flag after the return
is filed and the audit checked again (issue 20, Why 1), and a finding the late return brings is a new flag.

Followed as the business officer would: the sample checked and stored, flags decided through the
dashboard's save path, Brookfield Primary's late chronology for case 2 filed with `maca intake`, the
audit checked again and the store opened afresh (the dashboard restarted).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.check import run_check
from checker.cli.main import main
from checker.engine.run import flag_id
from checker.intake.bundle import load_bundle
from checker.review import ensure_run, save_review
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "homelessness"
AUDIT = "maca-2019-homelessness"
# Brookfield's DSL refers to children's social care after the GP's and the health visitor's deadlines: a late
# answer that both "missed appointments not escalated" flags on case 2 now cite.
LATE_REFERRAL = "case-2,06/07/2018,DSL referral to children's social care: Mia says Alfie has missed hospital appointments\n"
# Domestic abuse, which no agency had recorded for case 2: a new subject for "information not shared".
NEW_CONCERN = "case-2,14/01/2019,Mia disclosed domestic abuse at home: Lee hit mum last night. Police called by DSL.\n"


def _check(folder: Path, db_url: str) -> tuple[int, list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Check the bundle and store its run with a freshly opened store (as after a restart)."""
    result = run_check(load_bundle(folder))
    with Store(db_url) as store:
        run = ensure_run(store, result)
        return run, store.flags(run), store.changes(run)


def _file_late_return(folder: Path, tmp_path: Path, rows: str) -> None:
    late = tmp_path / "brookfield-case-2.csv"
    late.write_text("Case,Date,Event\n" + rows, encoding="utf-8")
    done = CliRunner().invoke(main, ["intake", str(folder), str(late), "--agency", "brookfield", "--case", "case-2",
                                     "--received", "20/03/2019"])
    assert done.exit_code == 0, done.output
    assert "FILED" in done.output


def _one(flags: list[dict[str, Any]], rule: str, case: str, agency: str | None) -> dict[str, Any]:
    (flag,) = [f for f in flags if (f["rule"], f["case"], f["agency"]) == (rule, case, agency)]
    return flag


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "audit"
    shutil.copytree(SAMPLE, copy)
    return copy


def _decide(db_url: str, flag: dict[str, Any], decision: str, **kw: Any) -> None:
    with Store(db_url) as store:
        outcome = save_review(store, AUDIT, flag, "amina.khan", decision, expected_version=0, **kw)
    assert outcome.saved, outcome.message


def test_a_late_return_adding_evidence_keeps_the_decision_on_the_same_flag(
    folder: Path, tmp_path: Path, db_url: str
) -> None:
    _, flags, _ = _check(folder, db_url)
    gp = _one(flags, "was-not-brought-not-escalated", "case-2", "gp")
    hv = _one(flags, "was-not-brought-not-escalated", "case-2", "hv")
    _decide(db_url, gp, "confirmed", note="Spoke to GP safeguarding lead 26/03")
    _decide(db_url, hv, "action_needed")

    _file_late_return(folder, tmp_path, LATE_REFERRAL)
    run, after, changes = _check(folder, db_url)

    gp_after = _one(after, "was-not-brought-not-escalated", "case-2", "gp")
    hv_after = _one(after, "was-not-brought-not-escalated", "case-2", "hv")
    assert gp_after["id"] == gp["id"] and hv_after["id"] == hv["id"]
    assert gp_after["status"] == "confirmed" and hv_after["status"] == "action_needed"
    assert gp_after["decision"]["note"] == "Spoke to GP safeguarding lead 26/03"
    assert not changes["resolved"]  # nothing decided is left behind on a "resolved" flag
    assert gp["id"] in {f["id"] for f in changes["persisting"]}
    for flag in (gp_after, hv_after):
        change = flag["evidence_change"]
        assert change is not None, "the decision was made on less evidence: it must say so"
        assert [e["file"] for e in change["added"]] == [e["file"] for e in change["added"] if "brookfield" in e["file"]]
        assert len(change["added"]) == 1 and change["added"][0]["date"] == "2018-07-06"
        assert change["removed"] == []
    # an undecided flag has nothing to compare with
    assert all(f["evidence_change"] is None for f in after if f["decision"] is None)

    # a decision saved on the new evidence clears the mark
    with Store(db_url) as store:
        outcome = save_review(store, AUDIT, gp_after, "j.smith", "confirmed", expected_version=1)
        assert outcome.saved
        again = _one(store.flags(run), "was-not-brought-not-escalated", "case-2", "gp")
    assert again["evidence_change"] is None and again["decision_version"] == 2


def test_a_late_return_with_a_new_subject_is_a_new_open_flag_beside_the_decided_one(
    folder: Path, tmp_path: Path, db_url: str
) -> None:
    _, flags, _ = _check(folder, db_url)
    decided = _one(flags, "information-not-shared", "case-2", "csc")
    _decide(db_url, decided, "confirmed")

    _file_late_return(folder, tmp_path, LATE_REFERRAL + NEW_CONCERN)
    _, after, changes = _check(folder, db_url)

    csc = {f["id"]: f for f in after if (f["rule"], f["case"], f["agency"]) == ("information-not-shared", "case-2", "csc")}
    assert len(csc) == 2
    assert csc[decided["id"]]["status"] == "confirmed"
    (new,) = [f for fid, f in csc.items() if fid != decided["id"]]
    assert new["status"] == "open" and "Domestic abuse" in new["message"]
    assert new["id"] in {f["id"] for f in changes["new"]}
    assert not changes["resolved"]


def test_the_audit_is_part_of_a_flags_identity() -> None:
    one = flag_id("audit-a", "gap-in-contact", "case-1", "csc", "child_protection plan from 2018-12-12")
    assert one == flag_id("audit-a", "gap-in-contact", "case-1", "csc", "child_protection plan from 2018-12-12")
    assert one != flag_id("audit-b", "gap-in-contact", "case-1", "csc", "child_protection plan from 2018-12-12")
    assert one != flag_id("audit-a", "gap-in-contact", "case-1", "csc", "child_protection plan from 2019-01-02")
    assert one != flag_id("audit-a", "gap-in-contact", "case-1", None, "child_protection plan from 2018-12-12")


def test_one_audits_decisions_stay_out_of_another_with_the_same_data(folder: Path, db_url: str) -> None:
    _, flags, _ = _check(folder, db_url)
    gp = _one(flags, "was-not-brought-not-escalated", "case-2", "gp")
    _decide(db_url, gp, "confirmed")
    manifest = folder / "audit.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f"id: {AUDIT}", "id: maca-2019-copy", 1),
                        encoding="utf-8")
    _, other, _ = _check(folder, db_url)
    twin = _one(other, "was-not-brought-not-escalated", "case-2", "gp")
    assert twin["id"] != gp["id"] and twin["status"] == "open"
    assert all(f["decision"] is None for f in other)


def test_a_case_grouped_rule_keeps_the_agency_its_yaml_names(folder: Path, db_url: str) -> None:
    _, flags, _ = _check(folder, db_url)
    for rule in ("drift-and-delay", "voice-of-child-absent", "management-oversight-gap"):
        grouped = [f for f in flags if f["rule"] == rule]
        assert grouped and {f["agency"] for f in grouped} == {"csc"}  # childrens_social_care in the sample

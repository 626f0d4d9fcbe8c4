"""The briefing and action plan draft from the review as it stands (issue 20, Why 2): after one flag confirmed
and one dismissed, every other flag is still drafted as "not yet reviewed" under a DRAFT banner counting
them, the dismissed one is left out, the action plan keeps the undecided flags' actions marked as drafts,
and a note not ticked for the briefing is printed nowhere. Once the review is marked complete, only
confirmed findings are drafted, and no banner. A strength is not drafted against a finding that says the
opposite on the same case."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from checker.check import CheckResult
from checker.cli.main import main
from checker.outputs.briefing import BriefingData, build_briefing, write_briefing
from checker.outputs.briefing.themes import number_word
from checker.storage import Store

PRIVATE = "Spoke to Housing safeguarding lead 26/03 about the arrears"
SHARED = "The panel agreed the housing response was too slow"
FATHER = "carried out checks on the father or partner"


def _findings(briefing: Any) -> dict[str, list[str]]:
    return {sub.title: sub.bullets for sub in briefing.sections[3].subsections}


def _everything(paths: dict[str, Path]) -> str:
    """Every word the three files hold: the Markdown, the Word document's XML, every workbook cell."""
    text = paths["markdown"].read_text(encoding="utf-8")
    with zipfile.ZipFile(paths["docx"]) as docx:
        text += "".join(docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith(".xml"))
    book = openpyxl.load_workbook(paths["plan"])
    text += "".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                    if c.value is not None)
    return text


def _plan_rows(path: Path) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(path)["Action plan"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _decide_two(store: Store, checked: CheckResult, run_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    flags = store.flags(run_id)
    confirmed = next(f for f in flags if f["rule"] == "imminent-eviction")
    dismissed = next(f for f in flags if f["rule"] == "information-not-shared" and f["case"] == "case-1")
    store.save_decision(checked.audit_id, confirmed["id"], "amina.khan", "confirmed", note=PRIVATE)
    store.save_decision(checked.audit_id, dismissed["id"], "amina.khan", "dismissed", reason="HV knew: see 02/03",
                        note=PRIVATE + " (dismissal)")
    return confirmed, dismissed


def test_one_confirmed_one_dismissed_the_rest_is_still_drafted_as_not_yet_reviewed(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData], tmp_path: Path
) -> None:
    confirmed, dismissed = _decide_two(store, checked, run_id)
    data = collect(run_id)
    briefing = build_briefing(data)
    open_count = len(checked.flags) - 2
    assert briefing.notice is not None and briefing.notice.startswith("DRAFT")
    assert f"{number_word(open_count)} flags are still open" in briefing.notice

    findings = _findings(briefing)
    case4 = findings["Case 4"]
    eviction = [line for line in case4 if line.startswith("Eviction") or "eviction" in line.lower()]
    assert eviction and not any(line.endswith("(not yet reviewed)") for line in eviction)  # the confirmed one
    lines = [line for bullets in findings.values() for line in bullets]
    assert sum(line.endswith("(not yet reviewed)") for line in lines) >= 6  # every case keeps its open findings
    assert all(bullets != ["No findings were confirmed for this case."] for bullets in findings.values())

    actions = briefing.actions
    linked = {fid for a in actions for fid in a.flag_ids}
    assert dismissed["id"] not in linked
    assert linked == {f["id"] for f in checked.flags} - {dismissed["id"]}
    eviction_action = next(a for a in actions if confirmed["id"] in a.flag_ids)
    assert eviction_action.not_reviewed == len(eviction_action.flag_ids) - 1
    paths = write_briefing(data, tmp_path / "out")
    plan = _plan_rows(paths["plan"])
    drafts = [r for r in plan if r["Draft"]]
    assert len(drafts) >= len(actions) - 1 and all(str(r["Draft"]).startswith("DRAFT") for r in drafts)

    assert "Spoke to Housing safeguarding lead" not in _everything(paths)  # a private note, never printed


def test_a_note_ticked_for_the_briefing_is_printed(store: Store, checked: CheckResult, run_id: int,
                                                   collect: Callable[..., BriefingData], tmp_path: Path) -> None:
    flag = next(f for f in store.flags(run_id) if f["rule"] == "imminent-eviction")
    store.save_decision(checked.audit_id, flag["id"], "amina.khan", "confirmed", note=SHARED, for_briefing=True)
    paths = write_briefing(collect(run_id), tmp_path / "out")
    assert SHARED in paths["markdown"].read_text(encoding="utf-8")


def test_after_review_complete_only_confirmed_findings_and_no_banner(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData], tmp_path: Path
) -> None:
    confirmed, _ = _decide_two(store, checked, run_id)
    store.mark_review_complete(checked.audit_id, "panel.chair")
    data = collect(run_id)
    briefing = build_briefing(data)
    assert briefing.notice is None
    findings = _findings(briefing)
    lines = [line for bullets in findings.values() for line in bullets]
    assert not any("(not yet reviewed)" in line for line in lines)
    assert findings["Case 1"] == ["No findings were confirmed for this case."]
    assert len([line for line in findings["Case 4"] if not line.startswith("Panel:")]) == 1
    assert [a.flag_ids for a in briefing.actions] == [(confirmed["id"],)]
    paths = write_briefing(data, tmp_path / "out")
    assert [r["Draft"] for r in _plan_rows(paths["plan"])] == [None]
    assert "Spoke to Housing safeguarding lead" not in _everything(paths)

    store.mark_review_complete(checked.audit_id, "panel.chair", complete=False)  # reopened: a draft again
    assert build_briefing(collect(run_id)).notice is not None


def test_maca_briefing_final_marks_the_review_complete(tmp_path: Path, templates: dict[str, Path]) -> None:
    import shutil

    db = tmp_path / "maca.sqlite"
    shutil.copy(templates["recorded"], db)
    sample = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
    draft = CliRunner().invoke(main, ["briefing", str(sample), "--out", str(tmp_path / "a"), "--db", f"sqlite:///{db}"])
    assert draft.exit_code == 0, draft.output
    assert "DRAFT" in draft.output
    assert "DRAFT" in (tmp_path / "a" / "briefing.md").read_text(encoding="utf-8")
    final = CliRunner().invoke(main, ["briefing", str(sample), "--out", str(tmp_path / "b"), "--db", f"sqlite:///{db}",
                                      "--final"])
    assert final.exit_code == 0, final.output
    assert "final" in final.output
    assert "DRAFT" not in (tmp_path / "b" / "briefing.md").read_text(encoding="utf-8")
    with Store(f"sqlite:///{db}") as store:
        assert store.review_complete("maca-2019-homelessness") is not None


def test_a_strength_is_not_drafted_against_a_finding_saying_the_opposite(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData]
) -> None:
    def case1_strengths() -> list[str]:
        return next(s.bullets for s in build_briefing(collect(run_id)).sections[2].subsections if s.title == "Case 1")

    father = next(f for f in store.flags(run_id) if f["rule"] == "unseen-adult-male" and f["case"] == "case-1")
    assert not any(FATHER in line for line in case1_strengths())  # the finding is drafted (not yet reviewed)
    store.save_decision(checked.audit_id, father["id"], "amina.khan", "dismissed", reason="Dad was assessed 04/18")
    assert any(FATHER in line for line in case1_strengths())  # the finding is gone: the strength stands

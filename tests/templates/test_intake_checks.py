"""Intake reads a file before it files it: nothing readable is refused and filed nowhere; the blank template
sent out is "returned blank"; a newer return from the same agency for the same case is scored and checked
instead of the older (kept, listed as superseded); a filed file can be taken out again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from template_fill import AUDIT_YAML, HV_CASES, HV_CHRONOLOGY, CaseFill, fill_docx, fill_xlsx

from checker.check import run_check
from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns, filed_files, remove_filed
from checker.model.audit import load_audit_tool
from checker.outputs.submissions import submission_tracker

RECEIVED = dt.date(2019, 3, 8)
AS_OF = dt.date(2019, 3, 26)
HV_XLSX = "hv-maca-test-templates.xlsx"
HV_DOCX = "hv-maca-test-templates.docx"


def _snapshot(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def _register(bundle: Path) -> list[dict[str, object]]:
    return list(YAML(typ="safe").load((bundle / "audit.yaml").read_text(encoding="utf-8")).get("intake") or [])


def _full(case: str) -> CaseFill:
    """Every question answered, graded and evidenced: an improved return."""
    answers = {q.id: (f"Answered for {case}: {q.id.replace('-', ' ')} was seen and recorded.", "Good",
                      f"Case record 1{i % 9}/0{1 + i % 9}/2018") for i, q in enumerate(load_audit_tool().questions)}
    return CaseFill(details={"completed_by": "Named nurse", "known_to_agency": "Yes", "overall_grade": "Good",
                             "immediate_concern": "None"}, answers=answers)


# --- nothing readable: refused, filed nowhere ------------------------------------------------------------

@pytest.mark.parametrize(("data", "reason"), [(b"x,y\n", "no date column"), (b"x,y\n1,2\n", "no date column"),
                                              (b"Date,Event\n", "the file has a header but no rows")])
def test_junk_file_is_refused_with_the_reason_and_nothing_is_filed(bundle: Path, data: bytes, reason: str) -> None:
    before = _snapshot(bundle)
    outcome = file_returns(bundle, [("x.csv", data)], received=RECEIVED, agency="hv", case="case-1").outcomes[0]
    assert outcome.status == "refused"
    assert outcome.name == "x.csv"
    assert "nothing in it could be read" in outcome.message and "not filed" in outcome.message
    assert reason in outcome.message  # the reading's own reason
    assert _snapshot(bundle) == before  # no file copied, audit.yaml byte for byte


def test_junk_file_refused_by_the_command_exit_1(bundle: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("x,y\n", encoding="utf-8")
    before = _snapshot(bundle)
    result = CliRunner().invoke(main, ["intake", str(bundle), str(junk), "--agency", "hv", "--case", "case-1"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("REFUSED: junk.csv: nothing in it could be read")
    assert "FILED" not in result.output
    assert _snapshot(bundle) == before


def test_a_chronology_with_rows_is_still_filed(bundle: Path) -> None:
    data = b"Date,Event\n01/02/2019,Home visit\n"
    outcome = file_returns(bundle, [("visits.csv", data)], received=RECEIVED, agency="hv", case="case-1").outcomes[0]
    assert outcome.status == "filed", outcome.line()
    assert "1 chronology entry read" in outcome.message
    assert _register(bundle)[0]["rows"] == 1


# --- the blank template sent out: "returned blank", not received ------------------------------------------

@pytest.mark.parametrize("name", [HV_XLSX, HV_DOCX])
def test_blank_template_is_returned_blank_not_received(bundle: Path, templates: dict[str, bytes],
                                                       name: str) -> None:
    before = _snapshot(bundle)
    report = file_returns(bundle, [(f"Copy of {name}", templates[name])], received=RECEIVED)
    outcome = report.outcomes[0]
    assert outcome.status == "returned-blank"
    assert outcome.line().startswith(f"RETURNED-BLANK: Copy of {name}: ")
    assert "does not count as received" in outcome.message and "Ask the agency" in outcome.message
    assert _snapshot(bundle) == before
    loaded = load_bundle(bundle, today=RECEIVED)
    assert loaded.manifest is not None
    hv = [s.status for s in submission_tracker(loaded.manifest, RECEIVED) if s.agency == "hv"]
    assert hv == ["awaited", "awaited"]


def test_blank_template_by_the_command(bundle: Path, templates: dict[str, bytes], tmp_path: Path) -> None:
    blank = tmp_path / "hv.xlsx"
    blank.write_bytes(templates[HV_XLSX])
    result = CliRunner().invoke(main, ["intake", str(bundle), str(blank), "--received", "08/03/2019"])
    assert result.exit_code == 1
    assert result.output.startswith("RETURNED-BLANK: hv.xlsx: this is the template sent to hv")


# --- a newer return supersedes the older in checking and scoring ------------------------------------------

def _hv_score(bundle: Path) -> float:
    checked = run_check(load_bundle(bundle, today=AS_OF), as_of=AS_OF)
    assert checked.quality is not None and checked.quality.status == "assessed"
    return checked.quality.agency("hv").score


def test_improved_return_in_another_format_replaces_the_thin_one_in_scoring(
        bundle: Path, templates: dict[str, bytes], tmp_path: Path) -> None:
    thin = {"case-1": CaseFill(details={}, answers={"voice-child": ("Not known.", None, None)}),
            "case-2": CaseFill(details={}, answers={"voice-child": ("Not known.", None, None)})}
    first = file_returns(bundle, [("hv.xlsx", fill_xlsx(templates[HV_XLSX], thin, HV_CHRONOLOGY))],
                         received=dt.date(2019, 3, 5)).outcomes[0]
    assert first.status == "filed"
    thin_score = _hv_score(bundle)

    improved = tmp_path / "HV audit tool FINAL.docx"
    improved.write_bytes(fill_docx(templates[HV_DOCX], {c: _full(c) for c in ("case-1", "case-2")}, HV_CHRONOLOGY))
    result = CliRunner().invoke(main, ["intake", str(bundle), str(improved), "--received", "08/03/2019"])
    assert result.exit_code == 0, result.output
    assert f"replaces its chronology and its audit return for case-1, case-2 of the earlier {first.file}" \
        in result.output
    assert f"SUPERSEDED: {first.file} (hv, received 05/03/2019): replaced" in result.output

    assert _hv_score(bundle) > thin_score  # the agency's score is its improved return's
    loaded = load_bundle(bundle, today=AS_OF)
    assert {(r.case, len(r.answers)) for r in loaded.returns} == {("case-1", 13), ("case-2", 13)}
    assert len(loaded.chronology) == len(HV_CHRONOLOGY)  # the older chronology is not read twice
    register = {r["file"]: r for r in _register(bundle)}
    assert register[first.file]["status"] == "superseded"
    assert (bundle / str(first.file)).is_file()  # kept

    for command in (["validate", str(bundle)], ["quality", str(bundle), "--as-of", "26/03/2019"]):
        shown = CliRunner().invoke(main, command)
        assert f"SUPERSEDED: {first.file}" in shown.output, (command, shown.output)


def test_an_improved_return_after_the_deadline_does_not_make_the_agency_late(
        bundle: Path, templates: dict[str, bytes]) -> None:
    file_returns(bundle, [("hv.xlsx", fill_xlsx(templates[HV_XLSX], HV_CASES, HV_CHRONOLOGY))],
                 received=dt.date(2019, 3, 11))  # the deadline is 12/03/2019
    improved = fill_xlsx(templates[HV_XLSX], {c: _full(c) for c in ("case-1", "case-2")}, HV_CHRONOLOGY)
    late = file_returns(bundle, [("hv v2.xlsx", improved)], received=dt.date(2019, 3, 20)).outcomes[0]
    assert late.status == "filed"
    loaded = load_bundle(bundle, today=AS_OF)
    assert loaded.manifest is not None
    rows = [s for s in submission_tracker(loaded.manifest, AS_OF) if s.agency == "hv"]
    assert [(s.status, s.return_received, s.files) for s in rows] == [
        ("received", dt.date(2019, 3, 11), (late.file,))] * 2
    register = {r["file"]: r["received"] for r in _register(bundle)}
    assert register[late.file] == dt.date(2019, 3, 20)  # the register keeps the day each file came


def test_newer_means_received_later_then_filed_later(bundle: Path, templates: dict[str, bytes]) -> None:
    one = {"case-2": CaseFill(details={}, answers={"voice-child": ("First answer.", "Good", "Plan 19/09/2018")})}
    two = {"case-2": CaseFill(details={}, answers={"voice-child": ("Second answer.", "Good", "Plan 19/09/2018")})}
    a = fill_xlsx(templates[HV_XLSX], one, HV_CHRONOLOGY)
    b = fill_xlsx(templates[HV_XLSX], two, HV_CHRONOLOGY)
    file_returns(bundle, [("a.xlsx", a)], received=RECEIVED)
    file_returns(bundle, [("b.xlsx", b)], received=RECEIVED)  # same day, filed later: used

    def answer() -> str:
        loaded = load_bundle(bundle, today=AS_OF)
        return next(a.answer for r in loaded.returns if r.case == "case-2" for a in r.answers)

    assert answer() == "Second answer."
    c = fill_xlsx(templates[HV_XLSX], {"case-2": CaseFill(details={}, answers={
        "voice-child": ("Older answer.", "Good", "Plan 19/09/2018")})}, HV_CHRONOLOGY)
    older = file_returns(bundle, [("c.xlsx", c)], received=dt.date(2019, 3, 1)).outcomes[0]
    assert older.status == "filed-older"  # received on an earlier day: filed, kept, not used
    assert answer() == "Second answer."


def test_a_return_for_one_case_leaves_the_templates_other_case_and_chronology_in_use(
        bundle: Path, templates: dict[str, bytes]) -> None:
    template = file_returns(bundle, [("hv.xlsx", fill_xlsx(templates[HV_XLSX], HV_CASES, HV_CHRONOLOGY))],
                            received=RECEIVED).outcomes[0]
    yaml_return = b"agency: hv\ncase: case-1\nanswers:\n- {question: voice-child, answer: Seen alone, grade: Good}\n"
    later = file_returns(bundle, [("case1.yaml", yaml_return)], received=dt.date(2019, 3, 9)).outcomes[0]
    assert later.status == "filed"
    assert f"replaces its audit return for case-1 of the earlier {template.file} (kept, the rest of it still read)" \
        in later.message
    loaded = load_bundle(bundle, today=AS_OF)
    answers = {r.case: [a.answer for a in r.answers] for r in loaded.returns}
    assert answers["case-1"] == ["Seen alone"]
    assert answers["case-2"] == ["Yes — the child's wishes are in the plan."]
    assert len(loaded.chronology) == len(HV_CHRONOLOGY)


# --- taking a filed file out again -------------------------------------------------------------------------

def test_remove_unfiles_and_keeps_the_comments(bundle: Path, templates: dict[str, bytes]) -> None:
    manifest = bundle / "audit.yaml"
    hand = "  - {file: chronologies/school.csv, agency: school, case: case-3}  # came by post, typed up 02/03"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "parameters: {}", "parameters: {}  # agreed at the planning meeting, 14/01/2019").replace(
        "  chronologies: []", "  chronologies:\n" + hand), encoding="utf-8")
    data = fill_xlsx(templates[HV_XLSX], HV_CASES, HV_CHRONOLOGY)
    filed = file_returns(bundle, [("hv.xlsx", data)], received=RECEIVED).outcomes[0]
    assert filed.file is not None and (bundle / filed.file).is_file()
    result = CliRunner().invoke(main, ["intake", str(bundle), "--remove", filed.file])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"REMOVED: {filed.file}: template from hv received 08/03/2019 taken out")
    assert not (bundle / filed.file).exists()
    text = manifest.read_text(encoding="utf-8")
    assert filed.file not in text  # gone from submissions and from the register
    for line in AUDIT_YAML.splitlines():
        if "#" in line:
            assert line in text
    assert "parameters: {}  # agreed at the planning meeting, 14/01/2019" in text
    assert hand in text  # an entry made by hand, and its comment, stay
    loaded = load_bundle(bundle, today=AS_OF)
    assert loaded.manifest is not None and not loaded.manifest.submissions.returns
    assert [c.file for c in loaded.manifest.submissions.chronologies] == ["chronologies/school.csv"]
    assert not loaded.manifest.intake
    # filed again, it is filed anew (not "unchanged")
    assert file_returns(bundle, [("hv.xlsx", data)], received=RECEIVED).outcomes[0].status == "filed"


def test_removing_the_newer_version_brings_the_older_back(bundle: Path, templates: dict[str, bytes]) -> None:
    old = file_returns(bundle, [("v1.xlsx", fill_xlsx(templates[HV_XLSX], HV_CASES, HV_CHRONOLOGY))],
                       received=dt.date(2019, 3, 5)).outcomes[0]
    wrong = fill_xlsx(templates[HV_XLSX], {"case-2": CaseFill(details={}, answers={
        "voice-child": ("Sent in error.", None, None)})}, HV_CHRONOLOGY)
    new = file_returns(bundle, [("v2.xlsx", wrong)], received=RECEIVED).outcomes[0]
    assert new.file is not None
    outcome = remove_filed(bundle, Path(new.file).name)  # the file name alone is enough
    assert outcome.status == "removed"
    assert f"its audit return for case-2 of the earlier {old.file} is read again" in outcome.message
    assert [(r.file, r.status) for r in filed_files(bundle)] == [(old.file, "used")]
    loaded = load_bundle(bundle, today=AS_OF)
    assert sorted(r.case for r in loaded.returns) == ["case-1", "case-2"]


def test_remove_an_unknown_file_says_so_and_exits_2(bundle: Path, templates: dict[str, bytes]) -> None:
    file_returns(bundle, [("hv.xlsx", fill_xlsx(templates[HV_XLSX], HV_CASES, HV_CHRONOLOGY))], received=RECEIVED)
    before = _snapshot(bundle)
    result = CliRunner().invoke(main, ["intake", str(bundle), "--remove", "returns/nothing-here.xlsx"])
    assert result.exit_code == 2
    assert "NOT-FILED: returns/nothing-here.xlsx" in result.output
    assert "nothing was removed" in result.output and "Filed as" in result.output
    assert _snapshot(bundle) == before


def test_intake_needs_files_or_remove(bundle: Path) -> None:
    result = CliRunner().invoke(main, ["intake", str(bundle)])
    assert result.exit_code == 2
    assert "--remove" in result.output


def test_a_template_with_only_unreadable_rows_is_refused_not_returned_blank(bundle: Path,
                                                                           templates: dict[str, bytes]) -> None:
    bad = [{"case": "case-1", "date": "31/02/2018", "source": "Health visitor", "event": "Visit."}]
    outcome = file_returns(bundle, [("hv.xlsx", fill_xlsx(templates[HV_XLSX], {}, bad))],
                           received=RECEIVED).outcomes[0]
    assert outcome.status == "refused", outcome.line()
    assert "February 2018 has no day 31" in outcome.message  # the reason, from the reading


def test_remove_a_file_listed_by_hand_says_to_edit_audit_yaml(bundle: Path) -> None:
    manifest = bundle / "audit.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "  returns: []", "  returns:\n  - {file: returns/hv-case-1.yaml, agency: hv, case: case-1}"), encoding="utf-8")
    before = _snapshot(bundle)
    outcome = remove_filed(bundle, "returns/hv-case-1.yaml")
    assert outcome.status == "not-filed"
    assert "listed in audit.yaml by hand" in outcome.message and "nothing was removed" in outcome.message
    assert _snapshot(bundle) == before

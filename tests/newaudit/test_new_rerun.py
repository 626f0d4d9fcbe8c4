"""Running `maca new FOLDER --from` again on an edited workbook updates audit.yaml in place: additions and
changes made, hand-written comments and order kept, a removal only with --allow-removals."""

from __future__ import annotations

import io
import shutil
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from new_fill import fill, put, without_case_2

from checker.cli.main import main
from checker.intake.bundle import load_manifest, open_bundle
from checker.intake.setup_apply import apply_setup
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.outputs.setup_workbook import setup_workbook


def _new(folder: Path, data: bytes, tmp_path: Path, *options: str) -> Any:
    source = tmp_path / "setup.xlsx"
    source.write_bytes(data)
    return CliRunner().invoke(main, ["new", str(folder), "--from", str(source), *options])


def _doc(folder: Path) -> dict[str, Any]:
    return yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def audit(filled: bytes, tmp_path: Path) -> Path:
    folder = tmp_path / "audit"
    result = _new(folder, filled, tmp_path)
    assert result.exit_code == 0, result.output
    return folder


def test_the_new_folder(audit: Path) -> None:
    assert sorted(p.name for p in audit.iterdir()) == ["audit.yaml", "chronologies", "returns"]
    text = (audit / "audit.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Audit set up from setup.xlsx by `maca new`")
    assert stat.S_IMODE((audit / "audit.yaml").stat().st_mode) == 0o600
    manifest, problems = load_manifest(open_bundle(audit))
    assert manifest is not None, problems
    assert [c.id for c in manifest.cases] == ["case-1", "case-2"]


def test_rerun_adds_and_changes_keeping_comments(audit: Path, blank: bytes, tmp_path: Path) -> None:
    path = audit / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("cases:\n", "# Panel chair asked for case-1 first.\ncases:\n")
    text = text.replace("  theme: neglect\n", "  theme: neglect  # agreed at the March board\n")
    text += "parameters:\n  antenatal-hv-missing: {weeks: 32}  # local procedure\n"
    path.write_text(text, encoding="utf-8")
    edited = fill(blank, put("Cases", "A6", "case-3"), put("Cases", "C6", "Teenager missing education"),
                  put("Cases", "C4", "Toddler, neglect, plan reviewed"))
    result = _new(audit, edited, tmp_path)
    assert result.exit_code == 0, result.output
    assert "ADDED: case case-3" in result.output and "CHANGED: case case-1" in result.output
    assert "case-2" not in result.output  # unchanged
    after = path.read_text(encoding="utf-8")
    for comment in ("# Panel chair asked for case-1 first.", "# agreed at the March board", "# local procedure",
                    "# Audit set up from setup.xlsx"):
        assert comment in after
    doc = _doc(audit)
    assert list(doc) == ["audit", "agencies", "cases", "submissions", "parameters"]
    assert [c["id"] for c in doc["cases"]] == ["case-1", "case-2", "case-3"]
    assert doc["cases"][0]["summary"] == "Toddler, neglect, plan reviewed"
    assert doc["parameters"] == {"antenatal-hv-missing": {"weeks": 32}}


def test_hand_written_details_the_workbook_does_not_hold_are_kept(audit: Path, filled: bytes,
                                                                  tmp_path: Path) -> None:
    path = audit / "audit.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: Kim, lives_with_child: true}", "name: Kim, lives_with_child: true, aliases: [mum]}")
    path.write_text(text, encoding="utf-8")
    result = _new(audit, filled, tmp_path)
    assert "Nothing changed" in result.output
    mother = _doc(audit)["cases"][0]["adults"][0]
    assert mother["aliases"] == ["mum"]


def test_a_removal_is_refused_without_allow_removals(audit: Path, blank: bytes, tmp_path: Path) -> None:
    smaller = fill(blank, without_case_2)
    result = _new(audit, smaller, tmp_path)
    assert result.exit_code == 0, result.output
    assert "NOT REMOVED: case case-2 is in audit.yaml but not in the workbook; it was kept" in result.output
    assert [c["id"] for c in _doc(audit)["cases"]] == ["case-1", "case-2"]
    result = _new(audit, smaller, tmp_path, "--allow-removals")
    assert "REMOVED: case case-2" in result.output
    assert [c["id"] for c in _doc(audit)["cases"]] == ["case-1"]


def test_an_agency_with_filed_files_cannot_be_removed(audit: Path, blank: bytes) -> None:
    path = audit / "audit.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  chronologies: []", "  chronologies:\n  - {file: chronologies/police.csv, agency: police}")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    no_police = fill(blank, lambda book: book["Agencies"].delete_rows(6), put("Expected", "D2", None),
                     put("Expected", "D4", None))
    outcome = apply_setup(audit, no_police, allow_removals=True)
    assert outcome.errors and not outcome.written
    assert any("police" in p.message for p in outcome.errors)
    assert path.read_bytes() == before


def test_the_samples_own_details_read_back_change_nothing(tmp_path: Path) -> None:
    """The Audit details path: an audit's details written to the workbook and read back are the same audit."""
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE_BUNDLE, folder)
    manifest, _ = load_manifest(open_bundle(folder))
    assert manifest is not None
    before = (folder / "audit.yaml").read_bytes()
    outcome = apply_setup(folder, setup_workbook(manifest))
    assert not outcome.problems and outcome.changes == [] and not outcome.written
    assert (folder / "audit.yaml").read_bytes() == before


def test_share_leaves_files_to_the_umask(filled: bytes, tmp_path: Path) -> None:
    source = tmp_path / "setup.xlsx"
    source.write_bytes(filled)
    result = CliRunner().invoke(main, ["--share", "new", str(tmp_path / "audit"), "--from", str(source)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "audit" / "audit.yaml").stat().st_mode) != 0o600
    blank = tmp_path / "blank.xlsx"
    assert CliRunner().invoke(main, ["new", "--workbook", str(blank)]).exit_code == 0
    assert stat.S_IMODE(blank.stat().st_mode) == 0o600


def test_the_workbook_of_an_existing_audit_edited_and_read_back(audit: Path, tmp_path: Path) -> None:
    edit = tmp_path / "edit.xlsx"
    result = CliRunner().invoke(main, ["new", str(audit), "--workbook", str(edit)])
    assert result.exit_code == 0, result.output
    assert "with the details of maca-2026-neglect" in result.output
    book = openpyxl.load_workbook(edit)
    assert book["Cases"]["A4"].value == "case-1" and book["Expected"]["D4"].value == "NP-2026-114"
    book["Plans"]["A5"].value, book["Plans"]["B5"].value, book["Plans"]["D5"].value = (
        "case-2", "Pre-birth child protection plan", "01/03/2026")
    out = io.BytesIO()
    book.save(out)
    result = _new(audit, out.getvalue(), tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "CHANGED: case case-2"
    case_2 = _doc(audit)["cases"][1]
    assert case_2["plans"] == [{"type": "pre_birth", "child": case_2["children"][0]["id"],
                                "start": case_2["plans"][0]["start"]}]
    assert str(case_2["plans"][0]["start"]) == "2026-03-01"


def test_new_says_what_it_needs(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["new"]).exit_code == 2
    assert runner.invoke(main, ["new", str(tmp_path / "a"), "--workbook", "x.xlsx", "--from", __file__]).exit_code == 2
    result = runner.invoke(main, ["new", "--from", __file__])
    assert result.exit_code == 2 and "say which folder" in result.output


HAND_WRITTEN = """\
# Written by hand before the set-up workbook existed.
audit:
  id: maca-2026-neglect
  title: Multi-agency case audit — neglect
  theme: neglect   # agreed at the March board
  partnership: Testshire Safeguarding Children Partnership
  meeting_date: 21/05/2026
  submission_deadline: 07/05/2026
  period: {start: 01/04/2025, end: 31/03/2026}

agencies:
  - id: childrens-social-care
    name: Testshire Children's Services
    type: childrens_social_care
    aliases: [CSC, social worker]
    lead_role: Head of safeguarding
  - id: health-visiting
    name: Testshire Community Health — health visiting
    type: health_visiting
    aliases: [HV, health visitor]
    lead_role: Named nurse
  - id: police
    name: Testshire Police
    type: police
    lead_role: Detective inspector, public protection

cases:
  # The panel takes case-1 first.
  - id: case-1
    summary: Toddler, neglect concerns, child protection plan
    reference: TSCP-26-01
    references: {police: NP-2026-114}
    children:
      - {id: case-1-child-1, name: T, date_of_birth: 14/07/2023}
    adults:
      - {id: case-1-mother, role: mother, name: Kim, lives_with_child: true, aliases: [mum]}
      - {id: case-1-father, role: father, name: D, lives_with_child: false}
    plans:
      - {type: child_protection, child: case-1-child-1, start: 02/02/2026}

  # case-2: the unborn baby is due in June.
  - id: case-2
    summary: Pregnant mother, housing insecure
    reference: TSCP-26-02
    references: {health-visiting: HV-0207}
    expected_agencies: [childrens-social-care, health-visiting]
    children:
      - {id: case-2-unborn, unborn: true}
    pregnancy: {mother: case-2-mother, expected_delivery: 20/06/2026}
    adults:
      - {id: case-2-mother, role: mother, lives_with_child: true}
      - {id: case-2-other-adult, role: maternal grandmother, name: M, lives_with_child: true}

# Filled in by maca intake.
submissions:
  chronologies: []
  returns: []
"""


def test_only_what_changed_is_rewritten_in_a_hand_written_file(blank: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "audit"
    folder.mkdir()
    (folder / "audit.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    edited = fill(blank, put("Cases", "C5", "Pregnant mother, now in temporary accommodation"),
                  put("Cases", "A6", "case-3"), put("Cases", "C6", "Teenager missing education"))
    outcome = apply_setup(folder, edited)
    assert [c.line() for c in outcome.changes] == ["CHANGED: case case-2", "ADDED: case case-3"]
    after = (folder / "audit.yaml").read_text(encoding="utf-8")
    case_2_before = HAND_WRITTEN[HAND_WRITTEN.index("  - id: case-2"):HAND_WRITTEN.index("\n# Filled in")]
    head, tail = HAND_WRITTEN.split(case_2_before)
    assert after.startswith(head)  # the audit, agencies, case-1 and every comment exactly as written
    assert after.endswith(tail)
    middle = after[len(head):len(after) - len(tail)]
    assert "summary: Pregnant mother, now in temporary accommodation" in middle
    assert "  - id: case-3\n    summary: Teenager missing education" in middle
    manifest, problems = load_manifest(open_bundle(folder))
    assert manifest is not None, problems
    assert [c.id for c in manifest.cases] == ["case-1", "case-2", "case-3"]

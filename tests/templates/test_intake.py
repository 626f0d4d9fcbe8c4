"""Filing returns: any order and any names end up with the right agency and case; audit.yaml keeps its
comments; filing the same file again changes nothing; a second version is kept and the newer used."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from ruamel.yaml import YAML
from template_fill import AUDIT_YAML, HV_CASES, HV_CHRONOLOGY, CaseFill, fill_docx, fill_xlsx, set_saved

from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.intake.template_stamp import read_stamp
from checker.model.audit import Manifest
from checker.outputs.templates import xlsx_template

RECEIVED = dt.date(2019, 3, 8)
HOUSING = {"case-3": CaseFill(details={"completed_by": "Housing options officer"},
                              answers={"joint-working-meetings": ("No: Housing was not invited.", "Inadequate",
                                                                  "Case log 14/11/2018")})}
YAML_RETURN = b"agency: housing\ncase: case-1\nanswers:\n- {question: voice-child, answer: Not known, grade: RI}\n"


@pytest.fixture
def returned(templates: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """What came back by email, under the names people gave it."""
    return [
        ("FINAL hv return (2).xlsx", fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY)),
        ("scan0001.docx", fill_docx(templates["housing-maca-test-templates.docx"], HOUSING, [])),
        ("answers.yaml", YAML_RETURN),
    ]


def _manifest_sections(text: str) -> dict[str, object]:
    return dict(YAML(typ="safe").load(text))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_any_order_any_name_right_agency_and_case(bundle: Path, returned: list[tuple[str, bytes]],
                                                  order: tuple[int, ...]) -> None:
    report = file_returns(bundle, [returned[i] for i in order], received=RECEIVED)
    assert [o.status for o in report.outcomes] == ["filed"] * 3, [o.line() for o in report.outcomes]
    by_name = {o.name: (o.agency, o.cases) for o in report.outcomes}
    assert by_name == {"FINAL hv return (2).xlsx": ("hv", ["case-1", "case-2"]),
                       "scan0001.docx": ("housing", ["case-1", "case-3"]),
                       "answers.yaml": ("housing", ["case-1"])}
    loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
    got = sorted((r.agency, r.case, r.submitted) for r in loaded.returns)
    # housing's Word template left case-1 blank (it answered case-1 in YAML): no empty return is made for it
    assert got == [("housing", "case-1", RECEIVED), ("housing", "case-3", RECEIVED),
                   ("hv", "case-1", RECEIVED), ("hv", "case-2", RECEIVED)]
    housing = next(o for o in report.outcomes if o.name == "scan0001.docx")
    assert "audit tool for case-1 was left blank" in housing.message


def test_audit_yaml_keeps_comments_and_reintake_changes_nothing(bundle: Path,
                                                                 returned: list[tuple[str, bytes]]) -> None:
    file_returns(bundle, returned, received=RECEIVED)
    text = (bundle / "audit.yaml").read_text(encoding="utf-8")
    for line in AUDIT_YAML.splitlines():
        if line.lstrip().startswith("#") or "#" in line:
            assert line in text  # every comment, where it was
    before_submissions = AUDIT_YAML.split("submissions:")[0]
    assert text.startswith(before_submissions)  # everything above submissions: byte for byte
    assert text.rstrip().endswith("status: used}")  # the intake register comes last
    assert list(_manifest_sections(text)) == ["audit", "agencies", "cases", "submissions", "parameters", "intake"]
    files = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*"))

    again = file_returns(bundle, list(reversed(returned)), received=dt.date(2019, 3, 9))
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    assert (bundle / "audit.yaml").read_text(encoding="utf-8") == text
    assert sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")) == files


def test_second_version_kept_newer_used_both_listed(bundle: Path, templates: dict[str, bytes]) -> None:
    blank = templates["hv-maca-test-templates.xlsx"]
    # the agency's "last saved" no longer decides: the date received does (v1 claims to be saved later)
    first = set_saved(fill_xlsx(blank, HV_CASES, HV_CHRONOLOGY), dt.datetime(2019, 3, 9, 10, 0))
    revised = dict(HV_CASES)
    revised["case-2"] = CaseFill(details=HV_CASES["case-2"].details,
                                 answers={"voice-child": ("Revised: seen alone twice.", "Good", "Visits 19/09/2018")})
    second = set_saved(fill_xlsx(blank, revised, HV_CHRONOLOGY), dt.datetime(2019, 3, 7, 16, 0))
    # the newer version is filed first, the older one (received on an earlier day) later: the newer is used
    report = file_returns(bundle, [("v2.xlsx", second)], received=dt.date(2019, 3, 8))
    later = file_returns(bundle, [("v1.xlsx", first)], received=dt.date(2019, 3, 5))
    assert report.outcomes[0].status == "filed"
    assert later.outcomes[0].status == "filed-older"
    assert "stay(s) in use" in later.outcomes[0].message
    doc = _manifest_sections((bundle / "audit.yaml").read_text(encoding="utf-8"))
    register = doc["intake"]
    assert isinstance(register, list) and len(register) == 2
    used = [r for r in register if r["status"] == "used"]
    old = [r for r in register if r["status"] == "superseded"]
    assert len(used) == 1 and len(old) == 1 and old[0]["superseded_by"] == used[0]["file"]
    assert (bundle / old[0]["file"]).is_file()  # kept
    loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
    voice = next(a for r in loaded.returns if r.case == "case-2" for a in r.answers if a.question == "voice-child")
    assert voice.answer == "Revised: seen alone twice."
    assert any(p.code == "file-superseded" and p.file == f"“v1.xlsx” (filed as {old[0]['file']})"
               for p in loaded.problems)  # named as the agency sent it, with where it is kept


def test_unstamped_file_asks_which_agency_then_files_with_it(bundle: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date of contact", "Details", "Outcome"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("04/04/2018", "School raised attendance concern.", "Letter"),
                          strict=True):
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    asked = file_returns(bundle, [("chronology.docx", data)], received=RECEIVED)
    assert asked.outcomes[0].status == "needs-agency"
    assert "which agency" in asked.outcomes[0].message
    assert not (bundle / "chronologies").exists()
    filed = file_returns(bundle, [("chronology.docx", data)], received=RECEIVED, agency="school", case="case-3")
    assert filed.outcomes[0].status == "filed"
    loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
    assert loaded.chronology[["case", "agency", "date_text", "event", "action"]].values.tolist() == [
        ["case-3", "school", "04/04/2018", "School raised attendance concern.", "Letter"]]


def test_template_for_another_audit_is_refused(bundle: Path, manifest: Manifest) -> None:
    other = manifest.model_copy(deep=True)
    other.audit.id = "maca-some-other-audit"
    from checker.model.audit import load_audit_tool

    data = xlsx_template(other, "hv", load_audit_tool(), now=dt.datetime(2019, 3, 1))
    assert read_stamp(data) is not None
    before = (bundle / "audit.yaml").read_bytes()
    report = file_returns(bundle, [("hv.xlsx", data)], received=RECEIVED)
    assert report.outcomes[0].status == "refused"
    assert "maca-some-other-audit" in report.outcomes[0].message
    assert (bundle / "audit.yaml").read_bytes() == before


def test_cli_templates_then_intake(bundle: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    made = runner.invoke(main, ["templates", str(bundle), "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in out.iterdir()) == [
        "housing-maca-test-templates.docx", "housing-maca-test-templates.xlsx",
        "hv-maca-test-templates.docx", "hv-maca-test-templates.xlsx"]
    filled = tmp_path / "Copy of HV.xlsx"
    filled.write_bytes(fill_xlsx((out / "hv-maca-test-templates.xlsx").read_bytes(), HV_CASES, HV_CHRONOLOGY))
    result = runner.invoke(main, ["intake", str(bundle), str(filled), "--received", "08/03/2019"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("FILED: Copy of HV.xlsx -> returns/hv-template-")
    assert "received 08/03/2019" in result.output
    unknown = tmp_path / "notes.csv"
    unknown.write_text("Date,Event\n01/01/2019,Visit\n", encoding="utf-8")
    asked = runner.invoke(main, ["intake", str(bundle), str(unknown)])
    assert asked.exit_code == 1
    assert "NEEDS-AGENCY: notes.csv" in asked.output


def test_a_return_already_entered_by_hand_is_pointed_out(bundle: Path, templates: dict[str, bytes]) -> None:
    manifest = bundle / "audit.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "  returns: []", "  returns:\n  - {file: returns/hv-case-1.yaml, agency: hv, case: case-1}"), encoding="utf-8")
    hv = fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY)
    outcome = file_returns(bundle, [("hv.xlsx", hv)], received=RECEIVED).outcomes[0]
    assert outcome.status == "filed"
    assert "also lists returns/hv-case-1.yaml" in outcome.message
    assert "- {file: returns/hv-case-1.yaml, agency: hv, case: case-1}" in manifest.read_text(encoding="utf-8")

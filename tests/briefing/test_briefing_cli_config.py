"""`maca briefing` end to end, and rules/briefing.yaml checked against the catalogue and the event kinds."""

from __future__ import annotations

import ast
from pathlib import Path

import docx
import openpyxl
import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.engine.catalogue import load_catalogue
from checker.outputs.briefing import attendee_rows
from checker.outputs.briefing.config import BRIEFING_FILE, check_config, load_briefing_config
from checker.text.kinds import KIND_IDS

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
PACKAGE = Path(__file__).resolve().parents[2] / "checker" / "outputs" / "briefing"


def test_maca_briefing_writes_the_three_files(tmp_path: Path, templates: dict[str, Path]) -> None:
    db = tmp_path / "maca.sqlite"
    db.write_bytes(templates["confirmed"].read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["briefing", str(SAMPLE), "--out", str(out), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    assert "final: the review is complete" in result.output  # the template store marked it complete
    assert (out / "briefing.md").read_text(encoding="utf-8").startswith("# Multi-agency case audit")
    assert len(docx.Document(str(out / "briefing.docx")).paragraphs) > 50
    assert openpyxl.load_workbook(out / "action-plan.xlsx").sheetnames == ["Action plan to print", "Action plan", "Linked findings"]


def test_maca_briefing_needs_an_output_folder_and_has_help() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["briefing", str(SAMPLE)]).exit_code == 2
    shown = runner.invoke(main, ["briefing", "--help"])
    assert shown.exit_code == 0 and "six-step briefing" in shown.output


def test_briefing_yaml_names_only_rules_and_kinds_that_exist() -> None:
    assert check_config(load_briefing_config(), load_catalogue(), set(KIND_IDS)) == []


def test_a_misspelt_rule_in_briefing_yaml_is_reported(tmp_path: Path) -> None:
    data = yaml.safe_load(BRIEFING_FILE.read_text(encoding="utf-8"))
    data["themes"][0]["rules"][0]["rule"] = "housing-absent-from-core-grup"
    data["strengths"]["records"][0]["kinds"] = ["child_seen_alon"]
    path = tmp_path / "briefing.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    problems = check_config(load_briefing_config(path), load_catalogue(), set(KIND_IDS))
    assert any("housing-absent-from-core-grup" in p for p in problems)
    assert any("child_seen_alon" in p for p in problems)


def test_the_briefing_code_names_no_rule() -> None:
    """Themes, strengths and wording come from rules/briefing.yaml: no rule id is written in the code."""
    rule_ids = {r.id for r in load_catalogue().rules}
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in rule_ids, f"{path.name}: rule id {node.value!r} written in the code"


def test_attendee_rows_drop_blank_rows_and_keep_agency_and_role() -> None:
    rows = [{"agency": "csc", "role": " Team manager "}, {"agency": None, "role": None}, {"agency": "", "role": ""}]
    assert attendee_rows(rows) == [{"agency": "csc", "role": "Team manager"}]

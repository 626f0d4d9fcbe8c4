"""`maca explain BUNDLE CASE RULE` and the explanation `maca evaluate` prints under each miss and false flag.

On the sample: case 3 has a child in need plan and a contingency recorded by children's social care (row 7 of its
chronology), so contingency-plan-missing does not flag it; case 2's health visitor made an ante-natal contact at 29
weeks, so antenatal-hv-missing does not; case 4's Housing officer attended the TAF meetings, so
housing-absent-from-core-group does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "homelessness")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize(("case", "rule", "failed", "entry"), [
    ("case-3", "contingency-plan-missing", "contingency == 0 was false (contingency is 1)", "csc-case-3.csv row 7"),
    ("case-2", "antenatal-hv-missing", "contacts_by_deadline == 0 was false (contacts_by_deadline is 1)",
     "hv.csv row 16"),
    ("case-4", "housing-absent-from-core-group", "meetings_attended == 0 was false (meetings_attended is 2)",
     "housing.csv row 26"),
])
def test_explain_a_non_flag_shows_the_failed_condition_and_the_entries_read(runner, case, rule, failed, entry):
    result = runner.invoke(main, ["explain", SAMPLE, case, rule])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{rule} on {case}: PASSED")
    summary = out.splitlines()[2]
    assert summary.startswith("  Not flagged because condition 1: ") and failed in summary
    assert "NOT held" in out and "— held" in out  # every part, with whether it held
    assert entry in out  # an entry the tested field was computed from
    assert "    read: " in out and "counted" in out  # how that entry was read


def test_explain_json_names_each_part_with_its_value(runner):
    result = runner.invoke(main, ["explain", SAMPLE, "case-3", "contingency-plan-missing", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "passed"
    parts = [p for c in data["facts"][0]["conditions"] for p in c["parts"]]
    assert {(p["field"], p["value"], p["held"]) for p in parts} >= {("contingency", 1, False), ("plan", 1, True)}
    (read,) = data["facts"][0]["sources"]["contingency"][0]["counted"]  # the entry the count came from
    assert (read["file"], read["row"]) == ("chronologies/csc-case-3.csv", 7)
    assert any(r["kind"] == "contingency_plan" and r["counted"] for r in read["readings"])


def test_explain_a_skipped_rule_says_why(runner):
    result = runner.invoke(main, ["explain", SAMPLE, "case-5", "young-person-housing-protocol"])
    assert result.exit_code == 0, result.output
    assert "SKIPPED — no child aged 16–17 in audit.yaml" in result.stdout
    assert "responded == no and due == yes" in result.stdout


@pytest.mark.parametrize(("case", "rule", "said"), [
    ("case-33", "contingency-plan-missing", "there is no case 'case-33'. Did you mean 'case-3'?"),
    ("case-3", "contingency-plan-misng", "there is no rule 'contingency-plan-misng'. Did you mean "
                                         "'contingency-plan-missing'?"),
])
def test_explain_unknown_case_or_rule_is_a_usage_error_without_traceback(runner, case, rule, said):
    result = runner.invoke(main, ["explain", SAMPLE, case, rule])
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception escaping


def test_evaluate_prints_the_explanation_under_each_miss_and_false_flag(runner, tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump({"cases": {
        "case-3": {"fire": ["contingency-plan-missing"], "why": {"contingency-plan-missing": "no contingency"}},
        "case-1": {"not": ["housing-absent-from-core-group"]},
    }}), encoding="utf-8")
    result = runner.invoke(main, ["evaluate", SAMPLE, str(labels)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    miss = out[out.index("MISS: contingency-plan-missing on case-3"):]
    assert "why (maca explain):" in miss.split("FALSE FLAG")[0]
    assert "Not flagged because condition 1: risk >= 1 was false" in miss.split("FALSE FLAG")[0]
    assert "csc-case-3.csv row 7" in miss.split("FALSE FLAG")[0]
    false_flag = out[out.index("FALSE FLAG: housing-absent-from-core-group on case-1"):]
    assert "Flagged because condition 1 held in full" in false_flag
    brief = runner.invoke(main, ["evaluate", SAMPLE, str(labels), "--brief"])
    assert "why (maca explain)" not in brief.stdout

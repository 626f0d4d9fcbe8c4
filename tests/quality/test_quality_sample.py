"""The sample bundle's agency grades, decided in samples/README.md before any weights existed, and how the
score is built: every agency's score recomputed from its listed deductions and the weights file."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from checker.engine.catalogue import RULES_DIR
from checker.engine.run import Outcome
from checker.model.errors import RuleError
from checker.outputs.quality import load_weights

EXPECTED = {
    "gp": "Outstanding",
    "housing": "Good", "hv": "Good", "egh": "Good", "ngh": "Good", "midwifery": "Good", "northfield-academy": "Good",
    "csc": "Requires improvement", "mash": "Requires improvement", "early-help": "Requires improvement",
    "brookfield": "Requires improvement", "mental-health": "Requires improvement",
    "police": "Inadequate",
}


def test_sample_grades_match_the_readme(sample):
    grades = {a.agency: a.grade for a in sample.report.agencies}
    assert grades == EXPECTED
    assert len(set(grades.values())) >= 3


def test_every_score_is_recomputed_from_its_deductions_and_the_weights(sample):
    weights = load_weights()
    for agency in sample.report.agencies:
        submitted = sum(1 for c in agency.cases if c.status != "nothing received")
        total = 0.0
        for d in agency.deductions:
            spec = next(s for s in weights.deductions[d.rule] if s.measure == d.measure)
            value = float(d.value)
            assert d.case_points == pytest.approx(spec.points * min(value / spec.full_at, 1.0))
            share = len(agency.cases) if spec.scope == "agency" else submitted
            assert d.points == pytest.approx(d.case_points / share)
            assert d.evidence, f"{d.rule} on {d.case} lists no evidence"
            total += d.points
        assert agency.score == pytest.approx(round(max(0.0, 100 - total), 1), abs=0.051)
        assert sum(agency.components.values()) == pytest.approx(total, abs=0.05)
        for case in agency.cases:
            lost = sum(d.case_points for d in agency.deductions if d.case == case.case)
            expected = 0.0 if case.status == "nothing received" else round(max(0.0, 100 - lost), 1)
            assert case.score == pytest.approx(expected, abs=0.051)


def test_every_deduction_names_its_record(sample):
    for agency in sample.report.agencies:
        for d in agency.deductions:
            assert any(e.get("file") for e in d.evidence), (d.rule, d.case)
            assert all(e.get("row") or e.get("question") or e.get("file") in (None, "audit.yaml") or e.get("date")
                       for e in d.evidence), (d.rule, d.evidence)


def test_changing_a_weight_in_a_copy_of_the_file_changes_the_score(sample, tmp_path):
    path = tmp_path / "weights.yaml"
    data = yaml.safe_load((RULES_DIR / "quality-weights.yaml").read_text(encoding="utf-8"))
    data["deductions"]["quality-late"][0]["points"] = 2
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    before = sample.report.agency("police").score
    after = sample.again(weights=path).agency("police").score
    assert after > before
    assert sample.report.agency("gp").score == sample.again(weights=path).agency("gp").score  # never late


def test_changing_a_grade_threshold_changes_the_grade(sample, tmp_path):
    path = tmp_path / "weights.yaml"
    shutil.copy(RULES_DIR / "quality-weights.yaml", path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["grades"][0]["min"] = 99
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert sample.again(weights=path).agency("gp").grade == "Good"


def test_a_weights_file_missing_a_rule_names_file_and_rule(sample, tmp_path):
    path = tmp_path / "weights.yaml"
    data = yaml.safe_load((RULES_DIR / "quality-weights.yaml").read_text(encoding="utf-8"))
    del data["deductions"]["quality-late"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        sample.again(weights=path)
    assert "no entry for quality rule 'quality-late'" in str(info.value)


def test_case_scope_points_over_100_are_refused(tmp_path):
    path = tmp_path / "weights.yaml"
    data = yaml.safe_load((RULES_DIR / "quality-weights.yaml").read_text(encoding="utf-8"))
    data["deductions"]["quality-thin-evidence"][0]["points"] = 90
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError, match="case-scope points add up to"):
        load_weights(path)


def test_coverage_matrix_shows_missing_late_and_involved_but_absent(sample):
    coverage = {c["case"]: {a["agency"]: a for a in c["agencies"]} for c in sample.report.coverage}
    assert coverage["case-2"]["brookfield"]["status"] == "missing"
    assert coverage["case-2"]["brookfield"]["involved_in_others_records"] >= 3
    assert coverage["case-1"]["police"]["status"] == "late (8 days)"
    assert coverage["case-6"]["mental-health"]["status"] == "late (3 days)"
    assert coverage["case-1"]["gp"]["status"] == "on time"
    hv = coverage["case-6"]["hv"]  # at the ICPC and core groups, but never asked
    assert hv["status"] == "involved, not submitted" and not hv["expected"]
    assert "case-6" not in {c.case for c in sample.report.agency("hv").cases}  # not scored on it


def test_quality_findings_stay_out_of_the_risk_flags_and_outcomes_name_the_agency(sample):
    assert all(f["category"] == "quality" for f in sample.report.findings)
    assert not any(f["rule"].startswith("quality-") for f in sample.flags)
    outcomes = sample.report.outcomes
    assert outcomes and all(isinstance(o, Outcome) for o in outcomes)
    late = {(o.case, o.agency): o.outcome for o in outcomes if o.rule == "quality-late"}
    assert late[("case-1", "police")] == "flagged" and late[("case-1", "gp")] == "passed"
    assert "agency" in next(o for o in outcomes if o.agency).to_dict()
    assert "agency" not in Outcome("r", "case-1", "passed").to_dict()


def test_to_json_has_the_issue_shape(sample):
    data = sample.report.to_json()
    assert set(data) >= {"quality", "coverage"}
    first = data["quality"][0]
    assert {"agency", "score", "grade", "components", "findings", "cases"} <= set(first)
    assert set(first["components"]) == {"completeness", "timeliness", "evidence", "consistency"}
    assert {"case", "score", "grade"} <= set(first["cases"][0])
    assert data["quality_status"]["status"] == "assessed"


def test_chronology_completeness_message_names_only_the_gaps_there_are(sample):
    messages = [d.message for a in sample.report.agencies for d in a.deductions
                if d.rule == "quality-chronology-incomplete" and "bare contact log" not in d.message]
    assert messages, "the sample has no chronology-completeness finding to read"
    for message in messages:
        assert " on 0%" not in message and " (0%)" not in message and "row(s)" not in message, message
        assert re.search(r"^\d+ of \d+ chronology rows? for case-\d+ (?:is|are) incomplete: \d+ \(\d+%\) "
                         r"(?:without|dated)", message), message

"""Scores move the right way: fixing a planted defect raises them, size does not lower them, and a bundle
without audit returns is not assessed at all."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from checker.outputs.quality import assess_quality
from checker.outputs.quality.weights import load_weights

RETURN = {
    "agency": "housing",
    "overall_grade": "Good",
    "answers": [
        {"question": "recognition-needs", "answer": "Yes - arrears picked up at the first missed payment.",
         "grade": "Good", "evidence": "05/04/2018"},
        {"question": "voice-child", "answer": "Yes.", "grade": "Good"},
        {"question": "good-practice", "answer": "Home visits arranged around the children's school day."},
    ],
}


def _rows(n: int) -> list[dict[str, str]]:
    """n rows; 30% with no impact, 20% with no action (the same rates whatever n)."""
    start = dt.date(2018, 4, 1)
    rows = []
    for i in range(n):
        rows.append({
            "agency": "housing", "source": "Housing officer",
            "date": (start + dt.timedelta(days=i)).strftime("%d/%m/%Y"),
            "event": f"Contact {i}: rent account reviewed with the tenant.",
            "impact": "" if i % 10 < 3 else "Home at risk",
            "action": "" if i % 10 >= 8 else "Payment plan reviewed",
        })
    return rows


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory, checker_of, bundle_writer):
    out = {}
    for n in (10, 200):
        folder = tmp_path_factory.mktemp(f"rows{n}")
        bundle_writer(folder, {"case-a": {"expected_agencies": ["housing"], "rows": _rows(n), "returns": [RETURN],
                                         "submitted": {"housing": dt.date(2019, 3, 1)}}})
        out[n] = checker_of(folder).report.agency("housing")
    return out


def test_same_defect_rate_same_components_whatever_the_size(small_and_large):
    small, large = small_and_large[10], small_and_large[200]
    assert small.components["completeness"] > 0
    for component in ("completeness", "evidence"):
        assert small.components[component] == pytest.approx(large.components[component])
    assert small.score == pytest.approx(large.score)


def test_correcting_a_contradicted_claim_raises_the_agencys_score(sample):
    def fix(ret):
        if (ret.agency, ret.case) != ("early-help", "case-4"):
            return ret
        answers = [a.model_copy(update={"answer": "No - no contingency agreed if father cannot care.",
                                        "grade": "requires_improvement"}) if a.question == "planning-contingency"
                   else a for a in ret.answers]
        return ret.model_copy(update={"answers": answers})

    fixed_ctx = dataclasses.replace(sample.ctx, returns=tuple(fix(r) for r in sample.ctx.returns))


    fixed = assess_quality(fixed_ctx, sample.catalogue, sample.flags)
    before, after = sample.report.agency("early-help"), fixed.agency("early-help")
    assert after.score > before.score
    assert after.components["consistency"] < before.components["consistency"]
    assert fixed.agency("csc").score == sample.report.agency("csc").score  # nobody else moves


def test_submitting_on_time_raises_the_score(sample):


    on_time = tuple(r.model_copy(update={"submitted": dt.date(2019, 3, 12)}) if r.agency == "police" else r
                    for r in sample.ctx.returns)
    fixed = assess_quality(dataclasses.replace(sample.ctx, returns=on_time), sample.catalogue, sample.flags)
    assert fixed.agency("police").score > sample.report.agency("police").score
    assert fixed.agency("police").components["timeliness"] == 0


def test_a_bundle_without_returns_is_skipped_not_all_missing(tmp_path, checker_of, bundle_writer):
    bundle_writer(tmp_path, {"case-a": {"expected_agencies": ["housing", "csc"], "rows": _rows(3)}})
    report = checker_of(tmp_path).report
    assert report.status == "skipped"
    assert "no audit returns" in report.reason
    data = report.to_json()
    assert data["quality"] == [] and data["coverage"] == []
    assert data["quality_status"]["status"] == "skipped"
    assert not report.findings


def test_a_score_on_a_grade_boundary_earns_that_grade_and_just_below_it_does_not():
    weights = load_weights()  # "A score at or above `min` earns the grade (highest first)"
    bands = sorted(weights.grades, key=lambda b: -b.min)
    for higher, lower in zip(bands, bands[1:], strict=False):
        assert weights.grade(higher.min) == higher.grade
        assert weights.grade(higher.min - 0.1) == lower.grade
    assert weights.grade(100) == bands[0].grade and weights.grade(0) == bands[-1].grade


@pytest.mark.parametrize(("days_late", "points"), [(5, 4.0), (10, 8.0), (14, 8.0)])
def test_a_deduction_grows_with_its_measure_up_to_full_at_and_no_further(tmp_path, checker_of, bundle_writer,
                                                                         days_late, points):
    """quality-late: 8 points × min(days late / 10, 1): five days late costs 4, ten or more the whole 8."""
    deadline = dt.date(2019, 3, 12)  # the writer's bundles: the deadline is 14 days before the as-of date
    bundle_writer(tmp_path, {"case-a": {"expected_agencies": ["housing"], "rows": _rows(10), "returns": [RETURN],
                                        "submitted": {"housing": deadline + dt.timedelta(days=days_late)}}})
    housing = checker_of(tmp_path).report.agency("housing")
    late = [d for d in housing.deductions if d.rule == "quality-late"]
    assert [d.value for d in late] == [days_late]
    assert [round(d.case_points, 6) for d in late] == [points]

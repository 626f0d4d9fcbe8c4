"""Audit quality: rate each agency's submission, every deduction traceable to a record (issue 4).

    report = assess_quality(ctx, catalogue, risk_flags)       # checker.outputs.quality.score
    report.to_json()                                          # {"quality": [...], "coverage": [...], ...}
    league_table(report), chase_text(report), write_feedback(report, folder)   # checker.outputs.quality.reports

Weights and grade bands: `rules/quality-weights.yaml` (checker.outputs.quality.weights); how the score works:
docs/quality.md.
"""

from checker.outputs.quality.reports import (
    chase_notes,
    chase_text,
    coverage_text,
    feedback_table,
    league_table,
    write_feedback,
)
from checker.outputs.quality.score import AgencyQuality, CaseScore, Deduction, QualityReport, assess_quality
from checker.outputs.quality.weights import WEIGHTS_FILE, Weights, load_weights

__all__ = [
    "assess_quality",
    "QualityReport",
    "AgencyQuality",
    "CaseScore",
    "Deduction",
    "Weights",
    "load_weights",
    "WEIGHTS_FILE",
    "league_table",
    "coverage_text",
    "chase_text",
    "chase_notes",
    "feedback_table",
    "write_feedback",
]

"""Score each agency's submission from the quality rules' findings and `rules/quality-weights.yaml`.

    report = assess_quality(ctx, catalogue, risk_flags)
    report.to_json()   # {"quality": [...], "coverage": [...], "quality_status": {...}}

Every deduction is `points × min(measure / full_at, 1)` for one finding, with the finding's evidence. A case's
score is 100 minus its deductions. An agency's score is 100 minus the average of its submitted cases'
deductions, minus the coverage deductions (`scope: agency`) scaled by the share of its cases affected — so
an agency with six cases is not marked down more than one with two for the same habits.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.engine.catalogue import Catalogue, Chase
from checker.engine.run import Outcome, run_rules
from checker.facts import Context
from checker.facts.quality import NO_RETURNS, Unit, submission_dates, units
from checker.model.errors import RuleError
from checker.model.wording import agency_name, count
from checker.outputs.quality.weights import Weights, load_weights

__all__ = ["Deduction", "CaseScore", "AgencyQuality", "QualityReport", "assess_quality"]


@dataclass(slots=True)
class Deduction:
    """Points one finding takes off: from its case (`case_points`) and from the agency's score (`points`)."""

    rule: str
    component: str
    agency: str
    case: str
    measure: str
    value: float
    weight: float
    full_at: float
    scope: str
    case_points: float
    points: float
    finding: str
    message: str
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["case_points"] = round(self.case_points, 3)
        out["points"] = round(self.points, 3)
        return out


@dataclass(slots=True)
class CaseScore:
    case: str
    score: float
    grade: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case, "score": self.score, "grade": self.grade, "status": self.status}


@dataclass(slots=True)
class AgencyQuality:
    agency: str
    name: str
    score: float
    grade: str
    components: dict[str, float]
    deductions: list[Deduction]
    findings: list[dict[str, Any]]
    cases: list[CaseScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "name": self.name,
            "score": self.score,
            "grade": self.grade,
            "components": self.components,
            "deductions": [d.to_dict() for d in self.deductions],
            "findings": self.findings,
            "cases": [c.to_dict() for c in self.cases],
        }


@dataclass(slots=True)
class QualityReport:
    status: str  # "assessed" or "skipped"
    reason: str = ""
    agencies: list[AgencyQuality] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    audit: dict[str, Any] = field(default_factory=dict)
    weights_file: str = ""
    chase: dict[str, Chase] = field(default_factory=dict)  # rule id -> its chase note (`chase:` in the rule)

    def agency(self, agency_id: str) -> AgencyQuality:
        return next(a for a in self.agencies if a.agency == agency_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "quality": [a.to_dict() for a in self.agencies],
            "coverage": self.coverage,
            "quality_status": {"status": self.status, "reason": self.reason, "weights": self.weights_file,
                               "rules": [o.to_dict() for o in self.outcomes]},
        }


def assess_quality(
    ctx: Context,
    catalogue: Catalogue,
    risk_flags: list[dict[str, Any]],
    *,
    weights: Weights | Path | str | None = None,
) -> QualityReport:
    """Run the quality rules over the submissions and score every agency asked to submit or that submitted."""
    weights = weights if isinstance(weights, Weights) else load_weights(weights)
    weights.check_catalogue(catalogue)
    audit = ctx.manifest.audit
    info = {"id": audit.id, "title": audit.title, "deadline": audit.submission_deadline,
            "meeting": audit.meeting_date, "as_of": ctx.as_of,
            "agency_names": {a.id: a.name for a in ctx.manifest.agencies},
            # for letters in the agency's own terms: its case references and the names its files were sent as
            "references": {c.id: dict(c.references) for c in ctx.manifest.cases},
            "our_references": {c.id: c.reference for c in ctx.manifest.cases if c.reference},
            "sent_as": {r.file: r.sent_as for r in ctx.manifest.intake if r.sent_as}}
    if not ctx.returns:
        return QualityReport(status="skipped", reason=NO_RETURNS, audit=info, weights_file=weights.source)
    ctx = dataclasses.replace(ctx, risk_flags=tuple(risk_flags))
    overrides = {k: dict(v) for k, v in ctx.manifest.parameters.items()}
    run = run_rules(ctx, catalogue, "quality", overrides)
    scope = units(ctx)
    names = {a.id: a.name for a in ctx.manifest.agencies}
    by_agency: dict[str, list[Unit]] = defaultdict(list)
    for agencies in scope.values():
        for unit in agencies.values():
            if unit.scored:
                by_agency[unit.agency].append(unit)
    deductions = _deductions(run.flags, catalogue, weights, by_agency)
    report = QualityReport(status="assessed", findings=run.flags, outcomes=run.outcomes, audit=info,
                           weights_file=weights.source,
                           chase={r.id: r.chase for r in catalogue.by_category("quality") if r.chase})
    for agency in sorted(by_agency, key=lambda a: [x.id for x in ctx.manifest.agencies].index(a)):
        mine = [d for d in deductions if d.agency == agency]
        findings = [f for f in run.flags if f["agency"] == agency]
        report.agencies.append(_score_agency(agency, names[agency], by_agency[agency], mine, findings, weights))
    report.agencies.sort(key=lambda a: (-a.score, a.agency))
    report.coverage = coverage_matrix(ctx, scope)
    return report


def _fraction(value: Any, full_at: float) -> float:
    number = float(bool(value)) if isinstance(value, bool) else float(value or 0)
    return max(0.0, min(number / full_at, 1.0))


def _deductions(
    flags: list[dict[str, Any]], catalogue: Catalogue, weights: Weights, by_agency: dict[str, list[Unit]]
) -> list[Deduction]:
    out: list[Deduction] = []
    for flag in flags:
        agency, case = flag["agency"], flag["case"]
        mine = by_agency.get(agency or "", [])
        unit = next((u for u in mine if u.case == case), None)
        if unit is None:
            continue  # not asked and sent nothing: a finding to chase, not a deduction
        rule = catalogue.get(flag["rule"])
        submitted = [u for u in mine if u.submitted]
        for spec in weights.deductions[rule.id]:
            fields = flag.get("fields", {})
            if spec.measure not in fields:
                where = f"{weights.source}: deductions.{rule.id}: measure '{spec.measure}'"
                raise RuleError(f"{where} is not a figure the rule reports; use one of: {', '.join(sorted(fields))}",
                                [where])
            case_points = spec.points * _fraction(fields[spec.measure], spec.full_at)
            if case_points <= 0:
                continue
            share = len(mine) if spec.scope == "agency" else len(submitted)
            out.append(Deduction(
                rule=rule.id, component=rule.component or "", agency=agency, case=case, measure=spec.measure,
                value=fields[spec.measure], weight=spec.points, full_at=spec.full_at, scope=spec.scope,
                case_points=case_points, points=case_points / max(share, 1), finding=flag["id"],
                message=flag["message"], evidence=flag["evidence"],
            ))
    return out


def _score_agency(
    agency: str, name: str, mine: list[Unit], deductions: list[Deduction], findings: list[dict[str, Any]],
    weights: Weights,
) -> AgencyQuality:
    components = {c: 0.0 for c in weights.components}
    for d in deductions:
        components[d.component] += d.points
    score = round(max(0.0, 100.0 - sum(d.points for d in deductions)), 1)
    cases = []
    for unit in sorted(mine, key=lambda u: u.case):
        if not unit.submitted:
            cases.append(CaseScore(unit.case, 0.0, weights.grade(0.0), "nothing received"))
            continue
        lost = sum(d.case_points for d in deductions if d.case == unit.case)
        case_score = round(max(0.0, 100.0 - lost), 1)
        status = "received" if unit.has_return and unit.rows else ("no return" if not unit.has_return else "return only")
        cases.append(CaseScore(unit.case, case_score, weights.grade(case_score), status))
    deductions.sort(key=lambda d: (-d.points, d.case, d.rule, d.measure))
    return AgencyQuality(
        agency=agency, name=name, score=score, grade=weights.grade(score),
        components={c: round(v, 2) for c, v in components.items()},
        deductions=deductions, findings=findings, cases=cases,
    )


def coverage_matrix(ctx: Context, scope: dict[str, dict[str, Unit]]) -> list[dict[str, Any]]:
    """Per case: who was expected, who sent what and when, who others' records show involved but absent."""
    deadline = ctx.manifest.audit.submission_deadline
    names = {a.id: a.name for a in ctx.manifest.agencies}
    dates = submission_dates(ctx)
    out = []
    for case, agencies in sorted(scope.items()):
        rows = []
        for agency, unit in sorted(agencies.items()):
            when = dates.get((case, agency))
            days_late = max(0, (when[0] - deadline).days) if when and deadline else None
            if not unit.submitted:
                status = "missing" if unit.expected else "involved, not submitted"
            elif when is None:
                status = "received, date unknown"
            else:
                status = f"late ({count(days_late, 'day')})" if days_late else "on time"
            rows.append({
                "agency": agency,
                "agency_name": agency_name(names, agency),
                "expected": unit.expected,
                "involved_in_others_records": len(unit.involved),
                "return": unit.has_return,
                "chronology_rows": unit.rows,
                "submitted": when[0].isoformat() if when else None,
                "days_late": days_late,
                "status": status,
            })
        out.append({"case": case, "agencies": rows})
    return out

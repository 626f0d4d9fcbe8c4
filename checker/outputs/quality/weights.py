"""`rules/quality-weights.yaml`: the points each quality check can take off, and the grade bands.

    >>> weights = load_weights()
    >>> weights.grade(85), weights.grade(84.9)
    ('Good', 'Requires improvement')

Validated at the edge like a rule file: every problem names the file and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from checker.engine.catalogue import RULES_DIR, Catalogue, read_mapping
from checker.model.errors import RuleError

__all__ = ["WEIGHTS_FILE", "GRADES", "DeductionSpec", "GradeBand", "Weights", "load_weights"]

WEIGHTS_FILE = RULES_DIR / "quality-weights.yaml"
GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeductionSpec(_Strict):
    """One measure of a quality rule and what it costs: `points × min(measure / full_at, 1)`."""

    measure: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    points: float = Field(ge=0, le=100)
    full_at: float = Field(default=1.0, gt=0)
    scope: Literal["case", "agency"] = "case"
    rationale: str = Field(min_length=5)


class GradeBand(_Strict):
    grade: Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]
    min: float = Field(ge=0, le=100)
    rationale: str = Field(min_length=5)


class Weights(_Strict):
    version: int
    components: dict[str, str] = Field(min_length=1)
    deductions: dict[str, list[DeductionSpec]] = Field(min_length=1)
    grades: list[GradeBand] = Field(min_length=4, max_length=4)
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Weights:
        if [b.grade for b in self.grades] != list(GRADES):
            raise ValueError(f"grades: list the four grades in the order {', '.join(GRADES)}")
        mins = [b.min for b in self.grades]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != 4 or mins[-1] != 0:
            raise ValueError("grades: each `min` must be lower than the one above it, and Inadequate's must be 0")
        case_total = sum(d.points for specs in self.deductions.values() for d in specs if d.scope == "case")
        if case_total > 100:
            raise ValueError(f"deductions: case-scope points add up to {case_total:g}; keep them to 100 at most "
                             "so a case's score cannot fall below 0")
        return self

    def grade(self, score: float) -> str:
        return next(b.grade for b in self.grades if score >= b.min)

    def check_catalogue(self, catalogue: Catalogue) -> None:
        """Every quality rule has weights and a known component, and every weight names a quality rule."""
        label = self.source or "quality-weights.yaml"
        problems = []
        rules = {r.id: r for r in catalogue.by_category("quality")}
        for rule_id, rule in sorted(rules.items()):
            if rule_id not in self.deductions:
                problems.append(f"{label}: deductions: no entry for quality rule '{rule_id}'")
            if rule.component not in self.components:
                problems.append(f"rules/quality/{rule_id}.yaml: component: '{rule.component}' is not one of "
                                f"{', '.join(self.components)} (components in {label})")
        for rule_id in sorted(set(self.deductions) - set(rules)):
            problems.append(f"{label}: deductions.{rule_id}: no quality rule has this id")
        if problems:
            raise RuleError("the quality weights do not match the rules:\n  " + "\n  ".join(problems), problems)


def load_weights(path: Path | str | None = None) -> Weights:
    """Read and validate the weights file (default `rules/quality-weights.yaml`)."""
    path = Path(path) if path else WEIGHTS_FILE
    label = f"rules/{path.name}" if path.parent == RULES_DIR else str(path)  # as a user would find the file
    data = read_mapping(path, label)
    try:
        return Weights.model_validate({**data, "source": label})
    except ValidationError as exc:
        problems = [f"{label}: {'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}" for e in exc.errors()]
        raise RuleError(f"{label} is not valid:\n  " + "\n  ".join(problems), problems) from exc

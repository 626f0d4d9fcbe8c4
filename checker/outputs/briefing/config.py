"""`rules/briefing.yaml`, validated: themes, the quality statement, where strengths come from, fixed wording.

    config = load_briefing_config()
    config.themes[0].title          # "Housing and children's services communication"

`check_config(config, catalogue)` lists every rule id or event kind the file names that does not exist.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.engine.catalogue import RULES_DIR, Catalogue, read_mapping
from checker.model.errors import RuleError

__all__ = [
    "BRIEFING_FILE",
    "ThemeRule",
    "Theme",
    "QualityWording",
    "RecordStrength",
    "PassedStrength",
    "Strengths",
    "Wording",
    "BriefingConfig",
    "load_briefing_config",
    "check_config",
]

BRIEFING_FILE = RULES_DIR / "briefing.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThemeRule(_Strict):
    rule: str
    involving: list[str] = Field(default_factory=list, description="Agency types; empty = any finding.")


class Theme(_Strict):
    id: str
    title: str = Field(min_length=3)
    rules: list[ThemeRule] = Field(min_length=1)
    quality_rules: list[str] = Field(default_factory=list)
    min_cases: int = Field(default=2, ge=1)
    statement: str = Field(min_length=10)
    recommendation: str = Field(min_length=10)
    owner: str | None = None


class QualityWording(_Strict):
    title: str
    variable_spread: float = Field(gt=0)
    variable: str
    consistent: str
    causes_intro: str
    causes: dict[str, str]
    max_causes: int = Field(default=4, ge=1)
    recommendation: str


class RecordStrength(_Strict):
    kinds: list[str] = Field(min_length=1)
    text: str
    contradicted_by: list[str] = Field(default_factory=list, description="Rules whose finding on a case says the "
                                       "opposite: while one is reported there, the strength is not drafted.")


class PassedStrength(_Strict):
    rule: str
    present: list[str] = Field(min_length=1)
    text: str


class Strengths(_Strict):
    return_questions: list[str] = Field(default_factory=list)
    records: list[RecordStrength] = Field(default_factory=list)
    passed_rules: list[PassedStrength] = Field(default_factory=list)


class Wording(_Strict):
    title: str
    theme_and_cases: list[str]
    process: list[str]
    draft_notice: str
    attendance: str
    no_strengths: str
    no_findings: str
    no_good_practice: str
    not_reviewed: str
    persisting: str
    panel_finding_action: str = Field(
        default="Agree and record the action that answers the panel's finding: {theme}.",
        description="The action drafted for a finding the panel added under a theme (no rule): {theme} is its words.")


class BriefingConfig(_Strict):
    themes: list[Theme]
    quality: QualityWording
    strengths: Strengths
    wording: Wording


def _load(path: Path) -> BriefingConfig:
    label = path.name if path.parent == RULES_DIR else str(path)
    data = read_mapping(path, f"rules/{label}" if path.parent == RULES_DIR else label)
    try:
        return BriefingConfig.model_validate(data)
    except ValidationError as exc:
        problems = [f"{label}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise RuleError(f"{label} is not valid:\n  " + "\n  ".join(problems), problems) from exc


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> BriefingConfig:
    return _load(Path(path))


def load_briefing_config(path: Path | str | None = None) -> BriefingConfig:
    """The briefing configuration (rules/briefing.yaml unless another file is given)."""
    target = Path(path) if path else BRIEFING_FILE
    try:
        mtime = target.stat().st_mtime
    except OSError as exc:
        raise RuleError(f"{target}: cannot be read ({exc.strerror})", [str(target)]) from exc
    return _cached(str(target), mtime)


def check_config(config: BriefingConfig, catalogue: Catalogue, kind_ids: set[str]) -> list[str]:
    """Every rule id, quality rule id or event kind the configuration names that does not exist."""
    known = {r.id for r in catalogue.rules}
    problems: list[str] = []
    for theme in config.themes:
        for item in theme.rules:
            if item.rule not in known:
                problems.append(f"themes.{theme.id}: no rule '{item.rule}'")
        for rule in theme.quality_rules:
            if rule not in known:
                problems.append(f"themes.{theme.id}: no quality rule '{rule}'")
    for rule in config.quality.causes:
        if rule not in known:
            problems.append(f"quality.causes: no rule '{rule}'")
    for passed in config.strengths.passed_rules:
        if passed.rule not in known:
            problems.append(f"strengths.passed_rules: no rule '{passed.rule}'")
    for record in config.strengths.records:
        problems += [f"strengths.records: no rule '{r}' in contradicted_by" for r in record.contradicted_by
                     if r not in known]
    kinds = [k for s in config.strengths.records for k in s.kinds]
    kinds += [k for p in config.strengths.passed_rules for k in p.present]
    problems += [f"strengths: no event kind '{k}'" for k in kinds if k not in kind_ids]
    ids = [t.id for t in config.themes]
    problems += [f"themes: id '{i}' is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return problems

"""Cross-case themes from the reviewed findings, and the statement on the quality of submissions.

    themes = cross_case_themes(data, config)      # the themes seen in at least their `min_cases` cases
    themes[0].cases_text                           # "three of the six cases"
    quality_statement(data.quality, config.quality)

Which rules make a theme, and its wording, are in rules/briefing.yaml: nothing here names a rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.outputs.briefing.config import BriefingConfig, QualityWording, Theme
from checker.outputs.briefing.data import BriefingData, agency_names, agency_types, reviewed
from checker.outputs.panel_findings import agencies_of

__all__ = ["ThemeFinding", "QualityStatement", "cross_case_themes", "quality_statement", "number_word", "of_cases"]

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """'two' for 2: words up to ten, figures above (house style for published text)."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def of_cases(n: int, total: int) -> str:
    """'two of the six cases', 'all six cases', 'one of the six cases'."""
    if total and n == total:
        return f"all {number_word(total)} cases" if total > 1 else "the one case"
    noun = "case" if total == 1 else "cases"
    return f"{number_word(n)} of the {number_word(total)} {noun}"


@dataclass(frozen=True, slots=True)
class ThemeFinding:
    """One theme as seen in this audit."""

    id: str
    title: str
    cases: tuple[str, ...]
    total: int
    agencies: tuple[str, ...]  # agency names, as in audit.yaml
    flag_ids: tuple[str, ...]
    statement: str
    recommendation: str
    owner: str | None

    @property
    def cases_text(self) -> str:
        return of_cases(len(self.cases), self.total)


def _involves(flag: Mapping[str, Any], wanted: Sequence[str], types: Mapping[str, str]) -> bool:
    if not wanted:
        return True
    agencies = agencies_of(flag) + [e.get("agency") for e in flag.get("evidence") or []]
    return any(types.get(a or "") in wanted for a in agencies)


def _matching(theme: Theme, flags: Sequence[Mapping[str, Any]], types: Mapping[str, str]) -> list[Mapping[str, Any]]:
    wanted = {item.rule: item.involving for item in theme.rules}
    return [f for f in flags if f["rule"] in wanted and _involves(f, wanted[f["rule"]], types)]


def _flag_agencies(flags: Sequence[Mapping[str, Any]]) -> list[str]:
    named = [a for f in flags for a in agencies_of(f)]
    if named:
        return named
    return [str(e["agency"]) for f in flags for e in f.get("evidence") or [] if e.get("agency")]


def cross_case_themes(data: BriefingData, config: BriefingConfig) -> list[ThemeFinding]:
    """Every configured theme seen in at least its `min_cases` cases, most cases first (then file order)."""
    selection = reviewed(data.flags, data.complete)
    types, names = agency_types(data.manifest), agency_names(data.manifest)
    order = {c: i for i, c in enumerate(data.case_ids)}
    found: list[ThemeFinding] = []
    for theme in config.themes:
        flags = _matching(theme, selection.flags, types)
        cases = {f["case"] for f in flags}
        deductions = [d for q in data.quality for d in q.get("deductions") or []
                      if d.get("rule") in theme.quality_rules and d.get("case")]
        cases |= {d["case"] for d in deductions}
        cases &= set(order)
        if len(cases) < theme.min_cases:
            continue
        agency_ids = _flag_agencies(flags) + [str(d["agency"]) for d in deductions if d.get("agency")]
        agencies = tuple(dict.fromkeys(names.get(a, a) for a in agency_ids))
        ordered = tuple(sorted(cases, key=order.__getitem__))
        finding = ThemeFinding(
            id=theme.id, title=theme.title, cases=ordered, total=len(order), agencies=agencies,
            flag_ids=tuple(f["id"] for f in flags), statement="", recommendation=theme.recommendation.strip(),
            owner=theme.owner,
        )
        statement = theme.statement.format(cases=finding.cases_text, n=len(ordered), total=len(order),
                                           agencies=", ".join(agencies))
        found.append(_with_statement(finding, statement))
    position = {t.id: i for i, t in enumerate(config.themes)}
    return sorted(found, key=lambda t: (-len(t.cases), position[t.id]))


def _with_statement(finding: ThemeFinding, statement: str) -> ThemeFinding:
    return ThemeFinding(**{**{k: getattr(finding, k) for k in ThemeFinding.__slots__}, "statement": statement})


@dataclass(frozen=True, slots=True)
class QualityStatement:
    title: str
    variable: bool
    text: str
    causes: tuple[str, ...]  # "questions left unanswered (3 agencies)", largest loss first
    recommendation: str


def quality_statement(quality: Sequence[Mapping[str, Any]], wording: QualityWording) -> QualityStatement | None:
    """How good the submissions were and what made them vary; None when quality was not scored."""
    scored = [q for q in quality if isinstance(q.get("score"), int | float)]
    if not scored:
        return None
    scores = [float(q["score"]) for q in scored]
    low, high = min(scores), max(scores)
    grades: dict[str, int] = {}
    for q in sorted(scored, key=lambda q: -float(q["score"])):
        grade = str(q.get("grade") or "ungraded").lower()
        grades[grade] = grades.get(grade, 0) + 1
    grade_text = ", ".join(f"{number_word(n)} {g}" for g, n in grades.items())
    variable = high - low >= wording.variable_spread
    text = (wording.variable if variable else wording.consistent).format(
        low=f"{low:.0f}", high=f"{high:.0f}", grades=grade_text)
    points: dict[str, float] = {}
    who: dict[str, set[str]] = {}
    for q in scored:
        for d in q.get("deductions") or []:
            rule = d.get("rule")
            if rule in wording.causes:
                points[rule] = points.get(rule, 0.0) + float(d.get("points") or 0)
                who.setdefault(rule, set()).add(str(d.get("agency") or q.get("agency")))
    ranked = sorted((r for r in points if points[r] > 0), key=lambda r: -points[r])[: wording.max_causes]
    causes = tuple(
        f"{wording.causes[r]} ({number_word(len(who[r]))} {'agency' if len(who[r]) == 1 else 'agencies'})"
        for r in ranked
    )
    return QualityStatement(wording.title, variable, " ".join(text.split()), causes,
                            " ".join(wording.recommendation.split()))

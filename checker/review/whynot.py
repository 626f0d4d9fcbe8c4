"""The rules that did not flag a case, each with why (`checker.engine.why`): what the dashboard's Case page lists
under the case's flags, one click from the explanation.

    explainer = explainer_for(result)
    for item in not_flagged(result, explainer, "case-3"):
        item.outcome, item.explanation.summary()   # ('passed', 'Not flagged because condition 1: …')
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.check import CheckResult, check_overrides
from checker.engine.catalogue import SEVERITY_ORDER
from checker.engine.why import Explainer, Explanation

__all__ = ["NotFlagged", "explainer_for", "not_flagged"]

_ORDER = {"errored": 0, "passed": 1, "skipped": 2}  # errored first: a rule that could not run needs a look


@dataclass(frozen=True, slots=True)
class NotFlagged:
    rule: str
    title: str
    outcome: str  # passed, skipped or errored
    reason: str
    explanation: Explanation


def explainer_for(result: CheckResult) -> Explainer:
    """An explainer over the check's own context, catalogue and this audit's parameter values."""
    return Explainer(result.context(), result.catalogue, check_overrides(result.manifest, result.catalogue))


def not_flagged(result: CheckResult, explainer: Explainer, case: str) -> list[NotFlagged]:
    """Each risk rule whose outcome on `case` is not flagged: errored, then passed, then skipped; by severity
    and id within each."""
    rules = {r.id: r for r in result.catalogue.by_category("risk")}
    outcomes = [o for o in result.outcomes if o.case == case and o.rule in rules and o.outcome != "flagged"]
    outcomes.sort(key=lambda o: (_ORDER.get(o.outcome, 3), SEVERITY_ORDER[rules[o.rule].severity], o.rule))
    return [NotFlagged(o.rule, rules[o.rule].title, o.outcome, o.reason, explainer.explain(o.rule, case))
            for o in outcomes]

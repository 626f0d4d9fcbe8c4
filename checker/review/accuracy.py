"""Each rule's accuracy in practice, from the panel's review: precision (of the flags decided, the share
found right) and recall (of the findings under the rule, the share the rule raised itself).

    confirmed  flags decided right: confirmed, action needed or action taken
    dismissed  flags decided wrong
    open       flags not yet decided (counted in neither figure)
    added      findings the panel added under the rule: what the rule should have raised and did not

    precision = confirmed ÷ (confirmed + dismissed)      recall = confirmed ÷ (confirmed + added)

Fewer than `MIN_TO_JUDGE` in a figure's denominator is too few to judge: the figure is shown with its
counts and said to be too few, never as a bare percentage.

    >>> a = RuleAccuracy("r", confirmed=4, dismissed=1, open=2, added=2)
    >>> a.precision_text, a.recall_text
    ('80% (4 of 5 decided)', '67% (4 of 6: 2 added by the panel)')
    >>> RuleAccuracy("r", confirmed=1, dismissed=1, open=0, added=0).precision_text
    'too few to judge (1 of 2 decided; at least 5 needed)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.storage import RIGHT, Store

__all__ = ["MIN_TO_JUDGE", "RuleAccuracy", "rule_accuracy", "panel_findings", "accuracy_from"]

MIN_TO_JUDGE = 5
"""The fewest decided flags (for precision), or confirmed flags plus added findings (for recall), from which
a rule's figure is given as a judgement; below it the counts are shown and said to be too few."""

def panel_findings(store: Store, audit_id: str | None) -> list[dict[str, Any]]:
    """The findings the panel added (not withdrawn), in one audit or every audit."""
    return [f for f in store.findings(audit_id) if not f.get("withdrawn")]


@dataclass(frozen=True, slots=True)
class RuleAccuracy:
    rule: str
    confirmed: int
    dismissed: int
    open: int
    added: int

    @property
    def decided(self) -> int:
        return self.confirmed + self.dismissed

    @property
    def precision(self) -> float | None:
        """confirmed ÷ decided, or None when too few are decided to judge."""
        return self.confirmed / self.decided if self.decided >= MIN_TO_JUDGE else None

    @property
    def recall(self) -> float | None:
        """confirmed ÷ (confirmed + added), or None when there are too few to judge."""
        found = self.confirmed + self.added
        return self.confirmed / found if found >= MIN_TO_JUDGE else None

    @property
    def precision_text(self) -> str:
        if not self.decided:
            return "no decisions yet"
        return _figure(self.confirmed, self.decided, f"{self.confirmed} of {self.decided} decided")

    @property
    def recall_text(self) -> str:
        found = self.confirmed + self.added
        if not found:
            return "nothing confirmed or added yet"
        return _figure(self.confirmed, found, f"{self.confirmed} of {found}: {self.added} added by the panel")


def _figure(right: int, out_of: int, counts: str) -> str:
    if out_of < MIN_TO_JUDGE:
        return f"too few to judge ({counts}; at least {MIN_TO_JUDGE} needed)"
    return f"{round(100 * right / out_of)}% ({counts})"


def accuracy_from(counts: Mapping[str, Mapping[str, int]], findings: Sequence[Mapping[str, Any]]) -> dict[str, RuleAccuracy]:
    """Per rule, from `Store.rule_counts` tallies and the panel's findings (those under a rule)."""
    added: dict[str, int] = {}
    for finding in findings:
        if finding.get("rule"):
            added[str(finding["rule"])] = added.get(str(finding["rule"]), 0) + 1
    out = {}
    for rule in sorted(set(counts) | set(added)):
        c = counts.get(rule, {})
        out[rule] = RuleAccuracy(
            rule,
            confirmed=sum(int(c.get(d, 0)) for d in RIGHT),
            dismissed=int(c.get("dismissed", 0)),
            open=int(c.get("open", 0)),
            added=added.get(rule, 0),
        )
    return out


def rule_accuracy(store: Store, audit_id: str | None = None) -> dict[str, RuleAccuracy]:
    """Per rule with flags or added findings: its accuracy in one audit, or (None) over every audit stored.
    A flag is counted once however many runs raised it, with the decision now in force on it."""
    return accuracy_from(store.rule_counts(audit_id), panel_findings(store, audit_id))

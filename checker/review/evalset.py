"""An audit's review as an evaluation set: the panel's decisions and added findings written as the labels
`maca evaluate` reads (`checker.outputs.evaluation`), so any later change to the rules or the code can be
scored against the partnership's own records.

    confirmed, action needed or action taken   fire     (the records evidence it)
    a finding the panel added under a rule     fire     (the rule should have raised it)
    dismissed                                  not      (it must not flag)
    open (not yet decided)                     unsure   (not scored)

Per case and rule the strongest wins: one confirmed flag (or added finding) makes the rule `fire` for the
case even if another of its flags there was dismissed; an open flag beside a dismissed one leaves it `unsure`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from checker.check import CheckResult
from checker.model.wording import fmt_date
from checker.review.accuracy import panel_findings
from checker.review.runs import ensure_run
from checker.storage import RIGHT, Store

__all__ = ["ReviewLabels", "review_labels", "labels_yaml"]

_RANK = {"fire": 3, "unsure": 2, "not": 1}


@dataclass(slots=True)
class ReviewLabels:
    """What `maca labels` writes: per case, rule -> (label, why), plus the counts it reports."""

    audit_id: str
    as_of: dt.date
    cases: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def put(self, case: str, rule: str, label: str, why: str) -> None:
        held = self.cases.setdefault(case, {}).get(rule)
        if held is None or _RANK[label] > _RANK[held[0]]:
            self.cases[case][rule] = (label, why)

    def tally(self) -> dict[str, int]:
        out = {"fire": 0, "not": 0, "unsure": 0}
        for rules in self.cases.values():
            for label, _ in rules.values():
                out[label] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The labels file's content (`checker.outputs.evaluation.Labels`)."""
        cases: dict[str, Any] = {}
        for case in sorted(self.cases):
            rules = self.cases[case]
            entry: dict[str, Any] = {k: sorted(r for r, (label, _) in rules.items() if label == k)
                                     for k in ("fire", "not", "unsure")}
            entry["why"] = {r: why for r, (_, why) in sorted(rules.items())}
            cases[case] = entry
        return {"as_of": self.as_of, "cases": cases}


def _flag_label(flag: Mapping[str, Any]) -> tuple[str, str]:
    decision = flag.get("decision")
    if not decision:
        return "unsure", "open: not yet decided by the panel"
    who = f"{decision['reviewer']} on {fmt_date(decision['decided_at'])}"
    if decision["decision"] in RIGHT:
        return "fire", f"{decision['decision'].replace('_', ' ')} by {who}"
    return "not", f"dismissed by {who}: {decision.get('reason') or 'no reason given'}"


def review_labels(
    flags: Iterable[Mapping[str, Any]], findings: Iterable[Mapping[str, Any]], audit_id: str, as_of: dt.date
) -> ReviewLabels:
    """Labels from a run's flags (with their decisions, as `Store.flags` gives them) and the panel's findings."""
    out = ReviewLabels(audit_id, as_of)
    for flag in flags:
        label, why = _flag_label(flag)
        out.put(str(flag["case"]), str(flag["rule"]), label, why)
    for finding in findings:
        if finding.get("rule") and not finding.get("withdrawn"):
            who = f"{finding.get('reviewer') or 'the panel'} on {fmt_date(finding.get('created_at'))}"
            out.put(str(finding["case"]), str(finding["rule"]), "fire", f"added by the panel ({who})")
    return out


def labels_from_store(store: Store, result: CheckResult, source: str | None = None) -> ReviewLabels:
    """The reviewed audit's labels: the run of `result` (stored first if the store has none for it)."""
    run_id = ensure_run(store, result, source)
    return review_labels(store.flags(run_id), panel_findings(store, result.audit_id), result.audit_id, result.as_of)


def labels_yaml(labels: ReviewLabels, title: str, today: dt.date) -> str:
    """The labels file's text, with a comment saying where it came from and how each label was made."""
    tally = labels.tally()
    head = [
        f"# Labels from the review of {title} (audit {labels.audit_id}), as at {fmt_date(labels.as_of)},",
        f"# written by maca labels on {fmt_date(today)}: {tally['fire']} fire, {tally['not']} not, "
        f"{tally['unsure']} unsure.",
        "# fire: a flag the panel confirmed (or marked action needed or taken), or a finding it added under the rule;",
        "# not: a flag it dismissed; unsure: a flag not yet decided (maca evaluate does not score it).",
        "# Score the checker against it after any change: maca evaluate BUNDLE THIS_FILE",
    ]
    body = yaml.safe_dump(labels.to_dict(), sort_keys=False, allow_unicode=True, width=110)
    return "\n".join(head) + "\n" + body

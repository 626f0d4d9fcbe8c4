"""Run a rule's examples through the whole pipeline: each example becomes one case of a small audit bundle
written to disk (audit.yaml, one CSV chronology per agency, returns as YAML), which is loaded, classified and
checked exactly as a real submission would be. Above `checker.check` because it runs the whole check; may
import every layer up to it.

    >>> result = run_examples(load_catalogue().get("imminent-eviction"))
    >>> result.mismatches()
    []
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.check import run_check
from checker.engine.catalogue import RULES_DIR, Catalogue, Example, Rule, load_catalogue
from checker.intake.bundle import load_bundle

__all__ = ["ExampleResult", "run_examples", "write_example_bundle"]

_DEFAULT_AS_OF = dt.date(2019, 3, 26)


@dataclass(slots=True)
class ExampleResult:
    rule: str
    expected: dict[str, str] = field(default_factory=dict)  # case id -> "flag" | "pass"
    flagged: set[str] = field(default_factory=set)
    outcomes: dict[str, str] = field(default_factory=dict)  # case id -> outcome
    names: dict[str, str] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)  # case id -> the rule's message as it read there

    def mismatches(self) -> list[str]:
        out = []
        for case, expect in sorted(self.expected.items()):
            got = "flag" if case in self.flagged else "pass"
            if got != expect or self.outcomes.get(case) == "errored":
                out.append(f"{self.names[case]!r}: expected {expect}, got {self.outcomes.get(case)}")
        return out


def _agencies() -> list[dict[str, Any]]:
    return yaml.safe_load((RULES_DIR / "example-agencies.yaml").read_text(encoding="utf-8"))


def write_example_bundle(rule: Rule, examples: list[tuple[str, Example]], folder: Path, as_of: dt.date) -> None:
    """Write the examples as one bundle: each (case id, example) pair is a case."""
    agencies = _agencies()
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    cases = []
    returns = []
    for case_id, example in examples:
        cases.append({"id": case_id, **example.case})
        for row in example.rows:
            rows[row.agency].append(
                {"Case": case_id, "Date": row.date, "Source": row.source, "Event": row.event, "Impact": row.impact,
                 "Action": row.action, "Attendees": row.attendees}
            )
        for i, ret in enumerate(example.returns):
            name = f"returns/{case_id}-{i}.yaml"
            doc = {"case": case_id, "answers": [], **ret}
            returns.append({"file": name, "agency": ret["agency"], "case": case_id,
                            "submitted": example.submitted.get(ret["agency"], as_of).isoformat()})
            (folder / "returns").mkdir(exist_ok=True)
            (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    chronologies = []
    (folder / "chronologies").mkdir(exist_ok=True)
    for agency, agency_rows in sorted(rows.items()):
        name = f"chronologies/{agency}.csv"
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(agency_rows[0]))
            writer.writeheader()
            writer.writerows(agency_rows)
        chronologies.append({"file": name, "agency": agency})
    manifest = {
        "audit": {
            "id": f"examples-{rule.id}",
            "title": f"Examples of {rule.id}",
            "theme": "examples",
            "meeting_date": as_of.isoformat(),
            "submission_deadline": (as_of - dt.timedelta(days=14)).isoformat(),
            "period": {"start": (as_of - dt.timedelta(days=365)).isoformat(), "end": as_of.isoformat()},
        },
        "agencies": agencies,
        "cases": cases,
        "submissions": {"chronologies": chronologies, "returns": returns},
    }
    (folder / "audit.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), encoding="utf-8")


def run_examples(rule: Rule, catalogue: Catalogue | None = None) -> ExampleResult:
    """Run every example of `rule`, grouped by as-of date; record which example cases the rule flagged."""
    catalogue = catalogue or load_catalogue()
    result = ExampleResult(rule=rule.id)
    groups: dict[dt.date, list[tuple[str, Example]]] = defaultdict(list)
    for i, example in enumerate(rule.examples, start=1):
        case_id = f"ex-{i}"
        result.expected[case_id] = example.expect
        result.names[case_id] = example.name
        groups[example.as_of or _DEFAULT_AS_OF].append((case_id, example))
    for as_of, examples in sorted(groups.items()):
        with tempfile.TemporaryDirectory(prefix="maca-example-") as tmp:
            folder = Path(tmp)
            write_example_bundle(rule, examples, folder, as_of)
            bundle = load_bundle(folder, today=as_of)
            errors = [p.line() for p in bundle.problems if p.level == "error"]
            if errors:
                raise ValueError(f"{rule.id}: examples did not load cleanly: {errors}")
            checked = run_check(bundle, as_of=as_of, catalogue=catalogue)
        flags, outcomes = checked.flags, checked.outcomes
        if rule.category == "quality":  # quality rules run after the risk rules, with their flags
            assert checked.quality is not None
            flags, outcomes = checked.quality.findings, checked.quality.outcomes
        for flag in flags:
            if flag["rule"] == rule.id:
                result.flagged.add(flag["case"])
                result.messages.setdefault(flag["case"], flag["message"])
        for outcome in outcomes:
            if outcome.rule == rule.id:
                # quality rules report one outcome per agency: the case is flagged/errored if any agency's is
                seen = result.outcomes.get(outcome.case)
                if seen is None or _RANK[outcome.outcome] < _RANK[seen]:
                    result.outcomes[outcome.case] = outcome.outcome
    return result


_RANK = {"errored": 0, "flagged": 1, "passed": 2, "skipped": 3}

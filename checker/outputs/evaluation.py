"""Detection measured against labels: per-rule recall and must-not respect, then each miss and false flag.

A labels file says, for each case, which rules the records clearly evidence (`fire`), which must not flag
(`not`) and which a reasonable panel could call either way (`unsure`, not scored):

    as_of: 2025-06-17
    cases:
      A01:
        fire: [unseen-adult-male]
        not: [referral-no-feedback]
        unsure: []
        why: {unseen-adult-male: the labeller's one-line reason}

    >>> labels = Labels.model_validate({"cases": {"X1": {"fire": ["r1"], "not": ["r2"]}}})
    >>> ev = evaluate([{"rule": "r1", "case": "X1", "evidence": []}], labels)
    >>> ev.recall, ev.respected
    ((1, 1), (1, 1))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.model.errors import CheckerError
from checker.model.wording import fmt_date

__all__ = [
    "CaseLabels",
    "Labels",
    "load_labels",
    "RuleScore",
    "Miss",
    "Evaluation",
    "evaluate",
    "format_report",
    "combine",
    "statuses_by_entry",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CaseLabels(_Strict):
    fire: list[str] = Field(default_factory=list, description="Rules the records clearly evidence.")
    must_not: list[str] = Field(default_factory=list, alias="not", description="Rules that must not flag.")
    unsure: list[str] = Field(default_factory=list, description="Either way; not scored.")
    why: dict[str, str] = Field(default_factory=dict, description="The labeller's reason, per rule.")


class Labels(_Strict):
    as_of: dt.date | None = None
    cases: dict[str, CaseLabels]


def load_labels(path: str | Path) -> Labels:
    """Read and validate a labels file; a problem names the file and the field."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CheckerError(f"cannot read the labels file {path}: {exc.strerror}") from exc
    try:
        doc = yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CheckerError(f"{path} is not readable YAML: {exc}") from exc
    try:
        return Labels.model_validate(doc)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise CheckerError(f"{path} is not a labels file: {where}") from exc


@dataclass(slots=True)
class RuleScore:
    rule: str
    fire: int = 0
    found: int = 0
    must_not: int = 0
    respected: int = 0

    @property
    def missed(self) -> int:
        return self.fire - self.found

    @property
    def false_flags(self) -> int:
        return self.must_not - self.respected


@dataclass(frozen=True, slots=True)
class Miss:
    """A labelled finding not flagged (`kind == "miss"`) or a must-not label flagged (`"false flag"`)."""

    kind: str
    rule: str
    case: str
    why: str
    evidence: tuple[Mapping[str, Any], ...] = ()
    explanation: tuple[str, ...] = ()  # why the rule did or did not flag the case (`checker.engine.why`), as lines


@dataclass(slots=True)
class Evaluation:
    name: str
    rules: dict[str, RuleScore] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> tuple[int, int]:
        return sum(s.found for s in self.rules.values()), sum(s.fire for s in self.rules.values())

    @property
    def respected(self) -> tuple[int, int]:
        return sum(s.respected for s in self.rules.values()), sum(s.must_not for s in self.rules.values())


def evaluate(
    flags: Iterable[Mapping[str, Any]],
    labels: Labels,
    *,
    name: str = "",
    statuses: Mapping[str, Sequence[Any]] | None = None,
    explain: Callable[[str, str], Sequence[str]] | None = None,
) -> Evaluation:
    """Score `flags` (as `run_check` makes them) against `labels`.

    `statuses` maps an entry id to the (kind, status, cue) triples read from its text, so each false flag's
    evidence can show why its entries counted. `explain(rule, case)` gives the lines explaining why the rule
    did or did not flag the case; they are kept on each miss and false flag.
    """

    def why_lines(rule: str, case: str) -> tuple[str, ...]:
        return tuple(explain(rule, case)) if explain is not None else ()

    flagged: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for flag in flags:
        flagged.setdefault((str(flag["rule"]), str(flag["case"])), []).append(flag)
    out = Evaluation(name=name)
    for case, lab in sorted(labels.cases.items()):
        for rule in lab.fire:
            score = out.rules.setdefault(rule, RuleScore(rule))
            score.fire += 1
            if (rule, case) in flagged:
                score.found += 1
            else:
                out.misses.append(Miss("miss", rule, case, lab.why.get(rule, ""), (), why_lines(rule, case)))
        for rule in lab.must_not:
            score = out.rules.setdefault(rule, RuleScore(rule))
            score.must_not += 1
            hits = flagged.get((rule, case))
            if not hits:
                score.respected += 1
                continue
            evidence = tuple(_with_status(e, statuses) for f in hits for e in f.get("evidence") or ())
            out.misses.append(Miss("false flag", rule, case, lab.why.get(rule, ""), evidence, why_lines(rule, case)))
    out.misses.sort(key=lambda m: (m.rule, m.kind, m.case))
    return out


def _with_status(evidence: Mapping[str, Any], statuses: Mapping[str, Sequence[Any]] | None) -> dict[str, Any]:
    row = dict(evidence)
    if statuses is not None and row.get("entry_id") in statuses:
        row["statuses"] = list(statuses[row["entry_id"]])
    return row


def combine(evaluations: Sequence[Evaluation], name: str = "all") -> Evaluation:
    """Several evaluations added together (e.g. every folder of an evaluation set)."""
    out = Evaluation(name=name)
    for ev in evaluations:
        for rule, s in ev.rules.items():
            total = out.rules.setdefault(rule, RuleScore(rule))
            total.fire += s.fire
            total.found += s.found
            total.must_not += s.must_not
            total.respected += s.respected
        out.misses.extend(ev.misses)
    return out


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "–"


def format_report(ev: Evaluation, *, details: bool = True) -> str:
    """The per-rule table, the totals, then (with `details`) each miss and false flag with its evidence."""
    lines = [f"{'rule':38} {'recall':>14} {'must-not respected':>20}"]
    for rule in sorted(ev.rules):
        s = ev.rules[rule]
        lines.append(f"{rule:38} {_pct(s.found, s.fire):>14} {_pct(s.respected, s.must_not):>20}")
    lines.append(f"{'all rules':38} {_pct(*ev.recall):>14} {_pct(*ev.respected):>20}")
    if not details:
        return "\n".join(lines) + "\n"
    for miss in ev.misses:
        lines.append("")
        lines.append(f"{miss.kind.upper()}: {miss.rule} on {miss.case}")
        if miss.why:
            lines.append(f"  label: {miss.why}")
        for e in miss.evidence:
            when = fmt_date(e["date"]) if e.get("date") else (e.get("date_text") or "")
            where = f"{e.get('agency') or ''} {when}".strip()
            lines.append(f"  evidence [{where}] {e.get('excerpt') or e.get('question') or ''}")
            statuses = e.get("statuses")
            if statuses:
                lines.append("    read as: " + "; ".join(_status_text(s) for s in statuses))
            elif e.get("kinds"):
                lines.append("    kinds: " + ", ".join(e["kinds"]))
        if miss.explanation:
            lines.append("  why (maca explain):")
            lines += [f"    {line}" for line in miss.explanation]
    lines.append("")
    lines.append(f"Overall{f' ({ev.name})' if ev.name else ''}: recall {_pct(*ev.recall)}; "
                 f"must-not respected {_pct(*ev.respected)}")
    return "\n".join(lines) + "\n"


def _status_text(item: Any) -> str:
    """One reading in words: `was_not_brought, done, from "wnb"` (plus the cue that set its status)."""
    if hasattr(item, "as_dict"):
        item = item.as_dict()
    if isinstance(item, Mapping):
        words = f' from "{item["words"]}"' if item.get("words") else ""
        cue = f' (status set by "{item["cue"]}")' if item.get("cue") else ""
        counted = "" if item.get("counted", True) else ", not counted"
        return f"{item['kind']}, {item['status']}{counted}{words}{cue}"
    return str(item)


def statuses_by_entry(frame: Any) -> dict[str, list[Any]]:
    """Entry id -> how its text was read (the `readings` column: kind, status, deciding words), if present."""
    if frame is None or "readings" not in getattr(frame, "columns", ()):
        return {}
    return {str(e): list(r) for e, r in zip(frame["entry_id"], frame["readings"], strict=True) if r}

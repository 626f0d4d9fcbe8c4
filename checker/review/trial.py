"""Try a threshold on past audits before adopting it: re-run one rule with one parameter changed over the
bundles stored audits were checked from, and say per audit which flags the change would remove and add,
each with the decision the panel recorded on it.

    trials = try_setting(store, catalogue, "management-oversight-gap", "days", 60)
    trials[0].summary   # 'removes 4 flags (3 dismissed, 1 confirmed), adds 2 (1 matches a finding the panel added)'

Both sides are the rule run now, on the bundle as it is now, at the run's as-of date: once with the audit's
own parameters (audit.yaml, over the partnership's overrides) and once with the change. So the difference is
the change's alone, even if the rules or the bundle moved on since the stored run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.check import prepare
from checker.engine.catalogue import Catalogue, Rule
from checker.engine.overlay import write_override
from checker.engine.run import run_rules
from checker.facts import Context
from checker.intake.adopt import set_parameter
from checker.intake.bundle import load_bundle
from checker.model.errors import CheckerError, RuleError
from checker.model.wording import agency_name, count, fmt_date
from checker.review.accuracy import panel_findings
from checker.review.labels import DECISION_LABELS
from checker.storage import Store

__all__ = ["parse_setting", "check_setting", "TrialFlag", "AuditTrial", "try_setting", "trial_audits", "adopt_setting",
           "adopt_for_partnership"]


def parse_setting(text: str) -> tuple[str, Any]:
    """'days=60' -> ('days', 60): the value read as YAML reads it (a number, yes/no or words)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip() or not raw.strip():
        raise RuleError(f"'{text}' is not PARAMETER=VALUE (for example days=60)")
    try:
        value = yaml.safe_load(raw.strip())
    except yaml.YAMLError:
        value = raw.strip()
    return name.strip(), value


def check_setting(catalogue: Catalogue, rule_id: str, name: str, value: Any) -> Rule:
    """The rule, if `name` is one of its parameters and `value` is allowed; RuleError naming both otherwise."""
    try:
        rule = catalogue.get(rule_id)
    except KeyError:
        raise RuleError(f"there is no rule '{rule_id}' (maca rules lists them)") from None
    problem = rule.setting_problem(name, value)
    if problem:
        raise RuleError(f"{name}={value!r} refused: {problem}")
    return rule


@dataclass(frozen=True, slots=True)
class TrialFlag:
    """A flag the change would remove or add, with the decision recorded on it ('open' if none)."""

    id: str
    case: str
    agency: str | None
    message: str
    status: str
    finding: bool = False  # an added flag on a case where the panel added a finding under the rule

    @property
    def status_words(self) -> str:
        if self.status == "open":
            return "matches a finding the panel added" if self.finding else "never decided"
        return DECISION_LABELS.get(self.status, self.status).lower()


@dataclass(slots=True)
class AuditTrial:
    """One audit's answer: the flags removed and added, or why it could not be tried."""

    audit_id: str
    path: str | None = None
    run_id: int | None = None
    as_of: Any = None
    problem: str | None = None
    current: Any = None  # the audit's value of the parameter before the change
    removed: list[TrialFlag] = field(default_factory=list)
    added: list[TrialFlag] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """'removes 4 flags (3 dismissed, 1 confirmed), adds 2 (1 matches a finding the panel added)'."""
        if self.problem:
            return f"not tried: {self.problem}"
        if not self.removed and not self.added:
            return "no change: the same flags either way"
        return f"removes {_counted(self.removed, 'flag')}, adds {_counted(self.added, '')}"


def _counted(flags: Sequence[TrialFlag], noun: str) -> str:
    if not flags:
        return "none"
    text = count(len(flags), noun) if noun else str(len(flags))
    tally: dict[str, int] = {}
    for flag in flags:
        key = "matches a finding the panel added" if flag.finding else (
            "undecided" if flag.status == "open" else DECISION_LABELS.get(flag.status, flag.status).lower())
        tally[key] = tally.get(key, 0) + 1
    if set(tally) == {"undecided"}:
        return text
    parts = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    return f"{text} ({', '.join(f'{n} {words}' for words, n in parts)})"


def trial_audits(store: Store, wanted: Sequence[str] | None = None) -> list[AuditTrial]:
    """The audits to try on (every audit stored, or those `wanted`), each with the latest run whose bundle
    path is recorded; an audit with none, or whose bundle is gone, says so."""
    stored = {r["audit_id"] for r in store.runs()}
    ids = list(dict.fromkeys(wanted)) if wanted else sorted(stored)
    sources: dict[str, dict[str, Any]] = {}
    for row in store.bundle_sources():
        sources.setdefault(row["audit_id"], row)  # newest first: keep the latest
    out = []
    for audit_id in ids:
        trial = AuditTrial(audit_id)
        source = sources.get(audit_id)
        if audit_id not in stored:
            trial.problem = f"there is no audit '{audit_id}' in the store ({', '.join(sorted(stored)) or 'none stored'})"
        elif source is None:
            trial.problem = ("where its bundle is was not recorded (checked before maca recorded it, or uploaded): "
                             "open it once with maca dashboard BUNDLE or maca labels BUNDLE")
        else:
            trial.path, trial.run_id, trial.as_of = source["path"], source["run_id"], source["as_of"]
            if not Path(source["path"]).exists():
                trial.problem = f"its bundle is no longer at {source['path']}"
        out.append(trial)
    return out


def _flags(rule: Rule, catalogue: Catalogue, ctx: Context, overrides: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    one = Catalogue(rules=(rule,), digest=catalogue.digest)
    run = run_rules(ctx, one, rule.category, {k: dict(v) for k, v in overrides.items()})
    return {f["id"]: f for f in run.flags}


def _try_one(store: Store, catalogue: Catalogue, rule: Rule, name: str, value: Any, trial: AuditTrial,
             partnership: Mapping[str, Mapping[str, Any]]) -> None:
    assert trial.path is not None and trial.run_id is not None
    bundle = load_bundle(trial.path)
    if not bundle.usable or bundle.manifest is None:
        trial.problem = f"nothing usable could be read from {trial.path} (maca validate lists the problems)"
        return
    manifest = bundle.manifest
    base = {k: dict(v) for k, v in partnership.items()}
    for rule_id, values in manifest.parameters.items():
        base.setdefault(rule_id, {}).update(values)
    trial.current = {**rule.values(), **base.get(rule.id, {})}.get(name)
    changed = {**base, rule.id: {**base.get(rule.id, {}), name: value}}
    risk = tuple(f for f in store.flags(trial.run_id) if f["category"] == "risk")
    ctx = Context(manifest=manifest, frame=prepare(bundle), returns=tuple(bundle.returns), as_of=trial.as_of,
                  risk_flags=risk)
    before, after = _flags(rule, catalogue, ctx, base), _flags(rule, catalogue, ctx, changed)
    decisions = store.decisions(manifest.audit.id)
    names = {a.id: a.name for a in manifest.agencies}
    found = {(str(f["case"])) for f in panel_findings(store, manifest.audit.id) if f.get("rule") == rule.id}

    def listed(flag: Mapping[str, Any], added: bool) -> TrialFlag:
        decision: Mapping[str, Any] | None = decisions.get(flag["id"])
        return TrialFlag(flag["id"], flag["case"], agency_name(names, flag.get("agency")) or None, flag["message"],
                         decision["decision"] if decision else "open",
                         finding=added and decision is None and flag["case"] in found)

    trial.removed = [listed(before[i], False) for i in sorted(before.keys() - after.keys(), key=lambda i: (before[i]["case"], i))]
    trial.added = [listed(after[i], True) for i in sorted(after.keys() - before.keys(), key=lambda i: (after[i]["case"], i))]


def try_setting(
    store: Store,
    catalogue: Catalogue,
    rule_id: str,
    name: str,
    value: Any,
    audits: Sequence[str] | None = None,
    partnership: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[AuditTrial]:
    """Per audit (all stored, or `audits`): the flags `rule_id` would remove and add with `name` set to `value`.
    RuleError (before anything runs) if the rule has no such parameter or the value is not allowed."""
    rule = check_setting(catalogue, rule_id, name, value)
    trials = trial_audits(store, audits)
    for trial in trials:
        if trial.problem is None:
            try:
                _try_one(store, catalogue, rule, name, value, trial, partnership or {})
            except CheckerError as exc:
                trial.problem = str(exc)
    return trials


def _adoption(catalogue: Catalogue, rule_id: str, name: str, value: Any, reviewer: str | None, evidence: str,
              today: dt.date) -> str:
    """The comment written beside an adopted value, once the value is checked and the reviewer named."""
    rule = check_setting(catalogue, rule_id, name, value)
    if not reviewer or not reviewer.strip():
        raise CheckerError("Enter your name (in the sidebar) before adopting a value: it is written beside it.")
    return (f"{name} adopted {fmt_date(today)} by {reviewer.strip()} (default {rule.parameters[name].default}); "
            f"tried on the stored audits: {evidence}")


def adopt_setting(folder: str | Path, catalogue: Catalogue, rule_id: str, name: str, value: Any, reviewer: str | None,
                  evidence: str, today: dt.date) -> Path:
    """Write `name = value` for `rule_id` into the audit folder's audit.yaml, with a comment saying who adopted
    it, when, and what trying it showed (`evidence`); RuleError for a refused value, CheckerError without a name."""
    comment = _adoption(catalogue, rule_id, name, value, reviewer, evidence, today)
    return set_parameter(Path(folder), rule_id, name, value, comment)


def adopt_for_partnership(folder: str | Path, catalogue: Catalogue, rule_id: str, name: str, value: Any,
                          reviewer: str | None, evidence: str, today: dt.date) -> Path:
    """As `adopt_setting`, into the partnership's overrides folder (`checker.engine.overlay`): every audit."""
    comment = _adoption(catalogue, rule_id, name, value, reviewer, evidence, today)
    return write_override(folder, rule_id, name, value, comment)

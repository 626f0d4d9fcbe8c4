"""Run a category of rules over a loaded audit: derive facts (pandas), evaluate conditions (durable-rules via
`checker.engine.door`), and turn matches into flags with evidence — and an outcome for every rule and case.

Outcomes: `flagged`, `passed` (facts were asserted, nothing fired, no error), `skipped` (the input the rule
needs is absent; the reason says what), `errored` (a derivation or the engine failed; the reason says how).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import string
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from checker.engine import door as engine
from checker.engine.catalogue import Catalogue, Rule, resolve
from checker.facts import REGISTRY, Context, Derived, Fact
from checker.model.errors import RuleError
from checker.model.wording import agency_name, clip_excerpt, finish, humanise, possessive_fields

__all__ = ["Outcome", "RuleRun", "compile_rules", "run_rules", "flag_id", "format_message",
           "flag_order"]

log = logging.getLogger(__name__)

OutcomeName = Literal["flagged", "passed", "skipped", "errored"]
_OPS = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


@dataclass(frozen=True, slots=True)
class Outcome:
    rule: str
    case: str
    outcome: OutcomeName
    reason: str = ""
    flag_count: int = 0
    agency: str | None = None  # quality rules: one outcome per agency and case; risk rules: None

    def to_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "case": self.case, "outcome": self.outcome, "reason": self.reason,
               "flags": self.flag_count}
        if self.agency is not None:
            out["agency"] = self.agency
        return out


@dataclass(slots=True)
class RuleRun:
    flags: list[dict[str, Any]]
    outcomes: list[Outcome]
    ruleset: str
    seconds: dict[str, float] = field(default_factory=dict)  # CPU seconds: derive, engine, report


def _condition(rule: Rule, branch_index: int, params: Mapping[str, Any]) -> dict[str, Any]:
    branch = rule.when[branch_index]
    terms: list[dict[str, Any]] = [{"rule": rule.id}, {"source": branch.facts}]
    for test in branch.all:
        value = resolve(test.value, dict(params))
        terms.append({test.field: value} if test.op == "==" else {_OPS[test.op]: {test.field: value}})
    return {"$and": terms}


def compile_rules(rules: list[Rule], params: Mapping[str, Mapping[str, Any]]) -> engine.Ruleset:
    """One engine rule per branch, named `rule-id#n`, with parameter values substituted."""
    compiled = [
        engine.EngineRule(name=f"{rule.id}#{i}", condition=_condition(rule, i, params[rule.id]))
        for rule in rules
        for i in range(len(rule.when))
    ]
    return engine.Ruleset(rules=tuple(compiled))


def _check_contract(name: str, declared: Mapping[str, Any], result: Derived) -> None:
    """A fact missing a declared field would make every test of it silently false: refuse it (errored)."""
    for fact in result.facts:
        missing = declared.keys() - fact.fields.keys()
        if missing:
            raise RuleError(f"derivation '{name}' produced a fact without its declared field(s) "
                            f"{', '.join(sorted(missing))}")


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def format_message(template: str, fields: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """Fill `{field}` placeholders from the fact (plain names only: validated when rules load), in words:
    yes/no, plan types, UK dates, agency names for `agency` (from `names`), plurals by their count."""
    shown = {k: humanise(fields[k]) for k in _placeholders(template) if k in fields}  # only what it shows
    if names and "agency" in shown and isinstance(fields.get("agency"), str):
        shown["agency"] = agency_name(names, fields["agency"])
    items = tuple(shown.items())
    try:
        return _render(template, items)
    except TypeError:  # a value that cannot be a cache key (not JSON-native): rendered uncached
        return _render.__wrapped__(template, items)


@functools.lru_cache(maxsize=512)
def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(template) if name))


@functools.lru_cache(maxsize=8192)
def _render(template: str, shown_items: tuple[tuple[str, Any], ...]) -> str:
    """The filled, finished message (cached: many cases share a message word for word)."""
    shown = dict(shown_items)
    return finish(string.Formatter().vformat(possessive_fields(template, shown), (), _Fields(shown)))


def flag_id(audit: str, rule: str, case: str, agency: str | None, subject: str = "") -> str:
    """A flag is its finding: the audit, rule, case, agency and the subject the rule is about (the plan, the
    pregnancy, the man, the referral, the missed appointment, the eviction; "" when the rule raises one
    finding per case and agency). Never its evidence: a late return that adds rows keeps the id."""
    key = "\x1f".join(["v3", audit, rule, case, agency or "", subject])
    return "f-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


_ROW_COLUMNS = ["entry_id", "case", "agency", "file", "row", "date", "date_text", "event", "kinds"]


class _Rows:
    """The chronology rows evidence cites, read once: entry ids indexed to positions in one pass, and only
    the cited rows turned into dicts (not the whole frame: most rows are never cited)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        ids = frame["entry_id"].tolist() if len(frame) else []
        self._position = dict(zip(ids, range(len(ids)), strict=True))  # a repeated id: its last row, as before
        self._rows: dict[str, dict[str, Any]] = {}
        self._cited: dict[str, dict[str, Any] | None] = {}

    def load(self, entries: set[str]) -> None:
        """Read the rows of `entries` not read yet (one frame access for all of them)."""
        wanted = sorted({self._position[e] for e in entries if e not in self._rows and e in self._position})
        if wanted:
            for record in self._frame[_ROW_COLUMNS].take(wanted).to_dict("records"):
                self._rows[record["entry_id"]] = record

    def get(self, entry: str) -> dict[str, Any] | None:
        if entry not in self._rows and entry in self._position:
            self.load({entry})
        return self._rows.get(entry)

    def cited(self, entry: str) -> dict[str, Any] | None:
        """The evidence item for `entry` (made once per entry: many facts cite the same row). Do not mutate."""
        if entry in self._cited:
            return self._cited[entry]
        row = self.get(entry)
        item = None if row is None else {
            "entry_id": entry,
            "agency": row["agency"],
            "file": row["file"],
            "row": int(row["row"]),
            "date": row["date"].date().isoformat() if hasattr(row["date"], "date") else None,
            "date_text": row["date_text"],
            "kinds": tuple(row["kinds"]),
            "excerpt": clip_excerpt(row["event"]),
        }
        self._cited[entry] = item
        return item


def _evidence(rows: _Rows, fact: Fact) -> list[dict[str, Any]]:
    """The fact's evidence as a flag shows it (without the entry's whole text): a fresh dict (and list) each."""
    out: list[dict[str, Any]] = []
    for entry in fact.evidence:
        cited = rows.cited(entry)
        if cited is not None:
            out.append({**cited, "kinds": list(cited["kinds"])})
    out.extend({k: v for k, v in e.items() if k != "text"} for e in fact.extra_evidence)
    return out


class _RuleAgencies:
    """The agency a rule's flag is shown against: none, the fact's own, or the first agency of the rule's type
    that sent rows for the case (else the first of that type); the type's agencies read once per rule."""

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self._rule, self._ctx = rule.agency, ctx
        self._of_type = ctx.agencies_of([rule.agency]) if rule.agency not in (None, "fact") else set()
        self._fallback = min(self._of_type) if self._of_type else None

    def of(self, fact: Fact) -> str | None:
        if self._rule is None:
            return None
        if self._rule == "fact":
            return fact.agency
        involved = self._ctx.agencies_with_rows(fact.case) & self._of_type
        return min(involved) if involved else self._fallback


def run_rules(
    ctx: Context,
    catalogue: Catalogue,
    category: str,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> RuleRun:
    """Derive, evaluate and report every rule of `category` for every case."""
    rules = sorted(catalogue.by_category(category), key=lambda r: r.id)
    overrides = overrides or {}
    params = {r.id: r.values(dict(overrides.get(r.id, {}))) for r in rules}
    cases = sorted(ctx.case_ids())
    names = {a.id: a.name for a in ctx.manifest.agencies}
    audit = ctx.manifest.audit.id  # part of every flag's id: two audits never share a flag or its decision

    cpu = time.process_time()
    derived: dict[tuple[str, str], Derived] = {}
    errored: dict[str, str] = {}
    for rule in rules:
        for spec in rule.facts:
            try:
                derivation = REGISTRY[spec.derive]
                args = derivation.args.model_validate(resolve(dict(spec.args), params[rule.id]))
                result = derivation.fn(ctx, args)
                _check_contract(spec.derive, derivation.fields(args), result)
                derived[(rule.id, spec.name)] = result
            except Exception as exc:  # noqa: BLE001 - any failure in a derivation makes the rule errored, not the run
                log.warning("rule %s: derivation %s failed: %s", rule.id, spec.derive, type(exc).__name__)
                errored[rule.id] = f"fact derivation '{spec.derive}' failed: {type(exc).__name__}: {exc}"

    facts_by_case: dict[str, list[dict[str, Any]]] = {c: [] for c in cases}
    lookup: dict[tuple[str, str, int], Fact] = {}
    for (rule_id, source), result in derived.items():
        if rule_id in errored:
            continue
        for i, fact in enumerate(result.facts):
            lookup[(rule_id, source, i)] = fact
            facts_by_case.setdefault(fact.case, []).append(
                {"rule": rule_id, "source": source, "fid": i, **fact.fields}
            )

    with_facts = {(rid, f.case) for (rid, _), d in derived.items() for f in d.facts}
    ruleset = compile_rules([r for r in rules if r.id not in errored], params)
    content_hash = catalogue.digest  # the one rule-set id; the audit's overrides are shown beside it
    derive_done = time.process_time()
    results = engine.evaluate(ruleset, facts_by_case)
    engine_done = time.process_time()
    rows = _Rows(ctx.frame)
    rows.load({entry for case_result in results.values() for name, found in case_result.matches.items()
               for m in found for entry in lookup[(name.split("#")[0], str(m["source"]), int(str(m["fid"])))].evidence})

    flags: dict[str, dict[str, Any]] = {}
    outcomes: list[Outcome] = []
    errors_by_case: dict[str, dict[str, list[str]]] = {}  # case -> rule id -> its branches' engine errors
    for case, outcome in results.items():
        for name, error in outcome.errors.items():
            errors_by_case.setdefault(case, {}).setdefault(name.split("#")[0], []).append(error)
    for rule in rules:
        branches = [f"{rule.id}#{i}" for i in range(len(rule.when))]
        agencies = _RuleAgencies(rule, ctx)
        for case in cases:
            if rule.id in errored:
                outcomes.append(Outcome(rule.id, case, "errored", errored[rule.id]))
                continue
            case_result = results.get(case)
            errors = errors_by_case[case].get(rule.id) if case in errors_by_case else None
            if errors:
                outcomes.append(Outcome(rule.id, case, "errored", "; ".join(sorted(set(errors)))))
                continue
            asserted = (rule.id, case) in with_facts
            matched: list[tuple[int, dict[str, Any]]] = []
            if case_result:
                matches = case_result.matches
                for i, branch in enumerate(branches):
                    for m in matches.get(branch, ()):
                        matched.append((i, m))
            if not matched and rule.category != "quality":  # most rules and cases: passed or skipped, no flag
                outcomes.append(Outcome(rule.id, case, "passed") if asserted else _skipped(rule, case, derived))
                continue
            groups: dict[tuple[str | None, str], list[tuple[str, list[dict[str, Any]]]]] = {}
            fields_by_agency: dict[str | None, dict[str, Any]] = {}
            for i, m in sorted(matched, key=lambda im: (im[1]["source"], int(im[1]["fid"]), im[0])):
                fact = lookup[(rule.id, str(m["source"]), int(str(m["fid"])))]
                evidence = _evidence(rows, fact)
                agency = agencies.of(fact)
                fields = {**params[rule.id], **fact.fields, "case": case}
                message = format_message(rule.when[i].message or rule.message, fields, names)
                if rule.group == "case":  # one finding per case, shown against the agency the rule names
                    agency = agency if rule.agency not in (None, "fact") else None
                key = (agency, fact.subject if rule.group == "none" else "")
                groups.setdefault(key, []).append((message, evidence))
                fields_by_agency.setdefault(agency, dict(fact.fields))
            made: set[str] = set()
            for (agency, subject), items in groups.items():
                messages = list(dict.fromkeys(msg for msg, _ in items))
                evidence = list({_evidence_key(e): e for _, ev in items for e in ev}.values())
                evidence.sort(key=lambda e: (e.get("date") or "", e.get("file") or "", e.get("row") or 0))
                fid = flag_id(audit, rule.id, case, agency, subject)
                if fid in made:
                    continue
                made.add(fid)
                # every finding the flag stands for is said, not counted: "and 1 more like it" told no one what
                message = messages[0] if len(messages) == 1 else " Also: ".join(messages)
                flags[fid] = {
                    "id": fid,
                    "rule": rule.id,
                    "category": rule.category,
                    "case": case,
                    "agency": agency,
                    "severity": rule.severity,
                    "title": rule.title,
                    "message": message,
                    "recommended_action": rule.recommended_action,
                    "evidence": evidence,
                    "ruleset": content_hash,
                }
                if rule.category == "quality":  # the measured figures, for scoring (one fact per flag)
                    flags[fid]["fields"] = fields_by_agency.get(agency, {})
                    flags[fid]["asks"] = rule.asks  # what the agency is asked to do, in its own words
                    flags[fid]["chase"] = rule.chase.group if rule.chase else None  # missing / late / None
            if rule.category == "quality" and asserted:
                outcomes += _agency_outcomes(rule.id, case, derived, flags, made)
            elif made:
                outcomes.append(Outcome(rule.id, case, "flagged", flag_count=len(made)))
            elif asserted:
                outcomes.append(Outcome(rule.id, case, "passed"))
            else:
                outcomes.append(_skipped(rule, case, derived))
    first = catalogue.surfacing_first()
    ordered = sorted(flags.values(), key=lambda f: _flag_order(f, first))
    seconds = {"derive": derive_done - cpu, "engine": engine_done - derive_done,
               "report": time.process_time() - engine_done}
    return RuleRun(flags=ordered, outcomes=outcomes, ruleset=content_hash, seconds=seconds)


def _skipped(rule: Rule, case: str, derived: dict[tuple[str, str], Derived]) -> Outcome:
    """Why the rule could not check the case: its sources' reasons (a reason two share, said once)."""
    reasons = [derived[(rule.id, s.name)].skipped.get(case) for s in rule.facts]
    reason = "; ".join(dict.fromkeys(r for r in reasons if r)) or "nothing in the records for this rule to check"
    return Outcome(rule.id, case, "skipped", reason)


def _agency_outcomes(
    rule_id: str, case: str, derived: dict[tuple[str, str], Derived], flags: dict[str, dict[str, Any]], made: set[str]
) -> list[Outcome]:
    """Quality rules: one outcome per agency with facts for the case — flagged or passed."""
    agencies = sorted({f.agency or "" for (rid, _), d in derived.items() if rid == rule_id for f in d.facts
                       if f.case == case})
    flagged: dict[str, int] = {}
    for fid in made:
        agency = flags[fid]["agency"] or ""
        flagged[agency] = flagged.get(agency, 0) + 1
    return [
        Outcome(rule_id, case, "flagged", flag_count=flagged[a], agency=a or None) if a in flagged
        else Outcome(rule_id, case, "passed", agency=a or None)
        for a in agencies
    ]


_SEV = {"high": 0, "medium": 1, "low": 2, "info": 3}


def _evidence_key(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e.get("entry_id"), e.get("file"), e.get("row"), e.get("question"), e.get("excerpt"))


def _flag_order(flag: dict[str, Any], first: frozenset[str]) -> tuple[Any, ...]:
    """Flags of `surfaces: first` rules (immediate concerns) first, then by severity, case and rule."""
    return (0 if flag["rule"] in first else 1, _SEV[flag["severity"]], flag["case"], flag["rule"],
            flag["id"])


flag_order = _flag_order
"""The order flags are reported in (with the catalogue's `surfacing_first()`): immediate concerns first, then
severity, case, rule, id — a total order, so partitions' flags sort into the one list."""

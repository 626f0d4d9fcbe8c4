"""Why a rule did (or did not) flag one case: its outcome, each condition part's value and whether it held, and
the entries each tested field was computed from with how each was read (`maca explain`, the dashboard's Case
page, `maca evaluate` under each miss and false flag).

    explainer = Explainer(ctx, catalogue, overrides)
    why = explainer.explain("contingency-plan-missing", "case-3")
    why.outcome                      # 'passed'
    [p.field for p in why.false_parts()]   # ['contingency', 'contingency']: the parts that did not hold
    print("\\n".join(why.lines()))

The explanation is built from the same things the rule run uses: the rule's conditions with this audit's
parameter values, the facts its derivation produced for the case, and the annotated frame's `readings` (the
kinds read from each entry, their status and the words that decided it). The outcome is the engine's own:
the case's facts go through the one door (`checker.engine.door`) with the rule compiled as `maca check` does.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import BaseModel

from checker.engine import door as engine
from checker.engine.catalogue import Catalogue, Rule, resolve
from checker.engine.run import compile_rules
from checker.facts import REGISTRY, Context, Derived, Fact
from checker.facts.base import Selector
from checker.model.wording import fmt_date, humanise

__all__ = ["Part", "Condition", "EntryRead", "FieldSource", "FactView", "Explanation", "Explainer"]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
MAX_ENTRIES = 8  # entries shown per field's selection (the rest counted)


@dataclass(frozen=True, slots=True)
class Part:
    """One test of a condition: `field op expected`, the fact's value, and whether it held."""

    field: str
    op: str
    expected: Any
    param: str | None  # the parameter the expected value comes from, if any
    actual: Any
    held: bool

    def words(self) -> str:
        expected = _shown(self.expected) + (f" (parameter {self.param})" if self.param else "")
        return f"{self.field} {self.op} {expected}: value {_shown(self.actual)} — {'held' if self.held else 'NOT held'}"


@dataclass(frozen=True, slots=True)
class Condition:
    """One branch of the rule's `when:` judged on one fact: it matches when every part holds."""

    branch: int
    parts: tuple[Part, ...]

    @property
    def held(self) -> bool:
        return all(p.held for p in self.parts)


@dataclass(frozen=True, slots=True)
class EntryRead:
    """A chronology entry and how its text was read (each reading: kind, status, counted, words, cue, …)."""

    entry_id: str
    agency: str
    file: str
    row: int | None
    date: str
    text: str
    readings: tuple[Mapping[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "agency": self.agency, "file": self.file, "row": self.row,
                "date": self.date, "text": self.text, "readings": [dict(r) for r in self.readings]}

    def words(self) -> list[str]:
        where = f"{self.file} row {self.row}" if self.row is not None else self.file
        lines = [f"[{self.date}, {self.agency}, {where}] {_clip(self.text)}"]
        lines += ["    read: " + _reading_words(r) for r in self.readings] or ["    read: no event kind found"]
        return lines


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Where a tested field's value came from: a selection of entries (an argument of the derivation, e.g. the
    `contingency` group's kinds), the case's entries it counted, and the entries where one of its kinds was
    read but did not count (planned, negated, someone else, ...)."""

    argument: str
    what: str
    counted: tuple[EntryRead, ...]
    counted_total: int
    not_counted: tuple[EntryRead, ...]
    not_counted_total: int


@dataclass(frozen=True, slots=True)
class FactView:
    """One fact of the case: its source, agency, tested fields' values, each branch judged, and the sources."""

    source: str
    agency: str | None
    values: dict[str, Any]
    conditions: tuple[Condition, ...]
    evidence: tuple[EntryRead, ...]
    sources: dict[str, tuple[FieldSource, ...]]  # tested field -> the selections it was computed from
    other_evidence: tuple[str, ...] = ()  # evidence that is not a chronology entry (a plan in audit.yaml, an answer)

    @property
    def matched(self) -> bool:
        return any(c.held for c in self.conditions)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one rule did or did not flag one case."""

    rule: str
    title: str
    case: str
    outcome: str  # flagged, passed, skipped, errored (or 'unknown' for a case or rule that does not exist)
    reason: str = ""  # skipped or errored: why
    facts: tuple[FactView, ...] = ()
    conditions_text: tuple[str, ...] = ()  # the rule's branches in words, for a rule with no fact to judge
    notes: tuple[str, ...] = field(default=())

    def false_parts(self) -> list[Part]:
        """Every condition part that did not hold, on every fact of the case (in the order judged)."""
        return [p for f in self.facts for c in f.conditions for p in c.parts if not p.held]

    def summary(self) -> str:
        """One line: which condition parts held or failed (or why the rule did not run)."""
        if self.outcome in ("skipped", "errored", "unknown"):
            return ""
        said = []
        for i, fact in enumerate(self.facts, 1):
            where = f"fact {i}: " if len(self.facts) > 1 else ""
            if fact.matched:
                held = [c for c in fact.conditions if c.held]
                said.append(f"{where}condition {held[0].branch + 1} held in full")
                continue
            failed = [f"condition {c.branch + 1}: "
                      + ", ".join(f"{p.field} {p.op} {_shown(p.expected)} was false ({p.field} is {_shown(p.actual)})"
                                  for p in c.parts if not p.held) for c in fact.conditions]  # fmt: skip
            said.append(where + "; ".join(failed))
        lead = "Flagged because " if self.outcome == "flagged" else "Not flagged because "
        return lead + " | ".join(said) if said else ""

    def lines(self) -> list[str]:
        """The explanation as plain text lines (the CLI prints them; evaluate indents them)."""
        out = [f"{self.rule} on {self.case}: {self.outcome.upper()}" + (f" — {self.reason}" if self.reason else ""),
               f"  {self.title}"]  # fmt: skip
        summary = self.summary()
        if summary:
            out.append(f"  {summary}")
        if not self.facts and self.conditions_text:
            out.append("  The rule flags when any of:")
            out += [f"    {c}" for c in self.conditions_text]
        for i, fact in enumerate(self.facts, 1):
            label = f"fact {i} of {len(self.facts)} ({fact.source})" if len(self.facts) > 1 else f"the case's fact ({fact.source})"
            if fact.agency:
                label += f", agency {fact.agency}"
            out.append(f"  {label}: {'matched' if fact.matched else 'no condition held in full'}")
            for cond in fact.conditions:
                out.append(f"    condition {cond.branch + 1}: {'HELD' if cond.held else 'not held'}")
                out += [f"      - {p.words()}" for p in cond.parts]
            for name, sources in fact.sources.items():
                out.append(f"    field {name} = {_shown(fact.values.get(name))}, computed from:")
                for s in sources:
                    out.append(f"      {s.argument}: {s.what}")
                    out.append(f"        entries that counted ({s.counted_total}):" if s.counted_total
                               else "        entries that counted: none in this case's records")
                    out += [f"          {line}" for e in s.counted for line in e.words()]
                    if s.counted_total > len(s.counted):
                        out.append(f"          … and {s.counted_total - len(s.counted)} more")
                    if s.not_counted_total:
                        out.append(f"        entries where its kinds were read but did not count ({s.not_counted_total}):")
                        out += [f"          {line}" for e in s.not_counted for line in e.words()]
                        if s.not_counted_total > len(s.not_counted):
                            out.append(f"          … and {s.not_counted_total - len(s.not_counted)} more")
            shown = {e.entry_id for group in fact.sources.values() for s in group for e in s.counted + s.not_counted}
            cited = [e for e in fact.evidence if e.entry_id not in shown]
            if cited or fact.other_evidence:
                more = " (besides the entries above)" if len(cited) < len(fact.evidence) else ""
                out.append(f"    evidence the fact cites{more}:")
                out += [f"      {line}" for e in cited for line in e.words()]
                out += [f"      {line}" for line in fact.other_evidence]
        out += [f"  note: {n}" for n in self.notes]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "case": self.case, "outcome": self.outcome, "reason": self.reason,
            "facts": [{"source": f.source, "agency": f.agency, "values": f.values, "matched": f.matched,
                       "conditions": [{"branch": c.branch, "held": c.held,
                                       "parts": [{"field": p.field, "op": p.op, "expected": p.expected,
                                                  "param": p.param, "value": p.actual, "held": p.held}
                                                 for p in c.parts]} for c in f.conditions],
                       "sources": {name: [{"argument": src.argument, "what": src.what,
                                           "counted": [e.to_dict() for e in src.counted],
                                           "counted_total": src.counted_total,
                                           "not_counted": [e.to_dict() for e in src.not_counted],
                                           "not_counted_total": src.not_counted_total} for src in group]
                                   for name, group in f.sources.items()},
                       "evidence": [e.to_dict() for e in f.evidence], "other_evidence": list(f.other_evidence)}
                      for f in self.facts],
            "notes": list(self.notes),
        }  # fmt: skip


def _shown(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return repr(value)
    return str(humanise(value))


def _clip(text: str, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _reading_words(reading: Mapping[str, Any]) -> str:
    """`contingency_plan, planned, not counted, words "contingency plan", cue "to agree"` (+ any other keys)."""
    parts = [str(reading.get("kind")), str(reading.get("status", "")).replace("_", " "),
             "counted" if reading.get("counted", True) else "not counted"]  # fmt: skip
    if reading.get("words"):
        parts.append(f'words "{reading["words"]}"')
    if reading.get("cue"):
        parts.append(f'cue "{reading["cue"]}"')
    for key, value in reading.items():  # anything else the reading carries (e.g. the field it was read in)
        if key not in {"kind", "status", "counted", "words", "cue"} and value not in (None, "", ()):
            parts.append(f"{key} {value!r}" if not isinstance(value, str) else f'{key} "{value}"')
    return ", ".join(parts)


def _as_dict(reading: Any) -> Mapping[str, Any]:
    return reading.as_dict() if hasattr(reading, "as_dict") else dict(reading)


def _selectors(value: Any, path: str = "") -> Iterator[tuple[str, Selector]]:
    """Every `Selector` in a derivation's arguments, with its path (`groups.contingency`, `triggers[0].trigger`)."""
    if isinstance(value, Selector):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _selectors(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _selectors(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _selectors(item, f"{path}[{i}]")


_BRACED = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _linked(field_name: str, meaning: str, selectors: list[tuple[str, Selector]]) -> list[tuple[str, Selector]]:
    """The selections a field is computed from: those its meaning names (`{contacts}`), else the one named like
    it (`contingency`, `contingency_days` -> `groups.contingency`), else all of the derivation's selections."""
    named = set(_BRACED.findall(meaning))
    by_argument = [(p, s) for p, s in selectors if re.split(r"[.\[]", p)[0] in named]
    if by_argument:
        return by_argument
    last = [(p, s) for p, s in selectors if (key := re.split(r"[.\]]", p.rstrip("]"))[-1])
            and (field_name == key or field_name.startswith(key + "_"))]  # fmt: skip
    return last or selectors


class Explainer:
    """Explanations for one check: each rule's facts are derived once (for every case), then judged per case."""

    def __init__(self, ctx: Context, catalogue: Catalogue, overrides: Mapping[str, Mapping[str, Any]] | None = None):
        self.ctx = ctx
        self.catalogue = catalogue
        self.overrides = overrides or {}
        self._derived: dict[str, dict[str, Derived] | str] = {}
        self._case_rows: dict[str, dict[str, EntryRead]] = {}

    def has_case(self, case: str) -> bool:
        return case in self.ctx.cases_by_id

    def explain(self, rule_id: str, case: str) -> Explanation:
        """Why `rule_id` did or did not flag `case`. A KeyError names an unknown rule or case."""
        rule = self.catalogue.get(rule_id)
        if not self.has_case(case):
            raise KeyError(case)
        params = rule.values(dict(self.overrides.get(rule.id, {})))
        branches = tuple(" and ".join(f"{t.field} {t.op} {_shown(resolve(t.value, params))}" for t in b.all)
                         for b in rule.when)  # fmt: skip
        derived = self._derive(rule, params)
        if isinstance(derived, str):
            return Explanation(rule.id, rule.title, case, "errored", derived, conditions_text=branches)
        facts = [(name, f) for name, d in derived.items() for f in d.facts if f.case == case]
        if not facts:
            reasons = [derived[s.name].skipped.get(case) for s in rule.facts]
            reason = "; ".join(r for r in reasons if r) or "nothing in the records for this rule to check"
            return Explanation(rule.id, rule.title, case, "skipped", reason, conditions_text=branches)
        matched, errors = self._engine(rule, params, case, facts)
        views = tuple(self._view(rule, params, name, i, fact, matched) for i, (name, fact) in enumerate(facts))
        notes: list[str] = []
        if errors:
            return Explanation(rule.id, rule.title, case, "errored", "; ".join(sorted(set(errors.values()))), views,
                               branches)  # fmt: skip
        for fid, view in enumerate(views):
            engine_says = bool(matched.get((facts[fid][0], fid)))
            if engine_says != view.matched:
                notes.append(f"fact {fid + 1}: the engine {'matched' if engine_says else 'did not match'} it but the "
                             "values shown say otherwise; please report this as a bug")
        outcome = "flagged" if matched else "passed"
        return Explanation(rule.id, rule.title, case, outcome, "", views, branches, tuple(notes))

    # ----------------------------------------------------------------------------------------- internals

    def _derive(self, rule: Rule, params: dict[str, Any]) -> dict[str, Derived] | str:
        if rule.id not in self._derived:
            out: dict[str, Derived] = {}
            for spec in rule.facts:
                try:
                    derivation = REGISTRY[spec.derive]
                    out[spec.name] = derivation.fn(self.ctx, derivation.args.model_validate(resolve(dict(spec.args), params)))
                except Exception as exc:  # noqa: BLE001 - as in the rule run: the rule is errored, saying how
                    self._derived[rule.id] = f"fact derivation '{spec.derive}' failed: {type(exc).__name__}: {exc}"
                    break
            else:
                self._derived[rule.id] = out
        return self._derived[rule.id]

    def _engine(
        self, rule: Rule, params: dict[str, Any], case: str, facts: list[tuple[str, Fact]]
    ) -> tuple[dict[tuple[str, int], set[int]], dict[str, str]]:
        """(source, index among the case's facts) -> the branches the engine matched; and the engine's errors."""
        ruleset = compile_rules([rule], {rule.id: params})
        asserted = [{"rule": rule.id, "source": name, "fid": i, **fact.fields} for i, (name, fact) in enumerate(facts)]
        result = engine.evaluate(ruleset, {case: asserted})[case]
        matched: dict[tuple[str, int], set[int]] = {}
        for branch_name, found in result.matches.items():
            branch = int(branch_name.split("#")[1])
            for m in found:
                matched.setdefault((str(m["source"]), int(str(m["fid"]))), set()).add(branch)
        return matched, dict(result.errors)

    def _view(self, rule: Rule, params: dict[str, Any], source: str, fid: int, fact: Fact,
              matched: Mapping[tuple[str, int], set[int]]) -> FactView:  # fmt: skip
        conditions = []
        tested: dict[str, None] = {}
        for i, branch in enumerate(rule.when):
            if branch.facts != source:
                continue
            parts = []
            for test in branch.all:
                expected = resolve(test.value, params)
                actual = fact.fields.get(test.field)
                held = actual is not None and _holds(test.op, actual, expected)
                parts.append(Part(test.field, test.op, expected, getattr(test.value, "param", None), actual, held))
                tested[test.field] = None
            conditions.append(Condition(i, tuple(parts)))
        spec = next(s for s in rule.facts if s.name == source)
        derivation = REGISTRY[spec.derive]
        args = derivation.args.model_validate(resolve(dict(spec.args), params))
        declared = derivation.fields(args)
        selectors = list(_selectors(args))
        sources: dict[str, tuple[FieldSource, ...]] = {}
        for name in tested:
            output = declared.get(name)
            if output is None or not selectors:
                continue
            sources[name] = tuple(self._source(path, sel, fact.case) for path, sel in _linked(name, output.meaning, selectors))
        evidence = tuple(self._entries(fact.case, list(fact.evidence)))
        other = tuple(_other_evidence(e) for e in fact.extra_evidence)
        return FactView(source, fact.agency, {n: fact.fields.get(n) for n in tested}, tuple(conditions), evidence,
                        sources, other)  # fmt: skip

    def _case_entries(self, case: str) -> dict[str, EntryRead]:
        """The case's entries, read once, in date order (entry id -> the entry and its readings)."""
        if case not in self._case_rows:
            frame = self.ctx.frame
            rows = frame[frame["case"] == case] if not frame.empty else frame
            columns = {c: rows[c].tolist() if c in rows.columns else [None] * len(rows)
                       for c in ("entry_id", "agency", "file", "row", "date", "date_text", "event", "readings")}  # fmt: skip
            made = [_entry(dict(zip(columns, values, strict=True))) for values in zip(*columns.values(), strict=True)]
            order = sorted(range(len(made)), key=lambda i: (_sort_day(columns["date"][i]), made[i].entry_id))
            self._case_rows[case] = {made[i].entry_id: made[i] for i in order}
        return self._case_rows[case]

    def _entries(self, case: str, ids: list[str]) -> list[EntryRead]:
        known = self._case_entries(case)
        return [known[i] for i in ids if i in known]

    def _source(self, path: str, selector: Selector, case: str) -> FieldSource:
        selected = self.ctx.select(selector)
        chosen = set(selected["entry_id"].astype(str)[(selected["case"] == case).to_numpy()])
        known = self._case_entries(case)
        counted = [e for i, e in known.items() if i in chosen]
        wanted = set(selector.kinds)
        allowed = self.ctx.agencies_of(selector.agency_types) if selector.agency_types else None
        barred = self.ctx.agencies_of(selector.exclude_agency_types) if selector.exclude_agency_types else set()
        near = [e for i, e in known.items() if i not in chosen and (allowed is None or e.agency in allowed)
                and e.agency not in barred
                and any(r.get("kind") in wanted and not r.get("counted", True) for r in e.readings)]  # fmt: skip
        return FieldSource(argument=path, what=selector.in_words(), counted=tuple(counted[:MAX_ENTRIES]),
                           counted_total=len(counted), not_counted=tuple(near[:MAX_ENTRIES]),
                           not_counted_total=len(near))  # fmt: skip


def _sort_day(value: Any) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _holds(op: str, actual: Any, expected: Any) -> bool:
    try:
        return bool(_COMPARE[op](actual, expected))
    except TypeError:
        return False


def _entry(row: Mapping[str, Any]) -> EntryRead:
    date = row.get("date")
    when = fmt_date(date) if date is not None and not pd.isna(date) else str(row.get("date_text") or "no date")
    readings = tuple(_as_dict(r) for r in row.get("readings") or ())
    raw_row = row.get("row")
    return EntryRead(str(row["entry_id"]), str(row.get("agency") or ""), str(row.get("file") or ""),
                     None if raw_row is None or pd.isna(raw_row) else int(raw_row), when, str(row.get("event") or ""),
                     readings)  # fmt: skip


def _other_evidence(item: Mapping[str, Any]) -> str:
    """Evidence that is not a chronology entry, in words: `[audit.yaml] child in need plan from 01/11/2018`."""
    where = " ".join(str(item[k]) for k in ("file", "question") if item.get(k))
    return f"[{where or 'record'}] {_clip(str(item.get('excerpt') or item.get('text') or ''))}"

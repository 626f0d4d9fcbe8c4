"""Rule contracts: a rule may test and quote only the fields its derivations declare (`checker.facts.contract`).

Checked when the catalogue loads, so a misspelt field fails loudly instead of passing every case:

    rules/risk/imminent-eviction.yaml: when[0].all[1].field: 'closd' is not a field of the 'eviction'
    derivation (facts 'main'); did you mean 'closed'? Its fields: basis, eviction_date, …
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pydantic import ValidationError

from checker.facts import REGISTRY
from checker.facts.contract import ORDERED, Output, fill_meaning

__all__ = ["RuleShape", "rule_fields", "contract_problems", "placeholders", "field_glossary", "ALWAYS"]

ALWAYS = {"case": Output("case", "text", "The case id")}  # added to every fact's fields by the rule run


class RuleShape(Protocol):
    """What the checks read of a rule (`checker.engine.catalogue.Rule`, which loads rule files and calls
    `contract_problems`; named by shape so the catalogue and this module do not import each other)."""

    @property
    def facts(self) -> Sequence[Any]: ...
    @property
    def when(self) -> Sequence[Any]: ...
    @property
    def parameters(self) -> Mapping[str, Any]: ...
    @property
    def message(self) -> str: ...
    def values(self, overrides: dict[str, Any] | None = None) -> dict[str, Any]: ...
    def resolved_args(self, spec: Any, params: dict[str, Any] | None = None) -> dict[str, Any]: ...


def rule_fields(rule: RuleShape, params: dict[str, Any] | None = None) -> dict[str, dict[str, Output]]:
    """Fact source name -> the fields its derivation declares for this rule's arguments (parameters resolved)."""
    out: dict[str, dict[str, Output]] = {}
    for spec in rule.facts:
        derivation = REGISTRY.get(spec.derive)
        if derivation is None:
            continue
        try:
            args = derivation.args.model_validate(rule.resolved_args(spec, params))
        except ValidationError:
            continue  # reported by check_derivations
        out[spec.name] = derivation.fields(args)
    return out


def placeholders(template: str) -> list[str]:
    """The `{name}` placeholders of a message template, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _unknown(name: str, known: dict[str, Output], where: str) -> str:
    near = difflib.get_close_matches(name, list(known), n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    return f"'{name}' is not a field of {where}{hint} Its fields: {', '.join(known)}"


def _value_problem(output: Output, op: str, value: Any, rule: RuleShape) -> str | None:
    ref = getattr(value, "param", None)  # a `{param: name}` reference: judged by the parameter's default
    if isinstance(ref, str):
        param = rule.parameters.get(ref)
        if param is None:
            return None  # reported by the rule model
        value = param.default
    if op not in ("==", "!=") and output.type not in ORDERED:
        return f"'{output.name}' is {output.type}: it can only be compared with == or !="
    expected = {
        "bool": isinstance(value, bool),
        "int": isinstance(value, int | float) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "text": isinstance(value, str),
        "date": False,
    }[output.type]
    if output.type == "date":
        return f"'{output.name}' is a date written as text, for messages: it cannot be tested"
    if not expected:
        return f"'{output.name}' is {output.type} but is compared with {value!r}"
    return None


def contract_problems(rule: RuleShape) -> list[str]:
    """Every field a rule tests or quotes that its derivation does not declare, and every ill-typed test."""
    fields = rule_fields(rule)
    if len(fields) != len(rule.facts):
        return []  # a derivation or its arguments are wrong: reported by check_derivations
    derive = {f.name: f.derive for f in rule.facts}
    problems: list[str] = []
    for i, branch in enumerate(rule.when):
        known = fields[branch.facts]
        where = f"the '{derive[branch.facts]}' derivation (facts '{branch.facts}')"
        for j, test in enumerate(branch.all):
            loc = f"when[{i}].all[{j}].field"
            if test.field not in known:
                problems.append(f"{loc}: {_unknown(test.field, known, where)}")
                continue
            why = _value_problem(known[test.field], test.op, test.value, rule)
            if why:
                problems.append(f"when[{i}].all[{j}]: {why}")
        quotable = {**known, **ALWAYS, **{p: Output(p, "text", "parameter") for p in rule.parameters}}
        template, loc = (branch.message, f"when[{i}].message") if branch.message else (rule.message, "message")
        for name in placeholders(template):
            if name not in quotable:
                problems.append(f"{loc}: placeholder {{{name}}}: {_unknown(name, quotable, where + ' or a parameter')}")
    if all(b.message for b in rule.when):  # the rule's own message is never shown, but must still be sound
        union = {k: v for f in fields.values() for k, v in f.items()} | ALWAYS
        union |= {p: Output(p, "text", "parameter") for p in rule.parameters}
        problems += [f"message: placeholder {{{n}}}: {_unknown(n, union, 'any of its derivations or a parameter')}"
                     for n in placeholders(rule.message) if n not in union]
    return list(dict.fromkeys(problems))


_TYPE_WORDS = {"bool": "yes / no", "int": "a number", "float": "a number", "text": "text", "date": "a date"}


def field_glossary(rule: RuleShape) -> list[tuple[str, str, str]]:
    """Each field the rule tests, once: (field, its type in words, its meaning with this rule's arguments)."""
    out: dict[str, tuple[str, str, str]] = {}
    for branch in rule.when:
        spec = next(f for f in rule.facts if f.name == branch.facts)
        derivation = REGISTRY[spec.derive]
        args = derivation.args.model_validate(rule.resolved_args(spec))
        declared = derivation.fields(args)
        for test in branch.all:
            key = f"{branch.facts}.{test.field}" if len(rule.facts) > 1 else test.field
            if key not in out and test.field in declared:
                output = declared[test.field]
                out[key] = (key, _TYPE_WORDS[output.type], fill_meaning(output, args))
    return list(out.values())

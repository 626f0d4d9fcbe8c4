"""Human-readable views of the rule catalogue: `maca rules explain ID` and the generated docs/rules.md."""

from __future__ import annotations

import json
import re
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from checker.engine.catalogue import Catalogue, Rule, kinds_used
from checker.engine.contracts import field_glossary
from checker.facts.contract import describe
from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import severity_words, yes_no

__all__ = ["explain_rule", "catalogue_markdown", "derivations_markdown", "kinds_glossary", "argument_lists"]


def _kind_meanings() -> dict[str, str]:
    from checker.text.kinds import load_rules

    return {k.id: k.description.rstrip(".") for k in load_rules().kinds}


def kinds_glossary(rule: Rule) -> list[tuple[str, str]]:
    """Each event kind the rule reads, with its meaning from rules/kinds.yaml: what counts as each."""
    meanings = _kind_meanings()
    return [(k, meanings.get(k, "")) for k in sorted(kinds_used(rule))]


def argument_lists(rule: Rule) -> list[tuple[str, str]]:
    """Every list the rule runs on, from its own `facts:` arguments (parameters filled in): which concerns and who
    is expected to know them, which kinds count, which responses answer a trigger, the windows. One
    (argument, words) pair per selection or setting, e.g. ('concerns[0]', "weapons (kind `weapons`), which police
    should know of")."""
    from checker.facts import REGISTRY

    out: list[tuple[str, str]] = []
    for spec in rule.facts:
        derivation = REGISTRY[spec.derive]
        args = derivation.args.model_validate(rule.resolved_args(spec))
        prefix = f"{spec.name}: " if len(rule.facts) > 1 else ""
        for name in type(args).model_fields:
            value = getattr(args, name)
            if value is None or value == [] or value == {}:
                continue
            if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
                out += [(f"{prefix}{name}[{i}]", describe(v)) for i, v in enumerate(value)]
            elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
                out += [(f"{prefix}{name}.{key}", describe(v)) for key, v in value.items()]
            else:
                out.append((f"{prefix}{name}", describe(value)))
    return out


def _flow(text: str) -> str:
    return " ".join(text.split())


def explain_rule(rule: Rule, example: tuple[str, str] | None = None) -> str:
    """One rule in full, as plain text a QA officer can read. `example`: (example name, the message as it
    read when that example was run), shown instead of the template with its placeholders."""
    lines = [
        f"{rule.id} — {rule.title}",
        f"category: {rule.category}   severity: {severity_words(rule.severity).lower()}   domain: {rule.domain}",
        "",
        _flow(rule.why),
        "",
    ]
    if rule.decided:
        lines.append("How the definition is applied:")
        for d in rule.decided:
            lines += [f"  Q: {_flow(d.question)}", f"  A: {_flow(d.answer)}",
                      f"     source: {d.source}; examples: {'; '.join(d.examples)}"]
        lines.append("")
    lines += ["Parameters:" if rule.parameters else "Parameters: none"]
    for name, p in rule.parameters.items():
        lines.append(f"  {name} = {p.default}  ({p.basis.value}) {p.description}; may be set to {p.allowed}")
        lines.append(f"      source: {p.source}")
    lines += ["", "Flags when any of:"]
    for branch in rule.when:
        tests = " and ".join(f"{t.field} {t.op} {_value(t.value, rule)}" for t in branch.all)
        lines.append(f"  - [{branch.facts}] {tests}")
    lines += ["", "What the fields it tests mean:"]
    lines += [f"  {name} ({kind}): {meaning}" for name, kind, meaning in field_glossary(rule)]
    lines += ["", "The lists it runs on (its facts' arguments, as the rule file sets them):"]
    lines += [f"  {name}: {words}" for name, words in argument_lists(rule)]
    lines += ["", "Event kinds it reads (what counts as each):"]
    lines += [f"  {kind}: {meaning}" for kind, meaning in kinds_glossary(rule)] or ["  none"]
    if example:
        message = f"Message, as it reads in the example “{example[0]}”: {example[1]}"
    else:
        message = "Message: (see the rule file; no example flagged to show it with values)"
    lines += [
        "",
        "Facts: " + "; ".join(f"{f.name} = {f.derive}" for f in rule.facts),
        message,
        f"Recommended action: {_flow(rule.recommended_action)}",
        f"Limitations: {_flow(rule.limitations)}",
        "",
        "Examples:",
    ]
    lines += [f"  {e.expect:4}  {e.name}" for e in rule.examples]
    return "\n".join(lines)


def _value(value: object, rule: Rule | None = None) -> str:
    """A test's value; a parameter as its value and name: `14 (parameter days)`."""
    param = getattr(value, "param", None)
    if param and rule is not None and param in rule.parameters:
        return f"{rule.parameters[param].default!r} (parameter {param})"
    if param:
        return f"{{{param}}}"
    if isinstance(value, bool):
        return yes_no(value)
    return repr(value)


def _cell(text: str) -> str:
    return _flow(text).replace("|", "\\|")


def catalogue_markdown(catalogue: Catalogue) -> str:
    """docs/rules.md, generated from the rule files (a test fails when the committed copy is stale)."""
    out = [
        "# Rule catalogue",
        "",
        "Generated from the files in `rules/` by `python -m checker.engine.explain` — do not edit by hand.",
        f"Rule set content hash: `{catalogue.digest}`.",
        "",
        "Every rule counts days the same way ([counting.md](counting.md)): working days are counted from the day "
        "after the event, weekends and England and Wales bank holidays excluded; \"by 30 weeks\" means by day 210 "
        "of gestation (280 − days to the expected delivery date); a window \"within N\" includes day N, and a "
        "rule flags only once the last day that counts has passed.",
        "",
        "| id | category | severity | domain | title |",
        "|---|---|---|---|---|",
    ]
    ordered = sorted(catalogue.rules, key=lambda r: (r.category, SEVERITY_ORDER[r.severity], r.id))
    out += [f"| [`{r.id}`](#{r.id}) | {r.category} | {r.severity} | {r.domain} | {_cell(r.title)} |" for r in ordered]
    for rule in ordered:
        out += ["", f"## {rule.id}", "", f"**{_cell(rule.title)}** — {rule.category}, {rule.severity}, {rule.domain}.", ""]
        out += [_flow(rule.why), ""]
        if rule.decided:
            out += ["How the definition is applied:", ""]
            for d in rule.decided:
                cited = ", ".join(f"[{a}](sources.md#{a})" for a in re.findall(r"docs/sources\.md#([a-z0-9-]+)", d.source))
                out.append(f"- *{_cell(d.question)}* {_cell(d.answer)} (source: {cited}; pinned by the examples "
                           f"{'; '.join(f'“{_cell(e)}”' for e in d.examples)})")
            out.append("")
        if rule.parameters:
            out += ["| parameter | default | may be set to | basis | source |", "|---|---|---|---|---|"]
            out += [
                f"| `{n}` — {_cell(p.description)} | {p.default} | {p.allowed} | {p.basis.value} | {_cell(p.source)} |"
                for n, p in rule.parameters.items()
            ]
            out.append("")
        out.append("Flags when any of:")
        out.append("")
        for branch in rule.when:
            tests = " and ".join(f"`{t.field} {t.op} {_value(t.value)}`" for t in branch.all)
            out.append(f"- ({branch.facts}) {tests}")
        out += ["", "What the fields it tests mean:", "", "| field | type | meaning |", "|---|---|---|"]
        out += [f"| `{name}` | {kind} | {_cell(meaning)} |" for name, kind, meaning in field_glossary(rule)]
        out += ["", "The lists it runs on (its facts' arguments, as the rule file sets them):", "",
                "| argument | what it is |", "|---|---|"]
        out += [f"| `{name}` | {_cell(words)} |" for name, words in argument_lists(rule)]
        kinds = kinds_glossary(rule)
        if kinds:
            out += ["", "What counts as each event kind it reads ([kinds.md](kinds.md)):", "",
                    "| kind | counts when the entry records |", "|---|---|"]
            out += [f"| `{kind}` | {_cell(meaning)} |" for kind, meaning in kinds]
        out += [
            "",
            "Facts: " + ", ".join(f"`{f.derive}`" for f in rule.facts) + ".",
            "",
            f"Message: {_flow(rule.message)}",
            "",
            f"Recommended action: {_flow(rule.recommended_action)}",
            "",
            f"Limitations: {_flow(rule.limitations)}",
            "",
            "Examples: " + "; ".join(f"{e.name} ({e.expect})" for e in rule.examples) + ".",
        ]
    return "\n".join(out) + "\n"


def derivations_markdown() -> str:
    """docs/derivations.md: every derivation and the fields it declares (a test fails when it is stale)."""
    from checker.facts import REGISTRY

    out = [
        "# Derivations and their fields",
        "",
        "Generated from `checker/facts/` by `python -m checker.engine.explain` — do not edit by hand.",
        "",
        "A rule's `facts:` names one of these derivations; its `when:` tests and its message's `{placeholders}`",
        "may use only the fields the derivation declares (the catalogue refuses any other, naming the file and the",
        "field), plus the rule's parameters and `case`. `yes / no` fields are tested with `==` or `!=`; numbers",
        "with any comparison; text with `==` or `!=`; dates are for messages only. Words in braces stand for the",
        "rule's own arguments: [rules.md](rules.md) shows each rule's fields with them filled in.",
    ]
    nested: dict[str, type[BaseModel]] = {}
    for name in sorted(REGISTRY):
        spec = REGISTRY[name]
        out += ["", f"## `{name}`", "", spec.doc, ""]
        out += _arguments(spec.args, nested)
        if callable(spec.outputs):
            out += [_flow(spec.outputs.__doc__ or "Fields depend on the rule's arguments."), ""]
            continue
        out += ["Fields:", "", "| field | type | meaning |", "|---|---|---|"]
        out += [f"| `{o.name}` | {o.type} | {_cell(o.meaning)} |" for o in spec.outputs]
    out.append("")
    out += ["## Argument types", "",
            "The structured arguments above, each given in a rule's `args:` as a mapping with these keys.", ""]
    done: set[str] = set()
    while len(done) < len(nested):
        for type_name in sorted(set(nested) - done):
            done.add(type_name)
            model = nested[type_name]
            doc = (model.__doc__ or "").strip()
            out += [f"### `{type_name}`", ""] + ([_flow(doc), ""] if doc else [])
            out += _arguments(model, nested)
    return "\n".join(out).rstrip("\n") + "\n"


def _arguments(model: type[BaseModel], nested: dict[str, type[BaseModel]]) -> list[str]:
    """A derivation's (or argument type's) arguments as a table, from its pydantic model."""
    fields = model.model_fields
    if not fields:
        return ["Arguments: none.", ""]
    rows = ["| argument | type | default | meaning |", "|---|---|---|---|"]
    for name, info in fields.items():
        rows.append(f"| `{name}` | {_type_words(info.annotation, nested)} | {_default_words(info)} | "
                    f"{_cell(info.description or '')} |")
    return ["Arguments:", "", *rows, ""]


def _type_words(annotation: Any, nested: dict[str, type[BaseModel]]) -> str:
    """A field's type as a rule writer reads it: `int`, `list of Selector`, `one of: period, all`, `… or none`."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return "one of: " + ", ".join(f"`{a}`" for a in args)
    if origin in (UnionType, Union):
        words = [_type_words(a, nested) for a in args if a is not type(None)]
        return " or ".join(words) + (" (optional)" if type(None) in args else "")
    if origin is list:
        return "list of " + _type_words(args[0], nested)
    if origin is dict:
        return f"mapping of {_type_words(args[0], nested)} to {_type_words(args[1], nested)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        nested.setdefault(annotation.__name__, annotation)
        return f"[`{annotation.__name__}`](#{annotation.__name__.lower()})"
    return {str: "text", int: "whole number", float: "number", bool: "yes / no"}.get(annotation, str(annotation))


def _default_words(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    value = info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"`{json.dumps(value, ensure_ascii=False)}`" if isinstance(value, list | dict | str) else f"`{value}`"


if __name__ == "__main__":  # pragma: no cover
    from checker.engine.catalogue import RULES_DIR, load_catalogue

    for target, text in (("rules.md", catalogue_markdown(load_catalogue())), ("derivations.md", derivations_markdown())):
        path = RULES_DIR.parent / "docs" / target
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")

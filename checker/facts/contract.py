"""What a derivation promises: the fields of the facts it produces, each with a type and a meaning.

A derivation declares its fields once, next to it (`outputs=` in `checker.facts.base.derivation`). The rule
catalogue refuses a rule that tests or quotes a field its derivation does not produce (a misspelt field used
to make the rule pass every case); the rule run refuses a fact missing a declared field; and docs/rules.md
shows, for every field a rule tests, what it means with that rule's own arguments filled in.

A meaning may name the derivation's arguments in braces, filled with their description in words:

    >>> Output("contacts_by_deadline", "int", "{contacts} recorded on or before the deadline").meaning
    '{contacts} recorded on or before the deadline'
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from checker.model.wording import agency_type_words

__all__ = ["FieldType", "Output", "Outputs", "ORDERED", "describe", "fill_meaning", "type_problem", "DATE_TEXT"]

FieldType = Literal["bool", "int", "float", "text", "date"]
ORDERED: frozenset[str] = frozenset({"int", "float"})  # the types `<`, `<=`, `>`, `>=` may compare
DATE_TEXT = re.compile(r"^(?:\d{2}/\d{2}/\d{4}|unknown date)$")


@dataclass(frozen=True, slots=True)
class Output:
    """One field of a derivation's facts. `date` is a day written DD/MM/YYYY (text: for messages, not tests)."""

    name: str
    type: FieldType
    meaning: str
    optional: bool = False  # the fact may hold None (unknown): no test of it holds then


Outputs = Sequence[Output] | Callable[[Any], Sequence[Output]]


def type_problem(field: Output, value: object) -> str | None:
    """Why `value` (from a fact) does not have the field's declared type, or None."""
    if value is None and field.optional:
        return None
    ok = {
        "bool": isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "text": isinstance(value, str),
        "date": isinstance(value, str) and bool(DATE_TEXT.match(value)),
    }[field.type]
    return None if ok else f"field '{field.name}' is declared {field.type} but the fact holds {value!r}"


def _agency_words(types: Sequence[str]) -> str:
    return ", ".join(agency_type_words(t) for t in types)


def describe(value: Any, kind_meaning: Callable[[str], str] | None = None) -> str:
    """An argument value in words: a selector as its label, kinds and agencies; a list joined; a number as is."""
    if isinstance(value, BaseModel):
        words = getattr(value, "in_words", None)
        if callable(words):
            return str(words(kind_meaning))
        parts = [f"{k.replace('_', ' ')} {describe(v, kind_meaning)}" for k, v in value if v not in (None, [], "")]
        return "; ".join(parts)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {describe(v, kind_meaning)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return " / ".join(describe(v, kind_meaning) for v in value) if value else "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def selector_words(
    label: str,
    kinds: Sequence[str],
    agency_types: Sequence[str] | None,
    exclude_agency_types: Sequence[str] | None,
    kind_meaning: Callable[[str], str] | None,
) -> str:
    """'ante-natal health visitor contact (kind `hv_antenatal`, recorded by health visiting agencies only)'."""
    listed = ", ".join(f"`{k}`" + (f" ({kind_meaning(k)})" if kind_meaning else "") for k in kinds)
    where = ""
    if agency_types:
        where += f", recorded by {_agency_words(agency_types)} agencies only"
    if exclude_agency_types:
        where += f", not recorded by {_agency_words(exclude_agency_types)} agencies"
    plural = "s" if len(kinds) > 1 else ""
    if not label:
        return f"entries of kind{plural} {listed}{where}"
    return f"{label} (kind{plural} {listed}{where})"


def fill_meaning(output: Output, args: BaseModel, kind_meaning: Callable[[str], str] | None = None) -> str:
    """The field's meaning with `{argument}` placeholders replaced by the rule's arguments in words."""
    values = {name: describe(getattr(args, name), kind_meaning) for name in type(args).model_fields}

    class _Keep(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return string.Formatter().vformat(output.meaning, (), _Keep(values))

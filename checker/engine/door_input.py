"""What the door to durable-rules accepts, checked before the engine sees it: rule names and JSON
conditions (one key per object, non-empty `$and`/`$or`), and facts the engine's C parser can read (values
converted or refused naming the key, at most `MAX_FACT_KEYS` keys, reserved keys refused). No durable here:
`checker.engine.door` is the only module that imports it (docs/engine.md numbers what each check absorbs).

    EngineRule("hv-late", {"$gte": {"weeks": 30}}).rule_id == "hv-late"
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from checker.model.errors import EngineError

__all__ = ["DURABLE_313_FIX", "durable_import_hint", "EngineRule", "Ruleset", "CaseOutcome", "FactValue", "MAX_FACT_KEYS", "prepare_case", "canonical"]

FactValue = str | int | float | bool | None

DURABLE_313_FIX = ("CPPFLAGS='-DPyEval_CallObject=PyObject_CallObject' pip install --force-reinstall --no-deps "
                   "--no-cache-dir --no-binary durable-rules durable-rules==2.0.28")
"""durable-rules 2.0.28's C extension calls PyEval_CallObject, which Python 3.13 removed (it was an alias of
PyObject_CallObject since 3.9): built from source with this, it imports and behaves as on 3.11."""


def durable_import_hint(exc: ImportError) -> str:
    """What to do when durable-rules' engine does not import, for the one known cause (Python 3.13)."""
    if "PyEval_CallObject" in str(exc):
        return (f"durable-rules was built for Python 3.13 without a fix it needs ({exc}). Rebuild it with:\n"
                f"  {DURABLE_313_FIX}\n(README.md, 'Python 3.13')")
    return f"durable-rules does not import ({exc}); reinstall it: pip install --force-reinstall durable-rules==2.0.28"

MAX_FACT_KEYS = 251
_RESERVED_KEYS = frozenset({"sid", "id", "_seq"})
_INT64 = (-(2**63), 2**63 - 1)
_RULE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(#[A-Za-z0-9_.-]+)?")
_COMPARISONS = frozenset({"$lt", "$gt", "$lte", "$gte", "$neq", "$ex", "$nex", "$mt", "$imt"})
_ARITHMETIC = frozenset({"$add", "$sub", "$mul", "$div"})


# ---------------------------------------------------------------------------------------------- models


@dataclass(frozen=True)
class EngineRule:
    """One compiled rule: `condition` is a durable JSON condition on one fact (e.g. `{"$gte": {"weeks": 30}}`).

    The door matches it only against facts whose `rule` equals `rule_id`: the name up to any `#`, so
    branches `x#0`, `x#1` of rule `x` all see the facts for `x`. A malformed condition raises
    `EngineError` naming the rule.
    """

    name: str
    condition: dict[str, Any]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _RULE_NAME.fullmatch(self.name):
            raise EngineError(
                f"Rule name {self.name!r} is not usable by the engine: use letters, digits, '-', '_' or '.'."
            )
        problems = _condition_problems(self.condition, "condition")
        if problems:
            raise EngineError(f"Rule {self.name!r} has a malformed engine condition: " + "; ".join(problems))
        # A private deep copy, so later mutation of the caller's dict cannot change what the digest names.
        object.__setattr__(self, "condition", json.loads(canonical(self.condition)))

    @property
    def rule_id(self) -> str:
        """The value of `rule` in the facts this rule sees."""
        return self.name.split("#", 1)[0]


@dataclass(frozen=True)
class Ruleset:
    """The rules evaluated together; identified by `digest`, which ignores rule order."""

    rules: tuple[EngineRule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        if not all(isinstance(rule, EngineRule) for rule in self.rules):
            raise TypeError("Ruleset.rules must hold EngineRule objects only.")
        names = [rule.name for rule in self.rules]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise EngineError(f"Rule ids must be unique in a ruleset; repeated: {', '.join(duplicates)}.")

    @cached_property
    def digest(self) -> str:
        """sha256 of the canonical JSON of the rules, sorted by name."""
        body = [[rule.name, rule.condition] for rule in sorted(self.rules, key=lambda r: r.name)]
        return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(rule.name for rule in self.rules)

    @cached_property
    def branches(self) -> dict[str, tuple[str, ...]]:
        """Fact `rule` value -> the names of the engine rules that see those facts."""
        out: dict[str, list[str]] = {}
        for rule in sorted(self.rules, key=lambda r: r.name):
            out.setdefault(rule.rule_id, []).append(rule.name)
        return {rule_id: tuple(names) for rule_id, names in out.items()}


@dataclass(frozen=True)
class CaseOutcome:
    """What the engine did with one case's facts.

    `matches` has every rule of the ruleset (an empty list when nothing matched); each matched fact is
    the fact as given (after type conversion), sorted canonically. `errors` names each rule whose action
    or engine call failed for this case, with the reason; an errored rule's matches are incomplete and
    must never be read as passed.
    """

    matches: dict[str, list[dict[str, FactValue]]]
    errors: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------- condition checks


def _condition_problems(node: object, path: str) -> list[str]:
    if not isinstance(node, dict) or len(node) != 1:
        return [f"{path}: expected an object with exactly one key, got {_short(node)}"]
    ((key, value),) = node.items()
    if not isinstance(key, str):
        return [f"{path}: key {key!r} is not a string"]
    where = f"{path}.{key}"
    if key in ("$and", "$or"):
        if not isinstance(value, list) or not value:
            return [f"{where}: expected a non-empty list of conditions, got {_short(value)}"]
        return [p for i, item in enumerate(value) for p in _condition_problems(item, f"{where}[{i}]")]
    if key in _COMPARISONS:
        if not isinstance(value, dict) or len(value) != 1:
            return [f"{where}: expected {{field: value}} with exactly one field, got {_short(value)}"]
        ((name, operand),) = value.items()
        if not isinstance(name, str) or not name or name.startswith("$"):
            return [f"{where}: {name!r} is not a field name"]
        if key in ("$mt", "$imt") and not isinstance(operand, str):
            return [f"{where}.{name}: a pattern must be a string, got {_short(operand)}"]
        return _operand_problems(operand, f"{where}.{name}")
    if key.startswith("$"):
        return [f"{path}: unknown operator {key!r} (known: $and, $or, {', '.join(sorted(_COMPARISONS))})"]
    if not key:
        return [f"{path}: empty field name"]
    return _operand_problems(value, where)


def _operand_problems(operand: object, path: str) -> list[str]:
    if isinstance(operand, dict):
        if len(operand) == 1 and isinstance(operand.get("$m"), str):
            return []  # another field of the same fact
        if len(operand) == 1 and next(iter(operand)) in _ARITHMETIC:
            ((op, args),) = operand.items()
            if isinstance(args, dict) and set(args) == {"$l", "$r"}:
                return _operand_problems(args["$l"], f"{path}.{op}.$l") + _operand_problems(
                    args["$r"], f"{path}.{op}.$r"
                )
        return [f"{path}: expected a value, {{'$m': field}} or arithmetic, got {_short(operand)}"]
    problem = _scalar_problem(operand)
    return [f"{path}: {problem}"] if problem else []


def _scalar_problem(value: object) -> str | None:
    """Why the C engine cannot take `value` as a JSON scalar, or None when it can."""
    if value is None or isinstance(value, bool | str):
        return None
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            return f"integer {value} is outside the engine's 64-bit range"
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"{value!r} is not a finite number (use None for a missing value)"
        text = repr(value)
        if "e" in text and "." not in text:
            return f"the engine cannot parse the float {text} (exponent form without a decimal point); round or rescale it"
        return None
    return f"{type(value).__module__}.{type(value).__qualname__} value {value!r} is not JSON-native"


# --------------------------------------------------------------------------------------- fact checks


def _convert_value(value: object, case: str, index: int, key: str) -> FactValue:
    if value is None or type(value) is str or type(value) is bool:
        return value  # the common cases, checked cheaply
    if type(value) is int and _INT64[0] <= value <= _INT64[1]:
        return value
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # numpy scalar -> the Python scalar it holds
    if isinstance(value, bool):  # subclasses (enums, numpy leftovers) become the plain type
        value = bool(value)
    elif isinstance(value, int):
        value = int(value)
    elif isinstance(value, float):
        value = float(value)
    elif isinstance(value, str):
        value = str.__str__(value)
    if value is not None and not isinstance(value, str | int | float | bool):
        raise TypeError(
            f"Case {case!r}, fact {index}, key {key!r}: {type(value).__module__}.{type(value).__qualname__} "
            f"value {value!r} cannot go to the rule engine; give a str (ISO date), int (e.g. day ordinal), "
            "float, bool or None."
        )
    problem = _scalar_problem(value)
    if problem:
        raise ValueError(f"Case {case!r}, fact {index}, key {key!r}: {problem}.")
    return value


def prepare_case(case: object, facts: object, rule_ids: frozenset[str]) -> list[dict[str, FactValue]]:
    """Validated, converted copies of one case's facts, in canonical order."""
    if not isinstance(case, str):
        raise TypeError(f"Case ids must be str, got {type(case).__name__} {case!r}.")
    if isinstance(facts, str | bytes | Mapping) or not isinstance(facts, Sequence):
        raise TypeError(f"Case {case!r}: facts must be a sequence of dicts, got {type(facts).__name__}.")
    prepared = []
    for index, fact in enumerate(facts):
        if not isinstance(fact, Mapping):
            raise TypeError(f"Case {case!r}, fact {index}: expected a dict, got {type(fact).__name__}.")
        if len(fact) > MAX_FACT_KEYS:
            raise ValueError(
                f"Case {case!r}, fact {index} has {len(fact)} keys; the engine takes at most {MAX_FACT_KEYS}."
            )
        clean: dict[str, FactValue] = {}
        for key, value in fact.items():
            if not isinstance(key, str):
                raise TypeError(f"Case {case!r}, fact {index}: key {key!r} is not a str.")
            if key in _RESERVED_KEYS:
                raise ValueError(
                    f"Case {case!r}, fact {index}: key {key!r} is reserved by the engine door; rename it."
                )
            clean[key] = _convert_value(value, case, index, key)
        rule = clean.get("rule")
        if rule not in rule_ids:
            raise ValueError(
                f"Case {case!r}, fact {index}: 'rule' is {rule!r}, which is not a rule of this ruleset "
                f"({', '.join(sorted(rule_ids)) or 'none'})."
            )
        prepared.append(clean)
    prepared.sort(key=canonical)
    return prepared


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def canonical(value: object) -> str:
    """`json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)`, with
    the encoder made once (it sorts every case's facts)."""
    return _CANONICAL.encode(value)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

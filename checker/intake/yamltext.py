"""Read YAML/JSON sent in a bundle, and turn pydantic validation errors into problems with field paths.

YAML is read with the safe loader (libyaml's C parser when PyYAML has it), but closer to YAML 1.2: only `true`/`false` are booleans (so an answer of
`Yes` stays the text "Yes") and dates stay text for pydantic to check (so `2019-02-31` is reported at its field,
not as a parse failure of the whole file). A document whose aliases expand past `MAX_VALUES` is refused.

    >>> field_path(("cases", 2, "plans", 0, "start"))
    'cases[2].plans[0].start'
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from checker.intake.tables import decode_text
from checker.model.problems import Level, Problem, clip

__all__ = ["read_document", "field_path", "validation_problems", "MAX_VALUES"]

MAX_VALUES = 100_000
"""A document that expands, through its aliases (`*name`), to more than this many values — and to more values
than it has characters, which written-out data never does — is refused: a "billion laughs" guard. A large
manifest written out in full (thousands of cases) is therefore accepted."""
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """SafeLoader (libyaml's C parser where available) without timestamps and with YAML 1.2 booleans."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _TooBig(ValueError):
    pass


def _expanded_size(doc: Any, limit: int = MAX_VALUES) -> int:
    """How many values `doc` holds once aliases are expanded; raises `_TooBig` past `limit` or on a cycle."""
    memo: dict[int, int] = {}
    open_: set[int] = set()

    def size(value: Any) -> int:
        if not isinstance(value, dict | list):
            return 1
        key = id(value)
        if key in memo:
            return memo[key]
        if key in open_:
            raise _TooBig("an alias refers to itself")
        open_.add(key)
        parts = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        total = 1 + sum(size(v) for v in parts)
        if total > limit:
            raise _TooBig(f"it expands to more than {limit} values (aliases repeated inside aliases)")
        open_.discard(key)
        memo[key] = total
        return total

    return size(doc)


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Unusual(Exception):
    """The document uses something `_load_plain` leaves to the full loader."""


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "int", "float")}


def _load_plain(text: str, limit: int) -> tuple[bool, Any]:
    """(True, document) for a document of plain maps, lists and scalars; (False, None) for anything else.

    The same result as `yaml.load(text, Loader=_Loader)` (the same parser, resolver and scalar constructors),
    built straight from the parser's events: PyYAML's composer and constructor cost about a microsecond a
    node in Python, which is most of the time a manifest of 100,000 cases takes. A document with anchors,
    aliases, tags, directives, merge keys, a collection as a key, more than `limit` values, more than one
    document, or any parse error is left to the loader (`(False, None)`), so its result and messages stay
    the loader's own.
    """
    loader = _Loader(text)
    try:
        return True, _from_events(loader, limit)
    except (_Unusual, yaml.YAMLError, ValueError, OverflowError, TypeError):
        return False, None
    finally:
        loader.dispose()


def _from_events(loader: Any, limit: int) -> Any:
    get, resolve, constructors = loader.get_event, loader.resolve, loader.yaml_constructors
    scalars: dict[tuple[str, bool], Any] = {}
    no_key = _Unusual  # a marker no key can be
    stack: list[Any] = []  # open collections
    pending: list[Any] = []  # per open collection: a mapping's key waiting for its value (or no_key)
    count = 0
    if not isinstance(get(), yaml.StreamStartEvent):
        raise _Unusual
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return None
    if not isinstance(event, yaml.DocumentStartEvent) or event.version or event.tags:
        raise _Unusual
    while True:
        event = get()
        kind = type(event)
        value: Any
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            key = (event.value, event.implicit[0])
            if key in scalars:
                value = scalars[key]
            else:
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag not in _PLAIN_TAGS:
                    raise _Unusual
                value = scalars[key] = constructors[tag](loader, yaml.ScalarNode(tag, event.value))
            count += 1
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            stack.append({} if kind is yaml.MappingStartEvent else [])
            pending.append(no_key)
            count += 1
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()
            pending.pop()
        else:  # an alias, or the document ending before its value
            raise _Unusual
        if count > limit:
            raise _Unusual
        if not stack:
            if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
                raise _Unusual
            return value
        into = stack[-1]
        if type(into) is list:
            into.append(value)
        elif pending[-1] is no_key:
            if isinstance(value, dict | list):
                raise _Unusual
            pending[-1] = value
        else:
            into[pending[-1]] = value
            pending[-1] = no_key


def read_document(data: bytes, *, file_label: str, json_only: bool = False) -> tuple[Any, list[Problem]]:
    """Parse YAML (or JSON) bytes; on failure return (None, [problem]) naming the line."""
    text, _ = decode_text(data)
    if text is None or "\x00" in text:
        return None, [
            _error(file_label, "the file is not text (it looks like binary data)", "Send it as YAML or JSON.")
        ]
    try:
        if json_only:
            return json.loads(text), []
        limit = max(MAX_VALUES, len(text))
        done, doc = _load_plain(text, limit)
        if not done:  # anything unusual (aliases, tags, errors): the loader itself, with its own messages
            doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
            _expanded_size(doc, limit)
        return doc, []
    except _TooBig as exc:
        return None, [
            _error(
                file_label, f"the file is refused: {exc}", "Write the values out instead of using aliases."
            )
        ]
    except json.JSONDecodeError as exc:
        return None, [
            _error(
                file_label,
                f"the JSON cannot be read: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                "Fix the JSON at that line.",
                row=exc.lineno,
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f" (line {line}, column {mark.column + 1})" if mark is not None else ""
        return None, [
            _error(
                file_label,
                f"the YAML cannot be read: {exc.problem or exc.context}{where}",
                "Check the indentation and quoting at that line; text with ':' or '#' needs quotes.",
                row=line,
            )
        ]
    except (yaml.YAMLError, ValueError, RecursionError, OverflowError) as exc:
        return None, [
            _error(
                file_label, f"the file cannot be read ({clip(exc, 120)})", "Check that it is YAML or JSON."
            )
        ]


def _error(file_label: str, message: str, hint: str, row: int | None = None) -> Problem:
    return Problem("error", file_label, message, hint=hint, row=row, code="document-unreadable")


def field_path(loc: Sequence[int | str]) -> str:
    """A pydantic error location as a person writes it: `cases[2].plans[0].start`."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


_HINTS = {
    "missing": "Add this field.",
    "extra_forbidden": "This field is not part of the format: check its spelling, or remove it.",
    "date_from_datetime_parsing": "Write dates day first, e.g. 26/03/2019 or 26 Mar 2019 (2019-03-26 also works).",
    "date_parsing": "Write dates day first, e.g. 26/03/2019 or 26 Mar 2019 (2019-03-26 also works).",
    "date_type": "Write dates day first, e.g. 26/03/2019 or 26 Mar 2019 (2019-03-26 also works).",
    "string_pattern_mismatch": "Ids use letters, digits, '-', '_' and '.', starting with a letter or digit.",
    "enum": "Use one of the values listed.",
}


def validation_problems(
    errors: ValidationError | Sequence[ErrorDetails],
    *,
    file_label: str,
    level: Level = "error",
    consequence: str = "",
) -> list[Problem]:
    """One problem per pydantic error, naming the field path; a model check listing several faults gives several.

    `consequence` is added to each message (e.g. "the grade was not read").
    """
    if isinstance(errors, ValidationError):
        errors = errors.errors(include_url=False)
    problems = []
    for err in errors:
        path = field_path(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        value = err.get("input")
        shown = clip(value) if isinstance(value, str | int | float) and err["type"] != "missing" else None
        hint = _HINTS.get(err["type"], "")
        if err["type"] == "date_from_datetime_parsing" or "date" in err["type"]:
            hint = _HINTS["date_parsing"]
        for part in message.split("; ") if not err["loc"] else [message]:  # a model check lists several
            text = f"{part} — {consequence}" if consequence else part
            problems.append(
                Problem(
                    level, file_label, text, hint=hint, column=path or None, value=shown, code="invalid-field"
                )
            )
    return problems

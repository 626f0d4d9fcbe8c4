"""The result's JSON written piece by piece, byte for byte what `CheckResult.dumps()` writes.

`json.dumps(..., indent=2)` runs Python's generator-based encoder (the C one does no indentation) and
needs the whole document in memory. `dumps_at(value, level)` renders one value as it appears nested
`level` deep in that document, several times faster, so a worker can render its own flags and outcomes and
the main process only copies text: `write_document` then writes the top-level object key by key.

    dumps_at({"a": [1, 2]}, 1) == json.dumps({"a": [1, 2]}, indent=2).replace("\\n", "\\n  ")
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]  # C when available
from typing import IO, Any

__all__ = ["dumps_at", "write_document", "ITEM_INDENT"]

_INDENT = 2
ITEM_INDENT = 2
"""The level of an item of a top-level list (a flag in `flags`, an outcome in `rules`)."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)  # type: ignore[no-any-return]
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_SCALARS = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_FLAT: dict[int, Callable[[Any], str]] = {}


def _flat(level: int) -> Callable[[Any], str]:
    """The C encoder, its item separator the newline and indent of items at `level` + 1 (for containers
    of scalars only: it knows nothing of nesting)."""
    if level not in _FLAT:
        separator = ",\n" + " " * (_INDENT * (level + 1))
        if c_make_encoder is not None:
            encode = c_make_encoder(None, str, encode_basestring, None, ": ", separator, False, False, True)
            _FLAT[level] = lambda value: "".join(encode(value, 0))
        else:  # pragma: no cover - CPython always has the C encoder
            _FLAT[level] = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
    return _FLAT[level]


def _flat_items(value: Any, is_dict: bool) -> bool:
    scalar = _SCALARS.__contains__
    if is_dict:
        return all(map(_STR.__contains__, map(type, value))) and all(map(scalar, map(type, value.values())))
    return all(map(scalar, map(type, value)))


_NEWLINES: list[str] = []
_KEYS: dict[str, str] = {}  # str key -> its JSON text (keys repeat: every flag and evidence item has the same)


def _newline(level: int) -> str:
    while len(_NEWLINES) <= level:
        _NEWLINES.append("\n" + " " * (_INDENT * len(_NEWLINES)))
    return _NEWLINES[level]


def _scalar_text(value: Any) -> str | None:
    """The JSON of a str, int, float, bool or None of exactly that type; None for anything else."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return _float(value)
    return None


def _dict_at(value: dict[Any, Any], level: int) -> str:
    """A non-empty dict, item by item: scalars inline, containers one level deeper (dumps_at)."""
    inner = _newline(level + 1)
    parts = []
    for key, item in value.items():
        text = _KEYS.get(key) if type(key) is str else None
        if text is None:
            text = _key(key)
            if type(key) is str and len(_KEYS) < 4096:
                _KEYS[key] = text
        shown = _scalar_text(item)
        parts.append(text + ": " + (dumps_at(item, level + 1) if shown is None else shown))
    return "{" + inner + ("," + inner).join(parts) + _newline(level) + "}"


def dumps_at(value: Any, level: int = 0) -> str:
    """`value` as `json.dumps(value, indent=2, ensure_ascii=False, default=str)` renders it at `level`."""
    kind = type(value)
    if (kind is dict or kind is list) and value:
        if _flat_items(value, kind is dict):
            text = _flat(level)(value)  # one C call for a container of scalars
            return text[0] + _newline(level + 1) + text[1:-1] + _newline(level) + text[-1]
        if kind is dict:
            return _dict_at(value, level)
        inner = _newline(level + 1)
        return "[" + inner + ("," + inner).join([dumps_at(v, level + 1) for v in value]) + _newline(level) + "]"
    shown = _scalar_text(value)
    if shown is not None:
        return shown
    if isinstance(value, str):
        return encode_basestring(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + " " * (_INDENT * (level + 1))
        return "[" + inner + ("," + inner).join([dumps_at(v, level + 1) for v in value]) + "\n" + \
            " " * (_INDENT * level) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (_INDENT * (level + 1))
        return "{" + inner + ("," + inner).join([_key(k) + ": " + dumps_at(v, level + 1) for k, v in value.items()]) + \
            "\n" + " " * (_INDENT * level) + "}"
    return dumps_at(str(value), level)  # default=str


Chunks = Callable[[], Iterable[str]]


def write_document(handle: IO[str], keys: Iterable[tuple[str, Any]]) -> None:
    """Write a top-level object whose values are plain values or, for a long list, a `Chunks` callable
    giving its items already rendered at `ITEM_INDENT` (each item once, in order); then a newline."""
    write = handle.write
    first = True
    for key, value in keys:
        write(("{" if first else ",") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        first = False
        if callable(value):
            _write_items(write, value())
        else:
            write(dumps_at(value, 1))
    write("{}\n" if first else "\n}\n")


def _write_items(write: Callable[[str], Any], items: Iterable[str]) -> None:
    sep = "[\n    "
    for text in items:
        write(sep)
        write(text)
        sep = ",\n    "
    write("[]" if sep == "[\n    " else "\n  ]")

"""A partition's flags and rule outcomes as text, rendered in the worker: a JSON line is byte for byte what
`json.dumps(obj, ensure_ascii=False, default=str)` writes, an outcome in the document what `dumps_at` writes.

A check has some twenty outcomes a case and most of them say the same but for the case ("passed", "skipped:
nothing in the records for this rule to check"), so an outcome's text is its rule and case encoded, then a tail
rendered once per distinct outcome, reason, count and agency. An outcome holding anything but the plain types
its fields declare is rendered the general way.

    outcome_line(Outcome("r", "c1", "passed")) == json.dumps({"type": "outcome", **Outcome("r", "c1", "passed").to_dict()})
"""

from __future__ import annotations

import functools
import json
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]  # C when available
from typing import Any

from checker.check.jsonout import ITEM_INDENT, dumps_at
from checker.engine.run import Outcome

__all__ = ["json_line", "outcome_line", "outcome_item"]

if c_make_encoder is not None:
    _encode_line = c_make_encoder(None, str, encode_basestring, None, ": ", ", ", False, False, True)

    def json_line(obj: dict[str, Any]) -> str:
        """`json.dumps(obj, ensure_ascii=False, default=str)` with the encoder made once, not per line."""
        return "".join(_encode_line(obj, 0))
else:  # pragma: no cover - CPython always has the C encoder
    def json_line(obj: dict[str, Any]) -> str:
        return json.dumps(obj, ensure_ascii=False, default=str)

_ITEM = "\n" + "  " * (ITEM_INDENT + 1)  # an outcome's keys in the document
_CLOSE = "\n" + "  " * ITEM_INDENT + "}"


def _plain(o: Outcome) -> bool:
    return (type(o.rule) is str and type(o.case) is str and type(o.outcome) is str and type(o.reason) is str
            and type(o.flag_count) is int and (o.agency is None or type(o.agency) is str))


@functools.lru_cache(maxsize=4096)
def _tail(outcome: str, reason: str, flags: int, agency: str | None, separator: str, close: str) -> str:
    text = (separator + '"outcome": ' + encode_basestring(outcome) + separator + '"reason": ' + encode_basestring(reason)
            + separator + '"flags": ' + int.__repr__(flags))
    return text + ("" if agency is None else separator + '"agency": ' + encode_basestring(agency)) + close


def outcome_line(o: Outcome) -> str:
    """The outcome's JSON line (without the newline): `{"type": "outcome", "rule": …}`."""
    if not _plain(o):
        return json_line({"type": "outcome", **o.to_dict()})
    return ('{"type": "outcome", "rule": ' + encode_basestring(o.rule) + ', "case": ' + encode_basestring(o.case)
            + _tail(o.outcome, o.reason, o.flag_count, o.agency, ", ", "}"))


def outcome_item(o: Outcome) -> str:
    """The outcome as an item of the document's `rules` list: `dumps_at(o.to_dict(), ITEM_INDENT)`."""
    if not _plain(o):
        return dumps_at(o.to_dict(), ITEM_INDENT)
    return ("{" + _ITEM + '"rule": ' + encode_basestring(o.rule) + "," + _ITEM + '"case": ' + encode_basestring(o.case)
            + _tail(o.outcome, o.reason, o.flag_count, o.agency, "," + _ITEM, _CLOSE))

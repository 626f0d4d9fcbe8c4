"""Write back only what changed in a round-trip YAML document: every other line stays exactly as written.

    spots = positions(doc)                    # before changing `doc` (a ruamel CommentedMap from `text`)
    ... change doc["audit"], some of doc["cases"] ...
    text = splice(text, spots, doc, dump, sections={"audit"}, items={"cases": {"case-3"}})

ruamel keeps comments and key order, but a whole-document dump also re-wraps long lines and re-indents
lists. So the changed top-level maps, and the changed or new `id` entries of top-level lists, are cut from
a fresh dump and put in place of their old lines; the rest of the text is untouched. Blank and comment lines
above an entry stay with it. Anything the splice cannot place (a list written in flow style, an entry
without an id) gives None, and the caller writes the whole dump instead.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

__all__ = ["Positions", "positions", "splice", "indent_of"]


@dataclass(frozen=True, slots=True)
class Positions:
    """Where each top-level key starts and ends (line index), and each list entry starts, by id."""

    starts: dict[str, int]
    ends: dict[str, int]
    items: dict[str, list[tuple[str, int]]]


def _tail(lines: list[str]) -> int:
    """How many lines `lines` has before the blank and comment lines it ends with."""
    i = len(lines)
    while i > 0 and (not lines[i - 1].strip() or lines[i - 1].lstrip().startswith("#")):
        i -= 1
    return i


def positions(doc: Any, line_count: int, lists: Collection[str] = ("agencies", "cases")) -> Positions | None:
    """The line positions of `doc`'s sections and of the entries of its `lists` (None if not placeable)."""
    if not isinstance(doc, CommentedMap) or not doc:
        return None
    starts = {str(k): doc.lc.key(k)[0] for k in doc}
    order = sorted(starts, key=starts.__getitem__)
    ends = {k: starts[order[i + 1]] if i + 1 < len(order) else line_count for i, k in enumerate(order)}
    items: dict[str, list[tuple[str, int]]] = {}
    for name in lists:
        seq = doc.get(name)
        if not isinstance(seq, CommentedSeq) or seq.fa.flow_style() or not seq:
            return None
        spots = []
        for i, item in enumerate(seq):
            if not isinstance(item, CommentedMap) or "id" not in item or item.fa.flow_style():
                return None
            spots.append((str(item["id"]), seq.lc.item(i)[0]))
        items[name] = spots
    return Positions(starts, ends, items)


def indent_of(lines: list[str], spots: Positions, name: str) -> int:
    """The column of the '-' of `name`'s first entry (0 for `- id:`, 2 for `  - id:`)."""
    first = spots.items[name][0][1]
    return len(lines[first]) - len(lines[first].lstrip(" "))


def _entries(lines: list[str], spots: Positions, name: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each entry of list `name`: (the blank and comment lines above it, its own lines)."""
    start, end = spots.starts[name], spots.ends[name]
    end = start + _tail(lines[start:end])
    found = spots.items[name]
    out: dict[str, tuple[list[str], list[str]]] = {}
    previous = start + 1
    for j, (item_id, first) in enumerate(found):
        last = found[j + 1][1] if j + 1 < len(found) else end
        body = lines[first:last]
        body = body[: _tail(body)] if j + 1 < len(found) else body
        out[item_id] = (lines[previous:first], body)
        previous = first + len(body)
    return out


def splice(
    text: str,
    before: Positions,
    doc: CommentedMap,
    dump: Callable[[CommentedMap], str],
    *,
    sections: Collection[str],
    items: Mapping[str, Collection[str]],
) -> str | None:
    """`text` with the `sections` (whole top-level maps) and the `items` (ids of entries changed or added, per
    list; entries no longer in `doc` are dropped) replaced by their lines in `dump(doc)`; None if not placeable."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    dumped = dump(doc).splitlines(keepends=True)
    after = positions(YAML().load("".join(dumped)), len(dumped), lists=list(items))
    if after is None:
        return None
    out = list(lines)
    touched = [*sections, *items]
    for name in sorted(touched, key=lambda k: -before.starts.get(k, -1)):
        if name not in before.starts or name not in after.starts:
            return None
        start, end = before.starts[name], before.ends[name]
        keep = start + _tail(lines[start:end])
        if name in sections:
            new_start, new_end = after.starts[name], after.ends[name]
            block = dumped[new_start:new_end]
            out[start:keep] = block[: _tail(block)]
            continue
        old = _entries(lines, before, name)
        new = _entries(dumped, after, name)
        wanted = set(items[name])
        rebuilt = [lines[start]]
        for entry in doc[name]:
            entry_id = str(entry["id"])
            if entry_id not in new:
                return None
            if entry_id in old:
                leading, body = old[entry_id]
                rebuilt += leading + (new[entry_id][1] if entry_id in wanted else body)
            else:
                rebuilt += new[entry_id][1]
        out[start:keep] = rebuilt
    return "".join(out)

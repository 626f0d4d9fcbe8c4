"""What a pattern's match can start with, read from the pattern itself: for the clause-break screen and
the cue index of `checker.text.context` (both give the same matches as the pattern tried everywhere).

A match of a pattern at a position needs the character there to be one its first item accepts, so
    * the clause breaks are found by the pattern behind a look-ahead for those characters (`screened`):
      Python's `re` then leaves most positions after one character-class test instead of trying the
      ~16 alternatives at each;
    * the cues tried at a cue's start are only those whose first character can be the one there
      (`by_first`), not all ~27 groups.

    >>> import re
    >>> screened(re.compile(r"\\bbut\\b|,", re.IGNORECASE)).pattern
    '(?=[,b])(?:\\\\bbut\\\\b|,)'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812 - the parser's own codes
from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812
from typing import Any, TypeVar

__all__ = ["first_items", "screened", "by_first"]

_CATEGORIES = {C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_DIGIT: r"\d",
               C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}  # fmt: skip


def _first(seq: Any) -> set[str] | None:
    """The character-class items (a character, 'a-z', or '\\s') one of which the first character of any
    match of the parsed sequence `seq` is; None when not known (an empty match possible, a look-around, a
    negated class, a back-reference or anything else this does not read)."""
    items = list(seq)
    i = 0
    while i < len(items) and items[i][0] is C.AT:  # \b, ^, $: zero width, the next item decides
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        out: set[str] = set()
        for o, a in av:
            if o is C.LITERAL:
                out.add(chr(a))
            elif o is C.RANGE:
                out.add(f"{chr(a[0])}-{chr(a[1])}")
            elif o is C.CATEGORY and a in _CATEGORIES:
                out.add(_CATEGORIES[a])
            else:
                return None
        return out
    if op is C.BRANCH:
        out = set()
        for branch in av[1]:
            first = _first(branch)
            if first is None:
                return None
            out |= first
        return out
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _first(sub)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _first(av[2])
    return None


def first_items(pattern: re.Pattern[str]) -> set[str] | None:
    """`_first` of a compiled pattern."""
    try:
        return _first(P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a pattern the parser reads differently is simply not screened
        return None


def _class(items: set[str]) -> str:
    def one(item: str) -> str:
        if len(item) == 1:
            return re.escape(item)
        if item.startswith("\\"):
            return item
        return f"{re.escape(item[0])}-{re.escape(item[2])}"

    return "[" + "".join(one(i) for i in sorted(items)) + "]"


def screened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a look-ahead for the characters its matches start with (compiled with the same
    flags, so the same case folding): the same matches, found sooner. `pattern` itself when not known."""
    items = first_items(pattern)
    if not items:
        return pattern
    return re.compile(f"(?={_class(items)})(?:{pattern.pattern})", pattern.flags)


T = TypeVar("T")


def by_first(things: Sequence[T], patterns: Sequence[re.Pattern[str]]) -> dict[str, tuple[T, ...]]:
    """For each ASCII character, the `things` (in order) whose pattern can start a match with it; a
    character not in the dict (not ASCII) may start any. A pattern whose start is not known, or which
    holds a class item other than a plain ASCII character, is in every entry."""
    firsts: list[set[str] | None] = []
    for p in patterns:
        items = first_items(p)
        if items is not None and not all(len(i) == 1 and i.isascii() for i in items):
            items = None  # a range, a category or a character case-folding may reach from ASCII: try always
        if items is not None and p.flags & re.IGNORECASE:
            items = {i.lower() for i in items} | {i.upper() for i in items}
        firsts.append(items)
    return {c: tuple(t for t, f in zip(things, firsts, strict=True) if f is None or c in f)
            for c in map(chr, range(128))}  # fmt: skip

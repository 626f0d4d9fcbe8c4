"""Pattern helpers shared by the text rule files: RE2 acceptance, alternations, and a vectorised first pass."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

__all__ = ["re2_error", "re2_same", "plain_ascii", "alternation", "search_many", "search_each", "match_starts"]


@lru_cache(maxsize=4096)
def re2_error(pattern: str) -> str | None:
    """Why RE2 (pyarrow) rejects a pattern, or None if it accepts it or pyarrow is absent."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pyarrow ships with this project's pandas
        return None
    try:
        pc.match_substring_regex(pa.array([""], type=pa.string()), pattern=pattern, ignore_case=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        return str(exc).splitlines()[0]
    return None


def alternation(items: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{i})" for i in items) + ")"


# Syntax both engines accept but read differently: "{,3}" (Python: up to 3; RE2: the characters) and
# "[[:alpha:]]" (RE2: a class; Python: a set of characters).
_READ_DIFFERENTLY = ("{,", "[:")
_MIN_FOR_RE2 = 64  # below this many texts, Python `re` is as quick as a call into pyarrow


@lru_cache(maxsize=256)
def re2_same(pattern: str, flags: int = 0) -> bool:
    """Whether RE2 reads `pattern` as Python `re` does on printable ASCII text."""
    if flags & ~(re.IGNORECASE | re.UNICODE):
        return False
    if any(s in pattern for s in _READ_DIFFERENTLY):
        return False
    return re2_error(pattern) is None


def plain_ascii(text: str) -> bool:
    """Printable ASCII only: text on which RE2 and Python `re` agree (see `re2_same`)."""
    return text.isascii() and text.isprintable()


def search_many(texts: Sequence[str], pattern: re.Pattern[str]) -> np.ndarray:
    """Boolean mask: which texts `pattern` (Python `re`) finds a match in — the same answer as
    `pattern.search(t) is not None` for each text (see `search_each`)."""
    return search_each(texts, [pattern])[0]


def search_each(texts: Sequence[str], patterns: Sequence[re.Pattern[str]]) -> list[np.ndarray]:
    """For each pattern, a boolean mask of the texts it finds a match in: the same answer as Python `re`,
    found by RE2 (pyarrow) in one pass over all the texts where RE2 reads the pattern as Python does (texts
    of printable ASCII, a pattern RE2 accepts), by Python `re` for the rest."""
    n = len(texts)
    fast = [n >= _MIN_FOR_RE2 and re2_same(p.pattern, p.flags) for p in patterns]
    if any(fast):
        try:
            import pyarrow as pa  # type: ignore[import-untyped]
            import pyarrow.compute as pc  # type: ignore[import-untyped]
        except ImportError:  # pragma: no cover
            fast = [False] * len(patterns)
    plain = rows = array = None
    if any(fast):
        plain = np.fromiter((plain_ascii(t) for t in texts), dtype=bool, count=n)
        rows = np.flatnonzero(plain)
        array = pa.array([texts[i] for i in rows.tolist()], type=pa.large_string())
    masks: list[np.ndarray] = []
    for pattern, quick in zip(patterns, fast, strict=True):
        out = np.zeros(n, dtype=bool)
        if not quick:
            for i, t in enumerate(texts):
                out[i] = pattern.search(t) is not None
        else:
            assert plain is not None and rows is not None
            if len(rows):
                hits = pc.match_substring_regex(array, pattern=pattern.pattern,
                                                ignore_case=bool(pattern.flags & re.IGNORECASE))  # fmt: skip
                out[rows] = hits.to_numpy(zero_copy_only=False).astype(bool)
            for i in np.flatnonzero(~plain).tolist():
                out[i] = pattern.search(texts[i]) is not None
        masks.append(out)
    return masks


def match_starts(texts: Sequence[str], pattern: re.Pattern[str]) -> list[tuple[int, ...] | None]:
    """For each text, where `pattern.finditer(text)` finds its matches (their starts), found by RE2 in one
    pass; None for a text RE2 cannot answer for as Python would (not printable ASCII, a pattern RE2 reads
    differently, an empty match)."""
    out: list[tuple[int, ...] | None] = [None] * len(texts)
    if not texts or not re2_same(pattern.pattern, pattern.flags):
        return out
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return out
    rows = [i for i, t in enumerate(texts) if plain_ascii(t)]
    if not rows:
        return out
    flags = "(?i)" if pattern.flags & re.IGNORECASE else ""
    # Each match wrapped in two marks that printable ASCII never holds; the marks give back the starts.
    marked = pc.replace_substring_regex(pa.array([texts[i] for i in rows], type=pa.large_string()),
                                        pattern=flags + pattern.pattern, replacement="\x01\\0\x02")  # fmt: skip
    for i, r in zip(rows, marked.to_pylist(), strict=True):
        starts: list[int] = []
        at = r.find("\x01")
        while at >= 0:
            close = r.find("\x02", at)
            if close == at + 1:  # an empty match: Python and RE2 step on from one differently
                break
            starts.append(at - 2 * len(starts))
            at = r.find("\x01", close)
        else:
            out[i] = tuple(starts)
    return out

"""One compiled pass of many patterns over many texts: which texts each pattern finds a match in.

The text layer's first pass asks, for every kind, cue and field pattern, which of a partition's distinct
texts it matches anywhere. By default each pattern is one RE2 pass through pyarrow (or Python `re` where RE2
reads it differently, and for non-ASCII texts): the reference, whose answer is always Python `re`'s.

Hyperscan (`pip install hyperscan`) compiles the patterns into one database and scans each text once for all
of them, about a tenth faster in classify, but it is **opt-in** (`MACA_TEXT_ENGINE=hyperscan`): on this
project's patterns the Hyperscan 0.9.1 wheel misses matches `re` finds ("referral from school (12/05); tm
allocated sw" is no `manager allocated` match to it, though the same words alone are), depending on the text
before the match, so its answer cannot be proved equal (docs/performance.md, tests/text/test_compiled.py).
The engine is chosen at start-up (`ENGINE`) and named in `maca check`'s "About this run".

With Hyperscan, it is asked only where it should read a pattern as `re` does — printable-ASCII texts (as for
RE2), a pattern Hyperscan compiles (no look-around, no back-references, no empty match), case-insensitive or
not, with no syntax the two read differently. Every other text and pattern is answered by the reference path.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from checker.text.compile_budget import quick_to_compile
from checker.text.patterns import plain_ascii

__all__ = ["ENGINE", "engine_words", "MultiMatcher", "multi_matcher", "hyperscan_same", "cue_presence"]

ENV_ENGINE = "MACA_TEXT_ENGINE"


def _choose() -> str:
    if os.environ.get(ENV_ENGINE, "").strip().lower() != "hyperscan":
        return "python"
    try:
        import hyperscan  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return "python"
    return "hyperscan"


ENGINE = _choose()
"""'python' (RE2 through pyarrow and Python `re`: the default, exact) or 'hyperscan' (one compiled pass, opted
in with MACA_TEXT_ENGINE=hyperscan where it is installed), chosen at start-up."""


def engine_words(engine: str | None = None) -> str:
    """How this run matched text, for "About this run"."""
    if (engine or ENGINE) == "hyperscan":
        from importlib.metadata import version

        return (f"text matched in one compiled pass (Hyperscan {version('hyperscan')}, opted in by "
                "MACA_TEXT_ENGINE=hyperscan: it can miss matches Python `re` finds), Python `re` where it differs")
    asked = os.environ.get(ENV_ENGINE, "").strip().lower()
    why = ("Hyperscan was asked for but is not installed" if asked == "hyperscan"
           else "forced by MACA_TEXT_ENGINE=python" if asked == "python" else "the exact reference")
    return f"text matched by RE2 (pyarrow) and Python `re` ({why})"


# Syntax Python and Hyperscan (PCRE) both accept but read differently, or Python-only escapes.
_READ_DIFFERENTLY = ("{,", "\\N", "\\Z", "\\z", "\\G", "(?x", "(?s", "(?m", "(?u", "(?a", "(?L")
_FLAGS_OK = re.IGNORECASE | re.UNICODE
_LOOK_AROUND = ("(?=", "(?!", "(?<")  # Hyperscan refuses them (and a pattern matching the empty text)
_POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]")  # '[[:alpha:]]': a class in PCRE, a set of characters in Python


def hyperscan_same(pattern: re.Pattern[str]) -> bool:
    """Whether Hyperscan may be asked whether `pattern` matches a printable-ASCII text (before compiling)."""
    return (not (pattern.flags & ~_FLAGS_OK) and not any(s in pattern.pattern for s in _READ_DIFFERENTLY)
            and _POSIX_CLASS.search(pattern.pattern) is None
            and not any(s in pattern.pattern for s in _LOOK_AROUND) and pattern.search("") is None)


def _hs_flags(hyperscan: Any, pattern: re.Pattern[str]) -> int:
    flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8
    return flags | (hyperscan.HS_FLAG_CASELESS if pattern.flags & re.IGNORECASE else 0)


def _compile(hyperscan: Any, patterns: Sequence[re.Pattern[str]], ids: list[int]) -> Any:
    db = hyperscan.Database()
    db.compile(expressions=[patterns[i].pattern.encode("utf-8") for i in ids], ids=ids, elements=len(ids),
               flags=[_hs_flags(hyperscan, patterns[i]) for i in ids])
    return db


def _cache_dir() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "maca")


def _database(hyperscan: Any, patterns: Sequence[re.Pattern[str]]) -> tuple[Any, frozenset[int]]:
    """The compiled database of the patterns Hyperscan can take, and their indexes (one it would take minutes
    to compile is left to `re`: `checker.text.compile_budget`). Compiling a few hundred patterns takes seconds, so the database is kept in the user's cache folder (patterns only, no record
    text), keyed by the patterns, the flags Hyperscan is given for each and Hyperscan's version (so a change to
    how flags are given compiles a new database rather than reading an old one)."""
    ids = [i for i, p in enumerate(patterns) if hyperscan_same(p)]
    version = hyperscan.__version__ if hasattr(hyperscan, "__version__") else ""
    quick = quick_to_compile(version, [(patterns[i].pattern, _hs_flags(hyperscan, patterns[i])) for i in ids],
                             _cache_dir())
    ids = [i for i, ok in zip(ids, quick, strict=True) if ok]  # a pattern slow to compile is left to `re`
    key = hashlib.sha256(repr((hyperscan.__version__ if hasattr(hyperscan, "__version__") else "",
                               [(patterns[i].pattern, _hs_flags(hyperscan, patterns[i])) for i in ids])
                              ).encode()).hexdigest()[:32]
    path = os.path.join(_cache_dir(), f"hs-{key}.db")
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
        kept = blob.split(b"\n", 1)
        return hyperscan.loadb(kept[1], hyperscan.HS_MODE_BLOCK), frozenset(int(i) for i in kept[0].split(b",") if i)
    except (OSError, ValueError, IndexError, hyperscan.error):
        pass
    try:
        db = _compile(hyperscan, patterns, ids)
    except hyperscan.error:  # some pattern it lacks: find which, one at a time, and leave them to `re`
        good = []
        for i in ids:
            try:
                _compile(hyperscan, patterns, [i])
            except hyperscan.error:
                continue
            good.append(i)
        ids = good
        db = _compile(hyperscan, patterns, ids) if ids else None
    if db is not None:
        try:
            os.makedirs(_cache_dir(), mode=0o700, exist_ok=True)
            tmp = f"{path}.{os.getpid()}"
            with open(tmp, "wb") as handle:
                handle.write(",".join(map(str, ids)).encode() + b"\n" + hyperscan.dumpb(db))
            os.replace(tmp, path)
        except OSError:
            pass  # no cache folder: compiled again next time
    return db, frozenset(ids)


class MultiMatcher:
    """`masks(texts)`: for each pattern, a boolean array of the texts it finds a match in (Python `re`'s
    answer), every text scanned once for all the patterns Hyperscan can take."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], engine: str | None = None) -> None:
        self.patterns = tuple(patterns)
        self.engine = engine or ENGINE
        self._db: Any = None
        self.compiled: frozenset[int] = frozenset()
        if self.engine == "hyperscan" and self.patterns:
            import hyperscan

            self._hs = hyperscan
            self._db, self.compiled = _database(hyperscan, self.patterns)
            self._scratch = hyperscan.Scratch(self._db) if self._db is not None else None

    def masks(self, texts: Sequence[str] | np.ndarray, reference: Callable[[re.Pattern[str], np.ndarray], np.ndarray]
              ) -> list[np.ndarray]:
        """Masks for `texts` (an object array); `reference(pattern, rows_texts)` answers what Hyperscan
        does not (the existing RE2/`re` pass)."""
        n = len(texts)
        values = np.asarray(texts, dtype=object)
        out = [np.zeros(n, dtype=bool) for _ in self.patterns]
        if self._db is None or n == 0:
            return [reference(p, values) for p in self.patterns]
        plain = np.fromiter((plain_ascii(t) for t in values), dtype=bool, count=n)
        rows = np.flatnonzero(plain)
        hit_rows: list[int] = []
        hit_ids: list[int] = []
        current = 0

        def on_match(pattern_id: int, start: int, end: int, flags: int, context: Any) -> None:
            hit_rows.append(current)
            hit_ids.append(pattern_id)

        scan, scratch = self._db.scan, self._scratch
        for current in rows.tolist():
            scan(values[current].encode("ascii"), match_event_handler=on_match, scratch=scratch)
        if hit_rows:
            table = np.zeros((len(self.patterns), n), dtype=bool)
            table[np.asarray(hit_ids, dtype=np.intp), np.asarray(hit_rows, dtype=np.intp)] = True
            for i in self.compiled:
                out[i] = table[i]
        others = np.flatnonzero(~plain)
        for i, pattern in enumerate(self.patterns):
            if i not in self.compiled:
                out[i] = reference(pattern, values)
            elif len(others):
                out[i][others] = reference(pattern, values[others])
        return out


@lru_cache(maxsize=16)
def _cached(key: tuple[tuple[str, int], ...], engine: str) -> MultiMatcher:
    return MultiMatcher([re.compile(p, f) for p, f in key], engine)


def multi_matcher(patterns: Sequence[re.Pattern[str]], engine: str | None = None) -> MultiMatcher:
    """The matcher for these patterns, compiled once per process."""
    return _cached(tuple((p.pattern, p.flags) for p in patterns), engine or ENGINE)


def text_patterns(rules: Any) -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern the text rules hold (kinds, cues, fields, glossary, people, links...), found by
    walking the compiled rules, so the list follows the rule files: (where, pattern), each once."""
    import dataclasses

    found: list[tuple[str, re.Pattern[str]]] = []
    seen: set[int] = set()

    def walk(obj: Any, where: str) -> None:
        if id(obj) in seen or obj is None or isinstance(obj, str | bytes | int | float | bool):
            return
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            found.append((where, obj))
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name), f"{where}.{f.name}")
        elif isinstance(obj, list | tuple | frozenset | set):
            for i, item in enumerate(obj):
                walk(item, f"{where}[{i}]")
        elif isinstance(obj, dict):
            for k, item in obj.items():
                walk(item, f"{where}[{k!r}]")

    walk(rules, "rules")
    return found


def floor_pass(texts: Sequence[str], patterns: Sequence[re.Pattern[str]]) -> tuple[int, float]:
    """The text floor: (patterns compiled, CPU seconds) for one compiled pass of every pattern Hyperscan can
    take over `texts` (the printable-ASCII ones; each pattern's first match in each text). Needs Hyperscan."""
    import time

    import hyperscan

    db, ids = _database(hyperscan, list(patterns))
    if db is None:
        return 0, 0.0
    scratch = hyperscan.Scratch(db)
    count = [0]

    def on_match(pattern_id: int, start: int, end: int, flags: int, context: Any) -> None:
        count[0] += 1

    started = time.process_time()
    for text in texts:
        if plain_ascii(text):
            db.scan(text.encode("ascii"), match_event_handler=on_match, scratch=scratch)
    return len(ids), time.process_time() - started


def cue_presence(texts: Sequence[str], patterns: Sequence[re.Pattern[str]], engine: str | None = None
                 ) -> list[tuple[int, ...]] | None:  # fmt: skip
    """For each text, the indexes (in order) of the patterns that match somewhere in it — Python `re`'s
    `pattern.search(text) is not None` — from one compiled pass; None without Hyperscan (a pass of each
    pattern through RE2 would cost more than trying every pattern where it is needed)."""
    if (engine or ENGINE) != "hyperscan" or not texts or not patterns:
        return None
    from checker.text.patterns import search_many

    masks = multi_matcher(patterns, "hyperscan").masks(list(texts), lambda p, v: search_many(list(v), p))
    table = np.vstack(masks).T if masks else np.zeros((len(texts), 0), dtype=bool)
    return [tuple(np.flatnonzero(row).tolist()) for row in table]

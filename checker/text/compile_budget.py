"""Which patterns Hyperscan compiles quickly enough to be worth compiling.

Hyperscan turns a pattern into automata before the first scan. For nearly every pattern that takes
milliseconds, but a long bounded repeat followed by a large alternation ("child … said …
[^.;]{0,120}? … (hit|grabbed|…|\\w+ shouting)") can take minutes, and the rule files are data a QA officer
edits. So a pattern with a long bounded repeat (`risky`) is first compiled alone in a child process with a
time budget (`BUDGET_S`); one that overruns is left to Python `re`, which reads every pattern anyway (a little slower per
text, never a different answer). The verdicts are kept in the user's cache folder, keyed by the pattern, its
flags and Hyperscan's version, so each pattern is tried once per machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

__all__ = ["BUDGET_S", "risky", "quick_to_compile"]

BUDGET_S = 3.0
"""Seconds one pattern may take to compile alone before it is left to Python `re`."""

_LONG_REPEAT = 20  # a bounded repeat of at least this many is what can make a compile slow
_REPEAT = re.compile(r"\{\d*,(\d+)\}")

_CHILD = r"""
import json, sys, hyperscan
for line in sys.stdin:
    pattern, flags = json.loads(line)
    db = hyperscan.Database()
    try:
        db.compile(expressions=[pattern.encode("utf-8")], ids=[0], elements=1, flags=[flags])
        ok = 1
    except hyperscan.error:
        ok = 0
    print(ok, flush=True)
"""


def risky(pattern: str) -> bool:
    """Whether the pattern holds a bounded repeat long enough that its compile may be slow."""
    return any(int(n) >= _LONG_REPEAT for n in _REPEAT.findall(pattern))


def _key(version: str, pattern: str, flags: int) -> str:
    return hashlib.sha256(repr((version, pattern, flags)).encode()).hexdigest()[:24]


def _probe(items: Sequence[tuple[str, int]], budget: float,
           clock: Callable[[], float] = time.monotonic) -> list[bool]:
    """For each (pattern, flags): compiled within `budget` seconds in a child process. A child that overruns
    is stopped and a new one takes the rest."""
    verdicts: list[bool] = []
    while len(verdicts) < len(items):
        rest = items[len(verdicts):]
        child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        assert child.stdin is not None and child.stdout is not None
        try:
            for pattern, flags in rest:
                child.stdin.write(json.dumps([pattern, flags]) + "\n")
                child.stdin.flush()
                deadline = clock() + budget
                line = ""
                while not line:
                    left = deadline - clock()
                    if left <= 0 or not select.select([child.stdout], [], [], left)[0]:
                        break
                    line = child.stdout.readline()
                    if not line:  # the child ended: count the pattern as not compiled
                        line = "0"
                if not line:  # over budget: this pattern is left to `re`, a new child takes the rest
                    verdicts.append(False)
                    break
                verdicts.append(line.strip() == "1")
        finally:
            child.kill()
            child.wait()
            child.stdin.close()
            child.stdout.close()
    return verdicts


def quick_to_compile(version: str, items: Sequence[tuple[str, int]], cache_dir: str,
                     budget: float = BUDGET_S) -> list[bool]:
    """For each (pattern, Hyperscan flags): whether Hyperscan compiles it alone within the budget. A pattern
    without a long bounded repeat is not tried (it compiles in milliseconds; one Hyperscan refuses is found
    when the database is built)."""
    path = os.path.join(cache_dir, "hs-compile-verdicts.json")
    try:
        with open(path, encoding="utf-8") as handle:
            known: dict[str, bool] = {str(k): bool(v) for k, v in json.load(handle).items()}
    except (OSError, ValueError, AttributeError):
        known = {}
    keys = [_key(version, p, f) for p, f in items]
    unknown = [i for i, (p, _) in enumerate(items) if risky(p) and keys[i] not in known]
    if unknown:
        for i, ok in zip(unknown, _probe([items[i] for i in unknown], budget), strict=True):
            known[keys[i]] = ok
        try:
            os.makedirs(cache_dir, mode=0o700, exist_ok=True)
            tmp = f"{path}.{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(known, handle)
            os.replace(tmp, path)
        except OSError:
            pass  # no cache folder: tried again next time
    return [known.get(keys[i], True) if risky(p) else True for i, (p, _) in enumerate(items)]

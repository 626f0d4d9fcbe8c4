"""Every regular expression run over agency text is linear: none takes long on a cell of pathological text.

Patterns are gathered, not listed: every compiled pattern held by a module of checker.text, checker.facts or
checker.intake (at module level or inside a module-level container), and every pattern compiled from
rules/kinds.yaml. A new pattern is timed the day it is added. Each runs over inputs of `MATCH_CHARS`
characters built to make backtracking patterns go quadratic: long runs of word characters, spaces,
punctuation, and words that almost make a phrase. A quadratic pattern takes seconds on these (the one
this test was written for took 16 s on 20,000 characters); a linear one takes milliseconds.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

import checker.facts
import checker.intake
import checker.text
from checker.model.limits import MATCH_CHARS
from checker.text.kinds import load_rules

LIMIT_SECONDS = 0.5
"""Per pattern and input: 50 times what the slowest linear pattern here needs, 30 times less than quadratic."""

N = MATCH_CHARS


def _inputs() -> dict[str, str]:
    return {
        "word": "a" * N,
        "digits": "1" * N,
        "spaces": " " * N,
        "dots": "." * N,
        "hyphens": "-" * N,
        "apostrophes": "'" * N,
        "short words": ("ab " * N)[:N],
        "slashes": ("1/" * N)[:N],
        "phrase then word": "referral from the " + "a" * (N - 20),
        "names then word": ("school visit " * N)[: N // 2] + "x" * (N // 2),
        "mixed": ("a-b'c&d " * N)[:N],
    }


def _patterns_in(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield where, value
    elif depth > 3:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{where}[{key!r}]", depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            yield from _patterns_in(item, f"{where}[{i}]", depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _patterns_in(getattr(value, f.name), f"{where}.{f.name}", depth + 1)


def _gather() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for package in (checker.text, checker.facts, checker.intake):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                for where, pattern in _patterns_in(value, f"{info.name}.{name}"):
                    found.setdefault(where, pattern)
    for where, pattern in _patterns_in(load_rules(), "rules/kinds.yaml"):
        found.setdefault(where, pattern)
    return found


PATTERNS = _gather()


def test_patterns_are_gathered_from_every_place() -> None:
    places = {where.split(".")[1] if where.startswith("checker.") else where.split(".")[0] for where in PATTERNS}
    assert {"text", "facts", "intake", "rules/kinds"} <= places
    assert "checker.facts.quality._BEFORE" in PATTERNS  # the pattern that hung `maca check`


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_pattern_is_linear_on_pathological_text(where: str) -> None:
    pattern = PATTERNS[where]
    slow = []
    for label, text in _inputs().items():
        started = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        took = time.perf_counter() - started
        if took > LIMIT_SECONDS:
            slow.append(f"{label}: {took:.2f} s")
    assert not slow, f"{where} backtracks on {N:,} characters ({'; '.join(slow)}): {pattern.pattern[:200]}"

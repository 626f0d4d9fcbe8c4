"""A pattern Hyperscan would take minutes to compile is left to Python `re`, found within a time budget, and
the verdict is kept so it is tried once per machine (checker.text.compile_budget)."""

from __future__ import annotations

import re
import time

import pytest

hyperscan = pytest.importorskip("hyperscan")

from checker.text import compile_budget  # noqa: E402
from checker.text.compiled import MultiMatcher, hyperscan_same  # noqa: E402

# The shape that made a rules edit take three minutes to compile: a lazy long bounded repeat between two
# large alternations, one of whose branches is itself a repeat.
_HARM = "|".join(["hit", "hits", "grab\\w*", "push(?:es|ed)?", "kick(?:s|ed)?", "slap\\w*", "scared", "hid",
                  "(?:was|were|is|are|\\w+) (?:shouting|screaming|fighting)", "left (?:alone|on (?:my|his|her) own)",
                  "home alone", "nothing to eat", "hungry", "cut\\w* (?:her|his) (?:arms?|legs?)"])
SLOW = (r"\b(?:child|children|kids?|c\d|yp|baby|sons?|daughters?|boys?|girls?)\b (?:\([^)]{0,15}\) )?(?:\w+ ){0,2}"
        r"(?:said|says|told|disclosed|shared|reported)\b[^.;]{0,120}?\b(?:" + _HARM + r")\b")
QUICK = r"\bchild\b[^.;]{0,30}\bseen alone\b"


def test_a_long_bounded_repeat_is_risky_and_a_short_one_is_not() -> None:
    assert compile_budget.risky(r"\bchild\b[^.;]{0,20}\bseen\b")
    assert not compile_budget.risky(r"\bchild\b[^.;]{0,19}\bseen\b")
    assert not compile_budget.risky(r"\bchild seen alone\b")


def test_a_pattern_over_budget_is_left_to_re_and_the_next_is_still_tried(tmp_path) -> None:
    flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_CASELESS  # as compiled.py
    started = time.monotonic()
    verdicts = compile_budget.quick_to_compile("v", [(SLOW, flags), (QUICK, flags)], str(tmp_path), budget=0.5)
    assert verdicts == [False, True]
    assert time.monotonic() - started < 20  # the slow compile (about 27 s alone here) was stopped, not waited for


def test_verdicts_are_kept_so_a_pattern_is_tried_once(tmp_path, monkeypatch) -> None:
    assert compile_budget.quick_to_compile("v", [(QUICK, 0)], str(tmp_path)) == [True]

    def no_probe(*args: object, **kwargs: object) -> list[bool]:
        raise AssertionError("tried again")

    monkeypatch.setattr(compile_budget, "_probe", no_probe)
    assert compile_budget.quick_to_compile("v", [(QUICK, 0), (r"\bplain\b", 0)], str(tmp_path)) == [True, True]
    with pytest.raises(AssertionError):  # another Hyperscan version is another verdict
        compile_budget.quick_to_compile("w", [(QUICK, 0)], str(tmp_path))


def test_a_pattern_hyperscan_refuses_is_never_given_to_it() -> None:
    assert not hyperscan_same(re.compile(r"\bseen(?= alone)"))
    assert not hyperscan_same(re.compile(r"(?<!not )seen"))
    assert not hyperscan_same(re.compile(r"(?:|none)"))  # matches the empty text
    assert hyperscan_same(re.compile(r"\bseen alone\b", re.IGNORECASE))


def test_a_slow_pattern_still_gets_re_s_answer(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(compile_budget, "BUDGET_S", 0.5)
    monkeypatch.setattr(compile_budget.quick_to_compile, "__defaults__", (0.5,))
    patterns = [re.compile(SLOW, re.IGNORECASE), re.compile(QUICK, re.IGNORECASE)]
    matcher = MultiMatcher(patterns, "hyperscan")
    assert 0 not in matcher.compiled and 1 in matcher.compiled
    texts = ["c1 told the teacher that mum was shouting at night", "child seen alone at school",
             "c1 told the teacher. later: hungry", "nothing here"]

    def reference(pattern: re.Pattern[str], values: object) -> object:
        import numpy as np

        return np.array([pattern.search(t) is not None for t in values], dtype=bool)

    masks = matcher.masks(texts, reference)
    assert [list(m) for m in masks] == [[p.search(t) is not None for t in texts] for p in patterns]
    assert list(masks[0]) == [True, False, False, False]

"""The opt-in compiled first pass (Hyperscan, MACA_TEXT_ENGINE=hyperscan) against Python `re`: property tests on
generated and on real-looking text, the readings equal with either engine there, the engine chosen at start-up
(the exact reference by default), and the counterexample that keeps Hyperscan opt-in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.generate import generate_bundle
from checker.intake.bundle import load_bundle
from checker.text import compile_budget, compiled
from checker.text.compile import load_rules
from checker.text.match import Reading, _first_pass_patterns, _read_unique, entry_texts, normalise_series

pytest.importorskip("hyperscan", reason="the compiled pass needs `pip install hyperscan` (in the test extra)")

RULES = load_rules()
FIRST = _first_pass_patterns(RULES)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# The rules' own words (so patterns match often), with punctuation, digits, capitals and non-ASCII letters.
VOCAB = sorted({w for p in FIRST for w in re.findall(r"[a-z]{3,}", p.pattern)})
EXTRA = ["not", "no", "seen", "Booked", "HV", "-", ".", ",", ":", "|", "'", "18/03/2019", "14", "café", "é", "(", ")"]
TEXTS = st.lists(st.lists(st.sampled_from(VOCAB + EXTRA), max_size=14).map(" ".join), min_size=1, max_size=60)


def _python(pattern: re.Pattern[str], values: np.ndarray) -> np.ndarray:
    return np.fromiter((pattern.search(t) is not None for t in values), dtype=bool, count=len(values))


@settings(max_examples=15, deadline=None)
@given(TEXTS)
def test_compiled_masks_equal_python_re_for_every_first_pass_pattern(texts: list[str]) -> None:
    matcher = compiled.multi_matcher(FIRST, "hyperscan")
    # Every first-pass pattern is read by the compiled pass, but for one the compile budget left to `re`
    # (checker.text.compile_budget: a long bounded repeat that took over BUDGET_S alone); those are few.
    left_to_re = set(range(len(FIRST))) - matcher.compiled
    assert all(compile_budget.risky(FIRST[i].pattern) for i in left_to_re)
    assert len(left_to_re) <= 5
    values = np.array(texts, dtype=object)
    for pattern, mask in zip(FIRST, matcher.masks(values, _python), strict=True):
        assert mask.tolist() == [pattern.search(t) is not None for t in texts], pattern.pattern[:80]


def _read(uniques: np.ndarray, engine: str) -> list[tuple[Reading, ...]]:
    before = compiled.ENGINE
    compiled.ENGINE = engine
    try:
        return _read_unique(uniques, RULES)
    finally:
        compiled.ENGINE = before


@settings(max_examples=10, deadline=None)
@given(TEXTS)
def test_readings_equal_with_either_engine_on_generated_text(texts: list[str]) -> None:
    uniques = np.array(list(dict.fromkeys(t.lower() for t in texts)), dtype=object)
    assert _read(uniques, "hyperscan") == _read(uniques, "python")


@pytest.fixture(scope="module")
def real_looking(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    """Distinct normalised texts of both samples and a generated 60-case sweep (over 2,000: the RE2 arm)."""
    folder = tmp_path_factory.mktemp("compiled") / "sweep"
    generate_bundle(folder, cases=60, seed=26)
    frames = [load_bundle(p).chronology for p in (SAMPLES / "homelessness", SAMPLES / "good-practice", folder)]
    texts = normalise_series(entry_texts(pd.concat(frames, ignore_index=True), RULES), RULES)
    return np.asarray(pd.unique(texts), dtype=object)


def test_readings_equal_with_either_engine_on_real_looking_text(real_looking: np.ndarray) -> None:
    assert len(real_looking) >= 2000
    hs, py = _read(real_looking, "hyperscan"), _read(real_looking, "python")
    assert sum(map(len, hs)) > len(real_looking) // 2  # plenty of readings compared, not empty tuples
    assert hs == py


def test_a_pattern_hyperscan_lacks_and_a_non_ascii_text_are_answered_by_re() -> None:
    patterns = [re.compile(r"visit(?= booked)", re.IGNORECASE), re.compile(r"caf.", re.IGNORECASE),
                re.compile(r"x{,2}y")]  # look-ahead; '.' on a non-ASCII letter; '{,2}' read differently
    matcher = compiled.MultiMatcher(patterns, "hyperscan")
    assert matcher.compiled == frozenset({1})
    texts = np.array(["Visit booked", "visit done", "café", "cafe", "xxy", "x{,2}y"], dtype=object)
    got = [m.tolist() for m in matcher.masks(texts, _python)]
    assert got == [[p.search(t) is not None for t in texts] for p in patterns]


def _engine_in_subprocess(env: dict[str, str]) -> str:
    code = "from checker.text import compiled; print(compiled.ENGINE); print(compiled.engine_words())"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_the_exact_reference_is_the_default_and_hyperscan_is_chosen_at_start_up_only_when_asked_for() -> None:
    default = _engine_in_subprocess({"MACA_TEXT_ENGINE": ""})
    assert default.splitlines()[0] == "python" and "the exact reference" in default
    forced = _engine_in_subprocess({"MACA_TEXT_ENGINE": "python"})
    assert forced.splitlines()[0] == "python" and "forced by MACA_TEXT_ENGINE=python" in forced
    asked = _engine_in_subprocess({"MACA_TEXT_ENGINE": "hyperscan"})
    assert asked.splitlines()[0] == "hyperscan" and "Hyperscan 0." in asked and "can miss matches" in asked


# Why Hyperscan is not the default: with the wheel this project installs (0.9.1) it misses a supervision match
# Python `re` finds once other words come before it, though it finds the same words alone. If this starts to
# pass (a fixed Hyperscan), XPASS fails the run: measure again and reconsider the default.
MISSED = "referral from school (12/05); tm allocated sw"


@pytest.mark.xfail(strict=True, reason="Hyperscan 0.9.1 misses this match; it stays opt-in (checker.text.compiled)")
def test_hyperscan_finds_every_match_re_finds_on_a_known_counterexample() -> None:
    texts = np.array([MISSED, "tm allocated sw"], dtype=object)
    expected = [_python(p, texts).tolist() for p in FIRST]
    assert any(e == [True, True] for e in expected)  # the words are a match for some pattern, alone or after others
    got = [m.tolist() for m in compiled.multi_matcher(FIRST, "hyperscan").masks(texts, _python)]
    assert got == expected


def test_the_default_engine_reads_the_counterexample_as_re_does() -> None:
    assert compiled.ENGINE == "python" or os.environ.get("MACA_TEXT_ENGINE") == "hyperscan"
    readings = _read_unique(np.array([MISSED], dtype=object), RULES)[0]
    assert "supervision" in {r.kind for r in readings}


def test_the_database_is_kept_in_the_cache_and_a_damaged_copy_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns = [re.compile(r"\bno access\b", re.IGNORECASE), re.compile(r"card (?:left|posted)")]
    texts = np.array(["No access, card left", "seen at home", "card posted"], dtype=object)
    expected = [[p.search(t) is not None for t in texts] for p in patterns]
    assert [m.tolist() for m in compiled.MultiMatcher(patterns, "hyperscan").masks(texts, _python)] == expected
    kept = list((tmp_path / "maca").glob("hs-*.db"))
    assert len(kept) == 1  # compiled once, kept
    assert [m.tolist() for m in compiled.MultiMatcher(patterns, "hyperscan").masks(texts, _python)] == expected
    # a change to the flags Hyperscan is given is a new database, never the old one read back
    given = compiled._hs_flags
    monkeypatch.setattr(compiled, "_hs_flags", lambda hs, p: given(hs, p) & ~hs.HS_FLAG_CASELESS)
    compiled.MultiMatcher(patterns, "hyperscan").masks(texts, _python)
    assert len(list((tmp_path / "maca").glob("hs-*.db"))) == 2
    monkeypatch.setattr(compiled, "_hs_flags", given)
    kept[0].write_bytes(b"0,1\nnot a database")
    assert [m.tolist() for m in compiled.MultiMatcher(patterns, "hyperscan").masks(texts, _python)] == expected

"""The quicker forms of the ConText reading (`checker.text.firsts`) give what the rules' own patterns give:
the screened clause-break pattern finds the breaks `rules.breaks.finditer` finds, the cue index tries every
cue that matches at a start, and so every status is the reference's. Property tests on text built from the
breaks' and cues' own words, punctuation, templated "Field: value" entries, line breaks and characters
case folding reaches from ASCII (long s, Kelvin sign), and on the samples' texts."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.intake.bundle import load_bundle
from checker.text.compile import load_rules
from checker.text.context import Clauses, ContextRules, present_cues, status_at
from checker.text.firsts import by_first, first_items, screened
from checker.text.match import entry_texts, normalise_series

RULES = load_rules()
CONTEXT = RULES.context
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def reference(rules: ContextRules) -> ContextRules:
    """`rules` read as before the quicker forms: the breaks tried at every position, every cue at every start."""
    ref = dataclasses.replace(rules)
    object.__setattr__(ref, "fast_breaks", rules.breaks)
    object.__setattr__(ref, "cue_index", {})
    return ref


REFERENCE = reference(CONTEXT)
WORDS = sorted({w for p in [CONTEXT.breaks, *(c.pattern for c in CONTEXT.cues)]
                for w in re.findall(r"[a-z]{2,}(?: [a-z]{2,})?", p.pattern)})  # fmt: skip
PIECES = [*WORDS, ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "|", " - ", " – ", "—", "\n", "\t", "\xa0",
          "14.03", "e.g.", "and was", "And she", "BUT", "ſo", "\u212aept", "café", "plan:", "RE DA: nil",
          "Present: mum | Plan: hv visit", "Home visit: cancelled", "Supervision: not yet", "seen", "dad", "x"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=20).map(lambda parts: "".join(
    p if i % 3 == 2 else p + " " for i, p in enumerate(parts)))  # words run together now and then


def _breaks(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _same_reading(text: str) -> None:
    assert _breaks(CONTEXT.fast_breaks, text) == _breaks(CONTEXT.breaks, text), text
    fast, ref = Clauses(text, CONTEXT), Clauses(text, REFERENCE)
    assert fast.starts == ref.starts and fast.ends == ref.ends
    assert fast.hits(CONTEXT) == ref.hits(REFERENCE), text
    for m in re.finditer(r"\w+(?: \w+)?", text):
        for within in (True, False):
            assert (status_at(fast, m.start(), m.end(), CONTEXT, within=within)
                    == status_at(ref, m.start(), m.end(), REFERENCE, within=within)), (text, m[0])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_quicker_breaks_cues_and_statuses_equal_the_reference(text: str) -> None:
    _same_reading(text)
    _same_reading(text.lower())


@settings(max_examples=40, deadline=None)
@given(text=TEXT)
def test_cues_known_from_a_first_pass_are_tried_only_where_they_can_start(text: str) -> None:
    # What the Hyperscan pass gives `cues_at`: the cues matching somewhere; found as the pass would find them.
    masked = Clauses(text, CONTEXT).masked
    present = tuple(c for c in CONTEXT.cues if c.pattern.search(masked))
    starts = [m.start() for m in CONTEXT.any_cue.finditer(masked)]
    fast, ref = Clauses(text, CONTEXT, masked), Clauses(text, REFERENCE, masked)
    fast.cues_at(starts, CONTEXT, present)
    ref.cues_at(starts, REFERENCE, present)
    assert fast.hits(CONTEXT) == ref.hits(REFERENCE) == Clauses(text, REFERENCE).hits(REFERENCE)
    assert present_cues([], CONTEXT) in (None, [])


def test_the_samples_texts_read_the_same() -> None:
    texts: set[str] = set()
    for folder in ("homelessness", "good-practice"):
        bundle = load_bundle(SAMPLES / folder)
        texts |= set(normalise_series(entry_texts(bundle.chronology, RULES), RULES).dropna().tolist())
    assert len(texts) > 100
    for text in sorted(texts):
        _same_reading(text)


def test_first_characters_read_from_the_pattern() -> None:
    assert first_items(re.compile(r"(?:\bno\b|x+|[a-c]|\s-)")) == {"n", "x", "a-c", r"\s"}
    for unknown in (r"a?b", r"(?=x)x", r"[^a]", r"(?i:a)", r"\bb|c*"):
        assert first_items(re.compile(unknown)) is None, unknown
    plain = re.compile(r"x*y")
    assert screened(plain) is plain  # not known: the pattern itself, tried everywhere
    assert screened(re.compile(r"\bso\b|,", re.I)).findall("ſo, SO also") == ["ſo", ",", "SO"]


def test_the_cue_index_holds_each_cue_under_every_character_it_may_start_with() -> None:
    a, s, any_, wide = (re.compile(p, re.I) for p in (r"\bab", r"so\b", r"\w+", "\u212a"))
    index = by_first(["a", "s", "any", "wide"], [a, s, any_, wide])
    assert index["a"] == index["A"] == ("a", "any", "wide")
    assert index["S"] == ("s", "any", "wide")
    assert index["k"] == ("any", "wide")  # the Kelvin sign folds to k
    assert "ſ" not in index  # not ASCII: every cue is tried
    exact = by_first(["b"], [re.compile("b")])
    assert exact["b"] == ("b",) and exact["B"] == ()


@pytest.mark.parametrize("text", ["", "(", "no.", "so\n", "a - b", "x)"])
def test_edges_of_a_text(text: str) -> None:
    _same_reading(text)

"""The door's batched path (each case's facts in one `assert_facts`, the actions taken inline) gives what the
reference path (one `assert_fact` per fact, durable's own action machinery) gives, on any input; and where
the engine refuses or silently cuts a batch, the case falls back to the reference path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import door as engine
from checker.engine.door import EngineRule, FactValue, Ruleset, evaluate


def _reference(ruleset: Ruleset, facts: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A no-op action hook takes the reference path (the test seam always does)."""
    return evaluate(ruleset, facts, _action_hook=lambda rule, fact: None)


RULES = Ruleset((
    EngineRule("a#0", {"$and": [{"$gte": {"n": 3}}, {"kind": "visit"}]}),
    EngineRule("a#1", {"$or": [{"$lt": {"n": 0}}, {"flag": True}]}),
    EngineRule("b", {"$neq": {"kind": "visit"}}),
    EngineRule("c", {"$mt": {"text": ".*section 21.*"}}),
    EngineRule("d", {"$nex": {"n": 1}}),
))

_TEXT = st.one_of(st.sampled_from(["served a section 21 notice", "Section 21", "visit", "", "£250 arrears, "
                                   "\"quoted\"", "naïve café — ok", "{not: json}", "a,b],[{c"]),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
_FLOAT = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: "e" not in repr(f))  # the door refuses 1e-05
_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), _TEXT, _FLOAT)
_FACT = st.fixed_dictionaries(
    {"rule": st.sampled_from(["a", "b", "c", "d"])},
    optional={"n": st.one_of(st.integers(-5, 10), st.floats(-5, 10).filter(lambda f: "e" not in repr(f))),
              "kind": st.sampled_from(["visit", "call"]),
              "flag": st.booleans(), "text": _TEXT, "other": _VALUE},
)
_CASES = st.dictionaries(st.sampled_from(["c1", "c2", "c3", "c10"]), st.lists(_FACT, max_size=12), max_size=4)


@settings(max_examples=40, deadline=None)
@given(_CASES)
def test_batched_equals_reference_on_generated_facts(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert evaluate(RULES, facts) == _reference(RULES, facts)


def test_batched_path_is_taken_for_ordinary_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(engine, "_run_case", lambda name, sid, *rest: calls.append(sid))
    out = evaluate(RULES, {"c1": [{"rule": "a", "n": 4, "kind": "visit"}, {"rule": "b", "kind": "call"},
                                  {"rule": "c", "text": "nothing here"}]})
    assert calls == []  # no case fell back to one fact per call
    assert out["c1"].matches["a#0"] == [{"rule": "a", "n": 4, "kind": "visit"}]
    assert out["c1"].matches["b"] == [{"rule": "b", "kind": "call"}]
    assert out["c1"].matches["c"] == [] and out["c1"].errors == {}


def test_a_fact_the_engine_cannot_read_mid_batch_falls_back() -> None:
    # Measured: the C engine stops reading a batch at a string over 16 MB and says nothing; the facts after
    # it would be lost. The closing opener is missing, so the case is asserted one by one.
    big = "x" * (2**24 + 1)
    facts: dict[str, list[dict[str, Any]]] = {"c": [
        {"rule": "c", "text": "a section 21 notice"}, {"rule": "d", "text": big}, {"rule": "d", "text": "zz"}]}
    out = evaluate(RULES, facts)
    assert out == _reference(RULES, facts)
    assert out["c"].errors == {"d": "the engine could not take one of its facts (error code 314)"}
    assert out["c"].matches["d"] == [{"rule": "d", "text": "zz"}]  # the fact after the bad one still read
    assert out["c"].matches["c"] == [{"rule": "c", "text": "a section 21 notice"}]


@pytest.mark.parametrize("refusal", ["error", "observed", "deferred"])
def test_a_refused_batch_falls_back_to_one_fact_per_call(monkeypatch: pytest.MonkeyPatch, refusal: str) -> None:
    c_engine = engine.durable_rules_engine
    real = c_engine.assert_facts

    def refusing(handle: int, text: str) -> tuple[int, int]:
        if refusal == "error":
            raise c_engine.error("Could not assert facts, error code: 101")
        code, state = real(handle, text)
        return (2 if refusal == "observed" else 3), state

    facts: dict[str, list[dict[str, FactValue]]] = {
        "c1": [{"rule": "a", "n": 9, "kind": "visit"}, {"rule": "a", "n": -1}],
        "c2": [{"rule": "b", "kind": "call"}, {"rule": "d"}]}
    want = evaluate(RULES, facts)
    monkeypatch.setattr(c_engine, "assert_facts", refusing)
    assert evaluate(RULES, facts) == want
    assert want["c1"].matches["a#0"] == [{"rule": "a", "n": 9, "kind": "visit"}]
    assert want["c1"].matches["a#1"] == [{"rule": "a", "n": -1}]

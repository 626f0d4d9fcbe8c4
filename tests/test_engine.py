"""The engine door: each test pins one item of shared/engine-notes.md or one measured quirk."""

from __future__ import annotations

import datetime as dt
import math
import random
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from checker.engine import door as engine
from checker.engine.door import CaseOutcome, EngineRule, FactValue, Ruleset, evaluate
from checker.engine.door_input import canonical
from checker.model.errors import EngineError

LATE = EngineRule("antenatal-hv-missing", {"$and": [{"high_risk": True}, {"$gte": {"weeks": 30}}]})
ARREARS = EngineRule("rent-arrears", {"$or": [{"$gt": {"arrears": 500}}, {"kind": "eviction"}]})
TEXT = EngineRule("section-21", {"$mt": {"text": ".*section 21.*"}})
RULES = Ruleset((LATE, ARREARS, TEXT))


def _facts(case_no: int) -> list[dict[str, object]]:
    """A small mixed set: some match, some don't, one repeated entry."""
    return [
        {"rule": "antenatal-hv-missing", "high_risk": True, "weeks": 30 + case_no % 3},
        {"rule": "antenatal-hv-missing", "high_risk": False, "weeks": 35},
        {"rule": "rent-arrears", "arrears": 100 * case_no},
        {"rule": "rent-arrears", "kind": "eviction", "arrears": 0},
        {"rule": "rent-arrears", "kind": "eviction", "arrears": 0},  # a legitimate repeat
        {"rule": "section-21", "text": "served a section 21 notice"},
        {"rule": "section-21", "text": "Section 21"},  # $mt is case-sensitive: no match
    ]


def _expected(case_no: int) -> CaseOutcome:
    arrears: list[dict[str, FactValue]] = (
        [{"rule": "rent-arrears", "arrears": 100 * case_no}] if 100 * case_no > 500 else []
    )
    eviction: dict[str, FactValue] = {"rule": "rent-arrears", "kind": "eviction", "arrears": 0}
    return CaseOutcome(
        matches={
            "antenatal-hv-missing": [
                {"rule": "antenatal-hv-missing", "high_risk": True, "weeks": 30 + case_no % 3}
            ],
            "rent-arrears": sorted([*arrears, eviction, eviction], key=canonical),
            "section-21": [{"rule": "section-21", "text": "served a section 21 notice"}],
        },
        errors={},
    )


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


# ------------------------------------------------------------------------------------ basic results


def test_matches_every_rule_and_keeps_repeated_facts() -> None:
    outcomes = evaluate(RULES, {f"case-{n}": _facts(n) for n in range(8)})
    assert list(outcomes) == sorted(f"case-{n}" for n in range(8))
    for n in range(8):
        assert outcomes[f"case-{n}"] == _expected(n)


def test_case_without_facts_lists_every_rule_unmatched() -> None:
    assert evaluate(RULES, {"empty": []}) == {
        "empty": CaseOutcome(matches={"antenatal-hv-missing": [], "rent-arrears": [], "section-21": []})
    }


def test_a_fact_only_reaches_its_own_rule() -> None:
    both = Ruleset((EngineRule("a", {"$ex": {"x": 1}}), EngineRule("b", {"$ex": {"x": 1}})))
    out = evaluate(both, {"c": [{"rule": "a", "x": 1}]})["c"]
    assert out.matches == {"a": [{"rule": "a", "x": 1}], "b": []}


def test_branches_of_one_rule_share_its_facts() -> None:
    branches = Ruleset(
        (
            EngineRule("late#0", {"$gte": {"weeks": 30}}),
            EngineRule("late#1", {"$and": [{"high_risk": True}, {"$gte": {"weeks": 20}}]}),
            EngineRule("other", {"$gte": {"weeks": 0}}),
        )
    )
    assert branches.branches == {"late": ("late#0", "late#1"), "other": ("other",)}
    both = {"rule": "late", "weeks": 31, "high_risk": True}
    one = {"rule": "late", "weeks": 25, "high_risk": True}
    out = evaluate(branches, {"c": [one, both]})["c"]
    assert out.matches == {
        "late#0": [both],
        "late#1": sorted([both, one], key=canonical),
        "other": [],
    }
    with pytest.raises(ValueError, match="'late#0', which is not a rule"):
        evaluate(branches, {"c": [{"rule": "late#0", "weeks": 1}]})


def test_unmatched_facts_do_not_hold_back_matched_ones() -> None:
    # notes 5/6: a batch with one unmatched fact raised and fired the rest seconds later.
    rule = EngineRule("r", {"$gt": {"n": 0}})
    facts = [{"rule": "r", "n": n} for n in range(-75, 76)]
    out = evaluate(Ruleset((rule,)), {"c": facts})["c"]
    assert [f["n"] for f in out.matches["r"]] == sorted(
        range(1, 76), key=lambda n: canonical({"rule": "r", "n": n})
    )


def test_cases_where_nothing_matches_on_a_fresh_ruleset() -> None:
    # Measured: durable's delete_state segfaulted on a session where no action had fired.
    fresh = Ruleset((EngineRule("fresh-nothing", {"$lt": {"n": 0}}),))
    cases = {f"c{i}": [{"rule": "fresh-nothing", "n": i}] for i in range(5)}
    cases["hit"] = [{"rule": "fresh-nothing", "n": -1}]
    out = evaluate(fresh, cases)
    assert [len(o.matches["fresh-nothing"]) for o in out.values()] == [0, 0, 0, 0, 0, 1]


def test_session_is_deleted_after_each_case() -> None:
    evaluate(RULES, {"a": _facts(1), "b": _facts(2)})
    run_id = next(engine._runs) - 1  # peek: the counter has moved past the run above
    name = engine._compiled[RULES.digest]
    assert engine._host is not None
    for sid in (f"{run_id}-0", f"{run_id}-1"):
        with pytest.raises(Exception, match="309"):  # durable: no such state
            engine._host.get_state(name, sid)


# ------------------------------------------------------------------------- compile once (notes 2, 3)


def test_each_distinct_ruleset_compiles_once() -> None:
    evaluate(RULES, {"c": _facts(1)})
    before = dict(engine._compiled)
    same_again = Ruleset((TEXT, LATE, ARREARS))  # a fresh, equal ruleset in another order
    assert same_again.digest == RULES.digest
    assert evaluate(same_again, {"c": _facts(1)})["c"] == _expected(1)
    assert engine._compiled == before


def test_digest_follows_content() -> None:
    changed = Ruleset((LATE, ARREARS, EngineRule("section-21", {"$mt": {"text": ".*s21.*"}})))
    assert changed.digest != RULES.digest
    assert len(RULES.digest) == 64


def test_condition_is_copied_so_later_mutation_cannot_change_the_rule() -> None:
    condition = {"$gt": {"n": 1}}
    rule = EngineRule("r", condition)
    digest = Ruleset((rule,)).digest
    condition["$gt"]["n"] = 100
    assert Ruleset((EngineRule("r", {"$gt": {"n": 1}}),)).digest == digest


def test_host_starts_no_threads() -> None:
    before = threading.active_count()
    evaluate(
        Ruleset((EngineRule("fresh-threads", {"$ex": {"x": 1}}),)), {"c": [{"rule": "fresh-threads", "x": 1}]}
    )
    assert threading.active_count() == before


# --------------------------------------------------------------------------------- order (notes 7)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_shuffled_facts_give_identical_output(seed: int) -> None:
    baseline = evaluate(RULES, {f"c{n}": _facts(n) for n in range(6)})
    rng = random.Random(seed)
    cases = {}
    for n in rng.sample(range(6), 6):  # case order shuffled too
        facts = [dict(f) for f in _facts(n)]
        rng.shuffle(facts)
        cases[f"c{n}"] = facts
    shuffled = evaluate(RULES, cases)
    assert shuffled == baseline
    assert list(shuffled) == list(baseline)
    assert [list(o.matches) for o in shuffled.values()] == [list(o.matches) for o in baseline.values()]


# ------------------------------------------------------------------------- action errors (notes 9)


def test_failing_action_marks_only_that_rule_errored() -> None:
    def hook(rule: str, fact: dict[str, FactValue]) -> None:
        if rule == "rent-arrears":
            raise RuntimeError("injected")

    out = evaluate(RULES, {"c1": _facts(1), "c9": _facts(9)}, _action_hook=hook)
    for n in (1, 9):
        got, want = out[f"c{n}"], _expected(n)
        assert got.errors == {"rent-arrears": "its action raised RuntimeError: injected"}
        assert got.matches["antenatal-hv-missing"] == want.matches["antenatal-hv-missing"]
        assert got.matches["section-21"] == want.matches["section-21"]
    assert evaluate(RULES, {"c1": _facts(1)})["c1"] == _expected(1)  # nothing sticks to the next run


def test_swallowed_exception_is_pinned_on_the_branch_that_raised() -> None:
    class Escaping(BaseException):
        pass

    def hook(rule: str, fact: dict[str, FactValue]) -> None:
        if rule == "x#0":
            raise Escaping("only x#0")

    rules = Ruleset((EngineRule("x#0", {"$gt": {"n": 0}}), EngineRule("x#1", {"$gt": {"n": 0}})))
    out = evaluate(rules, {"c": [{"rule": "x", "n": 1}, {"rule": "x", "n": 2}]}, _action_hook=hook)["c"]
    assert list(out.errors) == ["x#0"]
    assert out.matches["x#1"] == [{"rule": "x", "n": 1}, {"rule": "x", "n": 2}]


def test_exception_swallowed_by_durable_is_caught_from_the_state() -> None:
    # A BaseException escapes the door's own try/except; durable swallows it into state["exception"].
    class Escaping(BaseException):
        pass

    def hook(rule: str, fact: dict[str, FactValue]) -> None:
        if rule == "antenatal-hv-missing":
            raise Escaping("slipped through")

    out = evaluate(RULES, {"c4": _facts(4)}, _action_hook=hook)["c4"]
    assert list(out.errors) == ["antenatal-hv-missing"]
    assert "slipped through" in out.errors["antenatal-hv-missing"]
    want = _expected(4)
    assert out.matches["rent-arrears"] == want.matches["rent-arrears"]  # later facts, fresh session
    assert out.matches["section-21"] == want.matches["section-21"]


# -------------------------------------------------------------------------------- threads (notes 12)


def test_concurrent_evaluations_are_serialised_and_correct() -> None:
    results: dict[int, dict[str, CaseOutcome]] = {}
    failures: list[BaseException] = []

    def work(k: int) -> None:
        try:
            results[k] = evaluate(RULES, {f"t{k}-{n}": _facts(n + k) for n in range(5)})
        except BaseException as exc:  # surfaced in the main thread below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not failures
    for k in range(8):
        assert results[k] == {f"t{k}-{n}": _expected(n + k) for n in range(5)}


# --------------------------------------------------------------------------- repeated runs (notes 2)


def test_200_runs_over_two_rulesets_do_not_grow_threads_or_memory() -> None:
    other = Ruleset((EngineRule("other-rule", {"$lte": {"days": 10}}),))
    other_facts = {f"o{n}": [{"rule": "other-rule", "days": d} for d in range(n, n + 5)] for n in range(5)}
    evaluate(RULES, {"c": _facts(1)})
    evaluate(other, other_facts)  # both compiled
    threads, rss = threading.active_count(), _rss_mb()
    for i in range(200):
        if i % 2:
            out = evaluate(other, other_facts)
            assert [len(o.matches["other-rule"]) for o in out.values()] == [5, 5, 5, 5, 5]
        else:
            assert evaluate(RULES, {"c": _facts(i)})["c"] == _expected(i)
        assert threading.active_count() == threads
    assert _rss_mb() - rss < 50


# ---------------------------------------------------------------------------- conditions (notes 11)


@pytest.mark.parametrize(
    ("condition", "fact", "matches"),
    [
        ({"$lt": {"n": 5}}, {"n": 4}, True),
        ({"$lt": {"n": 5}}, {"n": 5}, False),
        ({"$lte": {"n": 5}}, {"n": 5}, True),
        ({"$gt": {"n": 5}}, {"n": 5.5}, True),
        ({"$gte": {"n": 5}}, {"n": 4.9}, False),
        ({"$neq": {"kind": "gp"}}, {"kind": "hv"}, True),
        ({"$neq": {"kind": "gp"}}, {}, False),  # $neq needs the field to exist
        ({"$ex": {"kind": 1}}, {"kind": "x"}, True),
        ({"$ex": {"kind": 1}}, {}, False),
        ({"$nex": {"kind": 1}}, {}, True),
        ({"$nex": {"kind": 1}}, {"kind": None}, False),  # a None value counts as present
        ({"kind": None}, {"kind": None}, True),
        ({"flag": True}, {"flag": True}, True),
        ({"$mt": {"text": ".*section 21.*"}}, {"text": "a section 21 notice"}, True),
        ({"$mt": {"text": "section"}}, {"text": "section 21"}, False),  # anchored to the whole string
        ({"$mt": {"text": ".*section 21.*"}}, {"text": "Section 21"}, False),  # case-sensitive
        ({"$and": [{"$gt": {"n": 1}}, {"$lt": {"n": 3}}]}, {"n": 2}, True),
        ({"$and": [{"$gt": {"n": 1}}, {"$lt": {"n": 3}}]}, {"n": 3}, False),
        ({"$or": [{"kind": "a"}, {"$and": [{"kind": "b"}, {"$gt": {"n": 0}}]}]}, {"kind": "b", "n": 1}, True),
        ({"$gt": {"a": {"$m": "b"}}}, {"a": 2, "b": 1}, True),  # compare two fields of the fact
        ({"$gt": {"a": {"$add": {"$l": {"$m": "b"}, "$r": 1}}}}, {"a": 2, "b": 1}, False),
        ({"text": 'quote " back \\ slash'}, {"text": 'quote " back \\ slash'}, True),
        ({"name": "Zoë"}, {"name": "Zoë"}, True),
    ],
)
def test_operators(condition: dict[str, object], fact: dict[str, object], matches: bool) -> None:
    out = evaluate(Ruleset((EngineRule("op", condition),)), {"c": [{"rule": "op", **fact}]})["c"]
    assert out.errors == {}
    assert out.matches["op"] == ([{"rule": "op", **fact}] if matches else [])


@pytest.mark.parametrize(
    ("condition", "why"),
    [
        ({"$and": []}, "non-empty list"),  # durable spins forever on this one
        ({"$or": []}, "non-empty list"),
        ({"a": 1, "b": 2}, "exactly one key"),  # durable silently checks only the first
        ({"$gt": {"a": 1, "b": 2}}, "exactly one field"),
        ({}, "exactly one key"),
        ({"$foo": {"a": 1}}, "unknown operator"),
        ({"$and": {"a": 1}}, "non-empty list"),
        ({"a": [1, 2]}, "not JSON-native"),
        ({"a": {"b": 1}}, "expected a value"),
        ({"$mt": {"a": 5}}, "pattern must be a string"),
        ({"$gt": {"a": math.nan}}, "not a finite number"),
        ({"$gt": {"a": 1e-05}}, "cannot parse the float"),
        ({"$gt": {"a": 2**64}}, "64-bit"),
    ],
)
def test_malformed_condition_is_an_engine_error_naming_the_rule(
    condition: dict[str, object], why: str
) -> None:
    with pytest.raises(EngineError, match=rf"Rule 'bad-rule'.*{why}"):
        EngineRule("bad-rule", condition)


def test_condition_the_c_engine_rejects_names_the_rule() -> None:
    ok = EngineRule("fine", {"$ex": {"x": 1}})
    bad = EngineRule("bad-regex", {"$mt": {"text": "(("}})
    with pytest.raises(EngineError, match=r"rule 'bad-regex': .*error code: 508") as info:
        evaluate(Ruleset((ok, bad)), {})
    assert "'fine'" not in str(info.value)
    assert Ruleset((ok, bad)).digest not in engine._compiled


def test_ruleset_and_rule_names_are_checked() -> None:
    with pytest.raises(EngineError, match="repeated: a"):
        Ruleset((EngineRule("a", {"x": 1}), EngineRule("a", {"x": 2})))
    with pytest.raises(EngineError, match="not usable"):
        EngineRule("m_1$not", {"x": 1})


# -------------------------------------------------------------------------------- facts (notes 10)


def test_numpy_scalars_become_python() -> None:
    rule = Ruleset((EngineRule("np", {"$gt": {"n": 1}}),))
    fact = {"rule": np.str_("np"), "n": np.int64(2), "x": np.float64(0.5), "ok": np.bool_(True)}
    [got] = evaluate(rule, {"c": [fact]})["c"].matches["np"]
    assert got == {"rule": "np", "n": 2, "x": 0.5, "ok": True}
    assert [type(v) for v in got.values()] == [str, int, float, bool]


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (pd.Timestamp("2019-03-01"), TypeError, r"key 'when': pandas.*Timestamp.*ISO"),
        (dt.date(2019, 3, 1), TypeError, r"key 'when': datetime.date"),
        (np.datetime64("2019-03-01"), TypeError, r"key 'when': datetime.date"),
        ({"nested": 1}, TypeError, r"key 'when': builtins.dict"),
        ([1, 2], TypeError, r"key 'when': builtins.list"),
        (math.nan, ValueError, r"key 'when': nan is not a finite number"),
        (np.float64("inf"), ValueError, r"key 'when': inf is not a finite number"),
        (1e-05, ValueError, r"key 'when': .*cannot parse the float 1e-05"),
        (2**63, ValueError, r"key 'when': .*64-bit"),
    ],
)
def test_bad_fact_values_are_refused_naming_the_key(
    value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=rf"Case 'c7', fact 0, {message}"):
        evaluate(RULES, {"c7": [{"rule": "section-21", "when": value}]})


@pytest.mark.parametrize("key", ["sid", "id", "_seq"])
def test_reserved_keys_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match=f"key '{key}' is reserved"):
        evaluate(RULES, {"c": [{"rule": "section-21", key: 1}]})


def test_fact_size_and_rule_are_checked() -> None:
    widest = {"rule": "op-wide", **{f"k{i}": i for i in range(engine.MAX_FACT_KEYS - 1)}}
    wide = Ruleset((EngineRule("op-wide", {"$ex": {"k0": 1}}),))
    assert evaluate(wide, {"c": [widest]})["c"].matches["op-wide"] == [widest]
    with pytest.raises(ValueError, match="at most 251"):
        evaluate(wide, {"c": [{**widest, "one-more": 1}]})
    with pytest.raises(ValueError, match=r"'rule' is 'nope', which is not a rule of this ruleset"):
        evaluate(RULES, {"c": [{"rule": "nope"}]})
    with pytest.raises(ValueError, match=r"'rule' is None"):
        evaluate(RULES, {"c": [{"kind": "x"}]})
    with pytest.raises(TypeError, match="sequence of dicts"):
        evaluate(RULES, {"c": {"rule": "section-21"}})  # type: ignore[dict-item]


def test_caller_facts_are_not_mutated() -> None:
    facts = _facts(3)
    snapshot = [dict(f) for f in facts]
    out = evaluate(RULES, {"c": facts})
    assert facts == snapshot
    out["c"].matches["section-21"][0]["text"] = "changed"
    assert evaluate(RULES, {"c": facts})["c"] == _expected(3)


def test_a_durable_rules_built_without_the_313_fix_says_what_to_run() -> None:
    from checker.engine.door_input import DURABLE_313_FIX, durable_import_hint

    broken = ImportError("durable_rules_engine.cpython-313-x86_64-linux-gnu.so: undefined symbol: PyEval_CallObject")
    hint = durable_import_hint(broken)
    assert DURABLE_313_FIX in hint and "Python 3.13" in hint
    assert "PyEval_CallObject=PyObject_CallObject" in DURABLE_313_FIX
    assert "reinstall" in durable_import_hint(ImportError("No module named 'durable'"))

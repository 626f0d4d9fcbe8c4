"""The one door to durable-rules: evaluate compiled rules against per-case facts, in batch.

    outcomes = evaluate(Ruleset((EngineRule("hv-late", {"$gte": {"weeks": 30}}),)),
                        {"case-1": [{"rule": "hv-late", "weeks": 31}]})
    outcomes["case-1"].matches["hv-late"]   # [{"rule": "hv-late", "weeks": 31}]

No other module may import `durable`. What this door absorbs, numbered as in docs/engine.md (the
measured behaviour of durable-rules 2.0.28):

 2. One process-wide host, no unregister, timer threads that never stop: the door owns a single host
    whose background dispatch/timer threads are never started (every action here fires inline), and
    compiles each distinct rule set once per process, keyed by its content digest.
 3. `register_rulesets` mutates its argument: the definition is rebuilt from the rule models each time.
 4. Unmatched facts raise `MessageNotHandledException` (caught: it is normal); identical facts in one
    session raise `MessageObservedException` (prevented: the door adds a `_seq` identity to every fact).
    The engine also treats a fact's `id` key as its identity, so `id` (like `sid`) is a reserved key.
 5, 6. Batches fire late on another thread, because durable's Python wrapper raises for a batch with an
    unmatched fact before it runs the actions: the door asserts each case's facts as one batch into one
    session (sid = run + case) through the C engine itself, which reports the session either way, and
    then runs every action the session holds, inline, before deleting it. Should the engine refuse a
    batch, that case is asserted again one `assert_fact` per fact (the reference path, which the test
    seam `_action_hook` always takes: only there can an action fail).
 7. Order sensitivity: facts are sorted canonically before asserting and matches are returned sorted.
    (Each rule is a single-fact pattern, so negation across facts never arises here.)
 8. Events fire only one rule: only facts are used.
 9. Exceptions in actions are swallowed: each action is wrapped, and the returned state is checked for
    `exception` after every call; either way the rule is reported in `CaseOutcome.errors`.
 10. Facts must be JSON the C parser accepts: values are checked/converted at the door (numpy scalars
    become Python; dates, NaN, nested values, ints outside int64 and floats such as `1e-05` that
    Python writes in exponent form without a decimal point are refused, naming the key); at most 251
    keys per fact (the engine's limit of 253 includes the door's `sid` and `_seq`).
 11. `$mt` is whole-string, case-sensitive: normalise text upstream (the door only checks it is a str).
 12. No locks in the engine: one module-level lock; no two threads are ever inside it at once.

Measured here as well (docs/engine.md, tests/test_engine.py):
 - `delete_state` segfaults on a session in which no action ever fired (e.g. a case whose facts all
   miss, on a freshly compiled ruleset): every session is opened with a fact for an internal no-op
   rule (`maca:open`), so an action has always fired before the delete.
 - At most 1024 sessions may be alive per ruleset (then `MemoryError`): the door keeps one alive.
 - `{"$and": []}` makes the engine spin forever, and an object holding several comparisons
   (`{"a": 1, "b": 2}`) silently uses only the first: conditions are validated before compiling (one
   key per object, non-empty `$and`/`$or`); the C compiler's own refusals are traced to the rule.
Each rule only ever sees facts whose `rule` is its rule id (its name up to any `#`; the door ANDs
that in), so one fact can reach several branches `x#0`, `x#1` of rule `x` but never another rule.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from checker.engine.door_input import (
    MAX_FACT_KEYS,
    CaseOutcome,
    EngineRule,
    FactValue,
    Ruleset,
    durable_import_hint,
    prepare_case,
)
from checker.model.errors import EngineError

try:
    import durable_rules_engine  # type: ignore[import-not-found]
    from durable import engine as _durable  # type: ignore[import-untyped]
except ImportError as _exc:  # pragma: no cover - depends on how durable-rules was built
    raise ImportError(durable_import_hint(_exc)) from _exc

__all__ = ["EngineRule", "Ruleset", "CaseOutcome", "FactValue", "ActionHook", "evaluate", "MAX_FACT_KEYS"]

ActionHook = Callable[[str, dict[str, FactValue]], None]
"""Test seam: called as hook(rule_name, fact) inside every action; raising makes that rule errored."""

_OPENER = "maca:open"  # internal rule; ':' keeps it apart from rule ids


# -------------------------------------------------------------------------------------------- engine


class _BatchHost(_durable.Host):  # type: ignore[misc]
    """durable's Host without its two never-ending dispatch/timer threads.

    Those threads only drain work queued by batches, events and timers, none of which the door uses;
    left running they would also enter the C engine outside the door's lock.
    """

    def _run(self) -> None:
        pass


class _CaseRun:
    """Collects what the actions of one case report."""

    def __init__(self, facts: list[dict[str, FactValue]], hook: ActionHook | None) -> None:
        self.facts = facts
        self.hook = hook
        self.matched: dict[str, list[int]] = {}
        self.errors: dict[str, str] = {}
        self.in_flight: list[str] = []  # rules whose action started and did not return

    def on_match(self, rule: str, seq: int) -> None:
        try:
            if self.hook is not None:
                self.hook(rule, dict(self.facts[seq]))
            self.matched.setdefault(rule, []).append(seq)
        except Exception as exc:  # any failure of one rule's action is that rule's error, not the run's
            self.fail(rule, f"its action raised {type(exc).__name__}: {exc}")

    def fail(self, rule: str, reason: str) -> None:
        self.errors.setdefault(rule, reason)


_LOCK = threading.Lock()
_host: _BatchHost | None = None
_compiled: dict[str, str] = {}  # ruleset digest -> durable ruleset name
_current: _CaseRun | None = None
_runs = itertools.count(1)


def _make_action(rule: str) -> Callable[[Any], None]:
    def action(c: Any) -> None:
        run = _current
        if run is None:  # cannot happen: no engine threads run outside evaluate()
            raise RuntimeError(f"rule {rule!r} fired outside evaluate()")
        run.in_flight.append(rule)
        run.on_match(rule, c.m["_seq"])
        run.in_flight.remove(rule)  # not reached if something escaped on_match: the backstop sees it

    return action


def _compile(ruleset: Ruleset) -> str:
    """Register `ruleset` with the host once per process; return its durable name. Caller holds _LOCK."""
    global _host
    digest = ruleset.digest
    if digest in _compiled:
        return _compiled[digest]
    if _host is None:
        _host = _BatchHost()
    name = "maca_" + digest[:16]
    rules: dict[str, Any] = {rule.name: {"all": [{"m": _guarded(rule)}], "run": _make_action(rule.name)}
                             for rule in ruleset.rules}  # fmt: skip
    rules[_OPENER] = {"all": [{"m": {"rule": _OPENER}}], "run": _open_action}
    definition = {name: rules}
    try:
        _host.register_rulesets(definition)
    except durable_rules_engine.error as exc:
        raise EngineError(_explain_compile_failure(ruleset, exc)) from exc
    except Exception as exc:  # durable raises bare Exception, e.g. "already registered"
        raise EngineError(f"durable-rules refused ruleset {name}: {exc}") from exc
    _compiled[digest] = name
    return name


def _open_action(c: Any) -> None:
    """Fires once per session so that the session is fully initialised before it is deleted."""


def _guarded(rule: EngineRule) -> dict[str, Any]:
    return {"$and": [{"rule": rule.rule_id}, rule.condition]}


def _explain_compile_failure(ruleset: Ruleset, exc: Exception) -> str:
    """Compile each rule alone (then drop it) to name the rules the C engine rejects."""
    bad = []
    for rule in ruleset.rules:
        definition = json.dumps({rule.name: {"all": [{"m": _guarded(rule)}]}}, ensure_ascii=False)
        try:
            handle = durable_rules_engine.create_ruleset("maca_probe", definition)
        except durable_rules_engine.error as rule_exc:
            bad.append(f"rule {rule.name!r}: {rule_exc}")
        else:
            durable_rules_engine.delete_ruleset(handle)
    detail = "; ".join(bad) if bad else f"no single rule fails on its own ({exc})"
    return f"The rule engine rejected the ruleset: {detail}. Check those rules' conditions."


def _error_code(exc: Exception) -> str:
    match = re.search(r"error code: (\d+)", str(exc))
    return match.group(1) if match else "?"


def _delete_state(name: str, sid: str) -> None:
    assert _host is not None
    try:
        _host.delete_state(name, sid)
    except durable_rules_engine.error as exc:
        if _error_code(exc) != "309":  # 309: no state for that sid (nothing was stored)
            raise EngineError(f"The rule engine could not clear session {sid}: {exc}") from exc


def _open_session(name: str, sid: str) -> None:
    """Start a session with a fact that fires a no-op action.

    Measured: `delete_state` segfaults on a session in which no action has ever fired, unless the C
    engine happens to reuse a slot of an earlier, deleted session. Opening every session this way
    makes the delete safe.
    """
    assert _host is not None
    try:
        state = _host.assert_fact(name, {"rule": _OPENER, "sid": sid})
    except (_durable.MessageNotHandledException, durable_rules_engine.error) as exc:
        raise EngineError(f"The rule engine could not open session {sid}: {exc}") from exc
    if not isinstance(state, dict) or state.get("exception"):
        raise EngineError(f"The rule engine could not open session {sid}: {state!r}")


def _take_actions(handle: int, state: int, run: _CaseRun) -> int:
    """Run every action session `state` holds, in the engine's order, recording each match (the door's own
    action, without durable's Python machinery: nothing in it can fail); return how many openers fired."""
    openers = 0
    result = durable_rules_engine.start_action_for_state(handle, state)
    message = result[1] if result else None
    while message:
        ((rule, body),) = json.loads(message).items()
        if rule == _OPENER:
            openers += 1
        else:
            run.on_match(rule, body["m"]["_seq"])
        message = durable_rules_engine.complete_and_start_action(handle, state)
    return openers


def _run_case_batched(name: str, sid: str, run: _CaseRun) -> bool:
    """Assert the case's facts as one batch into session `sid`, take the actions, delete the session.
    False when the engine refused the batch (the caller drops what was recorded and asserts the facts one
    by one)."""
    assert _host is not None
    if not run.facts:
        return True
    handle = _host.get_ruleset(name)._handle
    try:  # the opener alone first: an action has fired, so the delete below is safe whatever follows
        code, state = durable_rules_engine.assert_fact(handle, json.dumps({"rule": _OPENER, "sid": sid}))
    except durable_rules_engine.error as exc:
        raise EngineError(f"The rule engine could not open session {sid}: {exc}") from exc
    if code != 0:
        raise EngineError(f"The rule engine could not open session {sid}: result {code}")
    try:
        _take_actions(handle, state, run)
        batch = [{**fact, "_seq": seq, "sid": sid} for seq, fact in enumerate(run.facts)]
        # Measured: the C engine stops reading a batch, silently, at a fact it cannot parse (a string over
        # 16 MB): a last opener whose action fires shows it read every fact.
        batch.append({"rule": _OPENER, "sid": sid, "_seq": len(batch)})
        try:
            code, state = durable_rules_engine.assert_facts(handle, json.dumps(batch, ensure_ascii=False))
        except durable_rules_engine.error:
            return False
        if code not in (0, 1):  # 1: some fact matched no rule (normal); 2 observed, 3 deferred: not ours
            return False
        return _take_actions(handle, state, run) == 1
    finally:
        _delete_state(name, sid)


def _run_case(name: str, sid: str, run: _CaseRun, branches: Mapping[str, tuple[str, ...]]) -> None:
    """Assert the case's facts one by one into session `sid`, then delete the session. Caller holds _LOCK."""
    assert _host is not None
    if not run.facts:
        return
    sessions = itertools.count(1)
    session = sid
    _open_session(name, session)
    try:
        for seq, fact in enumerate(run.facts):
            rules = branches[str(fact["rule"])]  # the engine rules this fact can reach
            message = {**fact, "_seq": seq, "sid": session}
            run.in_flight.clear()
            try:
                state = _host.assert_fact(name, message)
            except _durable.MessageNotHandledException:
                continue  # the fact matched no rule: normal
            except _durable.MessageObservedException as exc:
                raise EngineError(f"The rule engine saw fact {seq} of session {sid} twice.") from exc
            except durable_rules_engine.error as exc:
                for rule in rules:
                    run.fail(
                        rule, f"the engine could not take one of its facts (error code {_error_code(exc)})"
                    )
                continue
            swallowed = state.get("exception") if isinstance(state, dict) else None
            if swallowed:
                for rule in run.in_flight or rules:
                    run.fail(rule, f"its action failed inside the engine: {str(swallowed)[:500]}")
                # The exception sticks to the session; rules match single facts, so a fresh one loses nothing.
                _delete_state(name, session)
                session = f"{sid}.{next(sessions)}"
                _open_session(name, session)
    finally:
        _delete_state(name, session)


def evaluate(
    ruleset: Ruleset,
    facts_by_case: Mapping[str, Sequence[Mapping[str, object]]],
    *,
    _action_hook: ActionHook | None = None,
) -> dict[str, CaseOutcome]:
    """Run every case's facts through `ruleset`; the result is keyed by case id, in sorted order.

    Facts are flat dicts whose `rule` is the rule id they are for. Bad facts raise TypeError or
    ValueError naming case, fact and key before the engine is touched. Thread-safe (one lock).
    """
    global _current
    if not isinstance(ruleset, Ruleset):
        raise TypeError(f"evaluate() needs a Ruleset, got {type(ruleset).__name__}.")
    ordered = sorted(ruleset.names)
    branches = ruleset.branches
    prepared = {
        case: prepare_case(case, facts, frozenset(branches)) for case, facts in facts_by_case.items()
    }
    outcomes: dict[str, CaseOutcome] = {}
    with _LOCK:
        durable_name = _compile(ruleset)
        run_id = next(_runs)
        for index, case in enumerate(sorted(prepared)):
            run = _CaseRun(prepared[case], _action_hook)
            sid = f"{run_id}-{index}"
            if _action_hook is not None or not _run_case_batched(durable_name, sid, run):
                run = _CaseRun(prepared[case], _action_hook)  # the reference path, from nothing recorded
                _current = run
                try:
                    _run_case(durable_name, f"{sid}.0" if _action_hook is None else sid, run, branches)
                finally:
                    _current = None
            matches = {rule: [dict(run.facts[seq]) for seq in sorted(run.matched[rule])] if rule in run.matched
                       else [] for rule in ordered}  # fmt: skip
            outcomes[case] = CaseOutcome(matches=matches, errors=dict(sorted(run.errors.items())))
    return outcomes

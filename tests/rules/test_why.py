"""Why a rule did or did not flag a case (`checker.engine.why`): each condition part's value and whether it held,
the entries each tested field came from and how each was read, and why a skipped rule did not run.

The cases are the team's own invented text, written as a small bundle; what each explanation must say is worked
out from the rule's definition (contingency-plan-missing: flag when a known risk or a plan is recorded and no
contingency plan), not from the code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.check import check_overrides, run_check
from checker.engine.catalogue import Example, load_catalogue
from checker.engine.why import Explainer
from checker.examples import write_example_bundle
from checker.intake.bundle import load_bundle

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
RULE = CATALOGUE.get("contingency-plan-missing")
AS_OF = dt.date(2020, 6, 1)
CIN = {"plans": [{"type": "child_in_need", "start": "2020-01-06"}]}


def _example(name: str, rows: list[dict[str, str]], case: dict | None = None) -> Example:
    return Example.model_validate({"name": name, "expect": "pass", "case": case or {}, "rows": rows})


CASES = {
    # a CIN plan and a contingency agreed: contingency is 1, so `contingency == 0` fails in both conditions
    "with-contingency": _example("plan with contingency", [
        {"agency": "csc", "date": "13/01/2020", "event": "Core group held. Contingency plan agreed: if dad moves "
                                                           "out, grandmother to stay and SW to be told the same day."},
    ], CIN),
    # a plan and a contingency written as absent: the rule flags, and the negated contingency shows as not counted
    "no-contingency": _example("plan, contingency absent", [
        {"agency": "csc", "date": "13/01/2020", "event": "Core group held. No contingency plan in place yet."},
    ], CIN),
    # no plan, no risk: the rule has nothing to check (skipped)
    "nothing": _example("no plan no risk", [
        {"agency": "gp", "date": "13/01/2020", "event": "Seen for a chest infection, antibiotics."},
    ]),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("why")
    write_example_bundle(RULE, list(CASES.items()), folder, AS_OF)
    result = run_check(load_bundle(folder, today=AS_OF), as_of=AS_OF, catalogue=CATALOGUE)
    explainer = Explainer(result.context(), result.catalogue, check_overrides(result.manifest, result.catalogue))
    return result, explainer


def _parts(why, held):
    return {(c.branch, p.field) for f in why.facts for c in f.conditions for p in c.parts if p.held is held}


def test_a_rule_that_did_not_flag_names_the_condition_part_that_was_false(checked):
    _, explainer = checked
    why = explainer.explain(RULE.id, "with-contingency")
    assert why.outcome == "passed"
    # condition 1 (risk >= 1 and contingency == 0): no risk recorded and a contingency recorded, both false;
    # condition 2 (plan >= 1 and contingency == 0): the plan holds, the contingency part is what failed
    assert _parts(why, held=False) == {(0, "risk"), (0, "contingency"), (1, "contingency")}
    assert _parts(why, held=True) == {(1, "plan")}
    failed = {(p.field, p.actual) for p in why.false_parts()}
    assert failed == {("risk", 0), ("contingency", 1)}
    text = "\n".join(why.lines())
    assert "contingency == 0 was false (contingency is 1)" in text
    assert "plan >= 1: value 2 — held" in text  # the core group entry and the CIN plan in audit.yaml


def test_the_entries_a_tested_field_came_from_are_shown_with_how_each_was_read(checked):
    _, explainer = checked
    why = explainer.explain(RULE.id, "with-contingency")
    (fact,) = why.facts
    (source,) = fact.sources["contingency"]
    assert source.counted_total == 1
    (entry,) = source.counted
    assert "grandmother to stay" in entry.text and entry.date == "13/01/2020" and entry.agency == "csc"
    reading = next(r for r in entry.readings if r["kind"] == "contingency_plan")
    assert reading["counted"] is True and reading["status"] == "done" and reading["words"]
    assert fact.sources["risk"][0].counted_total == 0  # no known risk was read anywhere in the case
    assert any("audit.yaml" in line for line in fact.other_evidence)  # the plan came from audit.yaml


def test_a_flagged_rule_shows_every_part_of_the_matching_condition_held_and_what_did_not_count(checked):
    result, explainer = checked
    why = explainer.explain(RULE.id, "no-contingency")
    assert why.outcome == "flagged"
    assert any(f["rule"] == RULE.id and f["case"] == "no-contingency" for f in result.flags)
    (fact,) = why.facts
    assert [c.held for c in fact.conditions] == [False, True]  # no risk; a plan and no contingency
    assert _parts(why, held=False) == {(0, "risk")}
    (source,) = fact.sources["contingency"]
    assert source.counted_total == 0 and source.not_counted_total == 1
    (reading,) = [r for r in source.not_counted[0].readings if r["kind"] == "contingency_plan"]
    assert reading["status"] == "negated" and reading["counted"] is False
    assert 'contingency_plan, negated, not counted' in "\n".join(why.lines())


def test_a_skipped_rule_says_why_it_did_not_run(checked):
    result, explainer = checked
    why = explainer.explain(RULE.id, "nothing")
    run = next(o for o in result.outcomes if o.rule == RULE.id and o.case == "nothing")
    assert why.outcome == run.outcome == "skipped"
    assert why.reason == run.reason and "plans and planning meetings" in why.reason
    assert why.facts == () and why.false_parts() == []
    text = "\n".join(why.lines())
    assert "SKIPPED" in text and why.reason in text
    assert "plan >= 1 and contingency == 0" in text  # what it would have tested


def test_unknown_rule_or_case_is_a_key_error(checked):
    _, explainer = checked
    with pytest.raises(KeyError):
        explainer.explain("no-such-rule", "nothing")
    with pytest.raises(KeyError):
        explainer.explain(RULE.id, "no-such-case")


def test_every_explanation_on_the_sample_agrees_with_the_check(tmp_path):
    """The outcome explained is the check's own for every risk rule and case; a matched fact has a condition whose
    every part held, and a passed case none."""
    result = run_check(load_bundle(ROOT / "samples" / "homelessness"))
    explainer = Explainer(result.context(), result.catalogue, check_overrides(result.manifest, result.catalogue))
    seen = set()
    for outcome in result.outcomes:
        why = explainer.explain(outcome.rule, outcome.case)
        seen.add(why.outcome)
        assert why.outcome == outcome.outcome, (outcome, why.lines())
        assert why.notes == ()
        if why.outcome == "passed":
            assert why.facts and why.false_parts() and not any(f.matched for f in why.facts)
        if why.outcome == "flagged":
            assert any(all(p.held for p in c.parts) for f in why.facts for c in f.conditions)
    assert seen == {"flagged", "passed", "skipped"}

"""Outcomes per rule and case: errors inside a rule or a derivation are reported, never shown as passed;
results do not depend on the order of the input."""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

from checker.check import prepare, run_check
from checker.engine import door as engine
from checker.engine.catalogue import load_catalogue
from checker.facts import REGISTRY
from checker.intake.bundle import load_bundle

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "homelessness"


@cache
def _bundle():
    return load_bundle(SAMPLE)


def _outcomes(result):
    return {(o.rule, o.case): o for o in result.outcomes}


def test_every_rule_has_an_outcome_for_every_case():
    result = run_check(_bundle())
    cases = [c.id for c in _bundle().manifest.cases]
    rules = [r.id for r in load_catalogue().by_category("risk")]
    assert set(_outcomes(result)) == {(r, c) for r in rules for c in cases}
    flagged = {(f["rule"], f["case"]) for f in result.flags}
    for key, outcome in _outcomes(result).items():
        assert (outcome.outcome == "flagged") == (key in flagged)
        if outcome.outcome == "skipped":
            assert outcome.reason, key


def test_a_failing_derivation_marks_only_its_rules_errored(monkeypatch):
    spec = REGISTRY["rolling_count"]

    def boom(ctx, args):
        raise RuntimeError("simulated failure")

    monkeypatch.setitem(REGISTRY, "rolling_count", type(spec)(spec.name, spec.args, boom, spec.doc, spec.outputs))
    result = run_check(_bundle())
    outcomes = _outcomes(result)
    errored = {rule for (rule, _), o in outcomes.items() if o.outcome == "errored"}
    assert errored == {"repeat-referrals"}
    assert "simulated failure" in outcomes[("repeat-referrals", "case-5")].reason
    assert not any(f["rule"] == "repeat-referrals" for f in result.flags)
    assert any(f["rule"] == "imminent-eviction" for f in result.flags)


def test_an_exception_inside_a_rule_action_marks_that_rule_errored(monkeypatch):
    real = engine.evaluate

    def failing(ruleset, facts_by_case, **kwargs):
        def hook(rule, fact):
            if rule.startswith("antenatal-hv-missing"):
                raise ValueError("action failed")

        return real(ruleset, facts_by_case, _action_hook=hook)

    monkeypatch.setattr(engine, "evaluate", failing)
    result = run_check(_bundle())
    outcomes = _outcomes(result)
    assert outcomes[("antenatal-hv-missing", "case-1")].outcome == "errored"
    assert not any(f["rule"] == "antenatal-hv-missing" for f in result.flags)
    others = {o.outcome for (rule, _), o in outcomes.items() if rule != "antenatal-hv-missing"}
    assert "errored" not in others
    assert any(f["rule"] == "contingency-plan-missing" for f in result.flags)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_rows_and_manifest_order_give_byte_identical_json(seed):
    bundle = _bundle()
    baseline = run_check(bundle).dumps()
    rng = random.Random(seed)
    shuffled = bundle.chronology.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    manifest = bundle.manifest.model_copy(deep=True)
    rng.shuffle(manifest.cases)
    rng.shuffle(manifest.agencies)
    rng.shuffle(manifest.submissions.chronologies)
    from checker.intake.bundle import LoadedBundle

    other = LoadedBundle(manifest=manifest, chronology=shuffled, returns=list(reversed(bundle.returns)),
                         problems=bundle.problems, counts=list(reversed(bundle.counts)), digest=bundle.digest)
    assert run_check(other).dumps() == baseline


def test_flag_ids_survive_added_and_reordered_rows():
    bundle = _bundle()
    before = {f["id"] for f in run_check(bundle).flags}
    frame = bundle.chronology.copy()
    frame["row"] = frame["row"] + 5  # rows added above every entry in every file
    from checker.intake.bundle import LoadedBundle

    moved = LoadedBundle(manifest=bundle.manifest, chronology=frame, returns=bundle.returns,
                         problems=bundle.problems, counts=bundle.counts, digest="changed")
    after = {f["id"] for f in run_check(moved).flags}
    assert after == before


def test_flags_carry_evidence_with_file_row_and_excerpt():
    for flag in run_check(_bundle()).flags:
        assert flag["evidence"], flag["rule"]
        for item in flag["evidence"]:
            assert item["file"]
            if item["file"] != "audit.yaml" and not item["file"].startswith("returns/"):
                assert isinstance(item["row"], int) and item["excerpt"]
        json.dumps(flag)


def test_prepare_is_deterministic():
    a = prepare(_bundle())
    b = prepare(_bundle())
    assert a["entry_id"].tolist() == b["entry_id"].tolist()


def test_a_reason_both_fact_sources_give_is_said_once(monkeypatch):
    """drift-and-delay reads follow_up and gap_in_plan: skipped by both for one reason, the reason is said once."""
    from checker.facts.context import Derived

    def skip_all(ctx, args):
        out = Derived()
        out.skipped.update({case: "no records for this case" for case in ctx.case_ids()})
        return out

    for name in ("follow_up", "gap_in_plan"):
        spec = REGISTRY[name]
        monkeypatch.setitem(REGISTRY, name, type(spec)(spec.name, spec.args, skip_all, spec.doc, spec.outputs))
    outcome = _outcomes(run_check(_bundle()))[("drift-and-delay", "case-1")]
    assert (outcome.outcome, outcome.reason) == ("skipped", "no records for this case")


def test_an_errored_rule_is_one_terminal_line_naming_its_cases(monkeypatch):
    """A rule that errors on every case prints one grouped line, not one line per case."""
    from click.testing import CliRunner

    from checker.cli.main import main

    spec = REGISTRY["rolling_count"]

    def boom(ctx, args):
        raise RuntimeError("simulated failure")

    monkeypatch.setitem(REGISTRY, "rolling_count", type(spec)(spec.name, spec.args, boom, spec.doc, spec.outputs))
    ran = CliRunner().invoke(main, ["check", str(SAMPLE)])
    assert ran.exit_code == 0, ran.output
    lines = [line for line in ran.output.splitlines() if "ERRORED" in line]
    cases = len(_bundle().manifest.cases)
    assert len(lines) == 1 and f"ERRORED on {cases} cases: repeat-referrals" in lines[0]

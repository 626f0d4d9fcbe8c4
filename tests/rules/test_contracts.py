"""Rule contracts: a rule tests and quotes only fields its derivation declares, and derivations keep their word."""

from __future__ import annotations

import shutil
import string
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.check import default_as_of, prepare
from checker.engine.catalogue import RULES_DIR, load_catalogue, resolve
from checker.engine.contracts import rule_fields
from checker.facts import REGISTRY, Context, Derived
from checker.facts.contract import Output, type_problem
from checker.intake.bundle import load_bundle
from checker.model.errors import RuleError

ROOT = RULES_DIR.parent
CATALOGUE = load_catalogue()


def _broken(tmp_path: Path, rule_id: str, change) -> list[str]:
    """Copy rules/, apply `change` to one rule file's data, load the copy: the problems reported."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    path = next(rules.glob(f"*/{rule_id}.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    return info.value.problems


def test_a_misspelt_field_in_a_condition_fails_to_load_naming_file_and_field(tmp_path):
    def misspell(data):
        data["when"][0]["all"][0]["field"] = "high_risks"

    (problem,) = _broken(tmp_path, "antenatal-hv-missing", misspell)
    assert "rules/risk/antenatal-hv-missing.yaml: when[0].all[0].field: 'high_risks'" in problem
    assert "'pregnancy_contact' derivation" in problem and "did you mean 'high_risk'" in problem


def test_a_misspelt_placeholder_in_a_message_fails_to_load_naming_file_and_placeholder(tmp_path):
    def misspell(data):
        data["message"] = data["message"].replace("{eviction_date}", "{eviction_dat}")

    (problem,) = _broken(tmp_path, "imminent-eviction", misspell)
    assert "rules/risk/imminent-eviction.yaml: message: placeholder {eviction_dat}" in problem
    assert "did you mean 'eviction_date'" in problem


def test_a_branch_message_is_checked_against_its_own_fact_source(tmp_path):
    def misspell(data):
        data["when"][0]["message"] = data["when"][0]["message"].replace("{trigger_date}", "{gap_from}")

    (problem,) = _broken(tmp_path, "drift-and-delay", misspell)
    assert "drift-and-delay.yaml: when[0].message: placeholder {gap_from}" in problem
    assert "(facts 'assessment')" in problem


def test_a_test_of_the_wrong_type_fails_to_load(tmp_path):
    def wrong(data):
        data["when"][0]["all"][0]["value"] = "true"  # a string, never equal to the boolean the fact holds
        data["when"][0]["all"].append({"field": "basis", "op": ">", "value": "a"})

    problems = _broken(tmp_path, "imminent-eviction", wrong)
    last = len(yaml.safe_load((RULES_DIR / "risk" / "imminent-eviction.yaml").read_text(encoding="utf-8"))["when"][0]["all"])
    assert any(f"when[0].all[{last}]: 'basis' is text: it can only be compared with == or !=" in p for p in problems)
    problems = _broken(tmp_path / "2", "antenatal-hv-missing", wrong)
    assert any("when[0].all[0]: 'high_risk' is bool but is compared with 'true'" in p for p in problems)


def test_a_field_another_derivation_has_is_still_unknown_here(tmp_path):
    def borrow(data):
        data["when"][0]["all"][0]["field"] = "responded"  # a follow_up field, not an eviction one

    (problem,) = _broken(tmp_path, "imminent-eviction", borrow)
    assert "'responded' is not a field of the 'eviction' derivation" in problem


def test_every_meaning_names_only_arguments_of_its_derivation():
    for rule in CATALOGUE.rules:
        for spec in rule.facts:
            derivation = REGISTRY[spec.derive]
            args = derivation.args.model_validate(resolve(dict(spec.args), rule.values()))
            for output in derivation.fields(args).values():
                names = {n for _, n, _, _ in string.Formatter().parse(output.meaning) if n}
                assert names <= set(type(args).model_fields), (spec.derive, output.name, names)


@cache
def _derived() -> list[tuple[str, str, dict, Derived]]:
    """Every rule's derivations run on both sample bundles: (bundle, derivation, declared fields, result)."""
    out = []
    for name in ("homelessness", "good-practice"):
        bundle = load_bundle(ROOT / "samples" / name)
        assert bundle.manifest is not None
        ctx = Context(manifest=bundle.manifest, frame=prepare(bundle), returns=tuple(bundle.returns),
                      as_of=default_as_of(bundle))
        for rule in CATALOGUE.rules:
            declared = rule_fields(rule)
            for spec in rule.facts:
                args = REGISTRY[spec.derive].args.model_validate(resolve(dict(spec.args), rule.values()))
                out.append((name, spec.derive, declared[spec.name], REGISTRY[spec.derive].fn(ctx, args)))
    return out


def test_every_fact_carries_exactly_its_declared_fields_with_their_types():
    checked = set()
    for bundle, name, declared, result in _derived():
        for fact in result.facts:
            assert set(fact.fields) == set(declared), (bundle, name, set(fact.fields) ^ set(declared))
            for field, value in fact.fields.items():
                assert type_problem(declared[field], value) is None, (bundle, name, type_problem(declared[field], value))
            checked.add(name)
    assert checked == set(REGISTRY), set(REGISTRY) - checked  # every derivation was seen producing facts


def test_a_fact_missing_a_declared_field_errors_the_rule_instead_of_passing(monkeypatch):
    from dataclasses import replace

    from checker.check import run_check

    spec = REGISTRY["return_concerns"]

    def forgetful(ctx, args):
        result = spec.fn(ctx, args)
        for fact in result.facts:
            fact.fields.pop("raised")
        return result

    monkeypatch.setitem(REGISTRY, "return_concerns", replace(spec, fn=forgetful))
    result = run_check(load_bundle(ROOT / "samples" / "homelessness"))
    outcomes = [o for o in result.outcomes if o.rule == "immediate-concern"]
    assert outcomes and all(o.outcome in ("errored", "skipped") for o in outcomes)
    errored = [o for o in outcomes if o.outcome == "errored"]
    assert errored and "without its declared field(s) raised" in errored[0].reason


def test_an_unknown_value_is_a_type_problem_unless_the_field_may_be_unknown():
    assert type_problem(Output("days", "int", "days"), None) is not None
    assert type_problem(Output("days", "int", "days", optional=True), None) is None
    assert type_problem(Output("days", "int", "days", optional=True), "3") is not None
    assert type_problem(Output("days", "int", "days"), True) is not None  # a bool is not a count
    assert type_problem(Output("days", "int", "days"), 3) is None

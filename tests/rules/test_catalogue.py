"""Registry invariants of the rule catalogue, and clear errors for malformed rule files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from checker.engine.catalogue import RULES_DIR, load_catalogue, load_rule_file
from checker.engine.explain import catalogue_markdown, derivations_markdown
from checker.model.errors import RuleError

CATALOGUE = load_catalogue()


def test_ids_are_unique_and_equal_file_names():
    ids = [r.id for r in CATALOGUE.rules]
    assert len(ids) == len(set(ids))
    for sub in ("risk", "quality"):
        for path in (RULES_DIR / sub).glob("*.yaml"):
            assert load_rule_file(path).id == path.stem


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.id)
def test_every_rule_has_both_example_kinds_and_sourced_parameters(rule):
    assert {e.expect for e in rule.examples} == {"flag", "pass"}
    for name, parameter in rule.parameters.items():
        assert parameter.source.strip(), name
        assert parameter.basis


def test_issue_catalogue_ids_exist():
    required = {
        "contingency-plan-missing", "antenatal-hv-missing", "housing-absent-from-core-group", "imminent-eviction",
        "threatened-homelessness-no-referral", "management-oversight-gap", "drift-and-delay", "repeat-referrals",
        "referral-no-feedback", "was-not-brought-not-escalated", "voice-of-child-absent",
        "child-concern-not-acted-on", "unseen-adult-male", "information-not-shared", "chronology-not-shared",
        "young-person-housing-protocol", "disguised-compliance", "immediate-concern", "domestic-abuse-present",
    }
    assert required <= {r.id for r in CATALOGUE.rules}


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def test_malformed_rule_names_file_and_field(tmp_path):
    rules = _copy_rules(tmp_path)
    path = rules / "risk" / "antenatal-hv-missing.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parameters"]["weeks"]["default"] = {"not": "a number"}
    data["severity"] = "urgent"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    text = "\n".join(info.value.problems)
    assert "antenatal-hv-missing.yaml: severity:" in text
    assert "antenatal-hv-missing.yaml: parameters.weeks.default" in text


@pytest.mark.parametrize(("change", "expected"), [
    ({"min": None}, "parameters.weeks: Value error, a number needs min and max: the range a partnership may set it to"),
    ({"default": 41}, "parameters.weeks: Value error, default 41 is outside its range 12 to 40"),
])
def test_a_numeric_parameter_declares_the_range_it_may_be_set_to(tmp_path, change, expected):
    rules = _copy_rules(tmp_path)
    path = rules / "risk" / "antenatal-hv-missing.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parameters"]["weeks"].update(change)
    data["parameters"]["weeks"] = {k: v for k, v in data["parameters"]["weeks"].items() if v is not None}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    assert any(p.endswith(f"antenatal-hv-missing.yaml: {expected}") for p in info.value.problems), info.value.problems


def test_an_audit_value_outside_a_parameters_range_is_refused_naming_both():
    rule = load_catalogue().get("antenatal-hv-missing")
    assert rule.values({"weeks": 40})["weeks"] == 40
    for value, words in ((41, "41 is outside its allowed range: it must be a whole number from 12 to 40"),
                         ("soon", "'soon' is not a whole number"), (True, "True is not a whole number")):
        with pytest.raises(RuleError, match="parameters.antenatal-hv-missing.weeks: antenatal-hv-missing parameter "
                           "weeks: " + re.escape(words)):
            rule.values({"weeks": value})


def test_unknown_derivation_and_argument_are_reported(tmp_path):
    rules = _copy_rules(tmp_path)
    path = rules / "risk" / "repeat-referrals.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["facts"][0]["args"]["windw_days"] = 30
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    bad = rules / "risk" / "no-such-shape.yaml"
    other = yaml.safe_load((rules / "risk" / "domestic-abuse-present.yaml").read_text(encoding="utf-8"))
    other["id"] = "no-such-shape"
    other["facts"][0]["derive"] = "crystal_ball"
    bad.write_text(yaml.safe_dump(other), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    text = "\n".join(info.value.problems)
    assert "repeat-referrals.yaml: facts[0].args.windw_days: Extra inputs are not permitted" in text
    assert "no-such-shape.yaml: facts[0].derive: 'crystal_ball' is not a derivation" in text


def test_undeclared_parameter_and_unreadable_yaml(tmp_path):
    rules = _copy_rules(tmp_path)
    path = rules / "risk" / "repeat-referrals.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["when"][0]["all"][0]["value"] = {"param": "cuont"}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (rules / "risk" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    text = "\n".join(info.value.problems)
    assert "{param: cuont} is used but not declared" in text
    assert "broken.yaml" in text


def test_docs_rules_md_is_generated_from_the_rule_files():
    committed = (RULES_DIR.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(CATALOGUE), "docs/rules.md is stale: run `python -m checker.engine.explain`"


def test_every_parameter_cites_an_anchor_in_docs_sources_md():
    sources = (RULES_DIR.parent / "docs" / "sources.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', sources))
    assert len(anchors) > 10
    wrong = []
    for rule in load_catalogue().rules:
        for name, param in rule.parameters.items():
            cited = re.findall(r"docs/sources\.md#([a-z0-9-]+)", param.source)
            if not cited or set(cited) - anchors:
                wrong.append(f"{rule.id}.{name}: {param.source}")
    assert wrong == []


def test_docs_derivations_md_is_generated_from_the_declarations():
    committed = (RULES_DIR.parent / "docs" / "derivations.md").read_text(encoding="utf-8")
    assert committed == derivations_markdown(), "docs/derivations.md is stale: run `python -m checker.engine.explain`"


def test_an_inverted_age_range_is_refused_naming_the_file(tmp_path):
    """`child_age: {min: 16, max: 5}` would skip every case silently; the catalogue refuses it."""
    rules = _copy_rules(tmp_path)
    path = rules / "risk" / "young-person-housing-protocol.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["facts"][0]["args"]["child_age"] = {"min": 16, "max": 5}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_catalogue(rules)
    text = "\n".join(info.value.problems)
    assert "young-person-housing-protocol.yaml: facts[0].args.child_age" in text
    assert "min (16) is more than max (5)" in text

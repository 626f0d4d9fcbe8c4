"""Definitions a reader can apply: every list a rule runs on is shown by `maca rules explain` and docs/rules.md,
generated from the rule file's own arguments; each decided question names its source and an example each way."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.engine.catalogue import RULES_DIR, Rule, load_catalogue
from checker.engine.explain import argument_lists, catalogue_markdown, explain_rule

CATALOGUE = load_catalogue()
DECIDED = ["information-not-shared", "child-concern-not-acted-on", "young-person-housing-protocol", "drift-and-delay",
           "management-oversight-gap", "repeat-referrals", "imminent-eviction"]


def _rule(rule_id: str) -> Rule:
    return CATALOGUE.get(rule_id)


def test_information_not_shared_lists_each_concern_and_who_should_know_it():
    rule = _rule("information-not-shared")
    text = CliRunner().invoke(main, ["rules", "explain", rule.id]).output
    flat = " ".join(text.split())
    for concern in rule.facts[0].args["concerns"]:  # the same data the rule runs on
        kinds = ", ".join(f"`{k}`" for k in concern["kinds"])
        assert f"{concern['label']} (kind{'s' if len(concern['kinds']) > 1 else ''} {kinds})" in flat
    # The family's GP is expected to know of domestic abuse and of the housing crisis.
    assert "domestic abuse (kind `domestic_abuse`), which police, children's social care, health visiting, GP " \
           "should know of" in flat
    assert "community health, children's social care, GP should know of" in flat.split("housing crisis (kinds", 1)[1]
    # The housing crisis is one concern, whatever word the agency's system uses for where the family lives.
    assert "`housing_insecurity`" in flat.split("housing crisis (kinds", 1)[1].split(")", 1)[0]


def test_the_response_list_that_answers_a_trigger_is_shown():
    rule = _rule("child-concern-not-acted-on")
    (trigger,) = rule.facts[0].args["triggers"]
    lines = dict(argument_lists(rule))
    words = lines["triggers[0]"]
    assert all(f"`{k}`" in words.split("answered by", 1)[1] for k in trigger["response"]["kinds"])
    assert all(f"`{k}`" in words.split("answered by", 1)[0] for k in trigger["kinds"])


def test_argument_lists_follow_the_rule_file():
    """Change a rule's list and its explanation changes with it: generated from the data, not written beside it."""
    rule = _rule("information-not-shared")
    data = rule.model_dump()
    data["facts"][0]["args"]["concerns"][0]["should_know"] = ["education"]
    changed = Rule.model_validate(data)
    assert "which school or college should know of" in dict(argument_lists(changed))["concerns[0]"]
    assert "which police should know of" in dict(argument_lists(rule))["concerns[0]"]


@pytest.mark.parametrize("rule_id", DECIDED)
def test_each_decided_question_is_shown_cites_a_source_and_is_pinned_both_ways(rule_id):
    rule = _rule(rule_id)
    assert rule.decided, f"{rule_id}: the questions readers asked are not answered in the rule file"
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', (RULES_DIR.parent / "docs" / "sources.md").read_text()))
    expects = {e.name: e.expect for e in rule.examples}
    text = " ".join(explain_rule(rule).split())
    docs = catalogue_markdown(CATALOGUE)
    for d in rule.decided:
        assert set(re.findall(r"docs/sources\.md#([a-z0-9-]+)", d.source)) <= anchors
        assert {expects[n] for n in d.examples} == {"flag", "pass"}
        assert " ".join(d.question.split()) in text and " ".join(d.answer.split()) in text
        assert " ".join(d.question.split()) in docs


def test_a_decision_naming_a_missing_example_is_refused():
    data = _rule("imminent-eviction").model_dump()
    data["decided"][0]["examples"] = ["no such example", data["examples"][0]["name"]]
    with pytest.raises(ValueError, match="no example named 'no such example'"):
        Rule.model_validate(data)

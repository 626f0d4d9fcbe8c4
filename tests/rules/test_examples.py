"""Every rule's examples, run through the whole pipeline: the exact example cases flagged must match."""

from __future__ import annotations

import pytest

from checker.engine.catalogue import load_catalogue
from checker.examples import run_examples

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.id)
def test_rule_examples_flag_exactly_the_expected_cases(rule):
    result = run_examples(rule, CATALOGUE)
    expected_flagged = {case for case, expect in result.expected.items() if expect == "flag"}
    assert result.flagged == expected_flagged, result.mismatches()
    assert "errored" not in result.outcomes.values(), result.outcomes

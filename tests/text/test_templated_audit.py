"""A templated mini-audit written by the team (tests/fixtures/templated): every entry is pasted from an
agency's system as "Label: value" fields - GP extract, school safeguarding log, police occurrence summary, HV
contact template, housing case-note header, CSC meeting and visit templates. T1 is a well-run case: no rule
flags it. T2 hides the four headline gaps the way system exports do ("Contingency plan: -", "see plan", "N/A";
an antenatal contact only offered, listed or attempted; Housing "not invited"; bailiffs in an N54 field)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.check import run_check
from checker.intake.bundle import load_bundle

BUNDLE = Path(__file__).resolve().parents[1] / "fixtures" / "templated"
HEADLINE = ("contingency-plan-missing", "antenatal-hv-missing", "housing-absent-from-core-group", "imminent-eviction")


@pytest.fixture(scope="module")
def flags() -> dict[str, set[str]]:
    loaded = load_bundle(BUNDLE)
    assert not loaded.problems or all(p.severity != "error" for p in loaded.problems)
    result = run_check(loaded, as_of=date(2025, 6, 20))
    out: dict[str, set[str]] = {"T1": set(), "T2": set()}
    for f in result.flags:
        out[f["case"]].add(f["rule"])
    return out


def test_the_well_run_templated_case_draws_no_flag(flags: dict[str, set[str]]) -> None:
    assert flags["T1"] == set()


@pytest.mark.parametrize("rule", HEADLINE)
def test_each_headline_gap_is_flagged_on_the_templated_case(flags: dict[str, set[str]], rule: str) -> None:
    assert rule in flags["T2"]

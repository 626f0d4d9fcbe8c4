"""The checker against the generator's ground truth: every planted pattern flagged by the rule named, and no
flag where the truth says it must not fire. The truth is built from what was planted, never tuned to the
classifier; where the checker misreads a reasonable phrasing the test says so (strict xfail) until it reads it.
"""

from __future__ import annotations

import pytest

from checker.generate.sweep import ANTENATAL, EVICTION, HOUSING_MEETING

KNOWN: dict[tuple[str, str], str] = {}


def _fired(sweep, rule: str) -> set[str]:
    return {f["case"] for f in sweep.result.flags if f["rule"] == rule}


def _param(rule: str, side: str):
    reason = KNOWN.get((rule, side))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(rule, side, marks=marks, id=f"{rule}-{side}")


@pytest.mark.parametrize(("rule", "side"), [_param(r, s) for r in (EVICTION, ANTENATAL, HOUSING_MEETING)
                                            for s in ("must_fire", "must_not")])
def test_against_ground_truth(sweep, rule: str, side: str) -> None:
    cases = set(getattr(sweep.truth, side)[rule])
    assert cases, f"nothing planted for {rule} {side}: the bundle is too small to test it"
    fired = _fired(sweep, rule)
    wrong = sorted(cases - fired) if side == "must_fire" else sorted(cases & fired)
    detail = {c: sweep.truth.planted.get(c) for c in wrong[:5]}
    assert not wrong, f"{rule}: {len(wrong)} of {len(cases)} {side} cases wrong, e.g. {detail}"


def test_truth_covers_every_case_for_each_rule(sweep) -> None:
    every = {c.id for c in sweep.bundle.manifest.cases}
    for rule in (EVICTION, ANTENATAL, HOUSING_MEETING):
        fire, must_not = set(sweep.truth.must_fire[rule]), set(sweep.truth.must_not[rule])
        assert fire | must_not == every and not fire & must_not

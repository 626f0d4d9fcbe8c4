"""Detection measured against labels: the scoring, the labels file, and the floors no change may go below.

The floor runs on the team's own invented, labelled mini-audits in tests/data/eval/ (each folder a bundle with
labels.yaml), and on the independently written audits in the same layout: those in MACA_EVAL_DIR when it is set,
otherwise ../shared/eval/ beside the checkout. That set is not part of the repository and is for measuring only:
without it the test is skipped, saying where it looked (also under CI=true: the audits live outside the repository).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.model.errors import CheckerError
from checker.outputs.evaluation import (
    Evaluation,
    Labels,
    combine,
    evaluate,
    format_report,
    load_labels,
    statuses_by_entry,
)

ROOT = Path(__file__).resolve().parents[2]
OWN = sorted(p.parent for p in (ROOT / "tests" / "data" / "eval").glob("*/labels.yaml"))
FLOOR = 0.90


@cache
def _score(folder: Path) -> Evaluation:
    labels = load_labels(folder / "labels.yaml")
    result = run_check(load_bundle(folder), as_of=labels.as_of)
    return evaluate(result.flags, labels, name=folder.name, statuses=statuses_by_entry(result.frame))


@pytest.fixture(scope="module")
def own() -> Evaluation:
    return combine([_score(f) for f in OWN])


def test_scores_recall_and_must_not_per_rule() -> None:
    labels = Labels.model_validate({"cases": {
        "c1": {"fire": ["r1", "r2"], "not": ["r3"]},
        "c2": {"fire": [], "not": ["r1", "r3"], "unsure": ["r2"]},
    }})  # fmt: skip
    flags = [{"rule": "r1", "case": "c1", "evidence": []}, {"rule": "r3", "case": "c2", "evidence": [{"entry_id": "e1"}]},
             {"rule": "r2", "case": "c2", "evidence": []}]  # fmt: skip
    ev = evaluate(flags, labels, statuses={"e1": [{"kind": "home_visit", "status": "planned", "cue": "booked for"}]})
    assert ev.recall == (1, 2) and ev.respected == (2, 3)
    assert (ev.rules["r1"].found, ev.rules["r1"].respected) == (1, 1)
    kinds = {(m.kind, m.rule, m.case) for m in ev.misses}
    assert kinds == {("miss", "r2", "c1"), ("false flag", "r3", "c2")}  # unsure r2 on c2 is not scored
    report = format_report(ev)
    assert "FALSE FLAG: r3 on c2" in report and 'home_visit, planned (status set by "booked for")' in report


def test_a_bad_labels_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("cases:\n  c1:\n    fire: [r1]\n    nott: [r2]\n", encoding="utf-8")
    with pytest.raises(CheckerError, match="nott"):
        load_labels(path)


def test_own_labelled_audits_exist_and_are_labelled_for_both_sides() -> None:
    assert OWN, "tests/data/eval/ holds at least one labelled mini-audit"
    for folder in OWN:
        labels = load_labels(folder / "labels.yaml")
        assert any(c.fire for c in labels.cases.values()) and any(c.must_not for c in labels.cases.values())


def test_floor_on_the_teams_own_labelled_audits(own: Evaluation) -> None:
    found, fire = own.recall
    kept, must_not = own.respected
    assert found / fire >= FLOOR, format_report(own)
    assert kept / must_not >= FLOOR, format_report(own)


def _independent_dir() -> Path:
    named = os.environ.get("MACA_EVAL_DIR")
    return Path(named) if named else ROOT / ".." / "shared" / "eval"


INDEPENDENT = sorted(p.parent.name for p in _independent_dir().glob("*/labels.yaml"))
# Each independent audit's floors (recall, "must not flag" respected): issue 19's target, 95 % on each of the
# five (all five held 97 % or more when it was set); a folder not listed is held to FLOOR.
TARGET = 0.95
INDEPENDENT_FLOORS = {name: (TARGET, TARGET) for name in ("A", "B", "C", "E", "F")}


def test_the_independent_audits_are_found_beside_the_checkout_or_in_maca_eval_dir() -> None:
    if not INDEPENDENT:
        where = f"{_independent_dir().resolve()} holds no */labels.yaml (set MACA_EVAL_DIR to the independent audits)"
        # Skipped, not failed, even in CI: the audits live outside the repository, and a CI machine laid out
        # without them must not stop every other change landing. The skip reason is in the CI log (-ra).
        pytest.skip(where)
    assert {"A", "B", "C"} <= set(INDEPENDENT), INDEPENDENT


@pytest.mark.parametrize("name", INDEPENDENT)
def test_floor_on_each_independent_audit(name: str) -> None:
    ev = _score(_independent_dir() / name)
    recall_floor, respected_floor = INDEPENDENT_FLOORS.get(name, (FLOOR, FLOOR))
    found, fire = ev.recall
    kept, must_not = ev.respected
    assert found / fire >= recall_floor, format_report(ev, details=False)
    assert kept / must_not >= respected_floor, format_report(ev, details=False)


def test_floor_on_the_first_three_independent_audits_together() -> None:
    first = [name for name in ("A", "B", "C") if name in INDEPENDENT]
    if not first:
        pytest.skip(f"no independent audits A, B, C in {_independent_dir().resolve()}")
    ev = combine([_score(_independent_dir() / name) for name in first])
    found, fire = ev.recall
    kept, must_not = ev.respected
    assert found / fire >= FLOOR, format_report(ev, details=False)
    assert kept / must_not >= FLOOR, format_report(ev, details=False)

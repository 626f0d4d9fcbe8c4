"""Detection measured against labels: the scoring, the labels file, and the floors no change may go below.

The floor runs on the team's own invented, labelled mini-audits in tests/data/eval/ (each folder a bundle with
labels.yaml). When MACA_EVAL_DIR names a folder of independently written audits in the same layout, the same
floor is asserted on them too (skipped otherwise: that set is not part of the repository).
"""

from __future__ import annotations

import os
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


@pytest.mark.skipif(not os.environ.get("MACA_EVAL_DIR"), reason="MACA_EVAL_DIR not set (independent audits live outside the repo)")
def test_floor_on_independent_audits() -> None:
    folders = sorted(p.parent for p in Path(os.environ["MACA_EVAL_DIR"]).glob("*/labels.yaml"))
    assert folders, "MACA_EVAL_DIR holds no */labels.yaml"
    ev = combine([_score(f) for f in folders])
    found, fire = ev.recall
    kept, must_not = ev.respected
    assert found / fire >= FLOOR, format_report(ev, details=False)
    assert kept / must_not >= FLOOR, format_report(ev, details=False)

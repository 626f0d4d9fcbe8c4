"""Modality (ConText) examples from rules/context.yaml: each text, the kind found, and the status it must get."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.model.errors import RuleError
from checker.text.compile import load_rules
from checker.text.match import read_text
from checker.text.schema import STATUSES

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = yaml.safe_load((ROOT / "rules" / "context.yaml").read_text(encoding="utf-8"))
EXAMPLES = CONTEXT["examples"]


def test_at_least_sixty_examples_covering_every_status_both_ways() -> None:
    """Every status has an example where its cue applies, and one where a nearby cue does not (done)."""
    assert len(EXAMPLES) >= 60
    statuses = {e["status"] for e in EXAMPLES}
    assert statuses == set(STATUSES)
    cue_words = {g["status"] for g in CONTEXT["cues"]}
    assert cue_words == set(STATUSES) - {"done"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:50] for e in EXAMPLES])
def test_status_example(example: dict[str, str]) -> None:
    readings = {r.kind: r for r in read_text(example["text"])}
    assert example["kind"] in readings, f"{example['kind']} not found in {example['text']!r}: {list(readings)}"
    got = readings[example["kind"]]
    assert got.status == example["status"], f"{example['text']!r}: {got.kind} read as {got.status} ('{got.cue}')"


def test_counted_only_under_the_statuses_a_kind_counts() -> None:
    readings = {r.kind: r for r in read_text("Home visit booked for 14/03")}
    assert readings["home_visit"].status == "planned" and not readings["home_visit"].counted
    readings = {r.kind: r for r in read_text("Rent arrears of £900; mum will need help with arrears")}
    assert readings["housing_concern"].counted


def test_a_bad_cue_fails_with_its_location(tmp_path: Path) -> None:
    bad = dict(CONTEXT)
    bad["cues"] = [*CONTEXT["cues"], {"status": "planned", "direction": "forward", "scope": 3, "cues": ["(?<=x)y"]}]
    path = tmp_path / "context.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(context=path)
    assert any("cues[" in p and "(?<=x)y" in p for p in err.value.problems)


def test_an_unknown_status_fails(tmp_path: Path) -> None:
    bad = dict(CONTEXT)
    bad["cues"] = [*CONTEXT["cues"], {"status": "maybe", "direction": "forward", "scope": 3, "cues": ["perhaps"]}]
    path = tmp_path / "context.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(RuleError, match="status"):
        load_rules(context=path)

"""`maca generate`: a valid, varied, reproducible sweep bundle of invented cases, its defects accounted for."""

from __future__ import annotations

import ast
import hashlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.generate import generate_bundle

GENERATOR = Path(__file__).resolve().parents[2] / "checker" / "generate"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bundle(tmp_path: Path) -> None:
    first = generate_bundle(tmp_path / "a", cases=40, seed=5)
    again = generate_bundle(tmp_path / "b", cases=40, seed=5)
    other = generate_bundle(tmp_path / "c", cases=40, seed=6)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert first.to_json() == again.to_json()
    assert _digest(tmp_path / "a")["audit.yaml"] != _digest(tmp_path / "c")["audit.yaml"]
    assert other.to_json() != first.to_json()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--cases", "5", str(tmp_path)])
    assert result.exit_code == 1 and "not empty" in result.output
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "keep me"


def test_command_writes_bundle_and_truth(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--cases", "12", "--seed", "3", str(tmp_path / "sweep")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sweep" / "audit.yaml").is_file()
    assert (tmp_path / "sweep.truth.json").is_file()
    assert "12 cases" in result.output


def test_loads_with_every_row_accounted_for(sweep) -> None:
    counts = sweep.bundle.counts
    assert sum(c.read for c in counts) == sweep.truth.rows
    assert sum(c.read for c in counts) == sum(c.loaded for c in counts) + sum(c.rejected for c in counts)
    # the planted defects, and nothing else, are refused: a bad date or a blank entry loses its row
    assert sum(c.rejected for c in counts) == sweep.truth.defects["bad_date"] + sweep.truth.defects["blank_event"]
    assert sweep.truth.defects["duplicate_row"] > 0
    assert not [p for p in sweep.bundle.problems if p.level == "error" and p.row is None]


def test_realistic_mix(sweep) -> None:
    frame = sweep.bundle.chronology
    per_case = frame.groupby("case").size()
    assert per_case.min() >= 9 and per_case.max() >= 100  # tens to hundreds of entries a case
    assert frame["agency"].nunique() >= 10
    texts = frame["event"]
    assert texts.nunique() >= len(texts) / 3, "at least a third of entry texts distinct"
    agencies_per_case = frame.groupby("case")["agency"].nunique()
    assert agencies_per_case.min() >= 1 and agencies_per_case.max() >= 6
    planted = Counter(label.split(":")[0].split(" ")[0] for labels in sweep.truth.planted.values() for label in labels)
    assert planted["eviction"] and planted["pregnant"]


def test_no_real_people_only_invented_names(sweep) -> None:
    from checker.generate import phrases

    names = set(phrases.CHILD_NAMES) | {n for group in phrases.ADULT_NAMES.values() for n in group}
    for case in sweep.bundle.manifest.cases[:50]:
        assert {c.name for c in case.children if c.name} <= names
        assert {a.name for a in case.adults if a.name} <= names
        assert not any(c.date_of_birth is None and not c.unborn for c in case.children)


@pytest.mark.parametrize("path", sorted(GENERATOR.glob("*.py")), ids=lambda p: p.name)
def test_generator_does_not_read_the_checkers_vocabulary(path: Path) -> None:
    """The generator writes its own phrasing: it may import the data model, never the text or rules layers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {m for m in imported if m.startswith("checker")}
    assert all(m.startswith(("checker.model", "checker.generate")) for m in ours), ours
    assert "rules/" not in path.read_text(encoding="utf-8")

"""`maca check`'s JSON, byte for byte, equals the committed golden output (bench/golden.py): on both samples, a
generated 1,000-case sweep, and (by SHA-256 only, when they are present) the independent evaluation audits.

A speed or refactoring change must leave it alone. A deliberate detection change regenerates it with
`python bench/golden.py` in the same commit (docs/testing.md)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import golden  # noqa: E402

REGENERATE = "if the change is a deliberate detection change, regenerate it: python bench/golden.py"


@pytest.mark.parametrize(("name", "path"), list(golden.committed()), ids=[n for n, _ in golden.committed()])
def test_check_json_is_the_golden_byte_for_byte(name: str, path: Path) -> None:
    assert path.exists(), f"{path} is missing: {REGENERATE}"
    old, now = golden.read_golden(path), golden.produce(name)
    assert now == old, f"{name}: maca check's JSON changed; {golden.first_difference(old, now)}\n{REGENERATE}"


EVAL = golden.eval_names()


@pytest.mark.parametrize("name", EVAL or ["(none)"])
def test_evaluation_audits_json_has_the_golden_digest(name: str) -> None:
    if not EVAL:
        pytest.skip(f"no evaluation audits in {golden.eval_dir().resolve()} (set MACA_EVAL_DIR)")
    digest = golden.read_digests().get(name)
    if digest is None:
        pytest.skip(f"no golden digest for evaluation audit {name}: {REGENERATE}")
    now = hashlib.sha256(golden.check_json(golden.eval_dir() / name)).hexdigest()
    assert now == digest, f"evaluation audit {name}: maca check's JSON changed (SHA-256 {now}); {REGENERATE}"


def test_first_difference_names_where_outputs_part() -> None:
    said = golden.first_difference(b'{"flags": 53, "x": 1}', b'{"flags": 54, "x": 1}')
    assert said.startswith("first difference at byte 11 of 21 (golden) / 21 (now)")
    assert "53" in said and "54" in said

"""The sample bundle checked once (risk then quality), and a writer for small synthetic bundles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker.check import run_check
from checker.engine.catalogue import Catalogue, Example, load_catalogue
from checker.examples import write_example_bundle
from checker.facts import Context
from checker.intake.bundle import load_bundle
from checker.outputs.quality import QualityReport, assess_quality

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "homelessness"
AS_OF = dt.date(2019, 3, 26)


@dataclass
class Checked:
    ctx: Context
    catalogue: Catalogue
    flags: list[dict[str, Any]]
    report: QualityReport

    def again(self, **kwargs: Any) -> QualityReport:
        return assess_quality(self.ctx, self.catalogue, self.flags, **kwargs)


def check(folder: Path, as_of: dt.date | None = None) -> Checked:
    bundle = load_bundle(folder, today=as_of)
    result = run_check(bundle, as_of=as_of)
    errored = [(o.rule, o.case, o.reason) for o in result.outcomes if o.outcome == "errored"]
    assert errored == [], errored  # an errored rule checked nothing: its missing flags would prove nothing
    ctx = Context(manifest=bundle.manifest, frame=result.frame, returns=tuple(bundle.returns), as_of=result.as_of)
    return Checked(ctx, result.catalogue, result.flags, assess_quality(ctx, result.catalogue, result.flags))


@pytest.fixture(scope="session")
def sample() -> Checked:
    return check(SAMPLE)


def write_bundle(folder: Path, cases: dict[str, dict[str, Any]], as_of: dt.date = AS_OF) -> Path:
    """`cases`: case id -> {"rows": [...], "returns": [...], "submitted": {...}, **case fields}."""
    examples = []
    for case_id, spec in cases.items():
        fields = {k: v for k, v in spec.items() if k not in ("rows", "returns", "submitted")}
        examples.append((case_id, Example(name=case_id, expect="flag", case=fields, rows=spec.get("rows", []),
                                          returns=spec.get("returns", []), submitted=spec.get("submitted", {}))))
    write_example_bundle(load_catalogue().get("quality-late"), examples, folder, as_of)
    return folder


@pytest.fixture(scope="session")
def checker_of():
    """`checker_of(folder)` -> Checked: load, check and assess a bundle folder."""
    return check


@pytest.fixture(scope="session")
def bundle_writer():
    """`bundle_writer(folder, cases)` writes a small bundle (see `write_bundle`)."""
    return write_bundle

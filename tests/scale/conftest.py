"""A generated sweep bundle shared by the scale tests: written, loaded and checked once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.check import CheckResult, run_check
from checker.generate import GroundTruth, generate_bundle
from checker.intake.bundle import LoadedBundle, load_bundle

CASES, SEED = 300, 20250616
SMALL = 60  # the executor comparisons: enough cases for several partitions, small enough to check thrice


@dataclass(frozen=True)
class Sweep:
    folder: Path
    truth: GroundTruth
    bundle: LoadedBundle
    result: CheckResult  # checked in this process, one engine: the reference the partitioned runs must equal
    json: str


@pytest.fixture(scope="session")
def sweep(tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    folder = tmp_path_factory.mktemp("sweep") / "bundle"
    truth = generate_bundle(folder, cases=CASES, seed=SEED)
    bundle = load_bundle(folder)
    result = run_check(bundle)
    return Sweep(folder, truth, bundle, result, result.dumps())


@pytest.fixture(scope="session")
def small_sweep(tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    folder = tmp_path_factory.mktemp("small") / "bundle"
    truth = generate_bundle(folder, cases=SMALL, seed=SEED + 1)
    bundle = load_bundle(folder)
    result = run_check(bundle)
    return Sweep(folder, truth, bundle, result, result.dumps())

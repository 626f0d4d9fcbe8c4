"""Small audit bundles for the worklist tests, written with the rule-example writer (one case per dict)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.check import CheckResult, run_check
from checker.engine.catalogue import Example, load_catalogue
from checker.examples import write_example_bundle
from checker.intake.bundle import load_bundle
from checker.outputs.referrals import ReferralList

Rows = list[tuple[str, str, str]]  # (agency, date dd/mm/yyyy, event)


def write_bundle(folder: Path, cases: dict[str, dict[str, Any]], as_of: dt.date) -> None:
    """`cases`: case id -> {"rows": [(agency, date, event)], **case fields for audit.yaml}."""
    examples = []
    for case_id, spec in cases.items():
        fields = {k: v for k, v in spec.items() if k != "rows"}
        rows = [{"agency": a, "date": d, "event": e} for a, d, e in spec["rows"]]
        examples.append((case_id, Example(name=case_id, expect="flag", case=fields, rows=rows)))
    write_example_bundle(load_catalogue().get("imminent-eviction"), examples, folder, as_of)


@pytest.fixture
def worklist(checked: Callable[..., CheckResult]) -> Callable[..., ReferralList]:
    """Write a bundle, check it at a given as-of date, and return its worklist."""

    def build(cases: dict[str, dict[str, Any]], as_of: dt.date) -> ReferralList:
        return checked(cases, as_of).worklist

    return build


@pytest.fixture
def checked(tmp_path: Path) -> Callable[..., CheckResult]:
    """Write a bundle and check it at a given as-of date (every rule, then the worklist)."""

    def build(cases: dict[str, dict[str, Any]], as_of: dt.date) -> CheckResult:
        write_bundle(tmp_path, cases, as_of)
        bundle = load_bundle(tmp_path, today=as_of)
        assert not [p for p in bundle.problems if p.level == "error"], bundle.problems
        result = run_check(bundle, as_of=as_of)
        errored = [(o.rule, o.case, o.reason) for o in result.outcomes if o.outcome == "errored"]
        assert errored == [], errored  # an errored rule checked nothing: its missing flags would prove nothing
        return result

    return build


@pytest.fixture
def bundle_writer() -> Callable[[Path, dict[str, dict[str, Any]], dt.date], None]:
    """`write_bundle` for tests that run the command on a folder."""
    return write_bundle

"""Fixtures for the output tests: the sample checked once per session, and its briefing files."""

from __future__ import annotations

import pytest
from printed import sample_briefing, sample_check

from checker.check import CheckResult


@pytest.fixture(scope="session")
def sample_checked() -> CheckResult:
    return sample_check()


@pytest.fixture(scope="session")
def briefing_bytes(sample_checked: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """briefing.md, briefing.docx and action-plan.xlsx of the sample's run (no decisions yet)."""
    return sample_briefing(sample_checked, tmp_path_factory.mktemp("briefing"))

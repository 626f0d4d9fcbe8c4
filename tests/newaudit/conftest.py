"""Fixtures for the set-up workbook tests: the blank workbook, filled in as a business officer would."""

from __future__ import annotations

import pytest
from new_fill import fill

from checker.outputs.setup_workbook import setup_workbook


@pytest.fixture(scope="session")
def blank() -> bytes:
    return setup_workbook()


@pytest.fixture(scope="session")
def filled(blank: bytes) -> bytes:
    return fill(blank)

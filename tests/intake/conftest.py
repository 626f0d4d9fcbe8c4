"""Fixtures for the importer tests: the small synthetic manifest and helpers to write chronologies."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from checker.model.audit import ChronologySource, Manifest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    """The manifest in tests/fixtures/intake/audit.yaml: agencies housing, hv, gp; cases case-1, case-2."""
    return Manifest.model_validate(yaml.safe_load((FIXTURES / "audit.yaml").read_text(encoding="utf-8")))


@pytest.fixture
def housing(manifest: Manifest) -> ChronologySource:
    """The housing chronology entry: has a Case column, submitted 10/03/2019."""
    return manifest.submissions.chronologies[0]


def xlsx_bytes(
    rows: Sequence[Sequence[Any]], *, merges: Sequence[str] = (), title: str | None = None
) -> bytes:
    """An XLSX workbook holding `rows` from A1, with `merges` (e.g. "A1:E1") applied."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def make_xlsx() -> Callable[..., bytes]:
    return xlsx_bytes

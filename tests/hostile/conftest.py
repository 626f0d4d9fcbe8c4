"""Fixtures for the hostile-input tests: a CLI runner whose data folder (store, error reports) is temporary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$MACA_DATA_DIR for the test: the default store and internal-error reports go here."""
    folder = tmp_path / "maca-data"
    monkeypatch.setenv("MACA_DATA_DIR", str(folder))
    monkeypatch.delenv("MACA_DB_URL", raising=False)
    monkeypatch.delenv("MACA_SHARE_EXPORTS", raising=False)
    return folder


@pytest.fixture
def runner(data_dir: Path) -> CliRunner:
    return CliRunner()


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which files are 0644 unless the checker says otherwise."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)

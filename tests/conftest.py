"""Fixtures shared across the test folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from checker.storage._schema import metadata


def _drop_all(url: str) -> None:
    engine = create_engine(url)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The test PostgreSQL ($MACA_TEST_PG_URL), emptied before and after the test.

    Skipped when it is not set, except under CI=true, where a missing database fails the test: start one with
    `eval "$(bash .ci/postgres.sh)"`. Never point it at a real database: the tests drop maca's tables.
    """
    url = os.environ.get("MACA_TEST_PG_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail('CI=true but MACA_TEST_PG_URL is not set: run eval "$(bash .ci/postgres.sh)" first')
        pytest.skip('MACA_TEST_PG_URL is not set (start one with: eval "$(bash .ci/postgres.sh)")')
    _drop_all(url)  # the server's database is shared between tests: start each from empty
    yield url
    _drop_all(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL: SQLite in the test's folder, and the test PostgreSQL (`pg_url`) as the second run."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'maca.sqlite'}"
        return
    yield request.getfixturevalue("pg_url")

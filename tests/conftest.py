"""Fixtures shared across the test folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from checker.storage._schema import metadata


def _drop_all(url: str) -> None:
    engine = create_engine(url)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


def _worker_schema(url: str) -> str:
    """Under pytest-xdist, each worker's own schema in the test database (its name from the worker's id), so
    workers never drop each other's tables; the URL unchanged when the tests run in one process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    schema = "maca_" + "".join(c for c in worker if c.isalnum())
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    finally:
        engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


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
    url = _worker_schema(url)
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

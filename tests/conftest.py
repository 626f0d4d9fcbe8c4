"""Fixtures shared across the test folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from checker.storage._schema import metadata

# pytest-xdist sets COLUMNS in its workers to the terminal width of the run that started them (80 when none):
# the CLI wraps its report to the terminal, so the tests read it at the width of a run with no terminal, as CI
# and a serial run do.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)


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


@pytest.fixture(scope="session")
def script_review() -> Callable[[Any], dict[str, Any]]:
    """A scripted panel review of the homelessness sample (and a finding on the good-practice sample), for the
    accuracy, labels and threshold-trial tests (issue 27). Call it with a Store holding both samples' runs:

    management-oversight-gap flags cases 1, 2, 3, 4 and 6 (gaps of 125, 58, 47, 34 and 69 days): confirmed on
    1 and 4, action needed on 6, dismissed on 2 and 3; five information-not-shared flags: four confirmed, one
    dismissed; findings added under management-oversight-gap on case-5 and on the good-practice audit's
    case-2, and one practice judgement under no rule. Returns {"sharing": [(case, flag id)] decided}.
    """

    def script(store: Any) -> dict[str, Any]:
        a, b, rule = "maca-2019-homelessness", "maca-2019-homelessness-good-practice", "management-oversight-gap"
        flags = store.flags(store.latest_run(a)["id"])
        oversight = {f["case"]: f for f in flags if f["rule"] == rule}
        decisions = {"case-1": "confirmed", "case-2": "dismissed", "case-3": "dismissed", "case-4": "confirmed",
                     "case-6": "action_needed"}
        assert sorted(oversight) == sorted(decisions), "the sample's oversight flags moved"
        for case, decision in decisions.items():
            store.save_decision(a, oversight[case]["id"], "A. Chair", decision,
                                reason="supervision recorded on paper" if decision == "dismissed" else None)
        sharing = [f for f in flags if f["rule"] == "information-not-shared"][:5]
        for flag, decision in zip(sharing, ["confirmed"] * 4 + ["dismissed"], strict=True):
            store.save_decision(a, flag["id"], "A. Chair", decision,
                                reason="police were told" if decision == "dismissed" else None)
        store.add_finding(a, case="case-5", rule=rule, theme=None, agencies=["csc"], entries=[],
                          note="No supervision for ten weeks", reviewer="A. Chair")
        store.add_finding(b, case="case-2", rule=rule, theme=None, agencies=["csc"], entries=[],
                          note="Supervision gap before the review", reviewer="A. Chair")
        store.add_finding(a, case="case-3", rule=None, theme="Mother prioritising her own needs", agencies=["csc"],
                          entries=[], note="A practice judgement", reviewer="A. Chair")  # under no rule
        return {"sharing": [(f["case"], f["id"]) for f in sharing]}

    return script

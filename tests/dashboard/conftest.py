"""Fixtures for the dashboard tests: a throw-away database per test and AppTest on any page.

The check results are cached per process (st.cache_resource), so only the first test pays for checking the
sample; every test gets its own database through $MACA_DB_URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
TIMEOUT = 120  # the first run in a process checks the sample (a few seconds); later runs hit the cache


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MACA_BUNDLE", "MACA_AS_OF", "MACA_AUTH", "MACA_AUTH_HEADER", "MACA_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MACA_AUDITS", str(tmp_path / "audits"))  # the New audit page's folder, never ~/


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    monkeypatch.setenv("MACA_DB_URL", url)
    yield url
    _clear_store_cache()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """SQLite always; PostgreSQL too when MACA_TEST_PG_URL is set (and required when CI=true)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
        monkeypatch.setenv("MACA_DB_URL", url)
        yield url
        _clear_store_cache()
        return
    url = request.getfixturevalue("pg_url")
    monkeypatch.setenv("MACA_DB_URL", url)
    yield url
    _clear_store_cache()


def _clear_store_cache() -> None:
    """Close the stores the app opened (cache_resource keeps one per database URL) before the next test."""
    from dashboard import support as dashboard_support

    dashboard_support._store.clear()


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """open_page("flags", reviewer="J. Smith") -> an AppTest that has rendered that page."""

    def _open(page: str, *, reviewer: str | None = None, **session: Any) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for key, value in session.items():
            at.session_state[key] = value
        at.run()
        if reviewer:
            at.text_input(key="reviewer_input").input(reviewer).run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return _open


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info",
                                  "warning", "error") for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def page_text() -> Callable[[AppTest], str]:
    """Everything a page wrote as titles, markdown, captions and alerts, as one string."""
    return _texts


def _table_with(at: AppTest, *columns: str) -> Any:
    for frame in [*at.dataframe, *at.table]:
        value = frame.value
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no table on the page has the columns {columns}")


@pytest.fixture
def table_with() -> Callable[..., Any]:
    """table_with(at, "Severity", "Flags") -> the first dataframe/table on the page with those columns."""
    return _table_with

"""No raw values on any dashboard page, on either sample: every text, choice, metric and table cell passes the
plain-English guard (tests/plain_words.py). One AppTest run per page per sample, sharing one database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from plain_words import ids_for, page_words
from streamlit.testing.v1 import AppTest

from dashboard import support as dashboard_support

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
PAGES = ("overview", "flags", "case", "quality", "referrals", "rules", "upload", "new_audit", "briefing")


@pytest.fixture(scope="module", params=["homelessness", "good-practice"])
def sample(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The sample and a folder for its database, shared by every page (the check is cached per process)."""
    yield ROOT / "samples" / request.param, tmp_path_factory.mktemp(request.param)
    dashboard_support._store.clear()


@pytest.mark.parametrize("page", PAGES)
def test_no_raw_values_on_the_page(sample: tuple[Path, Path], page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle, folder = sample  # set here, after the dashboard tests' own clean environment
    monkeypatch.setenv("MACA_BUNDLE", str(bundle))
    monkeypatch.setenv("MACA_DB_URL", f"sqlite:///{folder / 'maca.sqlite'}")
    monkeypatch.setenv("MACA_AUDITS", str(folder / "audits"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title], "the page drew nothing"
    bad = page_words(at, ids_for(bundle))
    assert not bad, (bundle.name, page, sorted(set(bad))[:10])
    if page == "overview":  # the problems are counted in the same words on the label and inside
        label = next(e.label for e in at.expander if e.label.startswith("Submission problems"))
        counted = label.removeprefix("Submission problems (").removesuffix(")")
        assert re.match(r"\d+ errors?, \d+ warnings?", counted) and any(m.value == f"**{counted}**" for m in at.markdown)


def test_the_guard_sees_a_raw_value_in_a_table() -> None:
    import pandas as pd
    from plain_words import table_words

    ids = ids_for(ROOT / "samples" / "homelessness")
    frame = pd.DataFrame({"Agency": ["csc", "Northshire Police"], "Dismissed %": [None, "20%"],
                          "Flag id": ["f-0123456789abcdef", "f-0123456789abcdef"]})
    assert table_words(frame, ids) == ["Agency: agency id 'csc'", "Dismissed %: None"]

"""The dashboard shows a progress bar (cases checked of the total, rate, time left) while a large bundle is
checked, empties it when the check ends, and gives the same result as the one-pass check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.check import run_check
from checker.intake.bundle import load_bundle
from dashboard import checking

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class Bar:
    def __init__(self, calls: list[tuple[Any, ...]]) -> None:
        self.calls = calls

    def progress(self, value: float, text: str) -> None:
        self.calls.append(("progress", value, text))

    def empty(self) -> None:
        self.calls.append(("empty",))


class Page:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def progress(self, value: float, text: str) -> Bar:
        self.calls.append(("progress", value, text))
        return Bar(self.calls)


@pytest.fixture(scope="module")
def bundle_and_json() -> tuple[Any, str]:
    bundle = load_bundle(SAMPLES / "good-practice")
    return bundle, run_check(bundle).dumps()


def test_a_large_bundle_shows_cases_checked_then_the_bar_goes(monkeypatch: pytest.MonkeyPatch,
                                                              bundle_and_json: tuple[Any, str]) -> None:
    bundle, reference = bundle_and_json
    cases = len(bundle.manifest.cases)
    page = Page()
    monkeypatch.setattr(checking, "st", page)
    monkeypatch.setattr(checking, "get_script_run_ctx", lambda: object())  # a page is being drawn
    monkeypatch.setattr(checking, "PROGRESS_CASES", cases)  # this bundle counts as large
    result = checking.check_with_progress(bundle, None)
    assert result.dumps() == reference
    assert page.calls[0] == ("progress", 0.0, f"checked 0 of {cases} cases (0 %)")
    last = page.calls[-2]
    assert last[:2] == ("progress", 1.0) and last[2].startswith(f"checked {cases} of {cases} cases (100 %) · ")
    assert page.calls[-1] == ("empty",)


def test_a_small_bundle_or_no_page_shows_no_bar(monkeypatch: pytest.MonkeyPatch,
                                                bundle_and_json: tuple[Any, str]) -> None:
    bundle, reference = bundle_and_json
    page = Page()
    monkeypatch.setattr(checking, "st", page)
    monkeypatch.setattr(checking, "get_script_run_ctx", lambda: None)  # the warm-up thread: no page
    monkeypatch.setattr(checking, "PROGRESS_CASES", 1)
    assert checking.check_with_progress(bundle, None).dumps() == reference
    assert page.calls == []

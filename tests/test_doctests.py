"""The examples in the package's docstrings run, so a `>>>` line a reader copies still does what it says
(`pytest --doctest-modules checker dashboard` runs the same examples)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for package in ("checker", "dashboard")
    for path in (ROOT / package).rglob("*.py")
    if ">>>" in path.read_text(encoding="utf-8") and "app_pages" not in path.parts
)


def test_the_docstring_examples_are_found():
    assert {"checker.model.dates", "checker.outputs.quality.weights", "checker.check"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures = []
    for test in finder.find(module):
        result = runner.run(test, out=failures.append)
        assert result.failed == 0, "".join(failures)

"""The docs a newcomer follows are true: generated pages are current, every derivation argument says what it
means, every file docs/architecture.md names exists, and every test docs/writing-rules.md cites is there."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from checker.facts import REGISTRY
from checker.text.docs import DOC as KINDS_DOC
from checker.text.docs import kinds_doc

ROOT = Path(__file__).resolve().parents[1]
WHEEL_ONLY = {"checker/data/"}  # the wheel's copy of rules/ and the sample: not in a source checkout


def test_docs_kinds_md_is_generated_from_the_yaml() -> None:
    text = KINDS_DOC.read_text(encoding="utf-8")
    assert text == kinds_doc(text), "docs/kinds.md is stale: run `python -m checker.text.docs`"


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                _models(t, seen)
            stack += list(getattr(t, "__args__", ()))


def test_every_derivation_argument_says_what_it_means() -> None:
    models: set[type[BaseModel]] = set()
    for spec in REGISTRY.values():
        _models(spec.args, models)
    silent = sorted(f"{m.__name__}.{name}" for m in models for name, info in m.model_fields.items()
                    if not info.description)
    assert not silent, f"give these a Field(description=...) (docs/derivations.md shows it): {silent}"
    doc = (ROOT / "docs" / "derivations.md").read_text(encoding="utf-8")
    for spec in REGISTRY.values():
        for name in spec.args.model_fields:
            assert f"| `{name}` |" in doc, f"{spec.name}.{name} missing from docs/derivations.md"


_PATH = re.compile(r"`((?:checker|tests|docs|rules|dashboard|samples|bench)/[\w./*-]*)`")
_MODULE = re.compile(r"`(checker(?:\.\w+)+)`")


def test_every_path_docs_architecture_md_names_exists() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(_PATH.findall(text)) - WHEEL_ONLY
    assert len(paths) > 10  # the "Where to add…" recipe names its files
    missing = [p for p in sorted(paths) if not (list(ROOT.glob(p)) if "*" in p else (ROOT / p).exists())]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_every_module_docs_architecture_md_names_imports() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for dotted in sorted(set(_MODULE.findall(text))):
        try:
            importlib.import_module(dotted)
        except ModuleNotFoundError:  # a function or class in a module: checker.outputs.registry.write_output
            module, _, attr = dotted.rpartition(".")
            assert hasattr(importlib.import_module(module), attr), f"docs/architecture.md: no {dotted}"


_TEST_LINK = re.compile(r"\[(test_\w+|[\w]+\.py)\]\(\.\./(tests/[\w/]+\.py)\)")


@pytest.mark.parametrize("page", ["writing-rules.md", "architecture.md"])
def test_every_test_a_doc_cites_exists(page: str) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    for name, path in _TEST_LINK.findall(text):
        source = (ROOT / path).read_text(encoding="utf-8")  # the file exists
        if not name.endswith(".py"):
            assert f"def {name}(" in source, f"docs/{page}: {path} has no {name}"


def test_docs_classification_md_is_as_generated_with_no_run_time(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from classification_report import main as classification_report

    out = tmp_path / "classification.md"
    assert classification_report(["--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == (ROOT / "docs" / "classification.md").read_text(encoding="utf-8"), \
        "docs/classification.md is stale: run `python bench/classification_report.py`"
    assert " ms" not in text and "- run:" not in text  # a regeneration changes it only when a score does

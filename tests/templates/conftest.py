"""Fixtures for the template tests: the synthetic audit, its generated templates, a bundle folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from template_fill import AUDIT_YAML, WHEN

from checker.intake.bundle import BundleFiles, load_manifest
from checker.model.audit import Manifest
from checker.outputs.templates import write_templates


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    loaded, problems = load_manifest(BundleFiles("test", {"audit.yaml": AUDIT_YAML.encode()}))
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="session")
def templates(manifest: Manifest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """File name -> bytes of every generated template (written once per session)."""
    folder = tmp_path_factory.mktemp("templates")
    return {p.name: p.read_bytes() for p in write_templates(manifest, folder, now=WHEN)}


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "audit.yaml").write_text(AUDIT_YAML, encoding="utf-8")
    return folder

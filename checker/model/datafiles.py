"""Where the data the checker ships with lives: the `rules/` folder (rules, kinds, header synonyms, the
audit tool, quality weights) and the `samples/` bundles.

In a source checkout they are the top-level folders; an installed wheel carries copies as package data
under `checker/data/` (pyproject.toml maps them there). Every reader asks here, so both work the same.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RULES_DIR", "SAMPLES_DIR", "SAMPLE_BUNDLE"]

_PACKAGE = Path(__file__).resolve().parents[1]


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


RULES_DIR = _data_dir("rules")
SAMPLES_DIR = _data_dir("samples")
SAMPLE_BUNDLE = SAMPLES_DIR / "homelessness"  # the bundle `maca dashboard` opens when given none

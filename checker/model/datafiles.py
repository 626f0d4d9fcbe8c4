"""Where the data the checker ships with lives: the `rules/` folder (rules, kinds, header synonyms, the
audit tool, quality weights) and the `samples/` bundles.

In a source checkout they are the top-level folders; an installed wheel carries copies as package data
under `checker/data/` (pyproject.toml maps them there). Every reader asks here, so both work the same.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["RULES_DIR", "SAMPLES_DIR", "SAMPLE_BUNDLE", "data_dir", "ENV_DATA_DIR"]

_PACKAGE = Path(__file__).resolve().parents[1]


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


RULES_DIR = _data_dir("rules")
SAMPLES_DIR = _data_dir("samples")
SAMPLE_BUNDLE = SAMPLES_DIR / "homelessness"  # the bundle `maca dashboard` opens when given none


ENV_DATA_DIR = "MACA_DATA_DIR"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where maca keeps its own files (the default results store, error reports, the log):
    `$MACA_DATA_DIR`, else the user's data folder — `$XDG_DATA_HOME/maca` or `~/.local/share/maca` on Linux
    and macOS, `%LOCALAPPDATA%\\maca` on Windows. The one place this is decided."""
    env = os.environ if env is None else env
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "maca"
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "maca"

"""Small modules where a check is built and commands live: one past ~400 lines is holding two ideas
(docs/architecture.md: each command in its own module; the engine door apart from what it accepts)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "checker"
LIMIT = 420
WATCHED = sorted([*ROOT.glob("check/*.py"), *ROOT.glob("cli/*.py"), ROOT / "engine" / "door.py",
                  ROOT / "engine" / "door_input.py", ROOT / "engine" / "catalogue.py"])


@pytest.mark.parametrize("path", WATCHED, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.relative_to(ROOT)} has {lines} lines: split it by idea"


def test_cli_main_only_builds_the_group() -> None:
    text = (ROOT / "cli" / "main.py").read_text(encoding="utf-8")
    assert "@main.command" not in text and "@main.group" not in text  # each command in its own module

"""The last line of defence: an exception nobody expected becomes a message with an error id, never a traceback.

Bad input is never meant to get here (every input problem is a located message); if something does, the
person running `maca` sees one line to report, and the details go to a private file for whoever fixes it:

    Error: internal error, please report it with error id 7f3a9c21 (details in ~/.local/share/maca/errors/7f3a9c21.txt)

The details name the exception's type and where it was raised (file, line, function) — never its message
or any value, which could hold record text.
"""

from __future__ import annotations

import platform
import sys
import traceback
import uuid
from pathlib import Path
from typing import NoReturn

import click

from checker import __version__
from checker.model.datafiles import data_dir
from checker.model.private import open_private, private_dir

__all__ = ["internal_error", "INTERNAL_ERROR_EXIT", "errors_dir"]

INTERNAL_ERROR_EXIT = 3


def errors_dir() -> Path:
    """`$MACA_DATA_DIR/errors`, else `~/.local/share/maca/errors` (next to the default results store)."""
    return data_dir() / "errors"


def _details(exc: BaseException, command: str, error_id: str) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [
        f"maca {__version__} internal error {error_id}",
        f"command: {command}",
        f"python {platform.python_version()} on {platform.system()}",
        f"exception: {type(exc).__module__}.{type(exc).__qualname__}",
        "raised at (innermost last):",
        *(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames),
    ]
    return "\n".join(lines) + "\n"


def internal_error(exc: BaseException, command: str) -> NoReturn:
    """Say that `command` failed unexpectedly, with an error id; keep the details privately; exit 3."""
    error_id = uuid.uuid4().hex[:8]
    where = ""
    try:
        folder = private_dir(errors_dir())
        path = folder / f"{error_id}.txt"
        with open_private(path, "w", export=False, encoding="utf-8") as handle:
            handle.write(_details(exc, command, error_id))
        where = f" (details in {path})"
    except OSError:
        where = f" ({type(exc).__name__} in {command})"
    click.echo(f"Error: internal error, please report it with error id {error_id}{where}", err=True)
    sys.exit(INTERNAL_ERROR_EXIT)

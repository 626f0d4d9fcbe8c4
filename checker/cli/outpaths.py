"""Output paths, checked before any work starts, and written private (`checker.model.private`).

A `--json`, `--csv`, `--xlsx` or `--feedback` path that cannot be written is said at once, as a usage error
(exit 2), not after a whole check has run:

    Error: --json: the folder 'out' does not exist; create it first, or write the file somewhere else.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from checker.model.private import open_private

__all__ = ["require_writable", "write_text"]


def _usage(option: str, message: str) -> NoReturn:
    click.echo(f"Error: {option}: {message}", err=True)
    sys.exit(2)


def _writable_folder(folder: Path) -> bool:
    """Whether a file can be made in `folder`, found by making one (permission bits alone say yes to root for
    /proc or a read-only mount)."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def require_writable(path: str | None, option: str, *, folder: bool = False, suffix: str | None = None) -> None:
    """Exit 2 with a message unless `path` (a file, or with `folder` a folder) can be written; '-' is stdout.
    With `suffix` ('.xlsx'), a file name ending otherwise is refused: Excel would not open a workbook named
    .csv."""
    if path is None or (path == "-" and not folder):
        return
    where = Path(path)
    if suffix and where.suffix.lower() != suffix:
        _usage(option, f"'{path}' does not end in {suffix}, but {option} writes an Excel workbook; give a name "
                       f"ending {suffix}, e.g. {where.with_suffix(suffix).name}.")
    if folder:
        if where.exists() and not where.is_dir():
            _usage(option, f"'{path}' is a file, not a folder; give a folder for the files to go in.")
        probe = where
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        if not probe.is_dir():
            _usage(option, f"'{probe}' is a file, so the folder '{path}' cannot be made.")
        if not _writable_folder(probe):
            _usage(option, f"you cannot write in '{probe}'; give a folder you can write to.")
        return
    if where.is_dir():
        _usage(option, f"'{path}' is a folder; give a file name, e.g. {Path(path) / 'result.json'}.")
    parent = where.parent
    if not parent.is_dir():
        _usage(
            option,
            f"the folder '{parent}' does not exist; create it first, or write the file somewhere else.",
        )
    if not _writable_folder(parent) or (where.exists() and not os.access(where, os.W_OK)):
        _usage(option, f"you cannot write '{path}'; give a path you can write to.")


def write_text(path: str, text: str, option: str) -> None:
    """Write `text` to `path` ('-': stdout), private unless shared; a failure is a message, exit 1."""
    if path == "-":
        sys.stdout.write(text)
        return
    try:
        with open_private(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(
            f"Error: {option}: could not write '{path}' ({exc.strerror or type(exc).__name__}).", err=True
        )
        sys.exit(1)

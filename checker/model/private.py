"""Files the checker writes are private to their owner unless the owner says otherwise.

What the checker writes — the results store, JSON results, worklists, feedback packs — carries case ids,
flag messages and excerpts of records about children. On a shared machine or a shared drive a file left
readable by everyone (0644, what the usual umask gives) can be read by any account there. So every file
the checker writes is created 0600 (owner read/write only) and every folder it creates 0700, whatever the
umask. A partnership that means to share exports through file permissions (a team folder, a group)
says so with `maca --share …` or `MACA_SHARE_EXPORTS=1`: exports then follow the umask. The results store
stays private either way: reviewers reach it through the dashboard, not the file system.

    >>> with open_private("worklist.csv", "w", encoding="utf-8") as handle:  # doctest: +SKIP
    ...     handle.write("case,days\\n")
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

__all__ = [
    "ENV_SHARE",
    "FILE_MODE",
    "DIR_MODE",
    "open_private",
    "private_dir",
    "private_file",
    "write_private",
    "sharing",
    "shared",
]

ENV_SHARE = "MACA_SHARE_EXPORTS"
FILE_MODE = 0o600
DIR_MODE = 0o700

_shared: ContextVar[bool | None] = ContextVar("maca_share_exports", default=None)


def shared() -> bool:
    """Whether exports follow the umask (`--share`, or MACA_SHARE_EXPORTS=1) instead of being 0600."""
    value = _shared.get()
    if value is not None:
        return value
    return os.environ.get(ENV_SHARE, "").strip().lower() in ("1", "yes", "true", "on")


@contextmanager
def sharing(enabled: bool) -> Iterator[None]:
    """Within the block, exports are written shared (`enabled`) or private."""
    token = _shared.set(enabled)
    try:
        yield
    finally:
        _shared.reset(token)


def open_private(
    path: str | os.PathLike[str], mode: str = "w", *, export: bool = True, **kwargs: Any
) -> IO[Any]:
    """Open `path` for writing (truncated), created 0600 — or by the umask when `export` and `shared()`."""
    if mode not in ("w", "wt", "wb"):
        raise ValueError(f"open_private writes whole files: mode 'w' or 'wb', not {mode!r}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    share = export and shared()
    fd = os.open(path, flags, 0o666 if share else FILE_MODE)
    try:
        if not share:
            os.fchmod(fd, FILE_MODE)  # a file that already existed keeps its old mode otherwise
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def write_private(path: str | os.PathLike[str], data: bytes | str, *, export: bool = True) -> Path:
    """Write `data` (bytes, or text as UTF-8) to `path` through `open_private`: 0600 unless an export and shared.
    The one way the checker writes a whole file it has in memory (briefings, templates, filed returns)."""
    with open_private(path, "wb", export=export) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def private_file(path: str | os.PathLike[str]) -> None:
    """Create `path` empty if missing, and make it 0600 either way (used for the results store)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def private_dir(path: str | os.PathLike[str], *, export: bool = False) -> Path:
    """Create the folder `path` (and its parents); a folder made here is 0700 (or by the umask if shared)."""
    folder = Path(path)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    if not (export and shared()):
        for made in missing:
            os.chmod(made, DIR_MODE)
    return folder

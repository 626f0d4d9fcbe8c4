"""Give memory the process has freed back to the operating system (glibc's `malloc_trim`), where there is one.

    give_back()   # after a large structure is let go: its pages leave the process's resident size

A freed array under glibc's mmap threshold (which rises to 32 MB as big arrays come and go) stays in the heap,
counted in the process's memory, until something reuses it; loading a regional sweep frees hundreds of MB that
way (the manifest's YAML, each file's columns as the bundle's are built) while it allocates more. Elsewhere
(macOS, Windows, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

__all__ = ["give_back"]


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


_TRIM = _libc()


def give_back() -> None:
    """Return the heap's free pages to the operating system (nothing where malloc_trim is missing)."""
    if _TRIM is not None:
        _TRIM(0)

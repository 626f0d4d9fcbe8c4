"""How many cores this process may use: the default number of worker processes, for loading and for checking.

    default_workers()   # 2 on the project's machine type
"""

from __future__ import annotations

import os

__all__ = ["default_workers"]


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)

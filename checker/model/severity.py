"""The one severity order, most severe first: rules declare one, flags carry it, summaries count by it.

    SEVERITY_ORDER["high"] < SEVERITY_ORDER["info"]
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Severity", "SEVERITIES", "SEVERITY_ORDER", "SEVERITY_WORDS"]

Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")
SEVERITY_ORDER: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
SEVERITY_WORDS: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low", "info": "For information"}

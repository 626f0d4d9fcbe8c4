"""Bounds on the work one cell of agency text can cause (docs/bundle-format.md, "Limits").

    MATCH_CHARS      every regular expression run over agency text sees at most this many characters of a
                     cell; a longer cell loads whole (the record keeps every character) with a warning
                     that only its start was read for kinds, dates and names.
    MAX_CELL_CHARS   a CSV cell longer than this is not a chronology entry but a broken file (usually an
                     unclosed quote): its row is rejected with the lines it spans.

The patterns themselves are linear in the text (tests/hostile/test_pattern_timing.py times each one on
pathological input of MATCH_CHARS characters), so the cap is a second bound, not the only one.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MATCH_CHARS", "MAX_CELL_CHARS", "for_matching", "EARLIEST", "LATEST"]

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""The dates a record may have (`checker.model.dates` refuses others; the working-day calendar covers them)."""

MATCH_CHARS = 10_000
"""About 1,500 words: far longer than any chronology entry a practitioner writes."""

MAX_CELL_CHARS = 131_072
"""Four times what an Excel cell can hold (32,767 characters)."""


def for_matching(text: str) -> str:
    """The part of `text` that patterns are run over: its first MATCH_CHARS characters."""
    return text if len(text) <= MATCH_CHARS else text[:MATCH_CHARS]

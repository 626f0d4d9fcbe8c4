"""How the checker writes things for people: dates as UK readers write them and short excerpts of record
text. Every layer that words a message, a fact or an output row uses these, so one date reads the same in a
flag, a worklist and an export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

__all__ = ["clip_excerpt", "fmt_date"]


def fmt_date(value: Any) -> str:
    """A date as UK readers write it: 12/03/2019."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return "unknown date"
    return pd.Timestamp(value).strftime("%d/%m/%Y")


def clip_excerpt(text: str, limit: int = 160) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Record text and reviewers' text shown as typed, never read as Markdown.

Streamlit reads Markdown (and its own `:red[…]`, `:material/…:` and `$…$` directives) in `st.markdown`,
captions and every cell of `st.table`. Text that came from an agency's records or a reviewer's reason
goes through `md_escape` (every ASCII punctuation character backslash-escaped, which CommonMark shows
literally) or is shown with `st.text`, so `**urgent**`, `[link](http://x)` or `:red[x]` in a record appear
as those characters.

    >>> md_escape("[click](http://x) *now*")
    '\\\\[click\\\\]\\\\(http\\\\://x\\\\) \\\\*now\\\\*'
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["md_escape", "escape_frame"]

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(value: Any) -> str:
    """`value` as text that Markdown shows literally."""
    text = "" if value is None else str(value)
    return _PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell passed through `md_escape`, for `st.table` (headers are ours)."""
    return frame.map(lambda v: md_escape(v) if isinstance(v, str) else v)

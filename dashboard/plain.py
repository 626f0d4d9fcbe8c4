"""Record text and reviewers' text shown as typed, never read as Markdown.

Streamlit reads Markdown (and its own `:red[…]`, `:material/…:` and `$…$` directives) in `st.markdown`,
captions and every cell of `st.table`. Text that came from an agency's records or a reviewer's reason
goes through `md_escape` (every character that starts Markdown, HTML, a Streamlit directive or LaTeX is
backslash-escaped, which CommonMark shows literally; so are list and quote markers at a line's start) or is
shown with `st.text`, so `**urgent**`, `[link](http://x)` or `:red[x]` in a record appear as typed.

    >>> md_escape("[click](http://x) *now*")
    '\\\\[click\\\\](http\\\\://x) \\\\*now\\\\*'
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["md_escape", "escape_frame"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:{}&!^=])")
_LINE_START = re.compile(r"(?m)^(\s*)([-+>]|\d+[.)])")


def md_escape(value: Any) -> str:
    """`value` as text that Markdown shows literally."""
    text = "" if value is None else str(value)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(
        lambda m: m[1] + "\\" + m[2] if m[2][0] in "-+>" else m[1] + m[2][:-1] + "\\" + m[2][-1], text
    )
    return text.replace("\n", "  \n")


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell passed through `md_escape`, for `st.table` (headers are ours)."""
    return frame.map(lambda v: md_escape(v) if isinstance(v, str) else v)

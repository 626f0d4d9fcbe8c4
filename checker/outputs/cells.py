"""One function makes every text cell of every export inert in a spreadsheet: `safe_cell`.

A spreadsheet reads a cell as a formula when it starts with `=`, `+`, `-` or `@` — also after leading
spaces, tabs, line breaks or other invisible characters (`\\u2003`, `\\u3000`, `\\x0b`, a zero-width space…),
and Excel with an East Asian input method reads the full-width forms `＝ ＋ － ＠` the same way. A cell that
*starts* with a tab or a carriage return is treated as a formula by some spreadsheets too. And a CSV opened
where `;` (or `|`, or a tab) is the list separator splits `x;=cmd` into `x` and a live `=cmd`. So:

- text whose first visible character is a trigger gets an apostrophe in front (Excel shows the text as
  written and drops the apostrophe);
- a trigger right after a list separator (`,` `;` `|` tab), also after invisible characters, gets an
  apostrophe in front of it, and so does a tab or carriage return right after one, so no split of the cell
  can start a formula;
- anything else is unchanged.

    >>> safe_cell('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> safe_cell("x;=cmd")
    "x;'=cmd"
    >>> safe_cell("Bailiffs booked 04/04, eviction 11/04")
    'Bailiffs booked 04/04, eviction 11/04'

CSV writers must also quote every text cell (`csv.QUOTE_NONNUMERIC`), so a separator inside a cell never
splits it in the first place; this function is the second line for readers that ignore quotes.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_cell", "TRIGGERS", "LIST_SEPARATORS", "INVISIBLE_CLASS", "ignorable"]

TRIGGERS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63"
"""`= + - @`, their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small forms (U+FE66, U+FE62, U+FE63)."""
LIST_SEPARATORS = ",;|\t"
"""List separators Excel uses across locales (comma, semicolon), and what text import offers (pipe, tab)."""

INVISIBLE_CLASS = (
    r"\x00-\x20\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u1680\u180e\u2000-\u200f"
    r"\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    r"\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Every control (Cc), format (Cf) and space or separator (Z*) character, as a regex class body (a test
checks it against `unicodedata` so a new Unicode version cannot slip one past)."""
_CLASS = INVISIBLE_CLASS
_TRIGGER_CLASS = re.escape(TRIGGERS)
_LEADING = re.compile(f"[{_CLASS}]*+[{_TRIGGER_CLASS}]")
_AFTER_SEPARATOR = re.compile(f"([{re.escape(LIST_SEPARATORS)}][{_CLASS}]*+)(?=[{_TRIGGER_CLASS}])")
_TAB_AFTER_SEPARATOR = re.compile(f"([{re.escape(LIST_SEPARATORS)}])(?=[\t\r])")


def ignorable(ch: str) -> bool:
    """A character a spreadsheet skips before deciding a cell is a formula: space, control, format mark."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def safe_cell(text: str) -> str:
    """`text` made inert for a spreadsheet (see the module docstring); ordinary text comes back unchanged."""
    if not text:
        return text
    out = _AFTER_SEPARATOR.sub(r"\1'", _TAB_AFTER_SEPARATOR.sub(r"\1'", text))
    if _LEADING.match(out) or out[0] in "\t\r":
        out = "'" + out
    return out

"""The printed page of every workbook a person prints: one sheet laid out for A4 landscape.

A table that names the columns a reader needs on paper (`Table.printed`, at most `MAX_PRINTED`) gets, as the
workbook's first sheet, "<title> to print": those columns only, in that order, with

- widths shared out so the columns fit the width of an A4 landscape page at 100 % (`PAGE_WIDTH`): narrow
  columns keep their natural width and the wide ones share what is left (`share_widths`); the sheet is
  also set to one page wide, pages running down, so a column widened by hand shrinks the print a little
  rather than spilling onto a second page across;
- each row as tall as its wrapped text (`row_height`), so no line is cut off or printed over the next;
- the header row repeated on every page (print titles), the audit's title and the sheet's in the page
  header and "Page N of M" in the footer;
- the sheet protected (no password): it is a copy for paper, and text typed into it would be lost;
  filtering, sorting and any edits are done on the full sheet, which keeps every column and filter.

    >>> share_widths([12, 80, 90], budget=100)
    [12, 42, 45]
    >>> share_widths([12, 40, 70], volume=[120, 400, 4000], budget=100)
    [12, 22, 65]
    >>> row_height(["short", "a" * 50], [10, 20])
    46.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.protection import SheetProtection

__all__ = ["MAX_PRINTED", "PAGE_WIDTH", "LINE_POINTS", "share_widths", "row_height", "lines_needed",
           "print_setup", "header_text"]

MAX_PRINTED = 7
"""The most columns a printed sheet has: more, and A4 landscape text gets too small to read at a table."""
PAGE_WIDTH = 120
"""Column width units (the width of a '0' in the default font) shared out on A4 landscape (277 mm = 786 pt
between 1 cm margins). A unit is 5.25 pt in Excel with Calibri and 7 pt in LibreOffice where Calibri is
replaced by a wider font (measured: DejaVu Sans), so 120 units print at 100 % in Excel (filling 86 % of the
width) and at about 94 % in LibreOffice."""
LINE_POINTS = 14.5
"""The height of one wrapped line of 11-point text, in points: Calibri's is 13.4, DejaVu Sans's 12.8."""
_PADDING = 3.0  # points above and below a row's text
_CHARS_PER_UNIT = 1.1  # characters of prose per width unit: about 1.13 in Excel (Calibri), 1.3 in LibreOffice
_WORD_BREAK = 2  # characters a line loses, on average, by wrapping at a space


def share_widths(natural: Sequence[float], volume: Sequence[float] | None = None, budget: float = PAGE_WIDTH,
                 floor: float = 18) -> list[int]:
    """Widths that add up to at most `budget`: every column gets its natural width up to `floor` (so a date
    never wraps), then the room left is shared among the wider ones in proportion to their text `volume`
    (all their cells' characters; default: their natural widths), none beyond its natural width. (With
    seven wide columns the floor gives way to an equal share of the budget.)"""
    if sum(natural) <= budget:
        return [math.floor(w) for w in natural]
    floor = min(floor, budget / len(natural))
    widths = [min(floor, float(w)) for w in natural]
    weight = [max(float(v), 1.0) for v in (volume if volume is not None else natural)]
    extra = budget - sum(widths)
    open_ = {i for i, w in enumerate(natural) if w > widths[i]}
    while open_ and extra > 0:
        total = sum(weight[i] for i in open_)
        full = {i for i in open_ if extra * weight[i] / total >= natural[i] - widths[i]}
        if not full:
            for i in open_:
                widths[i] += extra * weight[i] / total
            break
        for i in full:
            extra -= natural[i] - widths[i]
            widths[i] = natural[i]
        open_ -= full
    return [math.floor(w) for w in widths]


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide (each paragraph at least one line)."""
    per_line = max(1, int(width * _CHARS_PER_UNIT) - _WORD_BREAK)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")) if text else 1


def row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """The row height in points that shows every cell's wrapped text in full."""
    lines = max((lines_needed(t, w) for t, w in zip(texts, widths, strict=True)), default=1)
    return lines * LINE_POINTS + _PADDING


def _escape(text: str) -> str:
    return text.replace("&", "&&")  # '&' starts a code in a header (&P is the page number)


def header_text(audit_title: str, sheet_title: str) -> tuple[str, str]:
    """The page header's left and right parts: the audit's title and what this sheet is."""
    return _escape(audit_title[:120]), _escape(sheet_title[:80])


def print_setup(ws: Any, audit_title: str, sheet_title: str, *, protect: bool = True) -> None:
    """A4 landscape, one page wide and as many down as it takes, header row repeated, header and footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.39, right=0.39, top=0.75, bottom=0.6, header=0.3, footer=0.3)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    left, right = header_text(audit_title, sheet_title)
    ws.oddHeader.left.text, ws.oddHeader.right.text = left, right
    ws.oddFooter.center.text = "Page &P of &N"
    if protect:
        ws.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False, formatCells=False)

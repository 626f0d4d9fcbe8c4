"""CSV records with the physical lines they came from, and the records that broken quoting made.

    >>> scan = scan_csv('Date,Event,Note\\n03/04/2019,"Visit,x\\n04/04/2019,Call,y\\n', ",")
    >>> scan.lines, [(r.first_line, r.last_line) for r in scan.broken]
    (3, [(2, 3)])

A physical line ends at `\\n`, `\\r\\n` or a lone `\\r` (what `wc -l` counts, plus a last line with no line
break). One quote too many or too few can fold the lines after it into a single cell, so that entries
vanish while the row counts still balance. A record is *broken* — rejected, and every line it spans
counted as a rejected row, since each may have been an entry — when:

- a cell holds a line (after a line break, or a U+2028/U+2029 separator) that has as many fields as the
  file's rows: a row was swallowed into the cell;
- it spans several lines (or holds a line separator) and has more cells than the file's rows: a quote
  closed in the wrong place, or a line separator where a line break should be;
- a cell is longer than `checker.model.limits.MAX_CELL_CHARS`;
- the CSV reader itself gives up (the rest of the file is then one broken record).

A file whose only line breaks are U+2028/U+2029 separators is read with them as line breaks.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from checker.model.limits import MAX_CELL_CHARS

__all__ = ["Broken", "CsvScan", "scan_csv", "count_lines", "SEPARATORS"]

SEPARATORS = ("\u2028", "\u2029")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_PHYSICAL = re.compile(r"\r\n|\r|\n")

# The csv module's own cell limit (131,072 by default) stops the reader mid-file. The checker applies its own
# (MAX_CELL_CHARS, with the lines named), so the module's is raised once, for the process: set and restored
# around each read it would race between two dashboard sessions reading at once.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True, slots=True)
class Broken:
    """A record rejected at read time: where it is, why, and how many rows that counts as."""

    number: int
    first_line: int
    last_line: int
    reason: str
    rows: int = 0
    """Rows it counts as: the non-blank lines it spans (each may have been an entry)."""


@dataclass(slots=True)
class CsvScan:
    lines: int = 0
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    """The records that are not broken, as (number as Excel shows the row, cells)."""
    broken: list[Broken] = field(default_factory=list)
    separators_as_breaks: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    """(first line, last line) of each record in `records`, when asked for (`scan_csv(..., with_spans=True)`)."""


def count_lines(text: str) -> int:
    """Physical lines: line breaks, plus one for a last line that has none."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")  # each of \r\n, \r, \n once
    return breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)


def scan_csv(text: str, delimiter: str, *, with_spans: bool = False) -> CsvScan:
    """Read every record of `text` with its line span, and set apart the broken ones (never raises).

    Only records that could be broken get the exact test (`_broken`): those spanning several lines, and every
    record of a file holding a line separator or a line longer than a cell may be. A one-line record of a file
    with neither has no line break in a cell and no cell longer than the line, so it cannot be broken.
    """
    scan = CsvScan()
    if not any(ch in text for ch in "\r\n") and any(s in text for s in SEPARATORS):
        text = text.replace("\u2029", "\n").replace("\u2028", "\n")
        scan.separators_as_breaks = True
    scan.lines = count_lines(text)
    rows: list[list[str]] = []
    ends: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    stopped: Broken | None = None
    try:
        add_row, add_end = rows.append, ends.append
        for cells in reader:
            add_row(cells)
            add_end(reader.line_num)
    except csv.Error as exc:
        last = ends[-1] if ends else 0
        stopped = Broken(len(rows) + 1, last + 1, max(scan.lines, last + 1), f"the CSV reader stopped ({exc})")
    firsts = [1, *(e + 1 for e in ends[:-1])] if ends else []
    multi = [i for i, (f, e) in enumerate(zip(firsts, ends, strict=True)) if e > f]
    width = _modal_width(rows, multi) or _modal_line_width(text, delimiter)
    candidates: Iterable[int] = range(len(rows)) if _any_record_may_break(text) else multi
    bad = {}
    for i in candidates:
        reason = _broken(rows[i], firsts[i] < ends[i], width, delimiter)
        if reason is not None:
            bad[i] = Broken(i + 1, firsts[i], ends[i], reason)
    scan.records = [(i + 1, c) for i, c in enumerate(rows) if i not in bad] if bad else list(enumerate(rows, 1))
    if with_spans:
        scan.spans = [(firsts[i], ends[i]) for i in range(len(rows)) if i not in bad]
    broken = ([stopped] if stopped is not None else []) + [bad[i] for i in sorted(bad)]
    if broken:
        spans = multi or (stopped is not None and stopped.last_line > stopped.first_line)
        blank = _blank_lines(text) if spans else set()
        broken = [
            replace(b, rows=sum(1 for n in range(b.first_line, b.last_line + 1) if n not in blank) or 1)
            for b in broken
        ]
    scan.broken = broken
    return scan


def _any_record_may_break(text: str) -> bool:
    """Whether a one-line record could be broken: a line separator in the text, or a line longer than a cell."""
    if any(ch in text for ch in "\u2028\u2029\x0b\x0c\x85"):
        return True
    # splitting at "\n" alone can only make lines longer than the physical ones: a safe over-estimate
    return len(text) > MAX_CELL_CHARS and max(map(len, text.split("\n"))) > MAX_CELL_CHARS


def _blank_lines(text: str) -> set[int]:
    return {n for n, line in enumerate(_PHYSICAL.split(text), start=1) if not line.strip()}


def _modal_width(rows: list[list[str]], multi: list[int]) -> int:
    """The commonest number of cells among one-line records: what a row of this file looks like."""
    widths = Counter(map(len, rows))
    for i in multi:  # records on several lines do not count
        widths[len(rows[i])] -= 1
    widths = Counter({w: n for w, n in widths.items() if w > 1 and n > 0})
    return max(widths, key=lambda w: (widths[w], w)) if widths else 0


def _modal_line_width(text: str, delimiter: str) -> int:
    """When no record is one line (a quote opened in the header swallows the file): the commonest number of
    fields per physical line, counting delimiters as written."""
    widths = Counter(line.count(delimiter) + 1 for line in _PHYSICAL.split(text) if delimiter in line)
    return max(widths, key=lambda w: (widths[w], w)) if widths else 0


def _broken(cells: list[str], several_lines: bool, width: int, delimiter: str) -> str | None:
    for cell in cells:
        if len(cell) > MAX_CELL_CHARS:
            return f"a cell has {len(cell):,} characters, more than the {MAX_CELL_CHARS:,} a cell may hold"
    if width >= 3:
        for cell in cells:
            pieces = _BREAKS.split(cell)
            if any(piece.count(delimiter) >= width - 1 for piece in pieces[1:]):
                return (
                    "a quote is not closed (or a line break is inside a cell): later lines ran into one cell"
                )
    folded = several_lines or any(_BREAKS.search(c) for c in cells)
    if folded and width and len(cells) > width:
        return "a quote is closed in the wrong place: the lines ran together and the row has too many cells"
    return None

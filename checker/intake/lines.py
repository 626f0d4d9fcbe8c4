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
from dataclasses import dataclass, field, replace

from checker.model.limits import MAX_CELL_CHARS

__all__ = ["Record", "Broken", "CsvScan", "scan_csv", "count_lines", "SEPARATORS"]

SEPARATORS = ("\u2028", "\u2029")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_PHYSICAL = re.compile(r"\r\n|\r|\n")

# The csv module's own cell limit (131,072 by default) stops the reader mid-file. The checker applies its own
# (MAX_CELL_CHARS, with the lines named), so the module's is raised once, for the process: set and restored
# around each read it would race between two dashboard sessions reading at once.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: its number (as Excel shows the row), cells, and the physical lines it spans."""

    number: int
    cells: list[str]
    first_line: int
    last_line: int


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
    records: list[Record] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    separators_as_breaks: bool = False


def count_lines(text: str) -> int:
    """Physical lines: line breaks, plus one for a last line that has none."""
    breaks = len(_PHYSICAL.findall(text))
    return breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)


def scan_csv(text: str, delimiter: str) -> CsvScan:
    """Read every record of `text` with its line span, and set apart the broken ones (never raises)."""
    scan = CsvScan()
    if not any(ch in text for ch in "\r\n") and any(s in text for s in SEPARATORS):
        text = text.replace("\u2029", "\n").replace("\u2028", "\n")
        scan.separators_as_breaks = True
    scan.lines = count_lines(text)
    records: list[Record] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 0
    try:
        for number, cells in enumerate(reader, start=1):
            records.append(Record(number, cells, last + 1, reader.line_num))
            last = reader.line_num
    except csv.Error as exc:
        number = len(records) + 1
        records.append(Record(number, [], last + 1, scan.lines))
        scan.broken.append(
            Broken(number, last + 1, max(scan.lines, last + 1), f"the CSV reader stopped ({exc})")
        )
    width = _modal_width(records) or _modal_line_width(text, delimiter)
    blank = _blank_lines(text) if any(r.last_line > r.first_line for r in records) else set()
    broken_numbers = {b.number for b in scan.broken}
    for record in records:
        if record.number in broken_numbers:
            continue
        reason = _broken(record, width, delimiter)
        if reason is None:
            scan.records.append(record)
        else:
            scan.broken.append(Broken(record.number, record.first_line, record.last_line, reason))
    scan.broken = [
        replace(b, rows=sum(1 for n in range(b.first_line, b.last_line + 1) if n not in blank) or 1)
        for b in scan.broken
    ]
    return scan


def _blank_lines(text: str) -> set[int]:
    return {n for n, line in enumerate(_PHYSICAL.split(text), start=1) if not line.strip()}


def _modal_width(records: list[Record]) -> int:
    """The commonest number of cells among one-line records: what a row of this file looks like."""
    widths = Counter(len(r.cells) for r in records if len(r.cells) > 1 and r.first_line == r.last_line)
    return max(widths, key=lambda w: (widths[w], w)) if widths else 0


def _modal_line_width(text: str, delimiter: str) -> int:
    """When no record is one line (a quote opened in the header swallows the file): the commonest number of
    fields per physical line, counting delimiters as written."""
    widths = Counter(line.count(delimiter) + 1 for line in _PHYSICAL.split(text) if delimiter in line)
    return max(widths, key=lambda w: (widths[w], w)) if widths else 0


def _broken(record: Record, width: int, delimiter: str) -> str | None:
    for cell in record.cells:
        if len(cell) > MAX_CELL_CHARS:
            return f"a cell has {len(cell):,} characters, more than the {MAX_CELL_CHARS:,} a cell may hold"
    if width >= 3:
        for cell in record.cells:
            pieces = _BREAKS.split(cell)
            if any(piece.count(delimiter) >= width - 1 for piece in pieces[1:]):
                return (
                    "a quote is not closed (or a line break is inside a cell): later lines ran into one cell"
                )
    folded = record.last_line > record.first_line or any(_BREAKS.search(c) for c in record.cells)
    if folded and width and len(record.cells) > width:
        return "a quote is closed in the wrong place: the lines ran together and the row has too many cells"
    return None

"""Read a raw table (header + rows of cells) out of CSV or XLSX bytes, whatever state the file is in.

    >>> table = read_table(b"Date,Event\\r\\n03/04/2019,Home visit\\r\\n", file_label="hv.csv",
    ...                    is_header=lambda cell: str(cell).lower() in {"date", "event"})
    >>> table.header, table.rows, table.row_numbers
    (['Date', 'Event'], [['03/04/2019', 'Home visit']], [2])

The format is taken from the bytes, not the file name (an `.xlsx` saved as `.csv` still reads). CSV may be
UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, comma, semicolon or tab separated. Row numbers
are the ones a person sees in Excel: a CSV's header line is row 1; an XLSX row is its sheet row. Wholly blank
rows are skipped and not counted. Nothing here raises on bad input: what went wrong is in `problems`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.intake.lines import scan_csv
from checker.intake.xlsxgrid import MAX_ROWS, read_sheet
from checker.model.problems import Problem, clip

__all__ = [
    "RawTable",
    "read_table",
    "decode_text",
    "sniff_delimiter",
    "cell_text",
    "HEADER_SEARCH_ROWS",
]

HEADER_SEARCH_ROWS = 10
"""The header is the first of this many non-blank rows naming at least two known headers."""


_DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 64 * 1024

Format = Literal["csv", "xlsx", "unknown"]
Grid = list[tuple[int, list[Any]]]
"""Non-blank rows as (row number, cells)."""
Merge = tuple[int, int, int, int]
"""A merged range's bounds: (min_col, min_row, max_col, max_row), 1-based."""


@dataclass(slots=True)
class RawTable:
    """A table as read: the header row and the data rows, each padded or cut to the header's width."""

    file: str
    format: Format = "unknown"
    encoding: str | None = None
    header: list[Any] = field(default_factory=list)
    header_row: int = 0
    rows: list[list[Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    short: dict[int, int] = field(default_factory=dict)
    """Position in `rows` -> number of cells the row really had, for rows shorter than the header."""
    problems: list[Problem] = field(default_factory=list)
    lines: int | None = None
    """Physical lines in a CSV file (`checker.intake.lines.count_lines`); None for XLSX."""
    rejected_rows: int = 0
    """Rows rejected while reading, before any column was looked at: one per line of each broken record."""

    @property
    def readable(self) -> bool:
        """Whether a header row was found (rows may still be empty)."""
        return self.header_row > 0


def _is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _blank_row(cells: Sequence[Any]) -> bool:
    return all(_is_blank(c) for c in cells)


def read_table(
    data: bytes,
    *,
    file_label: str,
    is_header: Callable[[Any], bool],
    sheet: str | None = None,
    row_limit: int = MAX_ROWS,
) -> RawTable:
    """Read `data` (CSV or XLSX bytes) into a `RawTable`; `is_header` says whether a cell is a known header.
    `row_limit`: rows read from an XLSX sheet (`checker.intake.xlsxgrid.MAX_ROWS` unless lowered)."""
    table = RawTable(file=file_label)
    if not data or not data.strip():
        table.problems.append(
            Problem(
                "error",
                file_label,
                "the file is empty",
                hint="Ask the agency to send the file again.",
                code="file-empty",
            )
        )
        return table
    merges: list[tuple[int, int, int, int]] = []
    if data.startswith(b"PK\x03\x04"):
        table.format = "xlsx"
        read = _xlsx_grid(data, table, sheet, row_limit)
        grid, merges = read if read is not None else (None, [])
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        table.problems.append(
            Problem(
                "error",
                file_label,
                "this is an old-style Excel (.xls) or Word file, which the checker cannot read",
                hint="Open it in Excel and save it as .xlsx or CSV.",
                code="file-format",
            )
        )
        return table
    else:
        table.format = "csv"
        grid = _csv_grid(data, table)
    if grid is None:
        return table
    _split_header(grid, table, is_header, merges)
    return table


# --- CSV ------------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes as UTF-16 (with BOM), UTF-8 (with or without BOM) or Windows-1252; (text, encoding) or (None, None)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the start of `text` into the most consistent rows."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r][
                :50
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        modal = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(modal), modal) if modal > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_grid(data: bytes, table: RawTable) -> Grid | None:
    text, encoding = decode_text(data)
    if text is None or _looks_binary(text):
        table.problems.append(
            Problem(
                "error",
                table.file,
                "the file is not a CSV or XLSX table (it looks like binary data)",
                hint="Ask the agency to export the chronology as CSV or XLSX.",
                code="file-format",
            )
        )
        return None
    table.encoding = encoding
    if encoding == "cp1252":
        table.problems.append(
            Problem(
                "info",
                table.file,
                "read as Windows-1252 text (the file is not UTF-8)",
                hint="Check that characters such as £ and ’ look right; saving as 'CSV UTF-8' avoids this.",
                code="encoding",
            )
        )
    delimiter = sniff_delimiter(text)
    scan = scan_csv(text, delimiter)
    table.lines = scan.lines
    if scan.separators_as_breaks:
        table.problems.append(
            Problem(
                "info",
                table.file,
                "the file separates its lines with Unicode line separators (U+2028), read as line breaks",
                code="line-separators",
            )
        )
    for broken in scan.broken:
        table.rejected_rows += broken.rows
        one = broken.first_line == broken.last_line
        span = f"line {broken.first_line}" if one else f"lines {broken.first_line} to {broken.last_line}"
        table.problems.append(
            Problem(
                "error",
                table.file,
                f"{broken.reason}; {span} of the file {'was' if one else 'were'} not loaded "
                f"(counted as {broken.rows} rejected row{'s' if broken.rows != 1 else ''})",
                hint="Open the file in a text editor or Excel, fix the quotes on those lines, and send it again.",
                row=broken.number,
                code="csv-broken",
            )
        )
    return [(n, cells) for n, cells in scan.records if cells and (cells[0].strip() or not _blank_row(cells))]


# --- XLSX -----------------------------------------------------------------------------------------------


def _xlsx_grid(data: bytes, table: RawTable, sheet: str | None, row_limit: int) -> tuple[Grid, list[Merge]] | None:
    read = read_sheet(data, table.file, sheet, _is_blank, row_limit=row_limit)
    table.problems.extend(read.problems)
    table.rejected_rows += read.rows_not_read
    return (read.rows, read.merges) if read.readable else None


def _fill_merged(grid: Grid, header_row: int, merges: list[Merge]) -> None:
    """Give merged cells their range's value: the whole range on the header row, the first column below it."""
    by_row = {number: cells for number, cells in grid}
    for min_col, min_row, max_col, max_row in merges:
        top = by_row.get(min_row)
        value = top[min_col - 1] if top is not None and min_col - 1 < len(top) else None
        if value is None:
            continue
        for number in range(min_row, max_row + 1):
            cells = by_row.get(number)
            if cells is None:
                continue
            last = max_col if number <= header_row else min_col
            if len(cells) < last:  # sparse rows end at their last value; ranges are clipped to the sheet's values
                cells.extend([None] * (last - len(cells)))
            for col in range(min_col - 1, last):
                if cells[col] is None:
                    cells[col] = value


# --- both -----------------------------------------------------------------------------------------------


def _split_header(grid: Grid, table: RawTable, is_header: Callable[[Any], bool], merges: list[Merge]) -> None:
    if not grid:
        table.problems.append(
            Problem(
                "error",
                table.file,
                "the file has no rows",
                hint="Ask the agency to send the file again.",
                code="file-empty",
            )
        )
        return
    position = next(
        (
            i
            for i, (_, cells) in enumerate(grid[:HEADER_SEARCH_ROWS])
            if sum(1 for c in cells if is_header(c)) >= 2
        ),
        0,
    )
    header_row = grid[position][0]
    if merges:
        _fill_merged(grid, header_row, merges)
    header = list(grid[position][1])
    while header and _is_blank(header[-1]):
        header.pop()
    table.header = [("" if c is None else str(c).strip()) for c in header]
    table.header_row = header_row
    if position:
        table.problems.append(
            Problem(
                "info",
                table.file,
                f"the header is on row {header_row}; the rows above it were not read",
                row=header_row,
                code="header-row",
            )
        )
    width = len(table.header)
    for number, cells in grid[position + 1 :]:
        if len(cells) < width:
            if table.format == "csv":  # a workbook stores no trailing blank cells: short there is normal
                table.short[len(table.rows)] = len(cells)
            cells = cells + [None] * (width - len(cells))
        elif len(cells) > width:
            extra = [c for c in cells[width:] if not _is_blank(c)]
            if extra:
                table.problems.append(
                    Problem(
                        "warning",
                        table.file,
                        f"the row has {len(cells)} cells but the header only {width}; the cells beyond the header were not read",
                        hint="A comma or a cell may have slipped: check the row against the header.",
                        row=number,
                        value=clip(" | ".join(str(c) for c in extra)),
                        code="row-too-long",
                    )
                )
            cells = cells[:width]
        table.rows.append(cells)
        table.row_numbers.append(number)
    if not table.rows:
        table.problems.append(
            Problem(
                "warning",
                table.file,
                "the file has a header but no rows",
                hint="If the agency has entries to send, ask for the file again.",
                row=header_row,
                code="file-no-rows",
            )
        )


def cell_text(value: Any) -> str:
    """A cell as stripped text: '' for blank, dates as DD/MM/YYYY, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()

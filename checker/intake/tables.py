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

from checker.intake.lines import CsvScan, scan_csv
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
    # a stray NUL in a table costs its row (`_reject_bad_bytes`); NULs in more than 1 in 100 characters: binary
    return sample.count("\x00") > len(sample) // 100 or controls > max(2, len(sample) // 100)


_REPLACED = "\ufffd"
_MAX_BAD_BYTES = 1_000
"""More bytes than this that cannot be read as text (or a share over 1%): not a damaged CSV but another kind of
file, refused whole."""


def _decode_lenient(data: bytes) -> tuple[str, str, list[tuple[int, int]]] | None:
    """For a CSV that does not decode cleanly (`decode_text` fails) or holds NUL bytes: the text with each bad
    byte (undecodable, or NUL) replaced by U+FFFD, the encoding (UTF-8 or Windows-1252, whichever reads more of
    it) and each bad byte as (position in the file, byte); None when too much of it is bad to be a CSV."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    best: tuple[str, str, list[tuple[int, int]]] | None = None
    for encoding in ("utf-8", "cp1252"):
        bad: list[tuple[int, int]] = []
        pieces: list[str] = []
        start = 3 if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        at = start
        while at < len(data):
            try:
                pieces.append(decoder.decode(data[at:], final=True))
                break
            except UnicodeDecodeError as exc:
                good = data[at : at + exc.start]
                pieces.append(good.decode(encoding))
                bad.extend((at + exc.start + k, data[at + exc.start + k]) for k in range(exc.end - exc.start))
                pieces.append(_REPLACED * (exc.end - exc.start))
                at += exc.end
                decoder.reset()
                if len(bad) > _MAX_BAD_BYTES:
                    break
        text = "".join(pieces)
        nuls = [i for i, ch in enumerate(data) if ch == 0] if b"\x00" in data else []
        if nuls:
            bad = sorted(bad + [(i, 0) for i in nuls])
            text = text.replace("\x00", _REPLACED)
        if best is None or len(bad) < len(best[2]):
            best = (text, encoding, bad)
        if not bad:
            break
    if best is None or len(best[2]) > min(_MAX_BAD_BYTES, max(2, len(data) // 100)):
        return None
    return best


def _line_of(data: bytes, offsets: list[int]) -> list[int]:
    """The physical line (1-based: `\\n`, `\\r\\n` or a lone `\\r` ends one) of each byte offset (sorted)."""
    out, line, previous = [], 1, 0
    for offset in offsets:
        chunk = data[previous:offset]
        line += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
        out.append(line)
        previous = offset
    return out


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
    bad: list[tuple[int, int]] = []
    binary = _looks_binary(text if text is not None else data[:4096].decode("latin-1"))
    if not binary and (text is None or "\x00" in text):  # a stray undecodable or NUL byte costs only its row
        lenient = _decode_lenient(data)
        if lenient is not None:
            text, encoding, bad = lenient
    if text is None or binary:
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
    scan = scan_csv(text, delimiter, with_spans=bool(bad))
    table.lines = scan.lines
    if bad:
        _reject_bad_bytes(data, bad, scan, table)
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


def _reject_bad_bytes(data: bytes, bad: list[tuple[int, int]], scan: CsvScan, table: RawTable) -> None:
    """Reject each record holding a byte that could not be read (undecodable, or NUL), naming the byte and its
    position; the first record (the header) is kept with a warning, so the rest of the file still loads."""
    lines: dict[int, list[tuple[int, int]]] = {}
    for (offset, byte), line in zip(bad, _line_of(data, [o for o, _ in bad]), strict=True):
        lines.setdefault(line, []).append((offset, byte))
    kept_records, kept_spans = [], []
    for index, ((number, cells), (first, last)) in enumerate(zip(scan.records, scan.spans, strict=True)):
        found = [b for line in range(first, last + 1) for b in lines.get(line, [])]
        if not found:
            kept_records.append((number, cells))
            kept_spans.append((first, last))
            continue
        where = ", ".join(f"byte 0x{byte:02X} at byte position {offset:,}" for offset, byte in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        what = "a NUL byte" if all(byte == 0 for _, byte in found) else "a byte that cannot be read as text"
        span = f"line {first}" if first == last else f"lines {first} to {last}"
        if index == 0:
            kept_records.append((number, cells))
            kept_spans.append((first, last))
            table.problems.append(Problem(
                "warning", table.file, f"the first row ({span}) has {what} ({where}{more}); it was read with "
                "the byte shown as \ufffd", hint="Save the file again as CSV UTF-8 and send it again.",
                row=number, value=clip(" | ".join(c for c in cells if _REPLACED in c)), code="csv-bad-byte"))
            continue
        rows = last - first + 1
        table.rejected_rows += rows
        table.problems.append(Problem(
            "error", table.file, f"{span} of the file {'has' if rows == 1 else 'have'} {what} ({where}{more}), so "
            f"the row was not loaded (counted as {rows} rejected row{'s' if rows != 1 else ''}); the rest of the "
            "file loaded", hint="Ask the agency to re-type that entry or save the file again as CSV UTF-8.",
            row=number, value=clip(" | ".join(c for c in cells if c.strip())), code="csv-bad-byte"))
    scan.records, scan.spans = kept_records, kept_spans


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

"""CSV and XLSX files that are safe to open in Excel: shared by every export.

A text cell that would start with `=`, `+`, `-`, `@`, a tab or a carriage return (also after leading spaces)
is a formula to a spreadsheet, so a record reading `=HYPERLINK("http://x","y")` could run as one. Every text
cell of every export goes through the one function `checker.outputs.cells.safe_cell` (which also covers
invisible leading characters, full-width operators and list separators); CSV quotes every text cell; in XLSX
every text cell is also written as a string cell, never a formula. Numbers stay numbers and dates stay dates (CSV:
`DD/MM/YYYY`, as UK readers write them and UK Excel reads them; XLSX: a real date shown `DD/MM/YYYY`). None
is an empty cell; True/False are written `yes`/`no`.

Every XLSX sheet has the same finish: bold header row, frozen, with a filter on every column; text wrapped
in columns of sensible width; printed landscape, fitted to the page width, the header row repeated on every
page. A table with no rows says so in a row (`Table.empty`), rather than leaving bare headers. A table that
names the columns a reader needs on paper (`Table.printed`) also gets a sheet laid out for A4, before every
full sheet: `checker.outputs.print_layout` says how.

    >>> safe_text('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> write_csv("out.csv", Table("Refer today", ["case", "days"], [["case-4", 9]]))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from checker.model.private import open_private
from checker.outputs.cells import safe_cell
from checker.outputs.print_layout import MAX_PRINTED, PAGE_WIDTH, print_setup, row_height, share_widths

__all__ = ["Cell", "Table", "FORMULA_TRIGGERS", "safe_text", "csv_value", "csv_text", "write_csv", "write_xlsx",
           "list_dropdown"]

Cell = str | int | float | bool | dt.date | dt.datetime | None
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: a title (the XLSX sheet name), column headings and rows of cells; `printed`: the columns a
    reader needs on paper, in order (at most seven), which get a sheet of their own laid out for A4."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    empty: str | None = None  # when set, written in the first row of a table with no rows
    printed: Sequence[str] = ()

    def __post_init__(self) -> None:
        unknown = [c for c in self.printed if c not in self.columns]
        if unknown or len(self.printed) > MAX_PRINTED:
            raise ValueError(f"{self.title}: printed columns {list(self.printed)} must be at most {MAX_PRINTED} "
                             f"of its columns (not {unknown})")


def safe_text(text: str) -> str:
    """`text` made inert for a spreadsheet: `checker.outputs.cells.safe_cell`."""
    return safe_cell(text)


def csv_value(value: Cell) -> str | int | float:
    """A cell as it goes into a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return safe_text(str(value))


def write_csv(target: str | Path | IO[str], table: Table) -> None:
    """Write one table as UTF-8 CSV (with a byte-order mark when writing a file, so Excel reads £ and é)."""
    if isinstance(target, str | Path):
        with open_private(target, "w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(handle, table)
    else:
        _write_csv(target, table)


def _write_csv(handle: IO[str], table: Table) -> None:
    writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)  # text always quoted
    writer.writerow([safe_text(str(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_value(v) for v in row])
    if not table.rows and table.empty:
        writer.writerow([safe_text(table.empty)])


def csv_text(table: Table) -> str:
    """The CSV as a string (for tests and for streaming)."""
    buffer = io.StringIO()
    _write_csv(buffer, table)
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub(" ", title).strip("' ")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _put(ws: Any, row: int, col: int, value: Cell) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None:
        return
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        text = safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.value = text
        cell.data_type = "s"  # a string cell whatever it looks like: never a formula
    cell.alignment = _WRAP


_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_WIDTH = 60  # characters: wider text wraps


def write_xlsx(target: str | Path | IO[bytes], tables: Sequence[Table], *, title: str = "") -> None:
    """Write each table as a finished sheet (see the module docstring), the print sheets first; `title`
    (the audit's) heads every printed page."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        if table.printed:
            _print_sheet(book.create_sheet(_sheet_title(f"{table.title} to print", used)), table, title)
    for table in tables:
        ws = book.create_sheet(_sheet_title(table.title, used))
        _fill(ws, table.columns, table.rows, table.empty)
        for col, heading in enumerate(table.columns, start=1):
            longest = max([_width(str(heading)) - 4] + [_width(row[col - 1]) for row in table.rows if col <= len(row)])
            ws.column_dimensions[get_column_letter(col)].width = min(max(longest + 2, 10), MAX_WIDTH)
        _finish(ws, len(table.columns), max(len(table.rows), 1))
    if isinstance(target, str | Path):
        with open_private(target, "wb") as handle:
            book.save(handle)
    else:
        book.save(target)


def _fill(ws: Any, columns: Sequence[str], rows: Sequence[Sequence[Cell]], empty: str | None) -> None:
    for col, heading in enumerate(columns, start=1):
        _put(ws, 1, col, str(heading))
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            _put(ws, r, col, value)
    if not rows and empty:
        _put(ws, 2, 1, empty)
        ws.cell(row=2, column=1).font = Font(italic=True)


def _print_sheet(ws: Any, table: Table, title: str) -> None:
    """The printed columns only, shared across A4 landscape, each row as tall as its wrapped text."""
    index = [list(table.columns).index(c) for c in table.printed]
    rows = [[row[i] if i < len(row) else None for i in index] for row in table.rows]
    _fill(ws, table.printed, rows, table.empty)
    natural = [max(10, max((len(w) for w in heading.split()), default=0) + 3,
                   min(max((_width(row[k]) for row in rows), default=0) + 2, 70))
               for k, heading in enumerate(table.printed)]
    volume = [sum(len(_shown(row[k])) for row in rows) for k in range(len(natural))]
    widths = share_widths(natural, volume, PAGE_WIDTH)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = row_height(list(table.printed), widths)
    for r, row in enumerate(rows, start=2):
        ws.row_dimensions[r].height = row_height([_shown(v) for v in row], widths)
    if not rows and table.empty:
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
        ws.row_dimensions[2].height = row_height([table.empty], [sum(widths)])
    ws.freeze_panes = "A2"
    print_setup(ws, title, table.title)


def _shown(value: Cell) -> str:
    """A cell as it shows, for measuring: dates as DD/MM/YYYY, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00/00/0000 00:00" if isinstance(value, dt.datetime) else "00/00/0000"
    return str(value)


def _finish(ws: Any, columns: int, rows: int) -> None:
    """Frozen, filtered header; landscape, one page wide, header repeated on every printed page."""
    last = get_column_letter(max(columns, 1))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{rows + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def list_dropdown(ws: Any, source: str, cells: str, prompt: str) -> None:
    """A drop-down on `cells` choosing from the range `source` (e.g. a Lists sheet column), with a prompt
    and a refusal of anything not in the list."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showDropDown=False)
    check.promptTitle, check.prompt = "Choose from the list", prompt
    check.errorTitle, check.error = "Not in the list", "Choose a value from the drop-down list."
    check.showInputMessage = check.showErrorMessage = True
    ws.add_data_validation(check)
    check.add(cells)

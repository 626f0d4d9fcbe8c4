"""Read one sheet of an XLSX workbook as a sparse grid, bounded by the cells that hold values.

A workbook says how big its sheets are (the `dimension`, merged ranges such as `B4:B1048576`), and a
careless or hostile file can say "16,384 columns by a million rows" for a sheet of fifty entries. Nothing
here trusts that: the sheet's XML is streamed (openpyxl's read-only parser), only cells holding a value are
kept, and a row is only as wide as its last value. Merged ranges are clipped to the rows that hold values.
Cells beyond `MAX_COLUMNS`, or beyond `MAX_CELLS` values in all, are not read, and a problem names the sheet
and the range left out, so memory follows what the agency wrote, never what the file declares.

Which sheet: the one `sheet:` in audit.yaml names (any case); otherwise the first visible worksheet, and the
workbook's other sheets are named in a note. A hidden or very hidden sheet is read only when it is named,
with a warning; a workbook with no worksheet (none listed, or chart sheets only) is a located error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from checker.intake.package import package_problem
from checker.model.problems import Problem, clip

__all__ = [
    "SheetGrid", "Workbook", "open_workbook", "read_sheet", "MAX_COLUMNS", "MAX_CELLS", "MAX_ROWS", "MAX_TEMPLATE_ROWS",
]

MAX_COLUMNS = 500
"""A chronology has a dozen columns; a value beyond column 500 (SF) is a stray, not data."""
MAX_CELLS = 5_000_000
"""Values read from one sheet: a 200,000-row chronology of 25 columns."""
MAX_ROWS = 1_000_000
"""Rows holding a value read from one sheet: a 1,000,000-entry chronology (a sweep of 100,000 cases has 4.3
million rows across all agencies' files, none near this in one sheet)."""
MAX_TEMPLATE_ROWS = 10_000
"""Rows read from a returned template's Chronology sheet: one agency's entries for an audit's few cases are
hundreds; a system export pasted into the template is sent as its own chronology file instead."""

Grid = list[tuple[int, list[Any]]]
Merge = tuple[int, int, int, int]


@dataclass(slots=True)
class SheetGrid:
    """Non-blank rows as (row number, cells), the merged ranges clipped to them, and what went wrong."""

    rows: Grid = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet: str = ""
    rows_not_read: int = 0
    """Non-blank rows past `MAX_CELLS` or `MAX_ROWS`: counted as rejected, never read."""
    readable: bool = True


class Workbook:
    """An XLSX opened for bounded reading: its zip checked first (`checker.intake.package`: unpacked sizes,
    macros), then opened read-only, each sheet streamed only when asked for.

        with open_workbook(data, "returns/hv.xlsx") as book:   # None (and problems) when it cannot be opened
            grid = book.grid(book.sheet("Chronology"), is_blank)

    Every XLSX the checker reads goes through here: chronologies and returns (`read_sheet`), returned
    templates (`checker.intake.template_read`), the template stamp (`checker.intake.template_stamp`)."""

    def __init__(self, book: Any, file_label: str) -> None:
        self.book = book
        self.file_label = file_label

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.book.close()

    @property
    def worksheets(self) -> list[Any]:
        return list(self.book.worksheets)

    def sheet(self, title: str) -> Any | None:
        """The worksheet called `title` (any case), or None."""
        key = title.strip().casefold()
        return next((w for w in self.book.worksheets if w.title.strip().casefold() == key), None)

    def grid(
        self,
        ws: Any,
        is_blank: Callable[[Any], bool],
        *,
        max_row: int | None = None,
        first_rows: int | None = None,
        row_limit: int = MAX_ROWS,
    ) -> SheetGrid:
        """The sheet's non-blank rows, bounded (`MAX_COLUMNS`, `MAX_CELLS`, `MAX_ROWS`, and `max_row` when given:
        a value below it stops the reading with a located problem). `first_rows` reads only that many
        non-blank rows (to look at a sheet's top); `row_limit` lowers `MAX_ROWS` for this sheet (a template's
        Chronology sheet). A damaged sheet gives `readable` False and a problem."""
        out = SheetGrid(sheet=ws.title)
        try:
            _read_cells(ws, self.file_label, is_blank, out, max_row=max_row, first_rows=first_rows,
                        row_limit=row_limit)
        except Exception as exc:  # noqa: BLE001 - a damaged sheet part: same message as a damaged file
            out.rows, out.merges = [], []
            out.problems.append(_cannot_open(self.file_label, type(exc).__name__))
            out.readable = False
        return out


@contextmanager
def open_workbook(data: bytes, file_label: str, problems: list[Problem]) -> Iterator[Workbook | None]:
    """The workbook opened bounded, or None with the reason added to `problems` (too big unpacked, macros,
    damaged)."""
    import openpyxl  # type: ignore[import-untyped]  # local: only XLSX needs it, and it is slow to import

    refused = package_problem(data, file_label)
    if refused is not None:
        problems.append(refused)
        yield None
        return
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a damaged file; all mean "cannot open"
        problems.append(_cannot_open(file_label, type(exc).__name__))
        yield None
        return
    with Workbook(book, file_label) as opened:
        yield opened


def read_sheet(
    data: bytes, file_label: str, sheet: str | None, is_blank: Callable[[Any], bool], *, row_limit: int = MAX_ROWS
) -> SheetGrid:
    """The grid of the chosen sheet; `readable` is False (and `problems` says why) when no sheet can be read."""
    problems: list[Problem] = []
    with open_workbook(data, file_label, problems) as book:
        if book is None:
            return SheetGrid(problems=problems, readable=False)
        ws = _choose(book.book, file_label, sheet, problems)
        if ws is None:
            return SheetGrid(problems=problems, readable=False)
        out = book.grid(ws, is_blank, row_limit=row_limit)
        out.problems[:0] = problems
        return out


def _cannot_open(file_label: str, why: str) -> Problem:
    return Problem(
        "error",
        file_label,
        f"the Excel file cannot be opened ({why})",
        hint="Open it in Excel and save it again as .xlsx, or export it as CSV.",
        code="file-format",
    )


def _choose(book: Any, file_label: str, sheet: str | None, problems: list[Problem]) -> Any:
    worksheets = list(book.worksheets)
    charts = [c.title for c in getattr(book, "chartsheets", [])]
    if not worksheets:
        what = f"only chart sheets ({', '.join(clip(c) for c in charts)})" if charts else "no sheets"
        problems.append(
            Problem(
                "error",
                file_label,
                f"the workbook has {what}, so there is no table to read",
                hint="Ask the agency to send the sheet that holds the entries, as .xlsx or CSV.",
                code="sheet-none",
            )
        )
        return None
    names = [ws.title for ws in worksheets]
    if sheet is not None:
        ws = next((w for w in worksheets if w.title.strip().casefold() == sheet.strip().casefold()), None)
        if ws is None:
            problems.append(
                Problem(
                    "error",
                    file_label,
                    f"there is no sheet '{clip(sheet)}'",
                    hint=f"Sheets in the file: {', '.join(clip(n) for n in names)}. Fix `sheet` in audit.yaml.",
                    column="sheet",
                    value=clip(sheet),
                    code="sheet-missing",
                )
            )
            return None
        if ws.sheet_state != "visible":
            problems.append(_hidden(file_label, ws, "it was read because audit.yaml names it"))
        return ws
    visible = [w for w in worksheets if w.sheet_state == "visible"]
    ws = visible[0] if visible else worksheets[0]
    if not visible:
        shown = f"the visible sheets are charts ({', '.join(clip(c) for c in charts)})" if charts else ""
        what = f"{shown or 'every sheet is hidden'}, so the first hidden sheet was read"
        problems.append(_hidden(file_label, ws, what))
    others = [w for w in worksheets if w is not ws]
    if others:
        listed = ", ".join(
            f"'{clip(w.title)}'" + ("" if w.sheet_state == "visible" else f" ({_state(w)})") for w in others
        )
        problems.append(
            Problem(
                "info",
                file_label,
                f"the workbook has {len(worksheets)} sheets; sheet '{clip(ws.title)}' was read, not {listed}",
                hint="To read another sheet, set `sheet:` on this file's entry in audit.yaml.",
                column="sheet",
                value=clip(ws.title),
                code="sheet-chosen",
            )
        )
    return ws


def _state(ws: Any) -> str:
    return "very hidden" if ws.sheet_state == "veryHidden" else "hidden"


def _hidden(file_label: str, ws: Any, what: str) -> Problem:
    return Problem(
        "warning",
        file_label,
        f"sheet '{clip(ws.title)}' is {_state(ws)} in Excel; {what}",
        hint="Check with the agency that this sheet holds the entries they meant to send.",
        column="sheet",
        value=clip(ws.title),
        code="sheet-hidden",
    )


def _read_cells(
    ws: Any,
    file_label: str,
    is_blank: Callable[[Any], bool],
    out: SheetGrid,
    *,
    max_row: int | None = None,
    first_rows: int | None = None,
    row_limit: int = MAX_ROWS,
) -> None:
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    book = ws.parent
    kept = 0
    wide: list[tuple[int, int]] = []  # (row, column) of values beyond MAX_COLUMNS
    stopped_at: int | None = None
    below: tuple[int, int] | None = None  # the first value past max_row: (row, column)
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            values = {c["column"]: c["value"] for c in cells if not is_blank(c["value"])}
            if not values:
                continue
            if max_row is not None and number > max_row:
                below = (number, min(values))
                break
            beyond = [col for col in values if col > MAX_COLUMNS]
            if beyond:
                wide.extend((number, col) for col in beyond)
                values = {col: v for col, v in values.items() if col <= MAX_COLUMNS}
                if not values:
                    continue
            if kept + len(values) > MAX_CELLS or len(out.rows) >= row_limit:
                stopped_at = number
                break
            kept += len(values)
            row: list[Any] = [None] * max(values)
            for col, value in values.items():
                row[col - 1] = value
            out.rows.append((number, row))
            if first_rows is not None and len(out.rows) >= first_rows:
                break
        merged = parser.merged_cells
    refs = [ref.ref for ref in merged.mergeCell] if merged is not None else []
    if stopped_at is not None:  # the rest is only counted (as rejected), by a parser that keeps nothing
        out.rows_not_read, refs = _count_rows(ws, stopped_at)
    if below is not None:
        out.problems.append(
            Problem(
                "warning",
                file_label,
                f"sheet '{clip(ws.title)}' has values below row {max_row:,} (the first in "
                f"{get_column_letter(below[1])}{below[0]}); a sheet of this kind has fewer rows, so they were not read",
                hint="Delete the stray cells, or put their text in the cell of the question it belongs to.",
                row=below[0],
                column="sheet",
                value=clip(ws.title),
                code="sheet-too-long",
            )
        )
    if wide:
        rows = [r for r, _ in wide]
        cols = [c for _, c in wide]
        where = f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
        out.problems.append(
            Problem(
                "warning",
                file_label,
                f"sheet '{clip(ws.title)}' has {len(wide)} value(s) beyond column {get_column_letter(MAX_COLUMNS)}, "
                f"in {where}; they were not read",
                hint="A chronology needs only a few columns: delete the stray cells or move them into the table.",
                column="sheet",
                value=clip(ws.title),
                code="sheet-too-wide",
            )
        )
    if stopped_at is not None:
        template = row_limit < MAX_ROWS
        why = " (the most a returned template's chronology may hold)" if template else ""
        hint = ("Send this chronology as its own .xlsx or CSV file (maca intake --agency ...), not in the template."
                if template else "Split the chronology into several files of fewer rows.")
        out.problems.append(
            Problem(
                "error",
                file_label,
                f"sheet '{clip(ws.title)}' holds more than {MAX_CELLS:,} values or {row_limit:,} rows{why}; "
                f"the {out.rows_not_read:,} rows from row {stopped_at} on were not read (counted as rejected)",
                hint=hint,
                row=stopped_at,
                column="sheet",
                code="sheet-too-big",
            )
        )
    if out.rows and refs:
        last_row = out.rows[-1][0]
        width = max(len(cells) for _, cells in out.rows)
        for ref in refs:
            try:
                min_col, min_row, max_col, max_row = _bounds(ref)
            except ValueError:
                continue
            if min_row > last_row or min_col > width:
                continue
            out.merges.append((min_col, min_row, min(max_col, width), min(max_row, last_row)))


_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']+)""")
_CHUNK = 8 * 1024 * 1024


def _count_rows(ws: Any, first: int) -> tuple[int, list[str]]:
    """Rows from row `first` on holding a value, counted by scanning the sheet's XML again in chunks without
    parsing or keeping it (a second or two for a million rows; the part's size is bounded by
    `checker.intake.package`), and the sheet's merged ranges (they come after the rows).

    A row holds a value when a value or text element closes in it (`</v>`, `</t>`, with any prefix): rows of
    formatting alone are not counted."""
    start = re.compile(rb"""<(?:\w+:)?row\b[^>]*?\sr\s*=\s*["']%d["']""" % first)
    count = 0
    found = False
    rest = b""
    refs: list[str] = []
    with ws._get_source() as source:
        while True:
            chunk = source.read(_CHUNK)
            text = rest + chunk
            if not found:
                at = start.search(text)
                if at is None:
                    rest = text[-4096:]
                    if not chunk:
                        break
                    continue
                found, text = True, text[at.start():]
            pieces = text.split(b"</row>")
            rest = pieces.pop()  # a row still open at the chunk's end; at the file's end, what follows the rows
            count += sum(1 for piece in pieces if b"v>" in piece or b"t>" in piece)
            if not chunk:
                break
            if len(rest) > 4 * _CHUNK:  # no row closes in 32 MB: not rows any more (merges, or one absurd row)
                refs += [r.decode("utf-8", "replace") for r in _MERGE.findall(rest)]
                rest = rest[-_CHUNK:]
    refs += [r.decode("utf-8", "replace") for r in _MERGE.findall(rest)]
    return count, refs


def _bounds(ref: str) -> Merge:
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if None in (min_col, min_row, max_col, max_row):
        raise ValueError(ref)
    return int(min_col), int(min_row), int(max_col), int(max_row)

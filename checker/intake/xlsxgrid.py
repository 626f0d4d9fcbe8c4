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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from checker.model.problems import Problem, clip

__all__ = ["SheetGrid", "read_sheet", "MAX_COLUMNS", "MAX_CELLS"]

MAX_COLUMNS = 500
"""A chronology has a dozen columns; a value beyond column 500 (SF) is a stray, not data."""
MAX_CELLS = 5_000_000
"""Values read from one sheet: a 200,000-row chronology of 25 columns."""

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
    """Non-blank rows past `MAX_CELLS`: counted as rejected, never read."""
    readable: bool = True


def read_sheet(data: bytes, file_label: str, sheet: str | None, is_blank: Callable[[Any], bool]) -> SheetGrid:
    """The grid of the chosen sheet; `readable` is False (and `problems` says why) when no sheet can be read."""
    import openpyxl  # type: ignore[import-untyped]  # local: only XLSX needs it, and it is slow to import

    out = SheetGrid()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a damaged file; all mean "cannot open"
        out.problems.append(_cannot_open(file_label, type(exc).__name__))
        out.readable = False
        return out
    try:
        ws = _choose(book, file_label, sheet, out.problems)
        if ws is None:
            out.readable = False
            return out
        out.sheet = ws.title
        try:
            _read_cells(ws, file_label, is_blank, out)
        except Exception as exc:  # noqa: BLE001 - a damaged sheet part: same message as a damaged file
            out.problems.append(_cannot_open(file_label, type(exc).__name__))
            out.readable = False
    finally:
        book.close()
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


def _read_cells(ws: Any, file_label: str, is_blank: Callable[[Any], bool], out: SheetGrid) -> None:
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    book = ws.parent
    kept = 0
    wide: list[tuple[int, int]] = []  # (row, column) of values beyond MAX_COLUMNS
    stopped_at: int | None = None
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
            beyond = [col for col in values if col > MAX_COLUMNS]
            if beyond:
                wide.extend((number, col) for col in beyond)
                values = {col: v for col, v in values.items() if col <= MAX_COLUMNS}
                if not values:
                    continue
            if stopped_at is None and kept + len(values) > MAX_CELLS:
                stopped_at = number
            if stopped_at is not None:
                out.rows_not_read += 1
                continue
            kept += len(values)
            row: list[Any] = [None] * max(values)
            for col, value in values.items():
                row[col - 1] = value
            out.rows.append((number, row))
        merged = parser.merged_cells
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
        out.problems.append(
            Problem(
                "error",
                file_label,
                f"sheet '{clip(ws.title)}' holds more than {MAX_CELLS:,} values; the {out.rows_not_read:,} "
                f"rows from row {stopped_at} on were not read (counted as rejected)",
                hint="Split the chronology into several files of fewer rows.",
                row=stopped_at,
                column="sheet",
                code="sheet-too-big",
            )
        )
    if out.rows and merged is not None:
        last_row = out.rows[-1][0]
        width = max(len(cells) for _, cells in out.rows)
        for ref in merged.mergeCell:
            try:
                min_col, min_row, max_col, max_row = _bounds(ref.ref)
            except ValueError:
                continue
            if min_row > last_row or min_col > width:
                continue
            out.merges.append((min_col, min_row, min(max_col, width), min(max_row, last_row)))


def _bounds(ref: str) -> Merge:
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if None in (min_col, min_row, max_col, max_row):
        raise ValueError(ref)
    return int(min_col), int(min_row), int(max_col), int(max_row)

"""Load one agency's chronology file into the canonical frame (`checker.model.frame.COLUMNS`), column-wise.

    load = load_chronology(data, source, manifest, file_label="chronologies/housing.csv", today=date(2019, 3, 20))
    load.frame          # the rows that loaded
    load.problems       # every rejected row (error) and doubtful row (warning), each with its row number
    load.counts         # read == loaded + rejected, always

A row is rejected when it cannot be used: no readable date, no event text, a case or an agency that is not in
audit.yaml. A row loads with a warning when its date is in the future, outside the audit period or after the
submission, when it repeats an earlier row exactly, or when it had fewer cells than the header.
Checks run on whole columns (pandas), so a 100,000-row file costs a few seconds, not a pydantic model per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from checker.intake.columns import entry_ids, number_repeats, per_distinct, same_values
from checker.intake.docx import read_docx_table
from checker.intake.headers import chronology_lookup, header_key, map_headers, resolve_header
from checker.intake.packed import Packed, pack, unpack
from checker.intake.tables import RawTable, cell_text, read_table
from checker.intake.template_stamp import file_format, read_stamp
from checker.intake.xlsxgrid import MAX_ROWS, MAX_TEMPLATE_ROWS
from checker.model.audit import ChronologySource, Manifest
from checker.model.dates import EARLIEST, IMPLAUSIBLE, LATEST, impossible_time, parse_date_column
from checker.model.frame import COLUMNS, empty_frame, normalise_text
from checker.model.limits import MATCH_CHARS
from checker.model.problems import FileCounts, Level, Problem, clip
from checker.model.templates import CHRONOLOGY_SHEET

__all__ = [
    "ChronologyLoad",
    "Lookups",
    "load_chronology",
    "agency_lookup",
    "case_lookup",
    "number_repeats",
    "EARLIEST",
    "LATEST",
]


_TEXT_COLUMNS = ("source", "event", "impact", "action", "event_type", "attendees_text")
_DTYPES = dict(empty_frame().dtypes)


@dataclass(slots=True)
class ChronologyLoad:
    """What came of one chronology file."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    counts: FileCounts = field(default_factory=lambda: FileCounts(file="", kind="chronology"))

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent from a loading worker, the frame travels packed (its text in Arrow columns, each distinct value
        once, not millions of pickled Python strings) and is rebuilt exactly (`checker.intake.packed`)."""
        return _unpacked, (pack(self.frame), self.problems, self.counts)


def _unpacked(frame: Packed, problems: list[Problem], counts: FileCounts) -> ChronologyLoad:
    return ChronologyLoad(unpack(frame), problems, counts)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def agency_lookup(manifest: Manifest) -> dict[str, str]:
    """Agency id, name or alias (case-insensitive) -> agency id; ids win over names, names over aliases."""
    lookup: dict[str, str] = {}
    for pick in (lambda a: [a.id], lambda a: [a.name], lambda a: a.aliases):
        for agency in manifest.agencies:
            for word in pick(agency):
                lookup.setdefault(_key(word), agency.id)
    return lookup


def case_lookup(manifest: Manifest) -> dict[str, str]:
    """Case id or any agency's reference for the case (case-insensitive) -> case id; ids win."""
    lookup = {_key(c.id): c.id for c in manifest.cases}
    for case in manifest.cases:
        for ref in case.references.values():
            lookup.setdefault(_key(ref), case.id)
    return lookup


class Lookups:
    """A manifest's case and agency look-ups (`case_lookup`, `agency_lookup`), built once for all its files."""

    def __init__(self, manifest: Manifest) -> None:
        self.cases = case_lookup(manifest)
        self.agencies = agency_lookup(manifest)


class _Rows:
    """Collects row problems and which rows are rejected, by position in the table."""

    def __init__(self, table: RawTable, header: dict[str, str]) -> None:
        self.table = table
        self.header = header
        self.problems: list[tuple[int, int, Problem]] = []
        self.rejected: set[int] = set()

    def flag(
        self,
        mask: pd.Series,
        level: Level,
        column: str | None,
        message: str | Callable[[int], str],
        hint: str,
        code: str,
        values: list[str] | None = None,
    ) -> None:
        """One problem per row where `mask` is true, saying `message` (or `message(position)`) and `values[position]`."""
        where = self.header.get(column, column) if column else None
        for pos in np.flatnonzero(mask.to_numpy(dtype=bool)).tolist():
            if level == "error":
                self.rejected.add(pos)
            value = clip(values[pos]) if values is not None else None
            row = self.table.row_numbers[pos]
            text = message if isinstance(message, str) else message(pos)
            problem = Problem(
                level, self.table.file, text, hint=hint, row=row, column=where, value=value, code=code
            )
            self.problems.append((row, len(self.problems), problem))


def load_chronology(
    data: bytes, source: ChronologySource, manifest: Manifest, *, file_label: str, today: dt.date,
    lookups: Lookups | None = None,
) -> ChronologyLoad:
    """Read, validate and load one chronology file; never raises on bad input.

    `lookups` (`lookups(manifest)`) saves building the case and agency look-ups again for each file of a bundle.
    """
    counts = FileCounts(file=file_label, kind="chronology", agency=source.agency)
    lookup = chronology_lookup(manifest.columns, source.columns)
    is_header = lambda cell: resolve_header(cell, lookup) is not None  # noqa: E731
    parts: dict[int, str] = {}
    fmt = file_format(data)
    if fmt == "docx":
        table, parts = read_docx_table(data, file_label=file_label, is_header=is_header)
    else:
        sheet, limit = source.sheet, MAX_ROWS
        if fmt == "xlsx" and read_stamp(data) is not None:
            limit = MAX_TEMPLATE_ROWS  # a returned template is an audit's cases, not a system's export
            sheet = sheet or CHRONOLOGY_SHEET  # a template's chronology is on its Chronology sheet, not the first
        table = read_table(data, file_label=file_label, sheet=sheet, is_header=is_header, row_limit=limit)
    load = _load_table(
        table, source, manifest, file_label=file_label, today=today, counts=counts, lookups=lookups or Lookups(manifest)
    )
    if parts:  # a Word table: say which table each row is in
        load.problems = [replace(p, part=parts[p.row]) if p.row in parts and not p.part else p for p in load.problems]
    return load


def _load_table(
    table: RawTable, source: ChronologySource, manifest: Manifest, *, file_label: str, today: dt.date,
    counts: FileCounts, lookups: Lookups,
) -> ChronologyLoad:
    problems = list(table.problems)
    counts.lines = table.lines
    counts.read = counts.rejected = table.rejected_rows
    if not table.readable:
        return ChronologyLoad(empty_frame(), problems, counts)
    mapping = map_headers(
        table.header, file_label=file_label, global_columns=manifest.columns, file_columns=source.columns
    )
    problems.extend(mapping.problems)
    n = len(table.rows)
    counts.read += n
    raw = pd.DataFrame(table.rows, columns=range(len(table.header)), dtype=object) if n else None
    table.rows = []  # the cells live on in `raw`: the row lists are let go (a large file's are hundreds of MB)
    if raw is not None:
        problems.extend(_unnamed_with_data(raw, table))
    fatal = [p for p in mapping.problems if p.code == "column-missing"]
    if n and not fatal and "case" not in mapping.columns and source.case is None:
        fatal.append(
            Problem(
                "error",
                file_label,
                "the file has no case column and audit.yaml gives no case for it, so no row can be loaded",
                hint="Add a Case column, or set `case:` on this file's entry under submissions.chronologies.",
                column="case",
                code="case-missing",
            )
        )
        problems.append(fatal[-1])
    if fatal or raw is None:
        counts.rejected += n
        return ChronologyLoad(empty_frame(), problems, counts)

    header = {canonical: table.header[i] or canonical for canonical, i in mapping.columns.items()}
    cells = {canonical: raw[i] for canonical, i in mapping.columns.items()}
    text = {
        c: (_text(cells[c], table) if c in cells else pd.Series([""] * n, dtype=object))
        for c in _TEXT_COLUMNS
    }
    rows = _Rows(table, header)
    _check_shorts(rows, table, len(table.header))
    _check_long(rows, text)

    dates = parse_date_column(cells["date"])
    date_text = _text(cells["date"], table)
    shown = date_text.tolist()
    date_errors = dates["date_error"].tolist()
    out_of_range = dates["date_error"].isin([e for e in set(date_errors) if e.startswith(IMPLAUSIBLE)])
    bad_date = (dates["date_error"] != "") & ~out_of_range
    rows.flag(
        bad_date,
        "error",
        "date",
        lambda p: f"no readable date ({_reason(date_errors[p])}), so the row was not loaded",
        "Write the date day first, e.g. 03/04/2019 or 3 Apr 2019; an uncertain one as '?22/05/2016' or 'May 2016'.",
        "date-unreadable",
        shown,
    )
    start = pd.Timestamp(EARLIEST)
    end = pd.Timestamp(LATEST)
    implausible = out_of_range | (~bad_date & ((dates["date"] < start) | (dates["date_end"] > end)))
    rows.flag(
        implausible,
        "error",
        "date",
        "the year cannot be right, so the row was not loaded",
        "Check the date for a typing error.",
        "date-implausible",
        shown,
    )
    times = {t: impossible_time(t) for t in set(shown) if ":" in t or "." in t}
    rows.flag(
        ~bad_date & ~implausible & date_text.isin([t for t, bad in times.items() if bad is not None]),
        "warning",
        "date",
        lambda p: f"the time {times[shown[p]]} does not exist, so it was not read; the date loaded",
        "Check the time (24-hour clock, e.g. 14:30), or leave it out.",
        "time-impossible",
        shown,
    )
    rows.flag(
        text["event"] == "",
        "error",
        "event",
        "the event text is blank, so the row was not loaded",
        "Add what happened, or delete the row if it is not an entry.",
        "event-blank",
    )
    case = _resolve_case(
        rows, _text(cells["case"], table) if "case" in cells else None, source, manifest, lookups.cases
    )
    agency = _resolve_agency(
        rows, _text(cells["agency"], table) if "agency" in cells else None, source, lookups.agencies
    )

    keep = pd.Series(True, index=raw.index)
    keep.iloc[sorted(rows.rejected)] = False
    # rejected rows (about to be dropped) get a placeholder so the cast cannot overflow on a year like 9999
    ok_dates = dates["date"].where(keep, start).astype("datetime64[ns]")
    ok_ends = dates["date_end"].where(keep, start).astype("datetime64[ns]")
    _date_warnings(rows, keep, ok_dates, ok_ends, shown, manifest, source, today)

    frame = pd.DataFrame(
        {
            "case": case,
            "agency": agency,
            "date": ok_dates,
            "date_end": ok_ends,
            "date_precision": dates["date_precision"],
            "date_text": date_text,
            **text,
            "file": pd.Series(_same(file_label, n), index=raw.index, dtype=object),
            "row": pd.Series(table.row_numbers, index=raw.index, dtype="int64"),
        }
    )[keep].reset_index(drop=True)
    event_key = per_distinct(frame["event"], normalise_text)
    _duplicates(rows, frame, event_key)
    frame["entry_id"] = entry_ids(frame["case"], frame["agency"], frame["date_text"], event_key)
    m = len(frame)
    frame["kinds"] = pd.Series([()] * m, dtype=object)
    frame["text_dates"] = pd.Series([()] * m, dtype=object)
    frame["attendees"] = pd.Series([()] * m, dtype=object)
    frame["attendees_known"] = pd.Series([False] * m, dtype=bool)
    frame = frame[list(COLUMNS)].astype(_DTYPES) if m else empty_frame()

    counts.loaded = m
    counts.rejected += n - m
    problems.extend(p for _, _, p in rows.problems)
    problems.sort(key=lambda p: p.row or 0)  # stable: file-level problems first, then by row
    return ChronologyLoad(frame, problems, counts)


def _same(value: str, n: int) -> np.ndarray:
    """`n` references to the one `value` (`np.full` would make `n` copies of a string: 300 MB at 4 million rows)."""
    out = np.empty(n, dtype=object)
    out[:] = value
    return out


def _reason(error: str) -> str:
    """A date error as a clause: 'is not a date; write it …' -> 'it is not a date' (the hint says how to write it)."""
    reason = error.split(";")[0].strip()
    return f"it {reason}" if reason.startswith("is ") else reason


def _unnamed_with_data(raw: pd.DataFrame, table: RawTable) -> list[Problem]:
    out = []
    for i, name in enumerate(table.header):
        if header_key(name) == "" and raw[i].map(lambda v: cell_text(v) != "").any():
            out.append(
                Problem(
                    "info",
                    table.file,
                    f"column {i + 1} has no header and was not read",
                    hint="Give the column a header (and map it in audit.yaml if the checker should read it).",
                    code="column-ignored",
                )
            )
    return out


def _check_shorts(rows: _Rows, table: RawTable, width: int) -> None:
    for pos, had in table.short.items():
        rows.problems.append(
            (
                table.row_numbers[pos],
                len(rows.problems),
                Problem(
                    "warning",
                    table.file,
                    f"the row has {had} cells but the header has {width}; the missing cells were read as blank",
                    hint="A separator or a line break may have slipped: check the row against the header.",
                    row=table.row_numbers[pos],
                    code="row-too-short",
                ),
            )
        )


def _check_long(rows: _Rows, text: dict[str, pd.Series]) -> None:
    """Warn of cells only partly read for matching (`checker.model.limits.MATCH_CHARS`); they load whole."""
    for column in ("event", "action"):
        rows.flag(
            pd.Series(np.fromiter(map(len, text[column].tolist()), dtype=np.int64) > MATCH_CHARS),
            "warning",
            column,
            f"the cell has more than {MATCH_CHARS:,} characters; only the first {MATCH_CHARS:,} were read for "
            "event kinds, dates and names (the whole text is kept); the row loaded",
            "Check the cell: a very long cell is often several entries pasted together.",
            "cell-long",
        )


def _text(cells: pd.Series, table: RawTable) -> pd.Series:
    """A column of cells as stripped text ("" when blank); CSV cells are text already, so this is vectorised."""
    if table.format == "csv":  # str, or None (NaN) where a short row was padded
        return per_distinct(cells, lambda v: v.strip() if isinstance(v, str) else "")
    return cells.map(cell_text).astype(object)  # Excel cells: 1, 1.0 and True are equal keys, so cell by cell


def _resolve_case(
    rows: _Rows, written: pd.Series | None, source: ChronologySource, manifest: Manifest, lookup: dict[str, str]
) -> pd.Series:
    n = len(rows.table.row_numbers)
    default = source.case or ""
    if written is None:
        return pd.Series([default] * n, dtype=object)
    resolved = per_distinct(written, lambda v: lookup.get(_key(v), "") if v else default)
    known = ", ".join(c.id for c in manifest.cases[:10])
    rows.flag(
        (written == "") & (resolved == ""),
        "error",
        "case",
        "the case is blank and audit.yaml gives no case for this file, so the row was not loaded",
        f"Fill in the case ({known}), or set `case:` on this file's entry in audit.yaml.",
        "case-blank",
    )
    rows.flag(
        (written != "") & (resolved == ""),
        "error",
        "case",
        "this case is not in audit.yaml, so the row was not loaded",
        f"Use a case id from audit.yaml ({known}) or a reference listed under the case's references.",
        "case-unknown",
        written.tolist(),
    )
    return resolved


def _resolve_agency(
    rows: _Rows, written: pd.Series | None, source: ChronologySource, lookup: dict[str, str]
) -> pd.Series:
    n = len(rows.table.row_numbers)
    if written is None:
        return pd.Series([source.agency] * n, dtype=object)
    resolved = per_distinct(written, lambda v: lookup.get(_key(v), "") if v else source.agency)
    rows.flag(
        resolved == "",
        "error",
        "agency",
        "this agency is not in audit.yaml, so the row was not loaded",
        "Use an agency id, name or alias from audit.yaml (or add the alias there); "
        "leave the cell blank for the submitting agency.",
        "agency-unknown",
        written.tolist(),
    )
    return resolved


def _date_warnings(
    rows: _Rows,
    keep: pd.Series,
    start: pd.Series,
    end: pd.Series,
    date_text: list[str],
    manifest: Manifest,
    source: ChronologySource,
    today: dt.date,
) -> None:
    future = keep & (start > pd.Timestamp(today))
    rows.flag(
        future,
        "warning",
        "date",
        f"the date is in the future (today is {today:%d/%m/%Y}); the row loaded",
        "Check the date: it may be mistyped (day and month swapped, or the wrong year).",
        "date-future",
        date_text,
    )
    period = manifest.audit.period
    if period is not None:
        outside = keep & ~future & ((end < pd.Timestamp(period.start)) | (start > pd.Timestamp(period.end)))
        rows.flag(
            outside,
            "warning",
            "date",
            f"the date is outside the audit period ({period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}); "
            "the row loaded",
            "Fine if it is relevant history; otherwise check the date.",
            "date-outside-period",
            date_text,
        )
    if source.submitted is not None:
        submitted = source.submitted
        late = keep & ~future & (start > pd.Timestamp(submitted))
        rows.flag(
            late,
            "warning",
            "date",
            f"the date is after the file was submitted ({submitted:%d/%m/%Y}); the row loaded",
            "Check the date, or the submission date in audit.yaml.",
            "date-after-submission",
            date_text,
        )


def _duplicates(rows: _Rows, frame: pd.DataFrame, event_key: pd.Series) -> None:
    """Flag rows that repeat an earlier row exactly (same case, agency, date and text); both stay loaded."""
    if frame.empty:
        return
    group = same_values(
        [frame["case"], frame["agency"], frame["date"], frame["date_end"], frame["date_precision"], event_key]
    )
    dup = pd.Series(group).duplicated(keep="first")
    if not dup.any():
        return
    first = np.unique(group, return_index=True)[1]  # position of each group's first row (groups number 0, 1, …)
    first_row = frame["row"].to_numpy()[first[group]].tolist()
    row_numbers, date_text = frame["row"].tolist(), frame["date_text"].tolist()
    for i in np.flatnonzero(dup.to_numpy()).tolist():
        row = row_numbers[i]
        rows.problems.append(
            (
                row,
                len(rows.problems),
                Problem(
                    "warning",
                    rows.table.file,
                    f"exact duplicate of row {first_row[i]} (same case, agency, date and text); both loaded",
                    hint="If it was entered twice, delete one; if these are two events, say how they differ.",
                    row=row,
                    column=rows.header.get("date", "date"),
                    value=clip(date_text[i]),
                    code="row-duplicate",
                ),
            )
        )

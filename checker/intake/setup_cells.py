"""Reading the set-up workbook's sheets: rows as values, dates day first, problems located by sheet, row and
column. Shared by `checker.intake.setup_read` (audit, agencies, cases, the Expected grid) and
`checker.intake.setup_people` (people and plans).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from checker.model.dates import DateError, parse_day, plausible
from checker.model.problems import Problem, clip
from checker.model.setup import EXPECTED_FIRST, FIRST_ROW, is_example

__all__ = ["SheetRows", "cell_value", "as_day", "as_text", "slug", "DATE_HINT", "ID"]

DATE_HINT = "Write it day first, e.g. 20/04/2019 (or choose a date in the cell)."
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def slug(text: str, limit: int = 48) -> str:
    """An id made from text: 'Northshire Police' -> 'northshire-police'."""
    made = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:limit].strip("-")
    return made or "x"


class SheetRows:
    """One sheet's rows as values, and problems located on it."""

    def __init__(self, problems: list[Problem], label: str, name: str, ws: Any,
                 columns: dict[str, str] | None) -> None:
        self.problems, self.label, self.name, self.columns = problems, label, name, columns
        self.rows: list[tuple[int, tuple[Any, ...]]] = [
            (i, row) for i, row in enumerate(ws.iter_rows(values_only=True), start=1)
        ]

    def letter(self, key: str) -> str:
        assert self.columns is not None
        index = list(self.columns).index(key) + 1
        return f"{get_column_letter(index)} ({self.columns[key]})"

    def problem(self, row: int | None, column: str | None, message: str, hint: str = "", value: object = None,
                level: str = "error") -> None:
        shown = clip(value) if value not in (None, "") else None
        self.problems.append(Problem(level, self.label, message, hint=hint, row=row,  # type: ignore[arg-type]
                                     column=column, value=shown, code="setup", part=f"sheet '{self.name}'"))

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        """The data rows (from `FIRST_ROW`, example and blank rows left out) as {column key: cell}."""
        assert self.columns is not None
        keys = list(self.columns)
        out = []
        for number, row in self.rows:
            if number < FIRST_ROW or not row or is_example(row[0]):
                continue
            values = {k: cell_value(row[i]) if i < len(row) else None for i, k in enumerate(keys)}
            if any(v is not None for v in values.values()):
                out.append((number, values))
        return out

    def day(self, number: int, key: str, value: Any, *, required: bool = False, what: str = "") -> dt.date | None:
        if value is None:
            if required:
                self.problem(number, self.letter(key), f"{what or 'this date'} is missing", DATE_HINT)
            return None
        day = as_day(value)
        if day is None:
            self.problem(number, self.letter(key), "this is not a date", DATE_HINT, value)
        return day


    def case(self, number: int, key: str, value: Any, cases: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        """The case a row names (its id in column `key`), or None with the problem said."""
        case_id = as_text(value)
        if case_id is None:
            self.problem(number, self.letter(key) if self.columns else f"A ({EXPECTED_FIRST})",
                         "this row has no case id", "Choose the case from the drop-down (the Cases sheet).")
            return None
        if case_id not in cases:
            self.problem(number, self.letter(key) if self.columns else f"A ({EXPECTED_FIRST})",
                         "this case is not on the Cases sheet", "Add the case to the Cases sheet, or correct "
                         "the case id here.", case_id)
            return None
        return cases[case_id]


def cell_value(value: Any) -> Any:
    """A cell as read: text stripped (blank is None), whole numbers without '.0', dates kept."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def as_day(value: Any) -> dt.date | None:
    try:
        if isinstance(value, dt.date):
            return plausible(value)
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 73_050:
            serial = from_excel(value)
            return plausible(serial.date() if isinstance(serial, dt.datetime) else serial)
        return plausible(parse_day(str(value)))
    except (DateError, ValueError, OverflowError, TypeError):
        return None


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)

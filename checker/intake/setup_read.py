"""Read a filled set-up workbook (`checker.model.setup`) into audit.yaml's `audit`, `agencies` and `cases`.

    read = read_setup(data, file_label="setup.xlsx", existing=manifest_or_none)
    if read.errors: ...           # every problem by sheet, row and column, with what to do
    read.document                 # {"audit": {...}, "agencies": [...], "cases": [...]}: what Manifest accepts

Nothing is half-read: `document` is None while any error remains. Ids the officer need not type are made
up: the audit's from its title, an agency's from its type (or name), a person's from the case and role; an
`existing` audit's ids are kept (the same audit id; an agency matched by name keeps its id).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from checker.intake.package import package_refusal
from checker.intake.setup_cells import DATE_HINT, ID, SheetRows, as_day, as_text, cell_value, slug
from checker.intake.setup_people import read_people, read_plans
from checker.intake.yamltext import validation_problems
from checker.model.audit import AgencyType, Manifest
from checker.model.problems import Problem, clip
from checker.model.setup import (
    AGENCIES_SHEET,
    AGENCY_COLUMNS,
    AUDIT_FIELDS,
    AUDIT_SHEET,
    CASE_COLUMNS,
    CASES_SHEET,
    DATA_SHEETS,
    EXPECTED_FIRST,
    EXPECTED_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    PLAN_COLUMNS,
    PLANS_SHEET,
    TICKS,
    agency_type_choices,
    choice_key,
    is_example,
)

__all__ = ["SetupRead", "read_setup", "MAX_SETUP_BYTES", "MAX_SETUP_ROWS", "MAX_SETUP_COLUMNS"]

MAX_SETUP_BYTES = 20 * 1024 * 1024
MAX_SETUP_ROWS = 5_000  # a sheet's last used row: far more than any audit's cases, people or agencies
MAX_SETUP_COLUMNS = 100  # the Expected grid is one column an agency


@dataclass(slots=True)
class SetupRead:
    """What a set-up workbook said: the manifest sections (None while any error remains) and every problem."""

    document: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


class _Reader:
    def __init__(self, label: str, existing: Manifest | None) -> None:
        self.label, self.existing = label, existing
        self.problems: list[Problem] = []

    def fail(self, message: str, hint: str) -> None:
        self.problems.append(Problem("error", self.label, message, hint=hint, code="setup"))

    # --- Audit --------------------------------------------------------------------------------------------

    def audit(self, sheet: SheetRows) -> dict[str, Any]:
        labels = {choice_key(label): key for key, label in AUDIT_FIELDS.items()}
        labels.update({choice_key(label.removesuffix(" (optional)")): key for key, label in AUDIT_FIELDS.items()})
        found: dict[str, tuple[int | None, Any]] = {}
        for at, row in sheet.rows:
            if at <= HEADER_ROW or not row:
                continue
            key = labels.get(choice_key(row[0] or ""))
            if key is not None:
                found[key] = (at, cell_value(row[1]) if len(row) > 1 else None)
        for key, label in AUDIT_FIELDS.items():
            if key not in found and key != "id":
                sheet.problem(None, None, f"the row '{label}' is missing", "Use the set-up workbook as written by "
                              "maca new --workbook; do not delete its rows.")
        where = {k: f"B ({AUDIT_FIELDS[k]})" for k in AUDIT_FIELDS}
        info: dict[str, Any] = {}
        for key in ("title", "theme", "partnership"):
            number, value = found.get(key, (None, None))
            if value is None and key != "partnership":
                if number is not None:
                    sheet.problem(number, where[key], f"the audit has no {key}",
                                  f"Write the audit's {key} in column B (see the example in column C).")
            elif value is not None:
                info[key] = as_text(value)
        days: dict[str, dt.date | None] = {}
        for key in ("period_start", "period_end", "meeting_date", "submission_deadline"):
            number, value = found.get(key, (None, None))
            days[key] = None
            if value is not None and number is not None:
                days[key] = as_day(value)
                if days[key] is None:
                    sheet.problem(number, where[key], "this is not a date", DATE_HINT, value)
        for key in ("meeting_date", "submission_deadline"):
            if days[key] is not None:
                info[key] = days[key]
        start, end = days["period_start"], days["period_end"]
        given = {k: found.get(k, (None, None)) for k in ("period_start", "period_end")}
        if start is not None and end is not None:
            if end < start:
                sheet.problem(given["period_end"][0], where["period_end"], f"the audit period ends ({end:%d/%m/%Y}) "
                              f"before it starts ({start:%d/%m/%Y})", "Check the two dates: day first, e.g. "
                              "28/02/2019.")
            else:
                info["period"] = {"start": start, "end": end}
        elif (given["period_start"][1] is None) != (given["period_end"][1] is None):
            blank = "period_end" if given["period_end"][1] is None else "period_start"
            sheet.problem(given[blank][0], where[blank], "the audit period needs both dates",
                          "Give both 'from' and 'to', or neither.")
        number, written = found.get("id", (None, None))
        if written is not None:
            if not ID.match(str(written)):
                sheet.problem(number, where["id"], "an audit id uses letters, digits, '-', '_' and '.'",
                              "Leave it blank to have one made from the title.", written)
            info["id"] = str(written)
        elif self.existing is not None:
            info["id"] = self.existing.audit.id
        elif "title" in info:  # like maca-2019-homelessness: the meeting's year and the theme, else the title
            year = info.get("meeting_date") or info.get("submission_deadline")
            info["id"] = f"maca-{year.year}-{slug(info['theme'], 40)}" if year and "theme" in info \
                else slug(info["title"], 64)
        first = {"id": info.pop("id")} if "id" in info else {}
        return {**first, **info}

    # --- Agencies -----------------------------------------------------------------------------------------

    def agencies(self, sheet: SheetRows) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The agencies, and how the Expected sheet may name each (name or id, as a key) -> id."""
        choices = {choice_key(label): value for label, value in agency_type_choices()}
        choices.update({choice_key(t.value): t.value for t in AgencyType})
        shown = ", ".join(label for label, _ in agency_type_choices())
        old_by_name = {a.name.casefold(): a.id for a in self.existing.agencies} if self.existing else {}
        rows = sheet.records()
        if not rows:
            sheet.problem(FIRST_ROW, sheet.letter("name"), "no agency is listed",
                          "Add one row per agency asked to submit (name and type).")
        agencies: list[dict[str, Any]] = []
        seen_names: dict[str, int] = {}
        for number, values in rows:
            name = as_text(values["name"])
            kind = values["type"]
            if name is None:
                sheet.problem(number, sheet.letter("name"), "this agency has no name", "Write the agency's name.")
            elif name.casefold() in seen_names:
                sheet.problem(number, sheet.letter("name"), f"this agency is already listed in row "
                              f"{seen_names[name.casefold()]}", "List each agency once.", name)
            else:
                seen_names[name.casefold()] = number
            if kind is None:
                sheet.problem(number, sheet.letter("type"), "this agency has no type", f"Choose one: {shown}.")
                value = None
            else:
                value = choices.get(choice_key(kind))
                if value is None:
                    sheet.problem(number, sheet.letter("type"), "this is not an agency type the checker knows",
                                  f"Choose one from the drop-down: {shown}.", kind)
            given = as_text(values["id"])
            if given is not None and not ID.match(given):
                sheet.problem(number, sheet.letter("id"), "a short id uses letters, digits, '-', '_' and '.'",
                              "Leave it blank to have one made.", given)
            aliases = [a.strip() for a in re.split(r"[;\n]", as_text(values["aliases"]) or "") if a.strip()]
            item: dict[str, Any] = {"id": given or (old_by_name.get(name.casefold()) if name else None), "name": name,
                    "type": value, "aliases": aliases, "lead_role": as_text(values["lead_role"]), "_row": number}
            agencies.append(item)
        types = Counter(a["type"] for a in agencies if a["id"] is None)
        taken = {a["id"] for a in agencies if a["id"]}
        for item in agencies:
            if item["id"] is None:
                base = slug(str(item["type"] or "agency")) if types[item["type"]] == 1 else slug(item["name"] or "agency")
                made, n = base, 2
                while made in taken:
                    made, n = f"{base}-{n}", n + 1
                item["id"] = made
                taken.add(made)
        ids = Counter(a["id"] for a in agencies)
        for item in agencies:
            if ids[item["id"]] > 1:
                sheet.problem(item["_row"], sheet.letter("id"), "two agencies have this short id",
                              "Give each agency its own short id.", item["id"])
        names = {}
        for a in agencies:
            names[choice_key(a["id"])] = a["id"]
            if a["name"]:
                names[choice_key(a["name"])] = a["id"]
        shared = Counter(choice_key(alias) for a in agencies for alias in a["aliases"])
        for a in agencies:  # an other name ('HV') also names the agency in the Expected grid, if only one has it
            for alias in a["aliases"]:
                if shared[choice_key(alias)] == 1:
                    names.setdefault(choice_key(alias), a["id"])
        return agencies, names

    # --- Cases --------------------------------------------------------------------------------------------

    def cases(self, sheet: SheetRows) -> dict[str, dict[str, Any]]:
        rows = sheet.records()
        if not rows:
            sheet.problem(FIRST_ROW, sheet.letter("id"), "no case is listed",
                          "Add one row per case: a pseudonymous case id such as case-1.")
        cases: dict[str, dict[str, Any]] = {}
        first: dict[str, int] = {}
        for number, values in rows:
            case_id = as_text(values["id"])
            if case_id is None:
                sheet.problem(number, sheet.letter("id"), "this case has no id",
                              "Give it a pseudonymous id such as case-3 (never a name).")
                continue
            if not ID.match(case_id):
                sheet.problem(number, sheet.letter("id"), "a case id uses letters, digits, '-', '_' and '.' "
                              "(no spaces), starting with a letter or digit", "Use an id such as case-3, never "
                              "a name.", case_id)
                continue
            if case_id in first:
                sheet.problem(number, sheet.letter("id"), f"two cases have this id (rows {first[case_id]} and "
                              f"{number})", "Give each case its own id.", case_id)
                continue
            first[case_id] = number
            cases[case_id] = {"id": case_id, "summary": as_text(values["summary"]),
                              "reference": as_text(values["reference"]), "references": None,
                              "expected_agencies": None, "children": [], "pregnancy": None, "adults": [],
                              "plans": []}
        return cases

    # --- Expected -----------------------------------------------------------------------------------------

    def expected(self, sheet: SheetRows, cases: dict[str, dict[str, Any]], agencies: list[dict[str, Any]],
                 names: dict[str, str]) -> None:
        header = next((row for number, row in sheet.rows if number == HEADER_ROW), ())
        columns: dict[int, str] = {}
        for index, value in enumerate(header[1:], start=1):
            text = as_text(cell_value(value))
            if text is None:
                continue
            agency = names.get(choice_key(text))
            if agency is None:
                sheet.problem(HEADER_ROW, f"{get_column_letter(index + 1)}", "this agency is not on the Agencies "
                              "sheet", "Choose the agency's name from the drop-down (the Agencies sheet).", text)
            elif agency in columns.values():
                sheet.problem(HEADER_ROW, f"{get_column_letter(index + 1)}", "this agency already has a column",
                              "Give each agency one column.", text)
            else:
                columns[index] = agency
        order = [a["id"] for a in agencies]
        seen: dict[str, int] = {}
        for number, row in sheet.rows:
            if number < FIRST_ROW or not row or is_example(row[0]):
                continue
            cells = {i: cell_value(v) for i, v in enumerate(row) if i > 0 and cell_value(v) is not None}
            if cell_value(row[0]) is None and not cells:
                continue
            case = sheet.case(number, "", row[0], cases)
            if case is None:
                continue
            if case["id"] in seen:
                sheet.problem(number, f"A ({EXPECTED_FIRST})", f"this case already has a row ({seen[case['id']]})",
                              "Give each case one row.", case["id"])
                continue
            seen[case["id"]] = number
            ticked: dict[str, str | None] = {}
            for index, value in cells.items():
                letter = get_column_letter(index + 1)
                if index not in columns:
                    sheet.problem(number, letter, "this cell has no agency at the top of its column",
                                  "Choose the agency in row 2, or clear the cell.", value)
                    continue
                text = str(as_text(value)).strip()
                ticked[columns[index]] = None if text.casefold() in TICKS else text
            if not ticked:
                sheet.problem(number, f"A ({EXPECTED_FIRST})", "no agency is ticked for this case", "Tick the "
                              "agencies expected to submit for it, or delete the row (then every agency is "
                              "expected).", case["id"])
                continue
            case["expected_agencies"] = [a for a in order if a in ticked]
            case["references"] = {a: ref for a in order if (ref := ticked.get(a))}


def _clean(value: Any) -> Any:
    """Drop None, empty lists and working keys (`_row`): only what audit.yaml holds."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("_") and v is not None and v != []}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def read_setup(data: bytes, *, file_label: str = "setup.xlsx", existing: Manifest | None = None) -> SetupRead:
    """Read a set-up workbook; every problem located by sheet, row and column; never raises on bad input."""
    reader = _Reader(file_label, existing)
    if len(data) > MAX_SETUP_BYTES:
        reader.fail(f"the file is over {MAX_SETUP_BYTES // 2**20} MB", "Send the set-up workbook itself.")
        return SetupRead(None, reader.problems)
    refused = package_refusal(data)  # unpacked sizes and macros, before anything is parsed
    if refused is not None:
        reader.fail(refused.message, refused.hint)
        return SetupRead(None, reader.problems)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reader.fail(f"this is not an Excel workbook that can be read ({clip(exc, 80)})",
                    "Save the set-up workbook as .xlsx (Excel Workbook) and try again.")
        return SetupRead(None, reader.problems)
    missing = [name for name in DATA_SHEETS if name not in book.sheetnames]
    if missing:
        reader.fail(f"the workbook has no sheet {', '.join(repr(m) for m in missing)}", "Start from the set-up "
                    "workbook written by maca new --workbook (or the dashboard's New audit page); keep its sheets.")
        return SetupRead(None, reader.problems)
    for name in DATA_SHEETS:  # a stray far cell would make every sheet read a million empty rows
        ws = book[name]
        if ws.max_row > MAX_SETUP_ROWS or ws.max_column > MAX_SETUP_COLUMNS:
            reader.fail(f"sheet '{name}' has something as far as cell {get_column_letter(ws.max_column)}"
                        f"{ws.max_row}: a set-up sheet holds at most {MAX_SETUP_ROWS:,} rows and "
                        f"{MAX_SETUP_COLUMNS} columns",
                        "Delete the rows and columns past your data (select them, right-click, Delete) and save again.")
    if any(p.level == "error" for p in reader.problems):
        return SetupRead(None, reader.problems)
    sheets = {name: SheetRows(reader.problems, file_label, name, book[name], cols) for name, cols in (
        (AUDIT_SHEET, None), (AGENCIES_SHEET, AGENCY_COLUMNS), (CASES_SHEET, CASE_COLUMNS),
        (PEOPLE_SHEET, PEOPLE_COLUMNS), (PLANS_SHEET, PLAN_COLUMNS), (EXPECTED_SHEET, None))}
    audit = reader.audit(sheets[AUDIT_SHEET])
    agencies, names = reader.agencies(sheets[AGENCIES_SHEET])
    cases = reader.cases(sheets[CASES_SHEET])
    read_people(sheets[PEOPLE_SHEET], cases, existing)
    read_plans(sheets[PLANS_SHEET], cases)
    reader.expected(sheets[EXPECTED_SHEET], cases, agencies, names)
    if any(p.level == "error" for p in reader.problems):
        return SetupRead(None, reader.problems)
    document = _clean({"audit": audit, "agencies": agencies, "cases": list(cases.values())})
    try:
        Manifest.model_validate(document)
    except ValidationError as exc:  # what the sheets' own checks did not catch, said by field
        reader.problems += validation_problems(exc, file_label=file_label)
        return SetupRead(None, reader.problems)
    return SetupRead(document, reader.problems)

"""The shape of the set-up workbook, declared once: the writer (`checker.outputs.setup_workbook`) lays it out
from it and the reader (`checker.intake.setup_read`) finds its way back through it.

    >>> AGENCY_COLUMNS["type"]
    'Type'
    >>> agency_type_choices()[0]
    ("Children's social care", 'childrens_social_care')

Every sheet has one line of guidance in row 1, its headings in row 2 and an example in row 3 whose first
cell starts `Example:`; rows are read from row 4, and a row whose first cell starts `Example:` is never read.
The drop-down lists come from the model's own enums (`AgencyType`, `PlanType`), in words.
"""

from __future__ import annotations

import re

from checker.model.audit import AgencyType, PlanType
from checker.model.wording import agency_type_words, plan_words

__all__ = [
    "SETUP_PROPERTY",
    "AUDIT_SHEET",
    "AGENCIES_SHEET",
    "CASES_SHEET",
    "PEOPLE_SHEET",
    "PLANS_SHEET",
    "EXPECTED_SHEET",
    "LISTS_SHEET",
    "DATA_SHEETS",
    "HEADER_ROW",
    "EXAMPLE_ROW",
    "FIRST_ROW",
    "EXAMPLE_MARK",
    "AUDIT_FIELDS",
    "AGENCY_COLUMNS",
    "CASE_COLUMNS",
    "PEOPLE_COLUMNS",
    "PLAN_COLUMNS",
    "EXPECTED_FIRST",
    "ROLES",
    "ADULT_ROLES",
    "YES_NO",
    "TICKS",
    "GUIDANCE",
    "EXAMPLES",
    "agency_type_choices",
    "plan_type_choices",
    "choice_key",
    "is_example",
]

SETUP_PROPERTY = "maca-setup"
"""Custom document property naming the workbook a set-up workbook (its value: the layout version)."""

AUDIT_SHEET = "Audit"
AGENCIES_SHEET = "Agencies"
CASES_SHEET = "Cases"
PEOPLE_SHEET = "People"
PLANS_SHEET = "Plans"
EXPECTED_SHEET = "Expected"
LISTS_SHEET = "Lists"
DATA_SHEETS = (AUDIT_SHEET, AGENCIES_SHEET, CASES_SHEET, PEOPLE_SHEET, PLANS_SHEET, EXPECTED_SHEET)

HEADER_ROW = 2
EXAMPLE_ROW = 3
FIRST_ROW = 4
EXAMPLE_MARK = "Example:"

AUDIT_FIELDS = {
    "title": "Audit title",
    "theme": "Theme",
    "partnership": "Partnership",
    "period_start": "Audit period from",
    "period_end": "Audit period to",
    "meeting_date": "Panel meeting date",
    "submission_deadline": "Submission deadline",
    "id": "Audit id (optional)",
}
"""The Audit sheet: one detail per row from row `FIRST_ROW` (label in A, value in B, example in C)."""

AGENCY_COLUMNS = {
    "name": "Agency name",
    "type": "Type",
    "aliases": "Other names it goes by",
    "lead_role": "Safeguarding lead's role",
    "id": "Short id (optional)",
}
CASE_COLUMNS = {
    "id": "Case id",
    "reference": "Partnership's case reference",
    "summary": "Summary (one line, no names)",
}
PEOPLE_COLUMNS = {
    "case": "Case id",
    "role": "Role",
    "name": "First name or initials (optional)",
    "date": "Date of birth, or expected delivery date if unborn",
    "lives_with_child": "Lives with the child",
    "relationship": "Relationship (other adults)",
}
PLAN_COLUMNS = {
    "case": "Case id",
    "type": "Plan type",
    "child": "Child (first name or initials; blank: unborn or whole family)",
    "start": "Start date",
    "end": "End date (blank if open)",
}
EXPECTED_FIRST = "Case id"
"""The Expected sheet: case ids down column A from row `FIRST_ROW`, agency names across row `HEADER_ROW`."""

ROLES = ("child", "unborn", "mother", "father", "partner", "other adult")
"""The People sheet's roles: a child or unborn baby becomes a child in audit.yaml, the rest adults."""
ADULT_ROLES = ROLES[2:]
YES_NO = ("Yes", "No")
TICKS = ("✓", "✔", "x", "yes", "y", "1", "true")
"""What counts as a tick in the Expected grid (case and spaces ignored); any other text is the agency's own
reference for the case, which also marks it expected."""

GUIDANCE = {
    AUDIT_SHEET: "Fill in column B. Title and theme are needed; dates day first (26/03/2019). No names of "
    "children or families anywhere in this workbook: first names or initials at most.",
    AGENCIES_SHEET: "One row per agency asked to submit. Choose its type from the list; other names are what "
    "others call it in their records (e.g. HV; health visitor), separated by ';'. A role, not a person's name.",
    CASES_SHEET: "One row per case. The case id is pseudonymous (e.g. case-1: letters, digits and dashes), never "
    "a name. The summary is one line without names.",
    PEOPLE_SHEET: "One row per person in each case. Names are optional: initials are enough. Give a child's "
    "date of birth, or an unborn baby's expected delivery date, day first.",
    PLANS_SHEET: "One row per plan (Early Help, child in need, child protection, pre-birth). Dates day first; "
    "leave the end blank while the plan is open.",
    EXPECTED_SHEET: "Agencies across row 2, case ids down column A. Tick (✓ or x) each agency expected to "
    "submit for a case, or type its own reference for the case. A case with no row: every agency.",
}

EXAMPLES = {
    AGENCIES_SHEET: ("Northshire Community Health NHS Trust", "Health visiting", "HV; health visitor",
                     "Named nurse for safeguarding", "hv"),
    CASES_SHEET: ("case-1", "NSCP-2019-01", "Pregnant mother and partner staying with family"),
    PEOPLE_SHEET: ("case-1", "unborn", "", "20/04/2019", "Yes", ""),
    PLANS_SHEET: ("case-1", "Pre-birth child protection plan", "", "13/02/2019", ""),
}
"""Each table sheet's example row (after `EXAMPLE_MARK` in its first cell)."""


def _label(words: str) -> str:
    return words[:1].upper() + words[1:]


def agency_type_choices() -> list[tuple[str, str]]:
    """(what the drop-down shows, the `AgencyType` value) for every agency type the rules know."""
    return [(_label(agency_type_words(t.value)), t.value) for t in AgencyType]


def plan_type_choices() -> list[tuple[str, str]]:
    """(what the drop-down shows, the `PlanType` value) for every plan type but `none`."""
    return [(_label(plan_words(p.value)), p.value) for p in PlanType if p is not PlanType.none]


def choice_key(text: object) -> str:
    """How a typed choice is matched: case, spaces and punctuation ignored ("Child-in-need plan" = "child in
    need plan")."""
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


def is_example(first_cell: object) -> bool:
    """Whether a row is the example (its first cell starts `Example:`): it is never read as data."""
    return isinstance(first_cell, str) and first_cell.strip().casefold().startswith(EXAMPLE_MARK.casefold())

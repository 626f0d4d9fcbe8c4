"""The shape of the agency templates and of their stamp, declared once: the writers (`checker.outputs.templates`)
lay them out from it and the readers (`checker.intake.template_read`, `checker.intake.template_stamp`) find
their way back through it.

    >>> CHRONOLOGY_HEADERS["impact"]
    'Impact on the child'
    >>> DETAIL_LABELS["completed_by"]
    'Completed by (role, not name)'

Every header here is a synonym in `rules/headers.yaml`, so a template's chronology also reads as a plain
table. Labels are matched ignoring case, spaces and punctuation (`checker.intake.headers.header_key`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal
from xml.etree import ElementTree

from pydantic import BaseModel, ConfigDict, Field

from checker.model.audit import Case, Manifest
from checker.model.frame import normalise_text

__all__ = [
    "Stamp",
    "custom_properties_xml",
    "CUSTOM_PROPERTIES_NS",
    "TEMPLATE_VERSION",
    "STAMP_PROPERTY",
    "STAMP_SHEET",
    "ABOUT_SHEET",
    "CHRONOLOGY_SHEET",
    "LISTS_SHEET",
    "CHRONOLOGY_HEADERS",
    "QUESTION_HEADERS",
    "DETAIL_LABELS",
    "GRADE_CHOICES",
    "YES_NO",
    "EVENT_TYPES",
    "GUIDANCE",
    "BLANK_CHRONOLOGY_ROWS",
    "agencies_expected",
    "cases_for",
    "case_sheet_names",
    "paragraph_key",
]

TEMPLATE_VERSION = "1"
"""Bumped when the layout changes in a way an older reader could not follow."""

STAMP_PROPERTY = "maca-stamp"
"""Name of the custom document property (XLSX and DOCX) that holds the stamp as JSON."""
STAMP_SHEET = "maca-stamp"
"""The very hidden sheet of a workbook that holds the same stamp in A2 (kept if properties are lost)."""
ABOUT_SHEET = "About"
CHRONOLOGY_SHEET = "Chronology"
LISTS_SHEET = "Lists"

CHRONOLOGY_HEADERS = {
    "case": "Case",
    "date": "Date",
    "source": "Source of information",
    "event": "Event",
    "impact": "Impact on the child",
    "action": "Action taken",
    "event_type": "Event type",
    "attendees_text": "Attendees",
}
"""Canonical chronology column -> the header the template writes, in the template's column order."""

QUESTION_HEADERS = {
    "question": "Question id",
    "text": "Question",
    "answer": "Answer",
    "grade": "Grade",
    "evidence": "Evidence",
}
"""Columns of a case's questions table (XLSX sheet and DOCX table), in order."""

DETAIL_LABELS = {
    "case": "Case",
    "reference": "Your reference",
    "completed_by": "Completed by (role, not name)",
    "known_to_agency": "Was the family known to your agency? (Yes/No)",
    "overall_grade": "Overall grade for your agency's work",
    "immediate_concern": "Immediate concern (anything that cannot wait for the panel; else 'None')",
}
"""The labelled cells above a case's questions: label in the first column, value in the second."""

GRADE_CHOICES = ("Outstanding", "Good", "Requires improvement", "Inadequate", "N/A")
YES_NO = ("Yes", "No")
EVENT_TYPES = (
    "Home visit",
    "Office or clinic appointment",
    "Telephone call",
    "Letter or email",
    "Referral",
    "Assessment",
    "Strategy discussion",
    "Child protection conference",
    "Core group",
    "Team around the family meeting",
    "Other meeting",
    "Incident",
    "Missed appointment or no access",
    "Information shared",
    "Other",
)

GUIDANCE = (
    "A good chronology entry says, in a line or two:",
    "Date — when it happened, day first (03/04/2019). If you are unsure, write '?03/04/2019' or 'April 2019'.",
    "Source — who recorded it or where the information came from (a role, not a name).",
    "Event — what happened, in plain words: who was seen, where, and what was said or decided.",
    "Impact on the child — what it meant for the child's safety and wellbeing.",
    "Action taken — what your agency did next, and with whom the information was shared.",
    "Use the pseudonymous case ids and your own reference as given here; do not add names of children or "
    "family members.",
)

BLANK_CHRONOLOGY_ROWS = 15
"""Empty rows a Word chronology table starts with (agencies add more)."""


def agencies_expected(manifest: Manifest) -> list[str]:
    """Agency ids expected to submit for at least one case, in audit.yaml's order."""
    return [a.id for a in manifest.agencies if cases_for(manifest, a.id)]


def cases_for(manifest: Manifest, agency: str) -> list[Case]:
    """The cases an agency is asked to submit for (a case with no `expected_agencies` asks every agency)."""
    return [c for c in manifest.cases if c.expected_agencies is None or agency in c.expected_agencies]


def case_sheet_names(case_ids: list[str]) -> dict[str, str]:
    """Case id -> the title of its audit-tool sheet: 'Case <id>', cut to Excel's 31 characters, unique."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for i, case in enumerate(case_ids, start=1):
        name = f"Case {case}"[:31]
        for bad in "[]:*?/\\":
            name = name.replace(bad, "-")
        if name.casefold() in used:
            name = f"Case {i}"
        used.add(name.casefold())
        names[case] = name
    return names


def paragraph_key(text: str) -> str:
    """A short hash of a paragraph's normalised text: the stamp lists the template's own paragraphs by it."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:10]


CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


class Stamp(BaseModel):
    """What a template was made for."""

    model_config = ConfigDict(extra="ignore")
    maca: Literal["template"] = "template"
    version: str
    format: Literal["xlsx", "docx"]
    audit: str
    agency: str
    cases: list[str]
    sheets: dict[str, str] = Field(default_factory=dict, description="XLSX: case id -> audit-tool sheet.")
    paragraphs: list[str] = Field(
        default_factory=list, description="DOCX: keys (template_layout.paragraph_key) of the template's own text."
    )
    generated: str = Field(default="", description="ISO date and time the template was written.")

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), separators=(",", ":"), ensure_ascii=False)


def custom_properties_xml(stamp: Stamp) -> bytes:
    """docProps/custom.xml holding the stamp as the one custom property."""
    root = ElementTree.Element(f"{{{CUSTOM_PROPERTIES_NS}}}Properties")
    prop = ElementTree.SubElement(
        root, f"{{{CUSTOM_PROPERTIES_NS}}}property", {"fmtid": _FMTID, "pid": "2", "name": STAMP_PROPERTY}
    )
    ElementTree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = stamp.to_json()
    ElementTree.register_namespace("", CUSTOM_PROPERTIES_NS)
    ElementTree.register_namespace("vt", _VT_NS)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ElementTree.tostring(root)

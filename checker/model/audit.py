"""The audit's data model (pydantic v2): the manifest `audit.yaml`, the cases and the audit returns.

Chronology rows are *not* modelled here row by row (too slow at authority scale): they live in a pandas
frame whose columns are declared once in `checker.model.frame`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.model.datafiles import RULES_DIR
from checker.model.dates import UKDate, plausible

__all__ = [
    "AUDIT_TOOL_FILE",
    "load_audit_tool",
    "AgencyType",
    "PlanType",
    "Agency",
    "Child",
    "Pregnancy",
    "Adult",
    "PlanEpisode",
    "Case",
    "Period",
    "ChronologySource",
    "ReturnSource",
    "Submissions",
    "IntakeRecord",
    "AuditInfo",
    "Manifest",
    "Answer",
    "AuditReturn",
    "Question",
    "AuditTool",
]

_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"

Day = Annotated[UKDate, AfterValidator(plausible)]
"""A date in audit.yaml or a return, ISO or day first (26/03/2019, 26 Mar 2019), 1900–2100
(`checker.model.dates.plausible`), refused with its field."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class AgencyType(StrEnum):
    childrens_social_care = "childrens_social_care"
    mash = "mash"
    early_help = "early_help"
    police = "police"
    health_visiting = "health_visiting"
    community_health = "community_health"
    midwifery = "midwifery"
    gp = "gp"
    hospital = "hospital"
    housing = "housing"
    education = "education"
    mental_health = "mental_health"
    probation = "probation"
    substance_misuse = "substance_misuse"
    adult_social_care = "adult_social_care"
    voluntary = "voluntary"
    other = "other"


class PlanType(StrEnum):
    none = "none"
    early_help = "early_help"
    child_in_need = "child_in_need"
    child_protection = "child_protection"
    pre_birth = "pre_birth"


class Agency(Strict):
    """An organisation that submits to the audit (or is named in others' records)."""

    id: Annotated[str, Field(pattern=_ID)]
    name: str
    type: AgencyType
    aliases: list[str] = Field(
        default_factory=list,
        description="What other agencies call this one in free text: 'HV', 'NHFT', 'housing officer'.",
    )
    duty_to_refer: bool | None = Field(
        default=None,
        description="Bound by the s213B Housing Act 1996 duty to refer; default from the agency type.",
    )
    lead_role: str | None = Field(default=None, description="Its safeguarding lead's role (a role, not a name).")


class Child(Strict):
    id: Annotated[str, Field(pattern=_ID)]
    name: str | None = Field(default=None, description="Invented first name at most.")
    date_of_birth: Day | None = None
    age: int | None = Field(default=None, ge=0, le=25, description="Age at the audit meeting, if no date of birth.")
    unborn: bool = False


class Pregnancy(Strict):
    mother: str | None = Field(default=None, description="Id of the adult who is pregnant.")
    expected_delivery: Day = Field(description="Expected delivery date (EDD).")
    born: Day | None = Field(default=None, description="Date of birth, once the baby is born.")


class Adult(Strict):
    id: Annotated[str, Field(pattern=_ID)]
    role: str = Field(description="mother, father, partner, stepfather, grandmother, …")
    name: str | None = Field(default=None, description="Invented first name, used to find the adult in text.")
    lives_with_child: bool | None = None
    aliases: list[str] = Field(default_factory=list)


class PlanEpisode(Strict):
    type: PlanType
    child: str | None = Field(default=None, description="Child id; empty means the household / unborn.")
    start: Day
    end: Day | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PlanEpisode:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"plan ends ({self.end}) before it starts ({self.start})")
        return self


class Case(Strict):
    id: Annotated[str, Field(pattern=_ID, description="Pseudonymous case id, e.g. 'case-1'.")]
    summary: str | None = Field(default=None, description="One line, no names.")
    reference: str | None = Field(default=None, description="The partnership's own reference for the case.")
    references: dict[str, str] = Field(
        default_factory=dict, description="Each agency's own case reference, by agency id."
    )
    children: list[Child] = Field(default_factory=list)
    pregnancy: Pregnancy | None = None
    adults: list[Adult] = Field(default_factory=list)
    plans: list[PlanEpisode] = Field(default_factory=list)
    expected_agencies: list[str] | None = Field(
        default=None, description="Agencies expected to submit for this case; default: every agency."
    )


class Period(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"audit period ends ({self.end}) before it starts ({self.start})")
        return self


class ChronologySource(Strict):
    file: str
    agency: str
    case: str | None = Field(default=None, description="Set when the file holds one case and has no case column.")
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Extra header mapping for this file: header as written -> canonical column.",
    )
    sheet: str | None = None
    submitted: Day | None = None


class ReturnSource(Strict):
    file: str
    agency: str
    case: str | None = None
    submitted: Day | None = None


class Submissions(Strict):
    chronologies: list[ChronologySource] = Field(default_factory=list)
    returns: list[ReturnSource] = Field(default_factory=list)


class IntakeRecord(Strict):
    """One file filed into the bundle by `maca intake`: what it is, whose, when it came, and whether it is used."""

    file: str
    sent_as: str | None = Field(default=None, description="The file's name as the agency sent it (the stored "
                                "name is the checker's own), for letters and problems the agency reads.")
    sha256: str = Field(description="Hash of the file's bytes: the same file filed again changes nothing.")
    kind: Literal["template", "return", "chronology"]
    agency: str
    cases: list[str] = Field(default_factory=list)
    received: dt.date
    saved: dt.datetime | None = Field(default=None, description="When the agency last saved it (its properties).")
    rows: int | None = Field(default=None, description="Chronology entries read from it when it was filed "
                             "(absent: filed before intake read files; taken to hold a chronology).")
    answered: list[str] | None = Field(default=None, description="Cases whose audit return was read from it "
                                       "when it was filed (absent: every case it is for).")
    status: Literal["used", "superseded"] = "used"
    superseded_by: str | None = None


class AuditInfo(Strict):
    id: Annotated[str, Field(pattern=_ID)]
    title: str
    theme: str
    partnership: str | None = None
    meeting_date: Day | None = None
    submission_deadline: Day | None = None
    period: Period | None = None


class Manifest(Strict):
    """The whole of `audit.yaml`."""

    audit: AuditInfo
    agencies: list[Agency]
    cases: list[Case]
    submissions: Submissions = Field(default_factory=Submissions)
    columns: dict[str, str] = Field(
        default_factory=dict, description="Extra header mapping for every chronology: header -> canonical column."
    )
    parameters: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Per-audit rule parameter overrides: {rule id: {parameter: value}}."
    )
    intake: list[IntakeRecord] = Field(
        default_factory=list, description="Files filed by `maca intake`, newest last; written by the checker."
    )

    @model_validator(mode="after")
    def _references(self) -> Manifest:
        agency_ids = [a.id for a in self.agencies]
        case_ids = [c.id for c in self.cases]
        errors: list[str] = []
        for label, ids in (("agency", agency_ids), ("case", case_ids)):
            dupes = sorted(i for i, n in Counter(ids).items() if n > 1)  # one pass: manifests hold 100,000 cases
            if dupes:
                errors.append(f"{label} ids must be unique; repeated: {', '.join(dupes)}")
        known_a, known_c = set(agency_ids), set(case_ids)
        for case in self.cases:
            for ag in list(case.references) + list(case.expected_agencies or []):
                if ag not in known_a:
                    errors.append(f"case {case.id} names agency '{ag}', which is not in agencies")
        sources: list[tuple[str, Sequence[ChronologySource | ReturnSource]]] = [
            ("chronologies", self.submissions.chronologies),
            ("returns", self.submissions.returns),
        ]
        for kind, items in sources:
            for i, src in enumerate(items):
                if src.agency not in known_a:
                    errors.append(f"submissions.{kind}[{i}] ({src.file}): agency '{src.agency}' is not in agencies")
                if src.case is not None and src.case not in known_c:
                    errors.append(f"submissions.{kind}[{i}] ({src.file}): case '{src.case}' is not in cases")
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def agency(self, agency_id: str) -> Agency:
        return next(a for a in self.agencies if a.id == agency_id)

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases if c.id == case_id)


# --- Audit returns -------------------------------------------------------------------------------------

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
_GRADE_WORDS = {
    "outstanding": "outstanding",
    "o": "outstanding",
    "good": "good",
    "g": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "requires_improvement": "requires_improvement",
    "ri": "requires_improvement",
    "inadequate": "inadequate",
    "in": "inadequate",
    "i": "inadequate",
}


def normalise_grade(value: object) -> str | None:
    """Map the ways returns write a grade ('RI', 'Requires Improvement', 'G') onto the four-point scale."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value).strip().lower()).strip(" .,;:!")  # "Good." is Good
    if not text or text in {"n/a", "na", "-", "none"}:
        return None
    if text in _GRADE_WORDS:
        return _GRADE_WORDS[text]
    raise ValueError(f"'{value}' is not a grade; use Outstanding, Good, Requires improvement or Inadequate")


class Answer(Strict):
    """One audit-tool question as answered by an agency."""

    question: str = Field(description="Question id from rules/audit-tool.yaml.")
    answer: str | None = None
    grade: str | None = None
    evidence: str | None = None

    @field_validator("grade", mode="before")
    @classmethod
    def _grade(cls, value: object) -> str | None:
        return normalise_grade(value)


class AuditReturn(Strict):
    """An agency's completed audit tool for one case."""

    agency: str
    case: str
    submitted: Day | None = None
    completed_by: str | None = Field(default=None, description="Role, not name.")
    known_to_agency: bool | None = None
    answers: list[Answer] = Field(default_factory=list)
    overall_grade: str | None = None
    immediate_concern: str | None = Field(
        default=None, description="Anything that cannot wait for the meeting; empty or 'none' when there is none."
    )
    source_file: str = ""

    @field_validator("overall_grade", mode="before")
    @classmethod
    def _overall(cls, value: object) -> str | None:
        return normalise_grade(value)

    @field_validator("immediate_concern", mode="before")
    @classmethod
    def _concern(cls, value: object) -> str | None:
        if value is None:
            return None
        text = str(value).strip()
        return None if text.lower() in {"", "none", "no", "n/a", "na", "nil", "-"} else text


# --- The audit tool's questions (rules/audit-tool.yaml) ---------------------------------------------------


class Question(Strict):
    id: Annotated[str, Field(pattern=_ID)]
    section: str
    text: str
    required: bool = True
    graded: bool = True
    claim: str | None = Field(
        default=None,
        description="What a 'yes' answer asserts, checked against the records by quality-claim-contradicted.",
    )


class AuditTool(Strict):
    version: str
    sections: dict[str, str]
    questions: list[Question]


AUDIT_TOOL_FILE = RULES_DIR / "audit-tool.yaml"


@lru_cache(maxsize=4)
def load_audit_tool(path: Path = AUDIT_TOOL_FILE) -> AuditTool:
    """The audit tool's questions (`rules/audit-tool.yaml`), read once per process."""
    return AuditTool.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))

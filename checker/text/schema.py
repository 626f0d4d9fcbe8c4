"""The schemas of the text rule files: `rules/kinds.yaml` (event kinds), `rules/context.yaml` (the status of a
match) and `rules/glossary.yaml` (the field's abbreviations). Validated with `extra="forbid"`, so a misspelt
key fails with its location."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.model.audit import AgencyType

__all__ = [
    "STATUSES",
    "FIELD_STATUSES",
    "Status",
    "MatchColumn",
    "Examples",
    "KindRule",
    "KindsFile",
    "CueGroup",
    "ContextExample",
    "ContextFile",
    "GlossaryTerm",
    "GlossaryFile",
    "FieldExample",
    "FieldsFile",
]

STATUSES: tuple[str, ...] = (
    "done", "planned", "attempted", "negated", "conditional", "historical", "other_person",
)  # fmt: skip
# The statuses a templated entry's field gives what it holds (`rules/fields.yaml`): its value is no, none, N/A,
# empty or not known (`absent`), or points elsewhere, "see plan" (`elsewhere`). Neither ever counts.
FIELD_STATUSES: tuple[str, ...] = ("absent", "elsewhere")
Status = Literal["done", "planned", "attempted", "negated", "conditional", "historical", "other_person"]
MatchColumn = Literal["event", "action", "event_type", "impact", "source"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Examples(_Strict):
    match: list[str] = Field(default_factory=list, description="Texts that must get this kind.")
    no_match: list[str] = Field(default_factory=list, description="Texts that must not get this kind.")


class KindRule(_Strict):
    description: str
    patterns: Annotated[list[str], Field(min_length=1)]
    exclude: list[str] = Field(default_factory=list, description="Cancel a match when found in the same clause.")
    negation: bool = Field(default=True, description="Whether negated, attempted and planned matches are dropped.")
    conditional_negates: bool = Field(default=True, description="Whether conditional matches are dropped.")
    counts: list[Status] | None = Field(
        default=None,
        description="The statuses under which the kind is present (overrides negation / conditional_negates).",
    )
    not_with: list[str] = Field(default_factory=list, description="Drop this kind when the entry has one of these.")
    examples: Examples = Field(default_factory=Examples)


class KindsFile(_Strict):
    version: Literal[1]
    columns: Annotated[list[MatchColumn], Field(min_length=1)]
    terms: dict[str, list[str]] = Field(default_factory=dict)
    attendee_roles: dict[AgencyType, list[str]] = Field(default_factory=dict)
    date_phrases: dict[str, list[str]] = Field(default_factory=dict)
    kinds: dict[str, KindRule]


class CueGroup(_Strict):
    status: Status
    direction: Literal["forward", "backward", "within"]
    scope: Annotated[int, Field(ge=0, le=20)] = 0
    reach: Literal["clause", "sentence"] = "clause"
    starts_clause: bool = False
    cues: Annotated[list[str], Field(min_length=1)]


class ContextExample(_Strict):
    text: str
    kind: str
    status: Status


class ContextFile(_Strict):
    version: Literal[1]
    precedence: list[Status]
    clause_breaks: Annotated[list[str], Field(min_length=1)]
    cues: Annotated[list[CueGroup], Field(min_length=1)]
    pseudo: list[str] = Field(default_factory=list)
    examples: list[ContextExample] = Field(default_factory=list)


class GlossaryTerm(_Strict):
    means: str = Field(description="What the abbreviation stands for, in words.")
    written: list[str] = Field(default_factory=list, description="Other ways it is written (regexes).")
    expand: bool = Field(default=False, description="Whether the classifier reads the words in its place.")
    before: str | None = Field(default=None, description="Expand only when followed by one of these words.")
    after: str | None = Field(default=None, description="Expand only when it follows one of these words.")
    family: str = Field(default="", description="The part of the field it belongs to (for docs).")


class GlossaryFile(_Strict):
    version: Literal[1]
    terms: dict[str, GlossaryTerm]


class FieldExample(_Strict):
    text: str
    kind: str
    status: Literal["done", "planned", "attempted", "negated", "conditional", "historical", "other_person", "absent",
                    "elsewhere"]  # fmt: skip
    field: str = Field(default="", description="The label of the field the kind is read from ('' for none).")


class FieldsFile(_Strict):
    version: Literal[1]
    label: str = Field(description="What a field label looks like at the start of a segment (one pattern).")
    line_label: str = Field(description="A line break or tab before this starts a new field (RE2, one group).")
    value_ends: str = Field(description="Where a field's value ends (besides the next label).")
    absent: Annotated[list[str], Field(min_length=1)] = Field(description="Whole values meaning no / none / N/A.")
    elsewhere: Annotated[list[str], Field(min_length=1)] = Field(description="Whole values pointing elsewhere.")
    planned: list[str] = Field(default_factory=list, description="Whole values meaning not yet (to follow, TBC).")
    answers: dict[Literal["negated", "attempted", "planned"], list[str]] = Field(
        default_factory=dict,
        description="Words opening a value that say what became of the kind its label names, however long.")
    place_labels: Annotated[list[str], Field(min_length=1)] = Field(
        description="Labels of fields saying where or whom an entry is about (location, address, subject).")
    other_household: Annotated[list[str], Field(min_length=1)] = Field(
        description="Words in such a field's value naming another household or person.")
    examples: list[FieldExample] = Field(default_factory=list)

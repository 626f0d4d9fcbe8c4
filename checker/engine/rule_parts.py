"""The parts of a rule file that are not its logic: its worked examples, the decisions that pin how its
definition is applied, and (quality rules) how a finding reads in a chase note. `catalogue` builds `Rule` from
them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ExampleRow", "Example", "Decision", "Chase"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExampleRow(_Strict):
    agency: str
    date: str
    event: str
    source: str = ""
    impact: str = ""
    action: str = ""
    attendees: str = ""


class Example(_Strict):
    """A small case run through the whole pipeline: it must flag (`expect: flag`) or pass."""

    name: str
    expect: Literal["flag", "pass"]
    as_of: dt.date | None = None
    case: dict[str, Any] = Field(default_factory=dict, description="Case fields for the manifest (no id).")
    rows: list[ExampleRow] = Field(default_factory=list)
    returns: list[dict[str, Any]] = Field(default_factory=list)
    submitted: dict[str, dt.date] = Field(default_factory=dict, description="Agency -> date its return came in.")


class Decision(_Strict):
    """A question a careful reader asked of the rule's definition, answered from a practice source and pinned by
    an example each way (`examples` names them)."""

    question: str = Field(min_length=10)
    answer: str = Field(min_length=10)
    source: str = Field(pattern=r"docs/sources\.md#[a-z0-9-]+", description="The source, as docs/sources.md#anchor.")
    examples: list[str] = Field(min_length=2, description="The names of the rule's examples that pin the answer.")


class Chase(_Strict):
    """Quality rules: how a finding reads in an agency's chase note (`maca quality --chase`)."""

    group: Literal["missing", "late"] = Field(description="Chased first (missing), then late, then the rest.")
    note: str = Field(min_length=5, description="The note, filled from the finding's fields, e.g. {days_late}.")
    when_false: dict[str, str] = Field(
        default_factory=dict, description="field -> the note to use instead when that field is false."
    )

    def line(self, case: str, fields: dict[str, Any]) -> str:
        note = next((text for name, text in self.when_false.items() if not fields.get(name)), self.note)
        return f"{self.group.upper():<9}{case}: {note.format_map(fields)}"

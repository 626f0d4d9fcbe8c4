"""The parts of a rule file that are not its logic: its parameters (with their basis, source and allowed
range), its worked examples, the decisions that pin how its definition is applied, and (quality rules) how a
finding reads in a chase note. `catalogue` builds `Rule` from them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Basis", "Parameter", "ExampleRow", "Example", "Decision", "Chase"]


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


class Basis(StrEnum):
    statute = "statute"
    statutory_guidance = "statutory guidance"
    national_guidance = "national guidance"
    local_procedure = "local procedure"
    practice = "practice"


class Parameter(_Strict):
    """A tunable threshold, with where its default comes from and (a number) the range a partnership may set
    it to: `{default: 30, min: 7, max: 90, ...}`."""

    default: int | float | str | bool | list[str]
    min: int | float | None = Field(default=None, description="The lowest value allowed (numbers: required).")
    max: int | float | None = Field(default=None, description="The highest value allowed (numbers: required).")
    basis: Basis
    source: str = Field(min_length=3)
    description: str = Field(min_length=3)

    @model_validator(mode="after")
    def _range(self) -> Parameter:
        if not _is_number(self.default):
            if self.min is not None or self.max is not None:
                raise ValueError("min and max are for numbers only")
            return self
        if self.min is None or self.max is None:
            raise ValueError("a number needs min and max: the range a partnership may set it to")
        if not self.min <= float(self.default) <= self.max:  # type: ignore[arg-type]  # a number: checked above
            raise ValueError(f"default {self.default} is outside its range {self.min} to {self.max}")
        return self

    @property
    def allowed(self) -> str:
        """The allowed values in words: 'a whole number from 7 to 90'."""
        if _is_number(self.default):
            kind = "a whole number" if isinstance(self.default, int) else "a number"
            return f"{kind} from {self.min} to {self.max}"
        return f"a value like its default ({self.default!r})"

    def refusal(self, value: Any) -> str | None:
        """Why `value` cannot be set (not the default's type, or outside min to max), or None if it can."""
        if _is_number(self.default):
            whole = isinstance(value, float) and value.is_integer()
            if not _is_number(value) or (isinstance(self.default, int) and not (isinstance(value, int) or whole)):
                return f"{value!r} is not {self.allowed.split(' from ')[0]}; it must be {self.allowed}"
            assert self.min is not None and self.max is not None
            if not self.min <= value <= self.max:
                return f"{value} is outside its allowed range: it must be {self.allowed}"
            return None
        if type(value) is not type(self.default):
            return f"{value!r} is not the kind of value it takes ({self.allowed})"
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

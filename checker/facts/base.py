"""The registry of generic fact derivations that rules name in `facts.derive`.

A derivation is a pure function `(Context, Args) -> Derived`, vectorised with pandas across all cases, with
a pydantic model for its arguments (so a rule file with a wrong argument fails validation, naming it).
Adding a rule of an existing shape needs no Python: only a new YAML file naming one of these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.facts.context import Context, Derived
from checker.facts.contract import Output, Outputs, selector_words
from checker.model.counting import age_years

__all__ = [
    "Args", "Selector", "AgeRange", "DerivationSpec", "REGISTRY", "derivation", "ages_in_range", "Output",
]


class Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selector(Args):
    """Which entries: any of `kinds`, optionally only from (or not from) agencies of some types.

    `statuses` reads the kinds found with those statuses instead (e.g. `[attempted]`: visits tried and not
    made); by default a kind counts only as it is present (`done`, or what the kind counts). `target_types`
    keeps referrals going to those agency types (read from the text) or with no target written.
    """

    kinds: list[str] = Field(min_length=1, description="Event kinds (docs/kinds.md); an entry of any of them counts.")
    agency_types: list[str] | None = Field(default=None, description="Only entries from agencies of these types.")
    exclude_agency_types: list[str] | None = Field(default=None, description="Not entries from agencies of these types.")
    statuses: list[Literal["done", "planned", "attempted", "negated", "conditional", "historical", "other_person"]] | None = Field(
        default=None, description="Read the kinds found with these statuses instead of as present.")
    target_types: list[str] | None = Field(default=None, description="Referrals to these agency types (or to none written).")
    label: str = Field(default="", description="How messages and docs name these entries.")

    def in_words(self, kind_meaning: Callable[[str], str] | None = None) -> str:
        return selector_words(self.label, self.kinds, self.agency_types, self.exclude_agency_types, kind_meaning)


class AgeRange(Args):
    """Only cases with a child aged `min`–`max` (whole years on the as-of date)."""

    min: int = Field(ge=0, description="Youngest age, in whole years.")
    max: int = Field(le=25, description="Oldest age, in whole years (at least `min`).")

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max}): no child could be in the range")
        return self

    def in_words(self, kind_meaning: Callable[[str], str] | None = None) -> str:
        return f"a child aged {self.min}–{self.max} (whole years on the as-of date)"


def ages_in_range(ctx: Context, case_id: str, ages: AgeRange) -> list[int]:
    """Ages (years, on the as-of date) of the case's children within the range."""
    case = ctx.cases_by_id[case_id]
    found = []
    for child in case.children:
        if child.date_of_birth:
            years = age_years(child.date_of_birth, ctx.as_of)
        elif child.age is not None:
            years = child.age
        else:
            continue
        if ages.min <= years <= ages.max:
            found.append(years)
    return found


A = TypeVar("A", bound=Args)


@dataclass(frozen=True)
class DerivationSpec:
    name: str
    args: type[Args]
    fn: Callable[[Context, Any], Derived]
    doc: str
    outputs: Outputs = ()

    def fields(self, args: Args) -> dict[str, Output]:
        """The fields every fact of this derivation carries, for these arguments (some depend on them)."""
        declared: Sequence[Output] = self.outputs(args) if callable(self.outputs) else self.outputs
        return {o.name: o for o in declared}


REGISTRY: dict[str, DerivationSpec] = {}


def derivation(
    name: str, args: type[A], outputs: Outputs
) -> Callable[[Callable[[Context, A], Derived]], Callable[[Context, A], Derived]]:
    """Register a derivation under `name` (the name rule files use), with the fields its facts carry
    (`checker.facts.contract`: a list of `Output`, or a function of the arguments returning one)."""

    def register(fn: Callable[[Context, A], Derived]) -> Callable[[Context, A], Derived]:
        if name in REGISTRY:
            raise ValueError(f"derivation '{name}' registered twice")
        REGISTRY[name] = DerivationSpec(name, args, fn, (fn.__doc__ or "").strip().splitlines()[0], outputs)
        return fn

    return register

"""Who is in a household on a date, without names: children's ages, a pregnancy and its gestation, open plans.

Used by the Early Help referral worklist to put families with a baby, a pregnancy or a child on a plan first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from checker.model.audit import Case, PlanType
from checker.model.dates import gestation as gestation_on
from checker.model.wording import fmt_date

__all__ = ["Household", "household_summary"]


_PLAN_LABEL = {
    PlanType.child_protection: "child protection plan",
    PlanType.pre_birth: "pre-birth child protection plan",
    PlanType.child_in_need: "child in need plan",
}


@dataclass(frozen=True, slots=True)
class Household:
    """Who is in the household on the as-of date, without names."""

    ages: tuple[str, ...]  # "9", "7", "8 months"
    pregnant: bool
    gestation: str | None  # "34+2" weeks
    expected_delivery: dt.date | None
    baby_under_one: bool
    plans: tuple[str, ...]  # open CIN / CP / pre-birth plans

    @property
    def priority(self) -> bool:
        """A baby under one, a pregnancy or a child on a plan: first within a day."""
        return self.baby_under_one or self.pregnant or bool(self.plans)

    @property
    def summary(self) -> str:
        parts = []
        if self.ages:
            parts.append(f"{len(self.ages)} child{'ren' if len(self.ages) > 1 else ''} ({', '.join(self.ages)})")
        if self.pregnant:
            edd = fmt_date(self.expected_delivery)
            parts.append(f"pregnant, {self.gestation} weeks (due {edd})" if self.gestation else f"pregnant (due {edd})")
        if self.baby_under_one:
            parts.append("baby under one")
        parts.extend(self.plans)
        return "; ".join(parts) or "no children recorded in audit.yaml"

    def to_json(self) -> dict[str, Any]:
        return {
            "children_ages": list(self.ages),
            "pregnant": self.pregnant,
            "gestation_weeks": self.gestation,
            "expected_delivery": self.expected_delivery.isoformat() if self.expected_delivery else None,
            "baby_under_one": self.baby_under_one,
            "plans": list(self.plans),
            "priority": self.priority,
            "summary": self.summary,
        }


def _age(born: dt.date, on: dt.date) -> tuple[str, int]:
    """("9", 9) or ("8 months", 0)."""
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return (f"{months} month{'s' if months != 1 else ''}", 0) if months < 12 else (str(months // 12), months // 12)


def household_summary(case: Case, as_of: dt.date) -> Household:
    """Children's ages, pregnancy and gestation, open plans: gestation = 280 - (EDD - as-of) days."""
    ages: list[str] = []
    baby = False
    for child in case.children:
        if child.unborn or (child.date_of_birth and child.date_of_birth > as_of):
            continue
        if child.date_of_birth:
            text, years = _age(child.date_of_birth, as_of)
            ages.append(text)
            baby = baby or years == 0
        elif child.age is not None:
            ages.append(str(child.age))
            baby = baby or child.age == 0
    preg = case.pregnancy
    pregnant, gestation, edd = False, None, None
    if preg and not (preg.born and preg.born <= as_of):
        days, text = gestation_on(preg.expected_delivery, as_of)
        if 0 <= days <= 44 * 7:
            pregnant, edd, gestation = True, preg.expected_delivery, text
    if preg and preg.born and preg.born <= as_of and (as_of - preg.born).days < 365:
        baby = True
    plans = tuple(sorted({
        _PLAN_LABEL[p.type] for p in case.plans
        if p.type in _PLAN_LABEL and p.start <= as_of and (p.end is None or p.end >= as_of)
    }))  # fmt: skip
    return Household(tuple(ages), pregnant, gestation, edd, baby, plans)

"""`adult_checks`: fathers, partners and other men around the child — are they named in the records, and were
they checked, seen or part of an assessment? One fact per such adult in audit.yaml.

An entry is about the adult when it names him (name or alias from audit.yaml) or, when he is the only adult
of his role in the case, uses his role word ("father", "dad", "partner"). Fields: `adult`, `role`,
`mentions`, `checks`, `in_assessment`, `lives_with_child`.
"""

from __future__ import annotations

import re

import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact, by_case
from checker.model.limits import MATCH_CHARS

__all__ = ["AdultArgs", "adult_checks"]

ROLE_WORDS = {
    "father": ["father", "dad", "birth father", "bf"],
    "partner": ["partner", "boyfriend", "mum's partner", "mother's partner"],
    "stepfather": ["stepfather", "step-father", "step dad", "stepdad"],
}


class AdultArgs(Args):
    roles: list[str] = Field(min_length=1)
    checks: Selector
    assessment: Selector


ADULT_FIELDS = (
    Output("adult", "text", "The adult's id in audit.yaml (a {roles})"),
    Output("role", "text", "His role in audit.yaml"),
    Output("mentions", "int", "Entries that name him (name or alias in audit.yaml, or his role word when he is the "
           "only adult of that role in the case)"),
    Output("checks", "int", "Entries naming him that record {checks}"),
    Output("in_assessment", "int", "Entries naming him that are {assessment}"),
    Output("lives_with_child", "bool", "audit.yaml says he lives with the child"),
)


@derivation("adult_checks", AdultArgs, ADULT_FIELDS)
def adult_checks(ctx: Context, args: AdultArgs) -> Derived:
    """Men around the child: how often named, and whether checked or included in assessment."""
    out = Derived()
    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    checks = set(ctx.entries(args.checks.kinds, args.checks.agency_types)["entry_id"])
    assessed = set(ctx.entries(args.assessment.kinds, args.assessment.agency_types)["entry_id"])
    roles = [r.lower() for r in args.roles]
    grouped = by_case(frame)
    for case in ctx.manifest.cases:
        men = [a for a in case.adults if a.role.lower() in roles]
        if not men:
            out.skipped[case.id] = f"no {' / '.join(args.roles)} in audit.yaml"
            continue
        rows = grouped.get(case.id, frame.iloc[0:0])
        text = (
            rows["event"].fillna("").str.slice(0, MATCH_CHARS) + " " + rows["action"].fillna("").str.slice(0, MATCH_CHARS)
            + " " + rows["impact"].fillna("").str.slice(0, MATCH_CHARS)
        ).str.lower()
        for man in men:
            words = [w for w in [man.name, *man.aliases] if w]
            same_role = [a for a in men if a.role.lower() == man.role.lower()]
            if len(same_role) == 1:
                words += ROLE_WORDS.get(man.role.lower(), [man.role.lower()])
            if not words:
                continue
            pattern = r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b"
            hit = text.str.contains(pattern, regex=True) if len(text) else pd.Series(dtype=bool)
            about = rows[hit] if len(text) else rows
            ids = about.sort_values(["date", "entry_id"])["entry_id"].tolist()
            n_checks = sum(1 for i in ids if i in checks)
            n_assessed = sum(1 for i in ids if i in assessed)
            out.facts.append(
                Fact(
                    case=case.id,
                    evidence=tuple(ids[:6]),
                    extra_evidence=({"file": "audit.yaml", "row": None, "date": None, "agency": None,
                                     "excerpt": f"adult around the child: {man.role} ({man.id})"},),
                    fields={
                        "adult": man.id,
                        "role": man.role,
                        "mentions": len(ids),
                        "checks": n_checks,
                        "in_assessment": n_assessed,
                        "lives_with_child": bool(man.lives_with_child),
                    },
                )
            )
    return out

"""`pregnancy_contact`: gestation against a week threshold, and whether the expected contact happened by then.

Gestation on a day = 280 − (EDD − day) days, written `W+D`. One fact per case with a pregnancy in audit.yaml.

Fields: `gestation` ("34+2"), `gestation_days`, `check_date` (the as-of date, or the birth if earlier),
`deadline` (the day gestation reaches `by_weeks`), `days_to_deadline`, `reached`, `contacts_by_deadline`,
`contacts_total`, `attempts` (attempted/cancelled contacts, which are not contacts), `risk_markers`,
`plans`, `edd`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.rows import date_order, tuples_by_case
from checker.model.counting import gestation_deadline, passed
from checker.model.dates import gestation
from checker.model.wording import fmt_date

__all__ = ["PregnancyArgs", "pregnancy_contact"]


class PregnancyArgs(Args):
    contacts: Selector = Field(description="The contacts that count (e.g. an ante-natal health visitor visit).")
    attempts: Selector | None = Field(default=None, description="Contacts tried and not made, counted apart.")
    risk: Selector = Field(description="Entries showing the pregnancy is at risk (targeted, not universal, contact).")
    by_weeks: int = Field(ge=4, le=42, description="The contact is due by this many weeks of gestation (+0 days).")
    warn_from_weeks: int = Field(default=26, ge=0, le=42, description="A pregnancy earlier than this on the check date is skipped: too early to judge.")


PREGNANCY_FIELDS = (
    Output("gestation", "text", "Weeks and days of gestation on the check date, written W+D (280 − days to the EDD)"),
    Output("gestation_days", "int", "Days of gestation on the check date: 280 − (EDD − check date)"),
    Output("check_date", "date", "The as-of date, or the birth if the baby was born before it"),
    Output("deadline", "date", "The day gestation reaches {by_weeks}+0 weeks (day {by_weeks} × 7); a contact on it is in time"),
    Output("days_to_deadline", "int", "Days from the as-of date to the deadline (negative once it has passed)"),
    Output("reached", "bool", "The deadline has passed: the check date is after the day gestation reached {by_weeks}+0"),
    Output("contacts_by_deadline", "int", "Contacts that count — {contacts} — dated on or before the deadline"),
    Output("contacts_total", "int", "Contacts that count — {contacts} — dated up to the as-of date"),
    Output("attempts", "int", "Attempted, cancelled or no-access visits by the deadline ({attempts}); never contacts"),
    Output("risk_markers", "int", "Entries of {risk} recorded by the check date"),
    Output("plans", "int", "Plans in audit.yaml (child protection, child in need, pre-birth, Early Help) started by the check date"),
    Output("high_risk", "bool", "High risk: at least one of the {risk} recorded by the check date, or a plan in audit.yaml started by then"),
    Output("edd", "date", "The expected delivery date in audit.yaml"),
    Output("born", "bool", "audit.yaml records the birth, on or before the as-of date (no ante-natal contact is still due)"),
)


@derivation("pregnancy_contact", PregnancyArgs, PREGNANCY_FIELDS)
def pregnancy_contact(ctx: Context, args: PregnancyArgs) -> Derived:
    """Gestation against a week threshold and the contacts recorded before it, per pregnancy."""
    out = Derived()
    # Each case's entries as (date, entry id) in the frame's order, split once for all cases.
    contacts_by = tuples_by_case(ctx.select(args.contacts), ("date", "entry_id"), dated=False)
    attempts_by = tuples_by_case(ctx.select(args.attempts), ("date", "entry_id"), dated=False) if args.attempts else {}
    risk_by = tuples_by_case(ctx.select(args.risk), ("date", "entry_id"), dated=False)
    for case in ctx.manifest.cases:
        preg = case.pregnancy
        if preg is None:
            out.skipped[case.id] = "no pregnancy in audit.yaml"
            continue
        edd = preg.expected_delivery
        check = min(ctx.as_of, preg.born) if preg.born else ctx.as_of
        days, text = gestation(edd, check)
        deadline = gestation_deadline(edd, args.by_weeks)
        if days < args.warn_from_weeks * 7:
            out.skipped[case.id] = f"pregnancy at {text} weeks on {fmt_date(check)}: not yet {args.warn_from_weeks} weeks"
            continue
        mine = contacts_by.get(case.id, [])
        by_deadline = _on_or_before(mine, deadline)
        tried = _on_or_before(attempts_by.get(case.id, []), deadline)
        markers = _on_or_before(risk_by.get(case.id, []), check)
        plans = [p for p in case.plans if p.type.value != "none" and p.start <= check]
        in_date_order = [markers[i][1] for i in date_order([day for day, _ in markers])]
        evidence = [*in_date_order[:5], *(entry for _, entry in tried[:5])]
        extra = [{"file": "audit.yaml", "row": None, "date": edd.isoformat(), "agency": None,
                  "excerpt": f"pregnancy: expected delivery {fmt_date(edd)}"}]
        extra += [{"file": "audit.yaml", "row": None, "date": p.start.isoformat(), "agency": None,
                   "excerpt": f"{p.type.value.replace('_', ' ')} plan from {fmt_date(p.start)}"} for p in plans]
        out.facts.append(
            Fact(
                case=case.id,
                evidence=tuple(evidence),
                extra_evidence=tuple(extra),
                fields={
                    "gestation": text,
                    "gestation_days": days,
                    "check_date": fmt_date(check),
                    "deadline": fmt_date(deadline),
                    "days_to_deadline": (deadline - ctx.as_of).days,
                    "reached": passed(deadline, as_of=check),
                    "contacts_by_deadline": len(by_deadline),
                    "contacts_total": len(mine),
                    "attempts": len(tried),
                    "risk_markers": len(markers),
                    "plans": len(plans),
                    "high_risk": bool(len(markers) or plans),
                    "edd": fmt_date(edd),
                    "born": preg.born is not None and preg.born <= ctx.as_of,
                },
            )
        )
    return out


def _on_or_before(rows: list[tuple[int | None, str]], day: dt.date) -> list[tuple[int | None, str]]:
    """The (date, entry id) rows dated on or before `day` (a row's time of day does not matter)."""
    end = (pd.Timestamp(day) + pd.Timedelta(days=1)).value
    return [row for row in rows if row[0] is not None and row[0] < end]

"""`pregnancy_contact`: gestation against a week threshold, and whether the expected contact happened by then.

Gestation on a day = 280 − (EDD − day) days, written `W+D`. One fact per case with a pregnancy in audit.yaml.

Fields: `gestation` ("34+2"), `gestation_days`, `check_date` (the as-of date, or the birth if earlier),
`deadline` (the day gestation reaches `by_weeks`), `days_to_deadline`, `reached`, `contacts_by_deadline`,
`contacts_total`, `attempts` (attempted/cancelled contacts, which are not contacts), `risk_markers`,
`plans`, `edd`.
"""

from __future__ import annotations

from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact, by_case
from checker.model.counting import gestation_deadline, passed
from checker.model.dates import gestation
from checker.model.wording import fmt_date

__all__ = ["PregnancyArgs", "pregnancy_contact"]


class PregnancyArgs(Args):
    contacts: Selector
    attempts: Selector | None = None
    risk: Selector
    by_weeks: int = Field(ge=4, le=42)
    warn_from_weeks: int = Field(default=26, ge=0, le=42)


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
    contacts = ctx.select(args.contacts)
    attempts = (
        ctx.select(args.attempts)
        if args.attempts
        else contacts.iloc[0:0]
    )
    risk = ctx.select(args.risk)
    contacts_by, attempts_by, risk_by = by_case(contacts), by_case(attempts), by_case(risk)
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
        mine = contacts_by.get(case.id, contacts.iloc[0:0])
        by_deadline = mine[mine["date"].dt.date <= deadline]
        tried = attempts_by.get(case.id, attempts.iloc[0:0])
        tried = tried[tried["date"].dt.date <= deadline]
        markers = risk_by.get(case.id, risk.iloc[0:0])
        markers = markers[markers["date"].dt.date <= check]
        plans = [p for p in case.plans if p.type.value != "none" and p.start <= check]
        evidence = [*markers.sort_values("date")["entry_id"].tolist()[:5], *tried["entry_id"].tolist()[:5]]
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

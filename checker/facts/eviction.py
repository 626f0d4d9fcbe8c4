"""`eviction`: the household's eviction position as one fact per case, for the eviction rules.

The position itself (which date, how it is known, what closes it) is `checker.facts.eviction_position`;
this adds the homelessness applications since the first evidence and who is bound by the duty to refer.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.eviction_position import shared_eviction_status
from checker.model.wording import fmt_date

__all__ = ["EvictionArgs", "eviction"]

_EPOCH = dt.date(1970, 1, 1)


class EvictionArgs(Args):
    possession_days: int = Field(default=14, ge=0, description="Days from a possession order to giving up the home.")
    notice_days: int = Field(default=61, ge=0, description="Days from a notice being served to its expiry.")
    referral: Selector = Field(description="What counts as a homelessness application / duty-to-refer referral.")
    duty_to_refer_types: list[str] = Field(
        default_factory=list,
        description="Agency types bound by the s213B Housing Act 1996 duty to refer (an agency's own "
        "duty_to_refer in audit.yaml overrides its type).",
    )


EVICTION_FIELDS = (
    Output("basis", "text", "How the eviction date is known, best evidence first: 'bailiff' (a bailiff or notice of "
           "eviction date), 'evicted' (it happened), 'possession' (a possession order's date for giving up the home, "
           "{possession_days} days after it when no date is written), 'notice' (a notice's expiry, {notice_days} days "
           "after service when no date is written)"),
    Output("eviction_date", "text", "The eviction date (DD/MM/YYYY), or 'date not known'"),
    Output("date_known", "bool", "A date is known for the eviction"),
    Output("days_until", "int", "Calendar days from the as-of date to the eviction date (0 on the day, negative "
           "after it); empty when no date is known, so no test of it holds", optional=True),
    Output("documentary", "bool", "The date comes from a document (notice, order, bailiff letter) or Housing's own record"),
    Output("closed", "bool", "A later record shows the family rehoused or the eviction stayed"),
    Output("applications", "int", "Entries of {referral} since the first eviction evidence"),
    Output("dates", "text", "Every eviction date on record, with who recorded it and how it is known"),
    Output("duty_agencies", "text", "Agencies on the case bound by the duty to refer ({duty_to_refer_types})"),
    Output("other_agencies", "text", "The other agencies on the case"),
)


@derivation("eviction", EvictionArgs, EVICTION_FIELDS)
def eviction(ctx: Context, args: EvictionArgs) -> Derived:
    """Each household's eviction date, how it is known, and whether it has been closed by rehousing."""
    out = Derived()
    statuses = shared_eviction_status(ctx, possession_days=args.possession_days, notice_days=args.notice_days)
    referrals = ctx.timeline(ctx.select(args.referral))  # sorted once: each case counts by bisect
    names = {a.id: a.name for a in ctx.manifest.agencies}
    for case in ctx.case_ids():
        status = statuses.get(case)
        if status is None:
            out.skipped[case] = "no eviction evidence recorded"
            continue
        first = min(e.recorded for e in status.evidence)
        lo, hi = referrals.span(case)
        applied = hi - bisect_left(referrals.day, (first - _EPOCH).days, lo, hi)  # on or after the first evidence
        dates = "; ".join(
            f"{fmt_date(e.date) if e.date else 'date not known'} ({names.get(e.agency, e.agency)}, {e.basis}"
            f"{'' if e.documentary else ', reported'}{', assumed' if e.inferred else ''})"
            for e in status.evidence
        )
        involved = sorted((a for a in ctx.manifest.agencies if a.id in ctx.agencies_with_rows(case)), key=lambda a: a.name)
        bound = [
            a.name for a in involved
            if (a.duty_to_refer if a.duty_to_refer is not None else a.type.value in args.duty_to_refer_types)
        ]
        others = [a.name for a in involved if a.name not in bound]
        evidence = [e.entry_id for e in status.evidence][:8]
        if status.closed_by:
            evidence.append(status.closed_by)
        out.facts.append(
            Fact(
                case=case,
                agency=status.primary.agency if status.primary else None,
                evidence=tuple(evidence),
                fields={
                    "basis": status.basis,
                    "eviction_date": fmt_date(status.eviction_date) if status.eviction_date else "date not known",
                    "date_known": status.eviction_date is not None,
                    "days_until": status.days_until,  # None: the date is not known
                    "documentary": status.documentary,
                    "closed": status.closed,
                    "applications": applied,
                    "dates": dates,
                    "duty_agencies": ", ".join(bound) or "none of the agencies that submitted",
                    "other_agencies": ", ".join(others) or "none",
                },
            )
        )
    return out

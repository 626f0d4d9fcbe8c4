"""`follow_up`: for each trigger entry (a referral, a missed appointment, a disclosure…), was there a response
(feedback, escalation, action) within a window? One fact per trigger.

Fields: `responded` (a response inside the window), `late_response` (one came, but after the deadline),
`due` (the deadline has passed by the as-of date), `days_open`, `working_days_open`, `trigger`, `trigger_date`,
`deadline`, `on_plan`, `under_one`, `unanswered_in_window` (unanswered triggers of the same label in the
`count_window_days` up to and including this one), `agency` (the trigger's agency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from checker.facts.base import AgeRange, Args, Output, Selector, ages_in_range, derivation
from checker.facts.context import Context, Derived, Fact
from checker.model.counting import age_years, passed, within_days
from checker.model.counting import deadline as last_day
from checker.model.wording import fmt_date
from checker.model.workdays import working_days_between

__all__ = ["Trigger", "FollowUpArgs", "follow_up"]


class Trigger(Selector):
    """An entry that needs a response, the response that answers it, and the window (inclusive)."""

    days: int | None = Field(default=None, ge=0)
    working_days: int | None = Field(default=None, ge=0)
    response: Selector
    response_agency: Literal["any", "same", "other"] = "any"
    look_back_days: int = Field(default=0, ge=0, description="Responses also count this many days before the trigger.")

    @model_validator(mode="after")
    def _one_window(self) -> Trigger:
        if (self.days is None) == (self.working_days is None):
            raise ValueError("give exactly one of days or working_days")
        return self

    def in_words(self, kind_meaning: Callable[[str], str] | None = None) -> str:
        n = self.working_days if self.working_days is not None else self.days
        window = f"{n} {'working ' if self.working_days is not None else ''}day{'' if n == 1 else 's'}"
        back = f" (or up to {self.look_back_days} days before it)" if self.look_back_days else ""
        who = {"any": "", "same": " by the same agency", "other": " by another agency"}[self.response_agency]
        return (f"{super().in_words(kind_meaning)}, answered by {self.response.in_words(kind_meaning)}{who} "
                f"within {window}{back}")


class FollowUpArgs(Args):
    triggers: list[Trigger] = Field(min_length=1)
    count_window_days: int | None = Field(default=None, ge=1)
    child_age: AgeRange | None = Field(default=None, description="Only cases with a child of this age.")
    within: Literal["period", "all"] = Field(
        default="period", description="period: only triggers inside the audit period are judged; all: any date."
    )


FOLLOW_UP_FIELDS = (
    Output("trigger", "text", "What the trigger entry is (its label): one of {triggers}"),
    Output("trigger_date", "date", "The date of the trigger entry"),
    Output("deadline", "date", "The last day a response counts: the trigger date plus the window (working days counted "
           "from the day after, bank holidays excluded)"),
    Output("responded", "bool", "A response (each trigger's own, in {triggers}) is dated on or before the deadline "
           "and not before the trigger (less any look-back)"),
    Output("late_response", "bool", "No response by the deadline, but one came after it"),
    Output("due", "bool", "The deadline has passed: the as-of date is after it"),
    Output("days_open", "int", "Calendar days from the trigger to the response, or to the as-of date if none"),
    Output("working_days_open", "int", "Working days after the trigger up to the response, or the as-of date if none"),
    Output("on_plan", "bool", "The child had a plan open in audit.yaml on the trigger date"),
    Output("under_one", "bool", "A child of the case was under one year old on the trigger date"),
    Output("unanswered_in_window", "int", "Unanswered triggers of this kind in the {count_window_days} days up to and "
           "including this one (0 when no window is set)"),
    Output("agency", "text", "The id of the agency that recorded the trigger"),
    Output("agency_name", "text", "The name of the agency that recorded the trigger"),
)


def _under_one(ctx: Context, case: str, on: dt.date) -> bool:
    """A child of the case born by `on` and not yet one (before their first birthday), or recorded as age 0."""
    for child in ctx.cases_by_id[case].children:
        if child.date_of_birth is not None:
            if child.date_of_birth <= on and age_years(child.date_of_birth, on) == 0:
                return True
        elif child.age == 0:
            return True
    return False


@derivation("follow_up", FollowUpArgs, FOLLOW_UP_FIELDS)
def follow_up(ctx: Context, args: FollowUpArgs) -> Derived:
    """Each trigger entry, and whether a response followed within its window."""
    out = Derived()
    names = {a.id: a.name for a in ctx.manifest.agencies}
    seen_cases: set[str] = set()
    for trig in args.triggers:
        triggers = ctx.entries(trig.kinds, trig.agency_types, trig.exclude_agency_types)
        if args.within == "period" and ctx.period:
            triggers = triggers[(triggers["date"] >= ctx.period[0]) & (triggers["date"] <= ctx.period[1])]
        responses = ctx.entries(trig.response.kinds, trig.response.agency_types, trig.response.exclude_agency_types)
        label = trig.label or " / ".join(trig.kinds).replace("_", " ")
        resp_by_case: dict[str, list[Any]] = {}  # sorted once, then split: per-case sorting is quadratic at scale
        ordered = responses.sort_values(["case", "date", "entry_id"])[["case", "date", "agency", "entry_id"]]
        for resp in ordered.itertuples(index=False):
            resp_by_case.setdefault(str(resp.case), []).append(resp)
        unanswered_dates: dict[str, list[pd.Timestamp]] = {}
        for row in triggers.sort_values(["case", "date", "entry_id"]).itertuples(index=False):
            case = str(row.case)
            if args.child_age and not ages_in_range(ctx, case, args.child_age):
                continue
            seen_cases.add(case)
            start = row.date - pd.Timedelta(days=trig.look_back_days)
            deadline = pd.Timestamp(last_day(row.date.date(), days=trig.days, working_days=trig.working_days))
            in_window = late = None
            for cand in resp_by_case.get(case, ()):  # sorted by date: the first in the window, else the first late
                if trig.response_agency == "same" and cand.agency != row.agency:
                    continue
                if trig.response_agency == "other" and cand.agency == row.agency:
                    continue
                if cand.date < start:
                    continue
                if cand.date <= deadline:
                    in_window = cand
                elif late is None:
                    late = cand
                break
            due = passed(deadline.date(), as_of=ctx.as_of)
            end = in_window.date if in_window is not None else ctx.as_of_ts
            responded = in_window is not None
            if not responded:
                unanswered_dates.setdefault(case, []).append(row.date)
            window_count = 0
            if args.count_window_days and not responded:
                window = args.count_window_days
                window_count = sum(1 for d in unanswered_dates[case] if within_days(d.date(), row.date.date(), window))
            on = row.date.date()
            evidence = [row.entry_id]
            if in_window is not None:
                evidence.append(str(in_window.entry_id))
            elif late is not None:
                evidence.append(str(late.entry_id))
            out.facts.append(
                Fact(
                    case=case,
                    agency=str(row.agency),
                    evidence=tuple(evidence),
                    fields={
                        "trigger": label,
                        "trigger_date": fmt_date(row.date),
                        "deadline": fmt_date(deadline),
                        "responded": responded,
                        "late_response": (not responded) and late is not None,
                        "due": due,
                        "days_open": int((end - row.date).days),
                        "working_days_open": int(working_days_between(np.datetime64(on), np.datetime64(end.date()))),
                        "on_plan": bool(ctx.open_plans(case, on)),
                        "under_one": _under_one(ctx, case, on),
                        "unanswered_in_window": window_count,
                        "agency": str(row.agency),
                        "agency_name": names.get(str(row.agency), str(row.agency)),
                    },
                )
            )
    labels = ", ".join(t.label or " / ".join(t.kinds).replace("_", " ") for t in args.triggers)
    for case in ctx.case_ids():
        if args.child_age and not ages_in_range(ctx, case, args.child_age):
            out.skipped[case] = f"no child aged {args.child_age.min}–{args.child_age.max} in audit.yaml"
        elif case not in seen_cases:
            where = "in the audit period" if args.within == "period" and ctx.period else f"by {fmt_date(ctx.as_of)}"
            out.skipped[case] = f"no {labels} recorded {where}"
    return out


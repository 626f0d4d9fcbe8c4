"""`follow_up`: for each trigger entry (a referral, a missed appointment, a disclosure…), was there a response
(feedback, escalation, action) within a window? One fact per trigger.

Fields: `responded` (a response inside the window), `late_response` (one came, but after the deadline),
`due` (the deadline has passed by the as-of date), `days_open`, `working_days_open`, `trigger`, `trigger_date`,
`deadline`, `on_plan`, `under_one`, `unanswered_in_window` (unanswered triggers of the same label in the
`count_window_days` up to and including this one), `agency` (the trigger's agency).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from checker.facts.base import AgeRange, Args, Output, Selector, ages_in_range, derivation
from checker.facts.context import Context, Derived, Fact
from checker.model.counting import age_years, passed, within_days
from checker.model.counting import deadline as last_day
from checker.model.limits import MATCH_CHARS
from checker.model.wording import fmt_date
from checker.model.workdays import working_days_between
from checker.text.links import records_receipt, records_uptake
from checker.text.match import normalise_for_matching, normalise_series

__all__ = ["Trigger", "FollowUpArgs", "follow_up"]


class Trigger(Selector):
    """An entry that needs a response, the response that answers it, and the window (inclusive)."""

    days: int | None = Field(default=None, ge=0)
    working_days: int | None = Field(default=None, ge=0)
    response: Selector
    response_agency: Literal["any", "same", "other"] = "any"
    look_back_days: int = Field(default=0, ge=0, description="Responses also count this many days before the trigger.")
    child_not_brought: bool = Field(
        default=False,
        description="Only a child's missed appointment: an entry recording only an adult as missing their own "
        "appointment (\"mum DNA her clinic appointment\") is not a trigger.",
    )
    answered_by_target: bool = Field(
        default=False,
        description="Any record by the agency the referral went to (read from its text: 'to CAMHS', 'to MASH') "
        "from the day before the trigger to the deadline answers it: the receiving agency recorded the outcome.",
    )

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


_FRONT_DOOR = frozenset({"mash", "childrens_social_care"})
_OUTCOME_KINDS = frozenset({
    "mash_decision", "nfa", "signposting", "assessment", "assessment_completed", "feedback_received",
    "health_appointment", "hv_contact", "hv_antenatal", "hv_new_birth", "midwife_contact", "home_visit",
    "child_seen", "early_help_start", "strategy_discussion", "section_47", "homelessness_application",
    "was_not_brought", "no_access",
})  # fmt: skip
_OUTCOME = re.compile(
    r"\b(?:accept\w*|declin\w*|outcome|assess\w*|seen|discharg\w*|decision|signpost\w*|started|"
    r"(?:letter|email|report) (?:sent )?to (?:the )?(?:gp|referrer|midwife|hv|health visitor|school|housing|sw|social worker))\b",
    re.IGNORECASE,
)


def _answering_types(targets: tuple[str, ...]) -> frozenset[str]:
    """Agency types whose records can answer a referral to `targets`: the targets, and for the front door
    whichever service it passes the referral to (children's social care, Early Help)."""
    if _FRONT_DOOR & set(targets):
        return frozenset({*targets, *_FRONT_DOOR, "early_help"})
    return frozenset(targets)


def _uptake_recorded(ctx: Context, row: Any) -> Any:
    """A later record, by any agency, of the service the referral went to taking it up ("IDVA confirmed contact",
    "started the perpetrator programme"): the referral was answered, though not by the referrer's record."""
    targets = tuple(getattr(row, "targets", ()) or ())
    if not targets:
        return None
    texts = _case_texts(ctx).get(str(row.case), ())
    for when, entry, agency, text in texts:
        if when < row.date or entry == row.entry_id:
            continue
        if records_uptake(text, targets):
            return type("Answer", (), {"date": when, "entry_id": entry, "agency": agency})()
    return None


def _case_texts(ctx: Context) -> dict[str, list[tuple[pd.Timestamp, str, str, str]]]:
    key = ("case_texts",)
    cached = ctx._memo.get(key)  # type: ignore[arg-type]
    if cached is None:
        frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts].sort_values(["case", "date", "entry_id"])
        texts = normalise_series(frame["event"].fillna("").str.slice(0, MATCH_CHARS) + " . "
                                 + frame["action"].fillna("").str.slice(0, MATCH_CHARS))
        out: dict[str, list[tuple[pd.Timestamp, str, str, str]]] = {}
        for case, when, entry, agency, text in zip(frame["case"], frame["date"], frame["entry_id"], frame["agency"],
                                                   texts, strict=True):  # fmt: skip
            out.setdefault(str(case), []).append((when, str(entry), str(agency), str(text)))
        ctx._memo[key] = out  # type: ignore[assignment]
        cached = out
    return cached  # type: ignore[return-value]


def _receipt_only(row: Any, ctx: Context) -> bool:
    """The entry records a referral the recording agency itself received: not a referral it made."""
    targets = getattr(row, "targets", ()) or ()
    if not targets or set(targets) != {ctx.agency_type.get(str(row.agency))}:
        return False
    text = f"{getattr(row, 'event', '')} . {getattr(row, 'action', '')}"
    return records_receipt(normalise_for_matching(text[: 2 * MATCH_CHARS]))


def _adults_own_appointment(mentions: tuple[Any, ...]) -> bool:
    """The entry records an adult, and no child, as missing the appointment."""
    missed = {m.role for m in mentions if "missed" in m.records}
    return bool(missed) and "child" not in missed


def _entries_by_agency_type(ctx: Context) -> dict[tuple[str, str], list[Any]]:
    """(case, agency type) -> that agency type's entries in date order, up to the as-of date."""
    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    written = frame["event"].fillna("") + " " + frame["action"].fillna("")
    # Only a record of what was done with the referral answers it: "Referral rec'd from Housing" or "Appointment
    # letter sent" alone is not an outcome; "accepted", "not accepted - signposted", "seen", "letter to GP" are.
    outcome = frame["kinds"].map(lambda ks: bool(_OUTCOME_KINDS & set(ks))) | written.str.contains(_OUTCOME, regex=True)
    frame = frame[outcome]
    out: dict[tuple[str, str], list[Any]] = {}
    ordered = frame.sort_values(["case", "date", "entry_id"])[["case", "date", "agency", "entry_id"]]
    for row in ordered.itertuples(index=False):
        out.setdefault((str(row.case), ctx.agency_type.get(str(row.agency), "")), []).append(row)
    return out


def _answer_by_target(by_type: dict[tuple[str, str], list[Any]], case: str, row: Any, deadline: pd.Timestamp) -> Any:
    """The first record by an agency the referral went to, from the day before it to the deadline."""
    targets = getattr(row, "targets", ()) or ()
    start = row.date - pd.Timedelta(days=1)
    best = None
    for type_ in targets:
        for cand in by_type.get((case, type_), ()):
            if cand.agency == row.agency or cand.entry_id == row.entry_id or cand.date < start:
                continue
            if cand.date <= deadline and (best is None or cand.date < best.date):
                best = cand
            break
    return best


@derivation("follow_up", FollowUpArgs, FOLLOW_UP_FIELDS)
def follow_up(ctx: Context, args: FollowUpArgs) -> Derived:
    """Each trigger entry, and whether a response followed within its window."""
    out = Derived()
    names = {a.id: a.name for a in ctx.manifest.agencies}
    seen_cases: set[str] = set()
    for trig in args.triggers:
        triggers = ctx.select(trig)
        if args.within == "period" and ctx.period:
            triggers = triggers[(triggers["date"] >= ctx.period[0]) & (triggers["date"] <= ctx.period[1])]
        responses = ctx.select(trig.response)
        label = trig.label or " / ".join(trig.kinds).replace("_", " ")
        resp_by_case: dict[str, list[Any]] = {}  # sorted once, then split: per-case sorting is quadratic at scale
        ordered = responses.sort_values(["case", "date", "entry_id"])[["case", "date", "agency", "entry_id"]]
        for resp in ordered.itertuples(index=False):
            resp_by_case.setdefault(str(resp.case), []).append(resp)
        unanswered_dates: dict[str, list[pd.Timestamp]] = {}
        by_type = _entries_by_agency_type(ctx) if trig.answered_by_target else {}
        for row in triggers.sort_values(["case", "date", "entry_id"]).itertuples(index=False):
            case = str(row.case)
            if trig.child_not_brought and _adults_own_appointment(getattr(row, "mentions", ()) or ()):
                continue
            if trig.answered_by_target and _receipt_only(row, ctx):
                continue
            if args.child_age and not ages_in_range(ctx, case, args.child_age):
                continue
            seen_cases.add(case)
            start = row.date - pd.Timedelta(days=trig.look_back_days)
            deadline = pd.Timestamp(last_day(row.date.date(), days=trig.days, working_days=trig.working_days))
            in_window = late = None
            allowed = _answering_types(getattr(row, "targets", ()) or ()) if trig.answered_by_target else None
            for cand in resp_by_case.get(case, ()):  # sorted by date: the first in the window, else the first late
                if trig.response_agency == "same" and cand.agency != row.agency:
                    continue
                # With the referral's target known, a third agency's feedback is about something else.
                if allowed and cand.agency != row.agency and ctx.agency_type.get(str(cand.agency)) not in allowed:
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
            if in_window is None and trig.answered_by_target:
                in_window = _answer_by_target(by_type, case, row, deadline)
            if in_window is None and late is None and trig.answered_by_target:
                late = _uptake_recorded(ctx, row)
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


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
from bisect import bisect_left
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from pydantic import Field, model_validator

from checker.facts.base import AgeRange, Args, Output, Selector, ages_in_range, derivation
from checker.facts.context import DAY_NS, Context, Derived, Fact, Timeline
from checker.facts.followup_answers import answering_types, receipt_only, records
from checker.model.counting import age_years, passed, within_days
from checker.model.counting import deadline as last_day
from checker.model.wording import fmt_date
from checker.model.workdays import next_working_day, working_days_between

__all__ = ["Trigger", "FollowUpArgs", "follow_up"]


class Trigger(Selector):
    """An entry that needs a response, the response that answers it, and the window (inclusive)."""

    days: int | None = Field(default=None, ge=0, description="The window in calendar days (or give `working_days`).")
    working_days: int | None = Field(default=None, ge=0, description="The window in working days, bank holidays excluded.")
    response: Selector = Field(description="The entries that answer the trigger.")
    response_agency: Literal["any", "same", "other"] = Field(
        default="any", description="Whose response counts: any agency, the trigger's own, or another.")
    look_back_days: int = Field(default=0, ge=0, description="Responses also count this many days before the trigger.")
    child_not_brought: bool = Field(
        default=False,
        description="Only a child's missed appointment: an entry recording only an adult as missing their own "
        "appointment (\"mum DNA her clinic appointment\") is not a trigger.",
    )
    starts_from: Selector | None = Field(
        default=None,
        description="The clock starts at the earliest of these entries (e.g. the referral) in the case within "
        "`starts_within_days` days before the trigger entry, when there is one; else at the trigger entry.",
    )
    starts_within_days: int = Field(
        default=10, ge=0,
        description="How many days before the trigger entry a `starts_from` entry may be and still start the clock.",
    )
    starts_on_working_day: bool = Field(
        default=False,
        description="The clock starts on the day the trigger (or its `starts_from` entry) is received: one dated on "
        "a weekend or bank holiday starts on the next working day (a referral the police send on a Sunday reaches "
        "the front door on Monday, and the 45 working days count from Monday).",
    )
    about_young_person: bool = Field(
        default=False,
        description="Only an entry about the young person of the rule's `child_age`: it names them (name or alias "
        "in audit.yaml) or calls them the young person ('YP', 'young person', '16-year-old', 'aged 17', '(16)'). "
        "A family's own housing problem in a case with a 16- or 17-year-old is not the young person presenting.",
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
        about = " — only an entry naming the young person or calling them so" if self.about_young_person else ""
        if self.starts_from is not None:
            about += (f", counted from {self.starts_from.in_words(kind_meaning)} up to {self.starts_within_days} days "
                      "before it, when there is one")
        if self.starts_on_working_day:
            about += " (from the next working day when it falls on a weekend or bank holiday)"
        return (f"{super().in_words(kind_meaning)}{about}, answered by {self.response.in_words(kind_meaning)}{who} "
                f"within {window}{back}")


class FollowUpArgs(Args):
    triggers: list[Trigger] = Field(min_length=1, description="Entries that need a response, each with its response and window.")
    count_window_days: int | None = Field(default=None, ge=1, description="Also count unanswered triggers of the same kind in this many days up to each one (`unanswered_in_window`).")
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


_YOUNG_PERSON = re.compile(r"\b(?:yp|young person|young man|young woman|(?:16|17)[ -]?(?:yo|y/o|years?[ -]old)|"
                           r"aged? (?:16|17))\b|\((?:16|17)\)", re.I)


def _young_ids(ctx: Context, case: str, ages: AgeRange | None) -> frozenset[str]:
    """The ids of the case's children within `ages` (whole years on the as-of date)."""
    if ages is None:
        return frozenset()
    found = set()
    for child in ctx.cases_by_id[case].children:
        years = age_years(child.date_of_birth, ctx.as_of) if child.date_of_birth else child.age
        if years is not None and ages.min <= years <= ages.max:
            found.add(child.id)
    return frozenset(found)


def _about_young_person(young: frozenset[str], mentions: tuple[Any, ...], event: str) -> bool:
    """The entry names one of `young` or calls them the young person."""
    return any(getattr(m, "person", None) in young for m in mentions) or bool(_YOUNG_PERSON.search(event))


def _clock_start(starts: Timeline, case: str, when: int, within_days: int) -> int | None:
    """The position in `starts` of the case's earliest entry from `within_days` days before `when` up to it."""
    lo, hi = starts.span(case)
    i = bisect_left(starts.ns, when - within_days * DAY_NS, lo, hi)
    return i if i < hi and starts.ns[i] <= when else None


def _under_one(ctx: Context, case: str, on: dt.date) -> bool:
    """A child of the case born by `on` and not yet one (before their first birthday), or recorded as age 0."""
    for child in ctx.cases_by_id[case].children:
        if child.date_of_birth is not None:
            if child.date_of_birth <= on and age_years(child.date_of_birth, on) == 0:
                return True
        elif child.age == 0:
            return True
    return False


_EPOCH = dt.date(1970, 1, 1)


def _adults_own_appointment(mentions: tuple[Any, ...]) -> bool:
    """The entry records an adult, and no child, as missing the appointment."""
    missed = {m.role for m in mentions if "missed" in m.records}
    return bool(missed) and "child" not in missed


def _column(rows: Timeline, name: str, wanted: bool = True) -> list[Any]:
    """A column of the sorted rows as a list (empty tuples when the frame lacks it or it is not needed)."""
    if wanted and name in rows.frame.columns:
        return rows.column(name)
    return [()] * len(rows.ns)


def _first_response(
    ctx: Context, trig: Trigger, responses: Timeline, case: str, agency: str, targets: tuple[str, ...],
    start: int, deadline: int,
) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """(in the window, late): the first response from `start` on by an agency that may give it, as
    (nanoseconds, entry id) — in the window if dated by the deadline, else late."""
    allowed = answering_types(targets) if trig.answered_by_target else None
    lo, hi = responses.span(case)
    for i in range(bisect_left(responses.ns, start, lo, hi), hi):  # in date order: the first that may answer
        cand = responses.agency[i]
        if trig.response_agency == "same" and cand != agency:
            continue
        # With the referral's target known, a third agency's feedback is about something else.
        if allowed and cand != agency and ctx.agency_type.get(str(cand)) not in allowed:
            continue
        if trig.response_agency == "other" and cand == agency:
            continue
        found = (responses.ns[i], responses.entry_id[i])
        return (found, None) if responses.ns[i] <= deadline else (None, found)
    return None, None


@derivation("follow_up", FollowUpArgs, FOLLOW_UP_FIELDS)
def follow_up(ctx: Context, args: FollowUpArgs) -> Derived:
    """Each trigger entry, and whether a response followed within its window."""
    out = Derived()
    names = {a.id: a.name for a in ctx.manifest.agencies}
    seen_cases: set[str] = set()
    aged: dict[str, bool] = {}

    def in_age(case: str) -> bool:
        if case not in aged:
            aged[case] = not args.child_age or bool(ages_in_range(ctx, case, args.child_age))
        return aged[case]

    as_of = int(ctx.as_of_ts.value)
    opened: list[tuple[int, int]] = []  # (trigger day, day answered or the as-of date) per fact
    for trig in args.triggers:
        triggers = ctx.select(trig)
        if args.within == "period" and ctx.period:
            triggers = triggers[(triggers["date"] >= ctx.period[0]) & (triggers["date"] <= ctx.period[1])]
        rows = ctx.timeline(triggers)  # every case's triggers and responses sorted once: no per-case frames
        responses = ctx.timeline(ctx.select(trig.response))
        label = trig.label or " / ".join(trig.kinds).replace("_", " ")
        answers = records(ctx) if trig.answered_by_target else None
        targets_of = _column(rows, "targets")
        mentions_of = _column(rows, "mentions", trig.child_not_brought or trig.about_young_person)
        events = _column(rows, "event", trig.answered_by_target or trig.about_young_person)
        actions = _column(rows, "action", trig.answered_by_target)
        days = rows.dates()
        starts = ctx.timeline(ctx.select(trig.starts_from)) if trig.starts_from is not None else None
        deadlines: dict[dt.date, dt.date] = {}
        unanswered_dates: dict[str, list[dt.date]] = {}
        awaiting_uptake: list[tuple[Fact, str, int, str, tuple[str, ...]]] = []
        for case, (lo, hi) in rows.spans.items():
            for i in range(lo, hi):
                agency, entry, targets = rows.agency[i], rows.entry_id[i], tuple(targets_of[i] or ())
                if trig.child_not_brought and _adults_own_appointment(mentions_of[i] or ()):
                    continue
                if answers is not None and receipt_only(ctx, agency, targets, events[i], actions[i]):
                    continue
                if not in_age(case):
                    continue
                if trig.about_young_person and not _about_young_person(
                        _young_ids(ctx, case, args.child_age), tuple(mentions_of[i] or ()), str(events[i] or "")):
                    continue
                seen_cases.add(case)
                when, on = rows.ns[i], days[i]
                began = _clock_start(starts, case, when, trig.starts_within_days) if starts is not None else None
                if began is not None and starts is not None:
                    when, on = starts.ns[began], _EPOCH + dt.timedelta(days=starts.day[began])
                if trig.starts_on_working_day:
                    on = next_working_day(on)
                if on not in deadlines:
                    deadlines[on] = last_day(on, days=trig.days, working_days=trig.working_days)
                due_day = deadlines[on]
                deadline = (due_day - _EPOCH).days * DAY_NS
                start = when - trig.look_back_days * DAY_NS
                in_window, late = _first_response(ctx, trig, responses, case, agency, targets, start, deadline)
                if in_window is None and answers is not None:
                    in_window = answers.answer_by_target(case, agency, entry, targets, when - DAY_NS, deadline)
                end = in_window[0] if in_window is not None else as_of
                responded = in_window is not None
                if not responded:
                    unanswered_dates.setdefault(case, []).append(on)
                window_count = 0
                if args.count_window_days and not responded:
                    window = args.count_window_days
                    window_count = sum(1 for d in unanswered_dates[case] if within_days(d, on, window))
                answer = in_window or late
                fact = Fact(
                    case=case,
                    agency=str(agency),
                    # the referral or missed appointment, by the trigger entry's own day (not the clock start,
                    # which a late return's earlier referral may move)
                    subject=f"{label} on {days[i].isoformat()}",
                    evidence=((str(starts.entry_id[began]),) if began is not None and starts is not None else ())
                    + ((entry,) if answer is None else (entry, str(answer[1]))),
                    fields={
                        "trigger": label,
                        "trigger_date": fmt_date(on),
                        "deadline": fmt_date(due_day),
                        "responded": responded,
                        "late_response": (not responded) and late is not None,
                        "due": passed(due_day, as_of=ctx.as_of),
                        "days_open": (end - when) // DAY_NS,
                        "working_days_open": 0,  # filled below, for every fact at once
                        "on_plan": bool(ctx.open_plans(case, on)),
                        "under_one": _under_one(ctx, case, on),
                        "unanswered_in_window": window_count,
                        "agency": str(agency),
                        "agency_name": names.get(str(agency), str(agency)),
                    },
                )
                out.facts.append(fact)
                opened.append(((on - _EPOCH).days, end // DAY_NS))
                if answer is None and answers is not None and targets:
                    awaiting_uptake.append((fact, case, when, entry, targets))
        if answers is not None and awaiting_uptake:
            # No answer in time or late: a later record of the service taking the referral up is a late one.
            answers.read((case, when) for _, case, when, _, _ in awaiting_uptake)
            for fact, case, when, entry, targets in awaiting_uptake:
                taken_up = answers.uptake(case, when, entry, targets)
                if taken_up is not None:
                    fact.fields["late_response"] = True
                    fact.evidence = (entry, taken_up)
    if opened:
        froms, tos = np.array(opened, dtype="int64").T
        working = working_days_between(froms.astype("datetime64[D]"), tos.astype("datetime64[D]"))
        for made, n in zip(out.facts, np.atleast_1d(working).tolist(), strict=True):
            made.fields["working_days_open"] = int(n)
    labels = ", ".join(t.label or " / ".join(t.kinds).replace("_", " ") for t in args.triggers)
    for case in ctx.case_ids():
        if args.child_age and not in_age(case):
            out.skipped[case] = f"no child aged {args.child_age.min}–{args.child_age.max} in audit.yaml"
        elif case not in seen_cases:
            where = "in the audit period" if args.within == "period" and ctx.period else f"by {fmt_date(ctx.as_of)}"
            out.skipped[case] = f"no {labels} recorded {where}"
    return out

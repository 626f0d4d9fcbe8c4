"""`presence` and `rolling_count`: how many entries of given kinds a case has.

`presence` — one fact per case with a count per named group of kinds (e.g. `plan`, `contingency`, `risk`),
`<group>_agencies`, how many agencies recorded them, and `<group>_days`, on how many different days (one
missed appointment noted by three agencies is one day), so a rule can say "a plan and no contingency". `rolling_count` — the most entries of some kinds in any
window of N days (e.g. referrals to MASH in 12 months), with how many of them ended in a given outcome.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Literal

import pandas as pd
from pydantic import Field

from checker.facts.base import AgeRange, Args, Output, Selector, ages_in_range, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.rows import DAY_NS, as_timestamp, tuples_by_case
from checker.model.frame import normalise_text
from checker.model.wording import fmt_date

__all__ = ["Group", "PresenceArgs", "RollingArgs", "presence", "rolling_count"]


class Group(Selector):
    within: Literal["all", "period"] = Field(
        default="all", description="all: any date up to the as-of date; period: inside the audit period only."
    )


class PresenceArgs(Args):
    groups: dict[str, Group] = Field(min_length=1, description="Named groups of entries; each gives the fields `<name>`, `<name>_count` and the first and last dates.")
    require_any: list[str] = Field(
        default_factory=list, description="Skip a case unless one of these groups has something (or a plan)."
    )
    plans_count_as: str | None = Field(
        default=None, description="Group that also counts plan episodes from audit.yaml open in the period."
    )
    child_age: AgeRange | None = Field(default=None, description="Only cases with a child of this age.")
    evidence: list[str] = Field(default_factory=list, description="Groups whose entries are shown as evidence.")
    max_evidence: int = Field(default=8, ge=1, description="Evidence rows a fact carries at most.")


def presence_fields(args: PresenceArgs) -> list[Output]:
    """Per named group of kinds (e.g. `plan`): `<group>` (int: entries of the group's kinds; the
    `plans_count_as` group adds plans in audit.yaml), `<group>_agencies` (int: how many agencies recorded them),
    `<group>_days` (int: on how many different days); `child_age` (int) when the rule gives `child_age`."""
    out: list[Output] = []
    for name, group in args.groups.items():
        where = " inside the audit period" if group.within == "period" else " up to the as-of date"
        plans = " plus plans in audit.yaml started by the as-of date" if name == args.plans_count_as else ""
        out += [
            Output(name, "int", f"Entries of {group.in_words()}{where}{plans}"),
            Output(f"{name}_agencies", "int", f"How many different agencies recorded the `{name}` entries"),
            Output(f"{name}_days", "int", f"On how many different days the `{name}` entries were recorded (one "
                   "event noted by three agencies on one day counts once)"),
        ]
    if args.plans_count_as and args.plans_count_as not in args.groups:
        out.append(Output(args.plans_count_as, "int", "Plans in audit.yaml started by the as-of date"))
    if args.child_age:
        out.append(Output("child_age", "int", f"The age of the case's child aged {args.child_age.min}–"
                          f"{args.child_age.max} (whole years on the as-of date)"))
    return out


def _label(group: Group) -> str:
    return group.label or ", ".join(k.replace("_", " ") for k in group.kinds)


def _required_words(args: PresenceArgs) -> str:
    """The groups a case needs, as the skip reason names them ('domestic abuse', not the group's key)."""
    words = [_label(args.groups[g]) if g in args.groups else "a plan in audit.yaml" for g in args.require_any]
    groups = [args.groups[g] for g in args.require_any if g in args.groups]
    when = " in the audit period" if groups and all(g.within == "period" for g in groups) else ""
    return " or ".join(words) + when


@derivation("presence", PresenceArgs, presence_fields)
def presence(ctx: Context, args: PresenceArgs) -> Derived:
    """Counts of entries per named group of kinds, one fact per case."""
    out = Derived()
    counts: dict[str, dict[str, int]] = {}
    spread: dict[str, dict[str, int]] = {}
    days: dict[str, dict[str, int]] = {}
    ids: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for name, group in args.groups.items():
        rows = ctx.select(group)
        if group.within == "period" and ctx.period:
            rows = rows[(rows["date"] >= ctx.period[0]) & (rows["date"] <= ctx.period[1])]
        by = rows.groupby("case")
        counts[name] = by.size().to_dict()
        spread[name] = by["agency"].nunique().to_dict()
        days[name] = by["date"].nunique().to_dict()
        ids[name] = tuples_by_case(rows, ("entry_id",)) if name in args.evidence else {}
    for case in ctx.manifest.cases:
        fields: dict[str, Any] = {n: int(counts[n].get(case.id, 0)) for n in args.groups}
        fields.update({f"{n}_agencies": int(spread[n].get(case.id, 0)) for n in args.groups})
        fields.update({f"{n}_days": int(days[n].get(case.id, 0)) for n in args.groups})
        extra: list[dict[str, object]] = []
        if args.plans_count_as:
            plans = [p for p in case.plans if p.type.value != "none" and p.start <= ctx.as_of]
            fields[args.plans_count_as] = int(fields.get(args.plans_count_as, 0)) + len(plans)
            extra += [
                {"file": "audit.yaml", "row": None, "date": p.start.isoformat(), "agency": None,
                 "excerpt": f"{p.type.value.replace('_', ' ')} plan from {fmt_date(p.start)}"}
                for p in plans
            ]
        if args.child_age:
            in_range = ages_in_range(ctx, case.id, args.child_age)
            if not in_range:
                out.skipped[case.id] = f"no child aged {args.child_age.min}–{args.child_age.max} in audit.yaml"
                continue
            fields["child_age"] = int(in_range[0])
        if args.require_any and not any(fields.get(g, 0) for g in args.require_any):
            out.skipped[case.id] = f"no record of {_required_words(args)}"
            continue
        evidence: list[str] = []
        for name in args.evidence:
            evidence += [entry for (entry,) in ids[name].get(case.id, [])[: args.max_evidence]]
        out.facts.append(Fact(case=case.id, fields=fields, evidence=tuple(evidence), extra_evidence=tuple(extra)))
    return out


class RollingArgs(Args):
    select: Selector = Field(description="The entries counted.")
    window_days: int = Field(ge=1, description="The window's length in days, from the first entry in it (that day included).")
    dedupe_days: int = Field(default=0, ge=0, description="Entries this close together count once (two agencies "
                             "recording the same referral).")
    outcome: Selector | None = Field(default=None, description="Entries that show what the busiest window led to.")
    outcome_days: int = Field(default=10, ge=0, description="Days after a window's entry an outcome counts for it.")


def _sorted_by_case(rows: pd.DataFrame) -> dict[str, list[tuple[int, str]]]:
    """Each case's (date, entry id) pairs in date order, sorted once for all cases (dates in nanoseconds, as
    `checker.facts.rows` gives them).

    Entries of one day are ordered by their content (agency, then text), not by entry id: de-duplication
    keeps the first of a day, and an entry id changes with any edit to its row, so ordering by id let an
    edit to the entry that was *not* kept swap which one was, and with it the flag's id and its decision.
    """
    if rows.empty:
        return {}
    ordered = rows.assign(_text=rows["event"].map(lambda t: normalise_text(str(t))))
    ordered = ordered.sort_values(["case", "date", "agency", "_text", "entry_id"], kind="stable")
    return {case: [(day, str(entry)) for day, entry in found]
            for case, found in tuples_by_case(ordered, ("date", "entry_id"), dated=False).items()}


ROLLING_FIELDS = (
    Output("max_in_window", "int", "The most entries of {select} at most {window_days} days after the first of them "
           "(day {window_days} included), entries within {dedupe_days} days of the one before counting once"),
    Output("total", "int", "All entries of {select} up to the as-of date, counted the same way"),
    Output("window_from", "date", "The first entry of the busiest window"),
    Output("window_to", "date", "The last entry of the busiest window"),
    Output("ended_in_outcome", "int", "Entries of the busiest window followed within {outcome_days} days by {outcome}"),
)


@derivation("rolling_count", RollingArgs, ROLLING_FIELDS)
def rolling_count(ctx: Context, args: RollingArgs) -> Derived:
    """The most entries of some kinds within any window of N days, per case."""
    out = Derived()
    rows = ctx.select(args.select)
    outcomes = (
        ctx.select(args.outcome)
        if args.outcome
        else rows.iloc[0:0]
    )
    rows_by = _sorted_by_case(rows)
    outcomes_by = _sorted_by_case(outcomes)
    for case in ctx.case_ids():
        group = rows_by.get(case, [])
        if not group:
            out.skipped[case] = f"no {args.select.label or ' / '.join(args.select.kinds)} recorded"
            continue
        events: list[tuple[int, str]] = []
        for when, entry in group:
            if events and (when - events[-1][0]) // DAY_NS <= args.dedupe_days:
                continue
            events.append((when, entry))
        # The window from each event runs to the last event at most `window_days` calendar days after it.
        days = [when // DAY_NS for when, _ in events]
        best: list[tuple[int, str]] = []
        for i, first in enumerate(days):
            end = bisect_right(days, first + args.window_days, lo=i)
            if end - i > len(best):
                best = events[i:end]
        case_outcomes = outcomes_by.get(case, [])
        outcome_days = [day for day, _ in case_outcomes]
        ended = 0
        evidence = [entry for _, entry in best]
        for when, _ in best:
            # The first outcome on or after it, in the case's order, if it is within `outcome_days`.
            k = bisect_left(outcome_days, when)
            if k < len(case_outcomes) and outcome_days[k] <= when + args.outcome_days * DAY_NS:
                ended += 1
                evidence.append(case_outcomes[k][1])
        out.facts.append(
            Fact(
                case=case,
                evidence=tuple(dict.fromkeys(evidence)),
                fields={
                    "max_in_window": len(best),
                    "total": len(events),
                    "window_from": fmt_date(as_timestamp(best[0][0])),
                    "window_to": fmt_date(as_timestamp(best[-1][0])),
                    "ended_in_outcome": ended,
                },
            )
        )
    return out

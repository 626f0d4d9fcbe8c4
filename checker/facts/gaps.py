"""`gap_in_plan`: the longest stretch of an open plan with no entry of some kinds (supervision, visits,
the child's views). One fact per plan episode in audit.yaml. Only the part of the plan inside the audit
period (and up to the as-of date) is judged; the last entry before that part starts its first gap.

Fields: `plan_type`, `plan_start`, `max_gap_days`, `max_gap_working_days`, `gap_from`, `gap_to`, `count`
(qualifying entries in the plan), `plan_days`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

import numpy as np
import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import DAY_NS, Context, Derived, Fact, Timeline
from checker.model.wording import fmt_date
from checker.model.workdays import working_days_between

__all__ = ["Episode", "GapArgs", "gap_in_plan"]

_EPOCH = dt.date(1970, 1, 1)
Window = tuple[str, int, int, int, int]  # (plan type, opened, start, end, open since): nanoseconds since 1970


class Episode(Args):
    """An open stretch read from the records: from a `start` entry to the next `end` entry (or the as-of date)."""

    type: str = Field(description="What the stretch is called in messages (the `plan_type` field).")
    start: Selector = Field(description="The entry that opens it.")
    end: Selector = Field(description="The entry that closes it.")


class GapArgs(Args):
    select: Selector = Field(description="The entries whose absence makes a gap (e.g. visits).")
    plan_types: list[str] = Field(min_length=1, description="The plan types in audit.yaml whose open stretches are judged.")
    episodes: list[Episode] = Field(
        default_factory=list, description="Open stretches read from the records, e.g. an assessment in progress."
    )
    continuous_within_days: int = Field(
        default=0, ge=0,
        description="Stretches of one case that follow each other within this many days (an assessment completed, "
        "the plan opening at the conference two weeks later) are one open case: the last entry in the earlier "
        "stretch starts the later one's first gap. 0: each stretch is judged on its own.",
    )
    no_plan_uses_period: bool = Field(
        default=False, description="A case with no such plan is checked over the audit period instead."
    )


GAP_FIELDS = (
    Output("plan_type", "text", "The open stretch judged: a plan type from audit.yaml ({plan_types}), an episode read "
           "from the records, or 'none' (no such plan: the audit period is judged)"),
    Output("plan_start", "date", "When that plan or episode opened"),
    Output("plan_days", "int", "Calendar days of the stretch judged (inside the audit period, up to the as-of date)"),
    Output("count", "int", "Entries that count — {select} — inside the stretch judged"),
    Output("max_gap_days", "int", "The longest stretch in calendar days between consecutive entries that count "
           "(from the stretch's start, or the last such entry before it, to its end)"),
    Output("max_gap_working_days", "int", "The same longest stretch in working days: working days after its first "
           "day up to and including its last (weekends and England and Wales bank holidays excluded)"),
    Output("gap_from", "date", "First day of the longest gap"),
    Output("gap_to", "date", "Last day of the longest gap"),
    Output("what", "text", "What counts, in words: the label of {select}"),
)


def _ns(day: dt.date) -> int:
    return int(pd.Timestamp(day).value)


def _date(ns: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=ns // DAY_NS)


def _episodes(starts: Timeline, ends: Timeline, case: str, as_of: int) -> list[tuple[int, int]]:
    """(opened, closed) of each open stretch of the case: a start entry to the next end entry on or after it
    (or the as-of date); a start inside an open stretch does not open another."""
    lo, hi = starts.span(case)
    e_lo, e_hi = ends.span(case)
    out: list[tuple[int, int]] = []
    for opened in starts.ns[lo:hi]:
        if out and opened <= out[-1][1]:
            continue  # already inside an open episode
        i = bisect_left(ends.ns, opened, e_lo, e_hi)
        out.append((opened, ends.ns[i] if i < e_hi else as_of))
    return out


def _continuous_since(raw: list[tuple[str, int, int]], within: int) -> dict[int, int]:
    """For each stretch's opening, when the case's open run holding it began: stretches that overlap or open
    at most `within` nanoseconds after an earlier one closed join that run (empty when `within` is 0)."""
    if not within:
        return {}
    since: dict[int, int] = {}
    run_start = run_end = None
    for _, opened, end in sorted(raw, key=lambda r: r[1]):
        if run_end is None or opened > run_end + within:
            run_start, run_end = opened, end
        else:
            run_end = max(run_end, end)
        assert run_start is not None
        since[opened] = run_start
    return since


def _windows(ctx: Context, args: GapArgs, case_id: str, bounds: list[tuple[str, Timeline, Timeline]]) -> list[Window]:
    """The stretches judged for the case: its plans of the types, then the episodes read from the records,
    each cut to the audit period and the as-of date (a stretch with nothing left is dropped)."""
    as_of = int(ctx.as_of_ts.value)
    period = (int(ctx.period[0].value), int(ctx.period[1].value)) if ctx.period else None
    raw: list[tuple[str, int, int]] = [
        (plan.type.value, _ns(plan.start), min(_ns(plan.end) if plan.end else as_of, as_of))
        for plan in ctx.cases_by_id[case_id].plans
        if plan.type.value in args.plan_types
    ]
    for kind, starts, ends in bounds:
        raw += [(kind, opened, min(closed, as_of)) for opened, closed in _episodes(starts, ends, case_id, as_of)]
    since = _continuous_since(raw, args.continuous_within_days * DAY_NS)
    windows: list[Window] = []
    for kind, opened, end in raw:
        start = opened
        if period:  # only the audited stretch is judged
            start, end = max(start, period[0]), min(end, period[1])
        if end > start:
            # open since: when the case's open run holding it began (earlier entries from then start its gap)
            windows.append((kind, opened, start, end, since.get(opened, opened)))
    if not windows and args.no_plan_uses_period and period:
        windows.append(("none", period[0], period[0], min(period[1], as_of), period[0]))
    return windows


def _longest_gap(rows: Timeline, case: str, window: Window) -> tuple[int, int, int, str | None, str | None]:
    """(entries inside, gap start day, gap end day, its two entry ids) of the window's longest gap: between
    consecutive entries, from the last entry before the audited stretch (or its start) to its end. The first
    of equal gaps wins."""
    _, _, start, end, opened = window
    lo, hi = rows.span(case)
    first_in = bisect_left(rows.ns, start, lo, hi)
    last_in = bisect_right(rows.ns, end, first_in, hi)
    first_day, first_id = start // DAY_NS, None
    if first_in > lo and rows.ns[first_in - 1] >= opened:  # the last entry before the stretch starts its first gap
        first_day, first_id = rows.day[first_in - 1], rows.entry_id[first_in - 1]
    days = [first_day, *rows.day[first_in:last_in], end // DAY_NS]
    best = 0
    for i in range(1, len(days) - 1):
        if days[i + 1] - days[i] > days[best + 1] - days[best]:
            best = i
    ids = [first_id, *rows.entry_id[first_in:last_in], None]
    return last_in - first_in, days[best], days[best + 1], ids[best], ids[best + 1]


@derivation("gap_in_plan", GapArgs, GAP_FIELDS)
def gap_in_plan(ctx: Context, args: GapArgs) -> Derived:
    """Longest gap between entries of some kinds while a plan was open."""
    out = Derived()
    rows = ctx.timeline(ctx.select(args.select))  # sorted once; each case reads its slice
    label = args.select.label or " / ".join(args.select.kinds).replace("_", " ")
    bounds = [(e.type, ctx.timeline(ctx.select(e.start)), ctx.timeline(ctx.select(e.end))) for e in args.episodes]
    spans: list[tuple[int, int]] = []
    for case in ctx.manifest.cases:
        windows = _windows(ctx, args, case.id, bounds)
        if not windows:
            out.skipped[case.id] = f"no open {' / '.join(args.plan_types).replace('_', ' ')} plan in audit.yaml"
            continue
        for window in windows:
            plan_type, opened, start, end, _ = window
            count, gap_from, gap_to, from_id, to_id = _longest_gap(rows, case.id, window)
            spans.append((gap_from, gap_to))
            day_opened = _date(opened)
            extra = ({"file": "audit.yaml", "row": None, "date": day_opened.isoformat(), "agency": None,
                      "excerpt": f"{plan_type.replace('_', ' ')} plan open from {fmt_date(day_opened)}"},)
            out.facts.append(
                Fact(
                    case=case.id,
                    subject=f"{plan_type} plan from {day_opened.isoformat()}",
                    evidence=tuple(x for x in (from_id, to_id) if x),
                    extra_evidence=extra,
                    fields={
                        "plan_type": plan_type,
                        "plan_start": fmt_date(day_opened),
                        "plan_days": (end - start) // DAY_NS,
                        "count": count,
                        "max_gap_days": gap_to - gap_from,
                        "max_gap_working_days": 0,  # filled below, for every fact at once
                        "gap_from": fmt_date(_EPOCH + dt.timedelta(days=gap_from)),
                        "gap_to": fmt_date(_EPOCH + dt.timedelta(days=gap_to)),
                        "what": label,
                    },
                )
            )
    if spans:
        froms, tos = np.array(spans, dtype="int64").T
        working = working_days_between(froms.astype("datetime64[D]"), tos.astype("datetime64[D]"))
        for fact, n in zip(out.facts, np.atleast_1d(working).tolist(), strict=True):
            fact.fields["max_gap_working_days"] = int(n)
    return out

"""`gap_in_plan`: the longest stretch of an open plan with no entry of some kinds (supervision, visits,
the child's views). One fact per plan episode in audit.yaml. Only the part of the plan inside the audit
period (and up to the as-of date) is judged; the last entry before that part starts its first gap.

Fields: `plan_type`, `plan_start`, `max_gap_days`, `max_gap_working_days`, `gap_from`, `gap_to`, `count`
(qualifying entries in the plan), `plan_days`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact, by_case
from checker.model.wording import fmt_date
from checker.model.workdays import working_days_between

__all__ = ["Episode", "GapArgs", "gap_in_plan"]

def _episodes(
    ctx: Context, case: str, episode: Episode, starts_by: dict[str, pd.DataFrame], ends_by: dict[str, pd.DataFrame]
) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    starts = sorted(starts_by[case]["date"]) if case in starts_by else []
    ends = sorted(ends_by[case]["date"]) if case in ends_by else []
    out: list[tuple[str, pd.Timestamp, pd.Timestamp]] = []
    for opened in starts:
        if out and opened <= out[-1][2]:
            continue  # already inside an open episode
        closed = next((e for e in ends if e >= opened), ctx.as_of_ts)
        out.append((episode.type, opened, closed))
    return out


class Episode(Args):
    """An open stretch read from the records: from a `start` entry to the next `end` entry (or the as-of date)."""

    type: str
    start: Selector
    end: Selector


class GapArgs(Args):
    select: Selector
    plan_types: list[str] = Field(min_length=1)
    episodes: list[Episode] = Field(
        default_factory=list, description="Open stretches read from the records, e.g. an assessment in progress."
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


@derivation("gap_in_plan", GapArgs, GAP_FIELDS)
def gap_in_plan(ctx: Context, args: GapArgs) -> Derived:
    """Longest gap between entries of some kinds while a plan was open."""
    out = Derived()
    rows = ctx.select(args.select)
    label = args.select.label or " / ".join(args.select.kinds).replace("_", " ")
    grouped = by_case(rows.sort_values(["case", "date", "entry_id"]))  # each case's rows come out in date order
    bounds = [
        (
            episode,
            by_case(ctx.select(episode.start)),
            by_case(ctx.select(episode.end)),
        )
        for episode in args.episodes
    ]
    for case in ctx.manifest.cases:
        windows: list[tuple[str, pd.Timestamp, pd.Timestamp, pd.Timestamp]] = []
        for plan in case.plans:
            if plan.type.value not in args.plan_types:
                continue
            opened = pd.Timestamp(plan.start)
            start, end = opened, min(pd.Timestamp(plan.end) if plan.end else ctx.as_of_ts, ctx.as_of_ts)
            if ctx.period:  # only the audited stretch of the plan is judged
                start, end = max(start, ctx.period[0]), min(end, ctx.period[1])
            if end > start:
                windows.append((plan.type.value, opened, start, end))
        for episode, starts_by, ends_by in bounds:
            for kind, opened, closed in _episodes(ctx, case.id, episode, starts_by, ends_by):
                start, end = opened, min(closed, ctx.as_of_ts)
                if ctx.period:
                    start, end = max(start, ctx.period[0]), min(end, ctx.period[1])
                if end > start:
                    windows.append((kind, opened, start, end))
        if not windows and args.no_plan_uses_period and ctx.period:
            windows.append(("none", ctx.period[0], ctx.period[0], min(ctx.period[1], ctx.as_of_ts)))
        if not windows:
            out.skipped[case.id] = f"no open {' / '.join(args.plan_types).replace('_', ' ')} plan in audit.yaml"
            continue
        case_rows = grouped.get(case.id, rows.iloc[0:0])
        for plan_type, opened, start, end in windows:
            inside = case_rows[(case_rows["date"] >= start) & (case_rows["date"] <= end)]
            before = case_rows[(case_rows["date"] >= opened) & (case_rows["date"] < start)]
            first, first_id = start, None
            if len(before):  # the last entry before the audited stretch starts the first gap
                first, first_id = before["date"].iloc[-1], before["entry_id"].iloc[-1]
            points = [first, *inside["date"].tolist(), end]
            ids: list[str | None] = [first_id, *inside["entry_id"].tolist(), None]
            gaps = np.diff(np.array(points, dtype="datetime64[D]")).astype(int)
            i = int(np.argmax(gaps))
            gap_from, gap_to = points[i], points[i + 1]
            evidence = tuple(x for x in (ids[i], ids[i + 1]) if x)
            extra = ({"file": "audit.yaml", "row": None, "date": opened.date().isoformat(), "agency": None,
                      "excerpt": f"{plan_type.replace('_', ' ')} plan open from {fmt_date(opened)}"},)
            out.facts.append(
                Fact(
                    case=case.id,
                    evidence=evidence,
                    extra_evidence=extra,
                    fields={
                        "plan_type": plan_type,
                        "plan_start": fmt_date(opened),
                        "plan_days": int((end - start).days),
                        "count": len(inside),
                        "max_gap_days": int(gaps[i]),
                        "max_gap_working_days": int(
                            working_days_between(np.datetime64(gap_from.date()), np.datetime64(gap_to.date()))
                        ),
                        "gap_from": fmt_date(gap_from),
                        "gap_to": fmt_date(gap_to),
                        "what": label,
                    },
                )
            )
    return out

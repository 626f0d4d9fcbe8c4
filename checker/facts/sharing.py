"""`cross_agency_concern`: a concern one agency records that another agency, actively involved with the same
child at the same time, never records (a hospital unaware of the housing crisis; police with no record of
weapons another agency found).

One fact per (case, concern, agency expected to know) where the agency sent records for the case. Fields:
`concern`, `recorded_by`, `first_recorded`, `aware` (the agency records it too), `active_entries` (its
entries within `window_days` of any record of the concern), `agency`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.model.wording import fmt_date

__all__ = ["Concern", "SharingArgs", "cross_agency_concern"]


class Concern(Selector):
    should_know: list[str] = Field(min_length=1, description="Agency types expected to know of this concern.")

    def in_words(self, kind_meaning: Callable[[str], str] | None = None) -> str:
        who = ", ".join(t.replace("_", " ") for t in self.should_know)
        return f"{super().in_words(kind_meaning)}, which {who} should know of"


class SharingArgs(Args):
    concerns: list[Concern] = Field(min_length=1)
    window_days: int = Field(default=90, ge=1)


SHARING_FIELDS = (
    Output("concern", "text", "The concern, one of: {concerns}"),
    Output("recorded_by", "text", "The agencies that recorded the concern"),
    Output("first_recorded", "date", "When the concern was first recorded"),
    Output("aware", "bool", "The agency expected to know records the concern itself, at any date"),
    Output("active_entries", "int", "The agency's own entries about the child within {window_days} days either side "
           "of the first record of the concern (both ends included)"),
    Output("agency", "text", "The id of the agency expected to know"),
    Output("agency_name", "text", "The name of the agency expected to know"),
)


@derivation("cross_agency_concern", SharingArgs, SHARING_FIELDS)
def cross_agency_concern(ctx: Context, args: SharingArgs) -> Derived:
    """Concerns recorded by one agency and absent from another's records while it was involved."""
    out = Derived()
    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    names = {a.id: a.name for a in ctx.manifest.agencies}
    # Each agency's entries per case as (date, entry id), in date order: sorted once, searched with bisect.
    by_case_agency: dict[tuple[str, str], list[tuple[pd.Timestamp, str]]] = {}
    for row in frame.sort_values(["case", "agency", "date", "entry_id"])[["case", "agency", "date", "entry_id"]].itertuples(
        index=False
    ):
        by_case_agency.setdefault((str(row.case), str(row.agency)), []).append((row.date, str(row.entry_id)))
    seen: set[str] = set()
    with_facts: set[str] = set()
    for concern in args.concerns:
        label = concern.label or " / ".join(concern.kinds).replace("_", " ")
        rows = ctx.select(concern)
        for case, recs in rows.groupby("case"):
            case = str(case)
            seen.add(case)
            recs = recs.sort_values(["date", "entry_id"])
            first = recs.iloc[0]
            recorders = sorted(set(recs["agency"]))
            window = pd.Timedelta(days=args.window_days)
            for agency in sorted(ctx.agencies_of(concern.should_know) & ctx.submitted(case)):
                aware = agency in recorders
                theirs = by_case_agency.get((case, agency), [])
                # Involved while the concern was live: within the window of any record of it, not only the first.
                seen_entries: dict[str, pd.Timestamp] = {}
                for when in recs["date"].drop_duplicates():
                    lo = bisect_left(theirs, (when - window, ""))
                    hi = bisect_right(theirs, (when + window, "\uffff"))
                    seen_entries.update((entry, day) for day, entry in theirs[lo:hi])
                active = sorted((day, entry) for entry, day in seen_entries.items())
                evidence = [str(first["entry_id"]), *(entry for _, entry in active[:3])]
                with_facts.add(case)
                out.facts.append(
                    Fact(
                        case=case,
                        agency=agency,
                        evidence=tuple(evidence),
                        fields={
                            "concern": label,
                            "recorded_by": ", ".join(names[a] for a in recorders if a != agency) or names[agency],
                            "first_recorded": fmt_date(first["date"]),
                            "aware": aware,
                            "active_entries": len(active),
                            "agency": agency,
                            "agency_name": names[agency],
                        },
                    )
                )
    labels = ", ".join(c.label or c.kinds[0] for c in args.concerns)
    for case in ctx.case_ids():
        if case not in seen:
            out.skipped[case] = f"no {labels} concern recorded"
        elif case not in with_facts:
            out.skipped[case] = "no other agency expected to know sent records for this case"
    return out

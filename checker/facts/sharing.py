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

from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.rows import DAY_NS, as_timestamp, tuples_by_case
from checker.model.wording import agency_type_words, fmt_date

__all__ = ["Concern", "SharingArgs", "cross_agency_concern"]


class Concern(Selector):
    should_know: list[str] = Field(min_length=1, description="Agency types expected to know of this concern.")

    def in_words(self, kind_meaning: Callable[[str], str] | None = None) -> str:
        who = ", ".join(agency_type_words(t) for t in self.should_know)
        return f"{super().in_words(kind_meaning)}, which {who} should know of"


class SharingArgs(Args):
    concerns: list[Concern] = Field(min_length=1, description="The concerns, each with the agency types that should know.")
    window_days: int = Field(default=90, ge=1, description="Days either side of the first record of a concern in which the agency expected to know is counted active.")


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
    names = {a.id: a.name for a in ctx.manifest.agencies}
    records = [tuples_by_case(ctx.select(c), ("date", "entry_id", "agency")) for c in args.concerns]
    expected = [ctx.agencies_of(c.should_know) for c in args.concerns]
    # Each expected agency's entries per case with a concern, as (date, entry id) in date order: sorted once,
    # searched with bisect.
    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    frame = frame[frame["agency"].isin(set().union(*expected)) & frame["case"].isin(set().union(*records))]
    by_case_agency: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for case, rows in tuples_by_case(frame, ("agency", "date", "entry_id")).items():
        for agency, day, entry in rows:
            by_case_agency.setdefault((case, str(agency)), []).append((day, str(entry)))
    window = args.window_days * DAY_NS
    seen: set[str] = set()
    with_facts: set[str] = set()
    for concern, concern_records, concern_expected in zip(args.concerns, records, expected, strict=True):
        label = concern.label or " / ".join(concern.kinds).replace("_", " ")
        for case in sorted(concern_records):
            recs = concern_records[case]
            seen.add(case)
            first_day, first_entry, _ = recs[0]
            recorders = sorted({agency for _, _, agency in recs})
            days = list(dict.fromkeys(day for day, _, _ in recs))
            for agency in sorted(concern_expected & ctx.agencies_with_rows(case)):
                theirs = by_case_agency.get((case, agency), [])
                # Involved while the concern was live: within the window of any record of it, not only the first.
                seen_entries: dict[str, int] = {}
                for when in days:
                    lo = bisect_left(theirs, (when - window, ""))
                    hi = bisect_right(theirs, (when + window, "\uffff"))
                    seen_entries.update((entry, day) for day, entry in theirs[lo:hi])
                active = sorted((day, entry) for entry, day in seen_entries.items())
                evidence = [str(first_entry), *(entry for _, entry in active[:3])]
                with_facts.add(case)
                out.facts.append(
                    Fact(
                        case=case,
                        agency=agency,
                        subject=f"concern {label}",
                        evidence=tuple(evidence),
                        fields={
                            "concern": label,
                            "recorded_by": ", ".join(names[a] for a in recorders if a != agency) or names[agency],
                            "first_recorded": fmt_date(as_timestamp(first_day)),
                            "aware": agency in recorders,
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

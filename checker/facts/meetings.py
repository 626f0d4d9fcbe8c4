"""`meeting_attendance`: whether an agency of a given type was at the case's multi-agency meetings.

Only meetings whose attendees are recorded count: a meeting with no attendance list is *unknown*, never
"absent". A case with no such meetings, or none with attendees recorded, is skipped with the reason.

Fields: `meetings_with_attendees`, `meetings_unknown`, `meetings_attended`, `concern_entries` (entries
showing why that agency should be there), `agency_involved` (the agency sent records for the case or
others' records show the concern).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.rows import tuples_by_case

__all__ = ["MeetingArgs", "meeting_attendance"]


class MeetingArgs(Args):
    meetings: Selector = Field(description="The meetings whose attendance is read.")
    agency_types: list[str] = Field(min_length=1, description="The agency that should be present.")
    concern: Selector = Field(description="Entries showing why the agency should be there.")


MEETING_FIELDS = (
    Output("meetings_with_attendees", "int", "Meetings — {meetings} — whose attendance is recorded"),
    Output("meetings_unknown", "int", "Such meetings with no attendance recorded: unknown, never counted as absent"),
    Output("meetings_attended", "int", "Meetings with attendance recorded that a {agency_types} agency attended"),
    Output("concern_entries", "int", "Entries showing why that agency should be there: {concern}"),
    Output("agency_involved", "bool", "The agency sent records for the case, or others' records show the concern"),
)


@derivation("meeting_attendance", MeetingArgs, MEETING_FIELDS)
def meeting_attendance(ctx: Context, args: MeetingArgs) -> Derived:
    """Meetings with recorded attendees, and whether the agency was ever among them."""
    out = Derived()
    meetings = ctx.select(args.meetings)
    concern = ctx.select(args.concern)
    wanted = ctx.agencies_of(args.agency_types)
    label = args.meetings.label or " / ".join(args.meetings.kinds).replace("_", " ")
    # Each meeting as (entry id, attendance known, the agency among those there, its frame label), in
    # date order; attendees are read only where they are known.
    known = meetings["attendees_known"].astype(bool).to_numpy()
    there = np.zeros(len(meetings), dtype=bool)
    there[known] = [bool(wanted & set(a)) for a in meetings["attendees"].to_numpy()[known]]
    rows = meetings.assign(_known=known, _there=there, _label=meetings.index)
    meetings_by = tuples_by_case(rows, ("entry_id", "_known", "_there", "_label"))
    concern_by = tuples_by_case(concern, ("entry_id",))
    for case in ctx.case_ids():
        mine = meetings_by.get(case, [])
        if not mine:
            out.skipped[case] = f"no {label} recorded"
            continue
        recorded = [(entry, at, tag) for entry, is_known, at, tag in mine if is_known]
        if not recorded:
            out.skipped[case] = f"attendance not recorded at any of {len(mine)} {label}: unknown, not absent"
            continue
        # Absent: the meetings not attended, told apart by their frame label as `Index.isin` tells them.
        attended = {tag for _, at, tag in recorded if at}
        absent = [entry for entry, _, tag in recorded if tag not in attended]
        worries = concern_by.get(case, [])
        evidence = [*absent[:6], *(entry for (entry,) in worries[:2])]
        out.facts.append(
            Fact(
                case=case,
                evidence=tuple(evidence),
                fields={
                    "meetings_with_attendees": len(recorded),
                    "meetings_unknown": len(mine) - len(recorded),
                    "meetings_attended": sum(at for _, at, _ in recorded),
                    "concern_entries": len(worries),
                    "agency_involved": bool(ctx.agencies_with_rows(case) & wanted) or len(worries) > 0,
                },
            )
        )
    return out

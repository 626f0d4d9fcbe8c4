"""`meeting_attendance`: whether an agency of a given type was at the case's multi-agency meetings.

Only meetings whose attendees are recorded count: a meeting with no attendance list is *unknown*, never
"absent". A case with no such meetings, or none with attendees recorded, is skipped with the reason.

Fields: `meetings_with_attendees`, `meetings_unknown`, `meetings_attended`, `concern_entries` (entries
showing why that agency should be there), `agency_involved` (the agency sent records for the case or
others' records show the concern).
"""

from __future__ import annotations

from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact, by_case

__all__ = ["MeetingArgs", "meeting_attendance"]


class MeetingArgs(Args):
    meetings: Selector
    agency_types: list[str] = Field(min_length=1, description="The agency that should be present.")
    concern: Selector


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
    meetings_by, concern_by = by_case(meetings), by_case(concern)
    for case in ctx.case_ids():
        mine = meetings_by.get(case, meetings.iloc[0:0]).sort_values(["date", "entry_id"])
        if mine.empty:
            out.skipped[case] = f"no {label} recorded"
            continue
        known = mine[mine["attendees_known"].astype(bool)]
        if known.empty:
            out.skipped[case] = f"attendance not recorded at any of {len(mine)} {label}: unknown, not absent"
            continue
        attended = known[known["attendees"].map(lambda a: bool(wanted & set(a)))]
        absent = known[~known.index.isin(attended.index)]
        worries = concern_by.get(case, concern.iloc[0:0]).sort_values(["date", "entry_id"])
        evidence = [*absent["entry_id"].tolist()[:6], *worries["entry_id"].tolist()[:2]]
        out.facts.append(
            Fact(
                case=case,
                evidence=tuple(evidence),
                fields={
                    "meetings_with_attendees": len(known),
                    "meetings_unknown": len(mine) - len(known),
                    "meetings_attended": len(attended),
                    "concern_entries": len(worries),
                    "agency_involved": bool(ctx.submitted(case) & wanted) or len(worries) > 0,
                },
            )
        )
    return out

"""The submissions tracker: per agency and case, what has come in and when, what is late and what is missing,
from audit.yaml's submission dates (which `maca intake` writes as the date each file was received).

    rows = submission_tracker(manifest, as_of=date(2019, 3, 14))
    rows[0].status        # "received" | "late" | "part received" | "missing" | "awaited"
    tracker_text(rows)    # the lines to chase, per agency

A case counts as received from an agency when its audit return for the case, or a chronology that covers the
case (a file for that case, or one for all the agency's cases), is listed. It is *late* when the first of them
came after the submission deadline; *missing* when nothing came and the deadline has passed; *awaited* when
nothing came yet and the deadline has not passed (or there is none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.model.audit import Manifest
from checker.model.templates import cases_for
from checker.model.wording import count

__all__ = ["Submission", "submission_tracker", "tracker_table", "tracker_text"]

Status = Literal["received", "late", "part received", "missing", "awaited"]


@dataclass(frozen=True, slots=True)
class Submission:
    """One agency's submission for one case."""

    agency: str
    case: str
    status: Status
    return_received: dt.date | None
    chronology_received: dt.date | None
    days_late: int | None
    files: tuple[str, ...]
    has_return: bool = False
    has_chronology: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _first(dates: list[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def submission_tracker(manifest: Manifest, as_of: dt.date) -> list[Submission]:
    """Every expected (agency, case), in audit.yaml's order of cases then agencies."""
    deadline = manifest.audit.submission_deadline
    subs = manifest.submissions
    out: list[Submission] = []
    for case in manifest.cases:
        for agency in manifest.agencies:
            if case not in cases_for(manifest, agency.id):
                continue
            returns = [r for r in subs.returns if r.agency == agency.id and r.case == case.id]
            chronologies = [c for c in subs.chronologies if c.agency == agency.id and c.case in (None, case.id)]
            files = tuple(dict.fromkeys([r.file for r in returns] + [c.file for c in chronologies]))
            got_return = _first([r.submitted for r in returns]) if returns else None
            got_chronology = _first([c.submitted for c in chronologies]) if chronologies else None
            first = _first([got_return, got_chronology])
            days_late = max(0, (first - deadline).days) if first and deadline else None
            status: Status
            if not files:
                status = "missing" if deadline is not None and as_of > deadline else "awaited"
            elif days_late:
                status = "late"
            elif not returns or not chronologies:
                status = "part received"
            else:
                status = "received"
            out.append(Submission(agency.id, case.id, status, got_return, got_chronology, days_late, files,
                                  bool(returns), bool(chronologies)))
    return out


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def tracker_table(rows: list[Submission], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One plain record per row, agencies by name (when `names` has it), dates DD/MM/YYYY, days late blank when
    on time, for a table on screen or in a file."""
    names = names or {}
    return [
        {"Agency": names.get(r.agency, r.agency), "Case": r.case, "Status": r.status,
         "Return received": _day(r.return_received), "Chronology received": _day(r.chronology_received),
         "Days late": "" if r.days_late is None else str(r.days_late)}
        for r in rows
    ]


def tracker_text(rows: list[Submission], names: dict[str, str] | None = None) -> str:
    """Per agency (by name when `names` has it), what is still to come or came late (received cases are not
    listed)."""
    by_agency: dict[str, list[str]] = {}
    for r in rows:
        if r.status == "received":
            continue
        if r.status in ("missing", "awaited"):
            line = f"{r.case}: nothing received" + (" (past the deadline)" if r.status == "missing" else "")
        elif r.status == "late":
            line = f"{r.case}: received {_day(_first([r.return_received, r.chronology_received]))}, " \
                   f"{count(int(r.days_late or 0), 'day')} late"
        else:
            line = f"{r.case}: " + ("chronology received, no audit return" if r.has_chronology
                                    else "audit return received, no chronology")
        by_agency.setdefault(r.agency, []).append(line)
    if not by_agency:
        return "Submissions: everything expected has been received."
    lines = ["Submissions tracker (dates received, from audit.yaml):"]
    for agency, items in by_agency.items():
        lines.append(f"  {(names or {}).get(agency, agency)}")
        lines += [f"    - {item}" for item in items]
    return "\n".join(lines)

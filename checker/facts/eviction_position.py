"""Where each household stands on eviction, from every agency's records.

Evidence, best first: a bailiff / notice-of-eviction date, a possession order's date for giving up the home,
an eviction that happened, a notice (s21 / NTQ) and its expiry. Dates written in the text ("bailiffs booked
for 18/03") come from `text_dates` (read day first, year from the entry). Documentary evidence (a notice, an
order, a bailiff letter — or Housing's own record) beats a second-hand report; among the best-evidenced the
earliest date is taken, and every date is kept so a reader sees where agencies disagree. A later record
that the family was rehoused or the eviction stayed closes the household's entry.

Episodes: a closing record (rehoused, eviction stayed) closes everything recorded up to its date. Only a new
threat recorded after it (a notice, order or bailiff date for a day after the closure) opens a new entry; a
later report of the same eviction ("family evicted yesterday, in B&B") does not. A record of eviction day
that also records the rehousing ("Eviction day … family placed in B&B 17:45") closes the entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Literal

import pandas as pd

from checker.facts.context import Context
from checker.model.limits import for_matching
from checker.text.extract import find_dates

__all__ = ["EvictionEvidence", "EvictionStatus", "eviction_status", "shared_eviction_status", "EVICTION_KINDS", "CLOSING_KINDS"]

Basis = Literal["bailiff", "possession", "evicted", "notice"]
EVICTION_KINDS = ("bailiff_date", "possession_order", "evicted", "eviction_notice")
CLOSING_KINDS = ("rehoused", "eviction_stayed")
_THREATS = frozenset({"bailiff_date", "possession_order", "eviction_notice"})
_RANK: dict[str, int] = {"bailiff": 0, "evicted": 0, "possession": 1, "notice": 2}
# A period written into a possession record with no date: "possession order granted - outright, 28 days".
_PERIOD = re.compile(r"\b(\d{1,2}) ?(days?|weeks?|wks?)\b", re.I)
_DOCUMENTARY = re.compile(
    r"\b(n54|n325|notice of eviction|warrant|court|order|letter|bailiff'?s? (?:letter|notice)|copy|served|"
    r"section 21|s\.? ?21|ntq|notice to quit|hearing)\b",
    re.I,
)


# A suspended possession order sets no date to leave while its terms are kept: only a breach and a warrant do.
_SUSPENDED = re.compile(r"\b(?:suspended possession order|spo|possession order (?:was |is |has been )?suspended|"
                        r"suspended on terms|suspended order)\b", re.I)


@dataclass(frozen=True, slots=True)
class EvictionEvidence:
    entry_id: str
    agency: str
    basis: Basis
    date: dt.date | None  # the eviction / giving-up / expiry date the record gives
    recorded: dt.date  # when the record was made
    documentary: bool
    inferred: bool  # date computed from a default period, not written in the record


@dataclass(slots=True)
class EvictionStatus:
    case: str
    basis: Basis
    eviction_date: dt.date | None
    days_until: int | None
    documentary: bool
    closed: bool
    closed_by: str | None
    evidence: list[EvictionEvidence] = field(default_factory=list)
    primary: EvictionEvidence | None = None


def _dates_after(text_dates: tuple[str, ...], recorded: dt.date, *, allow_past: bool = False) -> list[dt.date]:
    out = []
    for iso in text_dates or ():
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            continue
        if allow_past or day >= recorded:
            out.append(day)
    return sorted(out)


def _bailiff_day(event: str, action: str, recorded: dt.date, later: list[dt.date]) -> dt.date | None:
    """The bailiffs' date: the first day from the record on that the text ties to the bailiff / eviction
    words (the nearest date phrase in its sentence); none when no day is tied to them ("viewing 27/02" or
    "relief duty accepted 16/12" in the same entry is not the eviction date)."""
    if not later:
        return None
    tied = sorted(day for d in find_dates(f"{event} {action}", recorded)
                  if d.phrase == "bailiff" and (day := dt.date.fromisoformat(d.date)) >= recorded)
    return tied[0] if tied else None


def _written_period(text: str) -> int | None:
    match = _PERIOD.search(text)
    if not match:
        return None
    n = int(match.group(1))
    days = n * 7 if match.group(2).lower().startswith("w") else n
    return days if 0 < days <= 120 else None


def _closes(kinds: set[str], later: list[dt.date]) -> bool:
    """A rehousing / stay record closes unless it also carries a threat still to come (a notice, an order,
    or a bailiff date after the record): "Eviction day … placed in B&B" closes; "N54: bailiffs 18/03" does not."""
    threats = kinds & _THREATS
    if not threats:
        return True
    return threats <= {"bailiff_date"} and not later


def _new_after(evidence: list[EvictionEvidence], closed_on: dt.date) -> list[EvictionEvidence]:
    """Evidence of a new threat after a closure: recorded later, for a day after it (reports of the closed
    eviction itself do not count). An `evicted` record counts only from the first such new threat on."""
    threats = [
        e for e in evidence
        if e.basis != "evicted" and e.recorded > closed_on and (e.date is None or e.date > closed_on)
    ]
    if not threats:
        return []
    start = min(e.recorded for e in threats)
    return threats + [e for e in evidence if e.basis == "evicted" and e.recorded >= start]


def eviction_status(
    frame: pd.DataFrame,
    as_of: dt.date,
    housing_agencies: set[str],
    *,
    possession_days: int = 14,
    notice_days: int = 61,
) -> dict[str, EvictionStatus]:
    """Each case's eviction position on `as_of` (cases with no eviction evidence are absent), by case id."""
    if frame.empty:
        return {}
    return _statuses(frame, as_of, housing_agencies, possession_days, notice_days)


def shared_eviction_status(ctx: Context, *, possession_days: int = 14, notice_days: int = 61) -> dict[str, EvictionStatus]:
    """`eviction_status` of the check's frame, worked out once per check (`Context.shared`): the two eviction
    rules and the worklist ask for the same reading."""
    housing = frozenset(ctx.agencies_of(["housing"]))
    return ctx.shared(("eviction_status", possession_days, notice_days),
                      lambda: eviction_status(ctx.frame, ctx.as_of, set(housing), possession_days=possession_days,
                                              notice_days=notice_days))


def _statuses(
    frame: pd.DataFrame, as_of: dt.date, housing_agencies: set[str], possession_days: int, notice_days: int
) -> dict[str, EvictionStatus]:
    rows = frame[frame["date"] <= pd.Timestamp(as_of)]
    wanted = set(EVICTION_KINDS) | set(CLOSING_KINDS)
    rows = rows.loc[rows["kinds"].map(lambda k: bool(wanted & set(k))).astype(bool)]
    rows = rows.sort_values(["case", "date", "entry_id"])  # one sort; each case is then a run of rows
    columns = zip(
        rows["case"].tolist(), rows["entry_id"].tolist(), rows["agency"].tolist(), rows["kinds"].tolist(),
        rows["date"].to_numpy(dtype="datetime64[D]").tolist(), rows["event"].tolist(), rows["action"].tolist(),
        rows["text_dates"].tolist(), strict=True,
    )  # fmt: skip
    result: dict[str, EvictionStatus] = {}
    for case, group in groupby(columns, key=itemgetter(0)):
        evidence: list[EvictionEvidence] = []
        closes: list[tuple[dt.date, str]] = []
        for _, entry_id, agency, row_kinds, recorded, event, action, text_dates in group:
            kinds = set(row_kinds)
            text = f"{for_matching(str(event))} {for_matching(str(action))}"
            documentary = bool(_DOCUMENTARY.search(text)) or agency in housing_agencies
            later = _dates_after(text_dates, recorded)
            if "evicted" in kinds:
                days = _dates_after(text_dates, recorded - dt.timedelta(days=7), allow_past=True)
                when = next((d for d in days if d <= recorded), recorded)
                evidence.append(EvictionEvidence(entry_id, agency, "evicted", when, recorded, True, False))
            bailiffs_on = _bailiff_day(str(event), str(action), recorded, later) if "bailiff_date" in kinds else None
            if "bailiff_date" in kinds:
                evidence.append(EvictionEvidence(entry_id, agency, "bailiff", bailiffs_on, recorded, documentary, False))
            # An order's date still counts beside bailiffs named with no day of their own ("stay until the bailiffs").
            if "possession_order" in kinds and ("bailiff_date" not in kinds or bailiffs_on is None):
                period = _written_period(text)
                due: dt.date | None
                if _SUSPENDED.search(text):  # no date to give up the home while the terms are kept
                    due, inferred = None, False
                elif later:
                    due, inferred = later[0], False
                elif period is not None:
                    due, inferred = recorded + dt.timedelta(days=period), False
                else:
                    due, inferred = recorded + dt.timedelta(days=possession_days), True
                evidence.append(EvictionEvidence(entry_id, agency, "possession", due, recorded, documentary,
                                                 inferred))
            if "eviction_notice" in kinds and not kinds & {"bailiff_date", "possession_order", "evicted"}:
                when = later[0] if later else recorded + dt.timedelta(days=notice_days)
                evidence.append(EvictionEvidence(entry_id, agency, "notice", when, recorded, documentary, not later))
            if kinds & set(CLOSING_KINDS) and _closes(kinds, later):
                closes.append((recorded, entry_id))
        if evidence:
            result[str(case)] = _position(str(case), evidence, closes, as_of)
    return result


def _position(
    case: str, evidence: list[EvictionEvidence], closes: list[tuple[dt.date, str]], as_of: dt.date
) -> EvictionStatus:
    """The household's position from its evidence and closing records (in date order)."""
    closed_by: str | None = None
    if closes:
        live = _new_after(evidence, max(closes)[0])
        if live:
            evidence = live
        else:  # the first closing record after which nothing new was recorded
            closed_by = min(c for c in closes if not _new_after(evidence, c[0]))[1]
    dated = [e for e in evidence if e.date is not None] or evidence
    best_rank = min(_RANK[e.basis] for e in dated)
    top = [e for e in dated if _RANK[e.basis] == best_rank]
    if any(e.documentary for e in top):
        top = [e for e in top if e.documentary]
    primary = min(top, key=lambda e: (e.date or dt.date.max, e.recorded, e.entry_id))
    when = primary.date
    return EvictionStatus(
        case=case,
        basis=primary.basis,
        eviction_date=when,
        days_until=(when - as_of).days if when else None,
        documentary=primary.documentary,
        closed=closed_by is not None,
        closed_by=closed_by,
        evidence=sorted(evidence, key=lambda e: (e.date or dt.date.max, e.entry_id)),
        primary=primary,
    )

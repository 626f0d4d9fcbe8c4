"""Where each household stands on eviction, from every agency's records.

Evidence, best first: a bailiff / notice-of-eviction date, a possession order's date for giving up the home,
an eviction that happened, a notice (s21 / NTQ) and its expiry. Dates written in the text ("bailiffs booked
for 18/03") come from `text_dates` (read day first, year from the entry). Documentary evidence (a notice, an
order, a bailiff letter — or Housing's own record) beats a second-hand report; among the best-evidenced the
earliest date is taken, and every date is kept so a reader sees where agencies disagree. A later record
that the family was rehoused or the eviction stayed closes the household's entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

__all__ = ["EvictionEvidence", "EvictionStatus", "eviction_status", "EVICTION_KINDS", "CLOSING_KINDS"]

Basis = Literal["bailiff", "possession", "evicted", "notice"]
EVICTION_KINDS = ("bailiff_date", "possession_order", "evicted", "eviction_notice")
CLOSING_KINDS = ("rehoused", "eviction_stayed")
_RANK: dict[str, int] = {"bailiff": 0, "evicted": 0, "possession": 1, "notice": 2}
_DOCUMENTARY = re.compile(
    r"\b(n54|n325|notice of eviction|warrant|court|order|letter|bailiff'?s? (?:letter|notice)|copy|served|"
    r"section 21|s\.? ?21|ntq|notice to quit|hearing)\b",
    re.I,
)


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


def eviction_status(
    frame: pd.DataFrame,
    as_of: dt.date,
    housing_agencies: set[str],
    *,
    possession_days: int = 14,
    notice_days: int = 61,
) -> dict[str, EvictionStatus]:
    """Each case's eviction position on `as_of` (cases with no eviction evidence are absent)."""
    rows = frame[frame["date"] <= pd.Timestamp(as_of)]
    wanted = set(EVICTION_KINDS) | set(CLOSING_KINDS)
    rows = rows[rows["kinds"].map(lambda k: bool(wanted & set(k)))]
    result: dict[str, EvictionStatus] = {}
    for case, group in rows.sort_values(["date", "entry_id"]).groupby("case", sort=True):
        evidence: list[EvictionEvidence] = []
        closes: list[tuple[dt.date, str]] = []
        for row in group.itertuples(index=False):
            kinds = set(row.kinds)
            recorded = row.date.date()
            text = f"{row.event} {row.action}"
            documentary = bool(_DOCUMENTARY.search(text)) or row.agency in housing_agencies
            later = _dates_after(row.text_dates, recorded)
            if "evicted" in kinds:
                days = _dates_after(row.text_dates, recorded - dt.timedelta(days=7), allow_past=True)
                when = next((d for d in days if d <= recorded), recorded)
                evidence.append(EvictionEvidence(row.entry_id, row.agency, "evicted", when, recorded, True, False))
            if "bailiff_date" in kinds:
                evidence.append(
                    EvictionEvidence(row.entry_id, row.agency, "bailiff", later[0] if later else None, recorded,
                                     documentary, False)
                )
            if "possession_order" in kinds and "bailiff_date" not in kinds:
                when = later[0] if later else recorded + dt.timedelta(days=possession_days)
                evidence.append(
                    EvictionEvidence(row.entry_id, row.agency, "possession", when, recorded, documentary, not later)
                )
            if "eviction_notice" in kinds and not kinds & {"bailiff_date", "possession_order", "evicted"}:
                when = later[0] if later else recorded + dt.timedelta(days=notice_days)
                evidence.append(
                    EvictionEvidence(row.entry_id, row.agency, "notice", when, recorded, documentary, not later)
                )
            if kinds & set(CLOSING_KINDS) and not kinds & {"bailiff_date", "possession_order", "eviction_notice"}:
                closes.append((recorded, row.entry_id))
        dated = [e for e in evidence if e.date is not None]
        if not dated:
            if not evidence:
                continue
            dated = evidence
        best_rank = min(_RANK[e.basis] for e in dated)
        top = [e for e in dated if _RANK[e.basis] == best_rank]
        if any(e.documentary for e in top):
            top = [e for e in top if e.documentary]
        primary = min(top, key=lambda e: (e.date or dt.date.max, e.recorded, e.entry_id))
        last_evidence = max(e.recorded for e in evidence)
        closing = [c for c in closes if c[0] >= last_evidence]
        when = primary.date
        result[str(case)] = EvictionStatus(
            case=str(case),
            basis=primary.basis,
            eviction_date=when,
            days_until=(when - as_of).days if when else None,
            documentary=primary.documentary,
            closed=bool(closing),
            closed_by=closing[0][1] if closing else None,
            evidence=sorted(evidence, key=lambda e: (e.date or dt.date.max, e.entry_id)),
            primary=primary,
        )
    return result

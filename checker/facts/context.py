"""What every fact derivation reads: the loaded bundle, the as-of date, and a few shared indexes.

Derivations never mutate the frame; indexes here are computed once per check and shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from checker.model.audit import AuditReturn, Manifest, PlanType

__all__ = ["Context", "Fact", "Derived", "by_case", "MANIFEST_FILE"]

MANIFEST_FILE = "audit.yaml"


@dataclass(slots=True)
class Fact:
    """One fact for the engine: flat JSON-native fields, plus the evidence it rests on (kept out of the engine).

    `evidence` holds entry ids from the chronology frame; `extra_evidence` holds evidence that is not a
    chronology row (a manifest field, an audit return answer) as ready-made evidence dicts.
    """

    case: str
    fields: dict[str, Any]
    evidence: tuple[str, ...] = ()
    extra_evidence: tuple[dict[str, Any], ...] = ()
    agency: str | None = None


@dataclass(slots=True)
class Derived:
    """A derivation's result: facts per case, and why a case could not be checked (skipped)."""

    facts: list[Fact] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def by_case(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Rows split by case, once (filtering the frame per case in a loop is quadratic at authority scale)."""
    if rows.empty:
        return {}
    return {str(case): group for case, group in rows.groupby("case", sort=False)}


@dataclass(frozen=True)
class Context:
    manifest: Manifest
    frame: pd.DataFrame
    returns: tuple[AuditReturn, ...]
    as_of: dt.date
    risk_flags: tuple[dict[str, Any], ...] = ()
    _memo: dict[tuple[Any, ...], pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def cases_by_id(self) -> dict[str, Any]:
        return {c.id: c for c in self.manifest.cases}

    # --- agencies ---------------------------------------------------------------------------------------
    @cached_property
    def agency_type(self) -> dict[str, str]:
        return {a.id: a.type.value for a in self.manifest.agencies}

    def agencies_of(self, types: list[str] | tuple[str, ...] | None) -> set[str]:
        if not types:
            return set(self.agency_type)
        wanted = set(types)
        return {a for a, t in self.agency_type.items() if t in wanted}

    @cached_property
    def chronology_submitters(self) -> dict[str, set[str]]:
        """Case -> agencies with at least one loaded chronology row for it."""
        if self.frame.empty:
            return {}
        grouped = self.frame.groupby("case")["agency"].agg(lambda s: set(s))
        return {str(k): set(v) for k, v in grouped.items()}

    def submitted(self, case: str) -> set[str]:
        return self.chronology_submitters.get(case, set())

    # --- time ----------------------------------------------------------------------------------------------
    @cached_property
    def as_of_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.as_of)

    @cached_property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        p = self.manifest.audit.period
        return (pd.Timestamp(p.start), pd.Timestamp(p.end)) if p else None

    # --- entries by kind -----------------------------------------------------------------------------------
    @cached_property
    def by_kind(self) -> pd.DataFrame:
        """One row per (entry, kind): index into the frame plus case, agency, date, kind — for fast filtering."""
        if self.frame.empty:
            return pd.DataFrame(columns=["pos", "entry_id", "case", "agency", "date", "kind"])
        exploded = self.frame[["entry_id", "case", "agency", "date", "kinds"]].copy()
        exploded["pos"] = np.arange(len(exploded))
        exploded = exploded.explode("kinds").dropna(subset=["kinds"]).rename(columns={"kinds": "kind"})
        return exploded.reset_index(drop=True)

    def entries(
        self,
        kinds: list[str] | tuple[str, ...],
        agency_types: list[str] | None = None,
        exclude_agency_types: list[str] | None = None,
        until_as_of: bool = True,
    ) -> pd.DataFrame:
        """Frame rows (deduplicated) carrying any of `kinds`, optionally from agencies of given types."""
        key = (tuple(kinds), tuple(agency_types or ()), tuple(exclude_agency_types or ()), until_as_of)
        if key not in self._memo:
            self._memo[key] = self._entries(kinds, agency_types, exclude_agency_types, until_as_of)
        return self._memo[key]

    def _entries(
        self,
        kinds: list[str] | tuple[str, ...],
        agency_types: list[str] | None,
        exclude_agency_types: list[str] | None,
        until_as_of: bool,
    ) -> pd.DataFrame:
        bk = self.by_kind
        mask = bk["kind"].isin(list(kinds))
        if agency_types:
            mask &= bk["agency"].isin(self.agencies_of(agency_types))
        if exclude_agency_types:
            mask &= ~bk["agency"].isin(self.agencies_of(exclude_agency_types))
        positions = sorted(set(bk.loc[mask, "pos"].tolist()))
        rows = self.frame.iloc[positions]
        if until_as_of:
            rows = rows[rows["date"] <= self.as_of_ts]
        return rows

    @cached_property
    def entry_index(self) -> dict[str, dict[str, Any]]:
        """entry_id -> the row as a dict (for evidence)."""
        cols = ["entry_id", "case", "agency", "file", "row", "date", "date_text", "event", "kinds"]
        return {r["entry_id"]: r for r in self.frame[cols].to_dict("records")} if not self.frame.empty else {}

    # --- plans ---------------------------------------------------------------------------------------------
    def open_plans(self, case_id: str, on: dt.date) -> list[str]:
        """Plan types open on `on` for the case (from audit.yaml)."""
        case = self.cases_by_id[case_id]
        return [
            p.type.value
            for p in case.plans
            if p.type is not PlanType.none and p.start <= on and (p.end is None or p.end >= on)
        ]

    def youngest_age_days(self, case_id: str, on: dt.date) -> int | None:
        case = self.cases_by_id[case_id]
        ages = [(on - c.date_of_birth).days for c in case.children if c.date_of_birth and c.date_of_birth <= on]
        ages += [c.age * 365 for c in case.children if c.date_of_birth is None and c.age is not None]
        return min(ages) if ages else None

    def case_ids(self) -> list[str]:
        return [c.id for c in self.manifest.cases]

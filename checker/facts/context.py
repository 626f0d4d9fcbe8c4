"""What every fact derivation reads: the loaded bundle, the as-of date, and a few shared indexes.

Derivations never mutate the frame; indexes here are computed once per check and shared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from checker.model.audit import AuditReturn, Manifest, PlanType

__all__ = ["Context", "Fact", "Derived", "by_case", "case_spans", "EntryIndex", "Timeline", "timeline", "DAY_NS", "MANIFEST_FILE"]

MANIFEST_FILE = "audit.yaml"
T = TypeVar("T")


@dataclass(slots=True)
class Fact:
    """One fact for the engine: flat JSON-native fields, plus the evidence it rests on (kept out of the engine).

    `evidence` holds entry ids from the chronology frame; `extra_evidence` holds evidence that is not a
    chronology row (a manifest field, an audit return answer) as ready-made evidence dicts. `subject` names
    what the fact is about where a case can have several (the plan, the man, the missed appointment, the
    referral): it is part of the flag's id, so it must not change when evidence is added or removed.
    """

    case: str
    fields: dict[str, Any]
    evidence: tuple[str, ...] = ()
    extra_evidence: tuple[dict[str, Any], ...] = ()
    agency: str | None = None
    subject: str = ""  # what the fact is about, stable as evidence grows (part of the flag id); "" = the case


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


def case_spans(cases: Any) -> dict[str, tuple[int, int]]:
    """Each case's [start, stop) positions in a sequence sorted by case (one pass in numpy, not a filter per case).

    >>> case_spans(["a", "a", "b"])
    {'a': (0, 2), 'b': (2, 3)}
    """
    values = np.asarray(cases, dtype=object)
    if not len(values):
        return {}
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    stops = np.r_[starts[1:], len(values)]
    return {str(values[a]): (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}


DAY_NS = 86_400_000_000_000  # nanoseconds in a day: frame dates as integers compare exactly as the Timestamps do


@dataclass(frozen=True, slots=True)
class Timeline:
    """Rows sorted by (case, date, entry_id) as plain lists, with each case's span in them: one sort for every
    case, then each case reads its slice (bisect on `ns`) instead of filtering a DataFrame."""

    frame: pd.DataFrame
    positions: np.ndarray  # the rows, as positions in `frame`, in order
    ns: list[int]  # the date in nanoseconds since 1970 (exact: compares as the Timestamp does)
    day: list[int]  # the calendar day, counted from 1970-01-01
    entry_id: list[str]
    agency: list[str]
    spans: dict[str, tuple[int, int]]

    def span(self, case: str) -> tuple[int, int]:
        return self.spans.get(case, (0, 0))

    def column(self, name: str) -> list[Any]:
        """Another (object) column of the rows, in order, as a list."""
        return list(self.frame[name].to_numpy(dtype=object)[self.positions].tolist())

    def dates(self) -> list[dt.date]:
        return list(np.array(self.day, dtype="datetime64[D]").tolist())


def timeline(rows: pd.DataFrame) -> Timeline:
    """`rows` (dated: a `Context.select` result) as a `Timeline` (`Context.timeline` reuses the frame's sort)."""
    ordered = rows.sort_values(["case", "date", "entry_id"])
    dates = ordered["date"].to_numpy(dtype="datetime64[ns]")
    return Timeline(
        frame=ordered,
        positions=np.arange(len(ordered)),
        ns=dates.view("int64").tolist(),
        day=dates.astype("datetime64[D]").view("int64").tolist(),
        entry_id=ordered["entry_id"].tolist(),
        agency=ordered["agency"].tolist(),
        spans=case_spans(ordered["case"].to_numpy()),
    )


@dataclass(frozen=True, slots=True)
class _Sorted:
    """The whole frame's columns a `Timeline` reads, and each row's rank in (case, date, entry_id) order."""

    rank: np.ndarray
    case: np.ndarray
    ns: np.ndarray
    day: np.ndarray
    entry_id: np.ndarray
    agency: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Sorted:
        keys = frame[["case", "date", "entry_id"]].reset_index(drop=True)
        order = keys.sort_values(["case", "date", "entry_id"]).index.to_numpy()  # a stable sort, like per selection
        rank = np.empty(len(order), dtype=np.intp)
        rank[order] = np.arange(len(order))
        dates = frame["date"].to_numpy(dtype="datetime64[ns]")
        return cls(rank=rank, case=frame["case"].to_numpy(dtype=object), ns=dates.view("int64"),
                   day=dates.astype("datetime64[D]").view("int64"), entry_id=frame["entry_id"].to_numpy(dtype=object),
                   agency=frame["agency"].to_numpy(dtype=object))  # fmt: skip

class EntryIndex(Mapping[str, dict[str, Any]]):
    """entry_id -> the frame row as a dict of the evidence columns (the last row, if an id repeats); each row
    is made when first asked for (a check quotes a few rows of thousands)."""

    COLUMNS = ("entry_id", "case", "agency", "file", "row", "date", "date_text", "event", "kinds")

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame if not frame.empty else frame.iloc[:0]
        ids = frame["entry_id"].tolist() if not frame.empty else []
        self._position = dict(zip(ids, range(len(ids)), strict=True))
        self._rows: dict[int, dict[str, Any]] = {}
        self._columns: dict[str, Any] = {}

    def __getitem__(self, entry: str) -> dict[str, Any]:
        i = self._position[entry]
        if i not in self._rows:
            if not self._columns:
                self._columns = {c: self._frame[c].array for c in self.COLUMNS}
            self._rows[i] = {c: _native(values[i]) for c, values in self._columns.items()}
        return self._rows[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


def _native(value: Any) -> Any:
    """A frame value as `DataFrame.to_dict` gives it: numpy scalars as Python ones (Timestamps stay)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class Context:
    manifest: Manifest
    frame: pd.DataFrame
    returns: tuple[AuditReturn, ...]
    as_of: dt.date
    risk_flags: tuple[dict[str, Any], ...] = ()
    _memo: dict[tuple[Any, ...], pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)
    _shared: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """A value worked out once per check and shared by every derivation asking with the same `key`."""
        if key not in self._shared:
            self._shared[key] = build()
        return cast(T, self._shared[key])

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

    def agencies_with_rows(self, case: str) -> set[str]:
        """The agencies that sent chronology rows for `case` (not whether they sent an audit return)."""
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

    @cached_property
    def by_status(self) -> pd.DataFrame:
        """One row per (entry, kind found, status): every reading, present or not."""
        columns = ["pos", "entry_id", "case", "agency", "date", "kind", "status"]
        if self.frame.empty or "readings" not in self.frame.columns:
            return pd.DataFrame(columns=columns)
        readings = [r if isinstance(r, tuple) else () for r in self.frame["readings"].tolist()]
        pos = np.repeat(np.arange(len(readings)), [len(r) for r in readings])
        if not len(pos):
            return pd.DataFrame(columns=columns)
        flat = [r for rs in readings for r in rs]
        table: dict[str, Any] = {"pos": pos}
        for name in ("entry_id", "case", "agency", "date"):
            table[name] = self.frame[name].to_numpy()[pos]
        table["kind"] = [r.kind for r in flat]
        table["status"] = [r.status for r in flat]
        return pd.DataFrame(table, columns=columns)

    def select(self, selector: Any, until_as_of: bool = True) -> pd.DataFrame:
        """Frame rows a `Selector` picks: its kinds (with its statuses), agencies and referral targets."""
        rows = self.entries(selector.kinds, selector.agency_types, selector.exclude_agency_types, until_as_of,
                            statuses=selector.statuses)  # fmt: skip
        if selector.target_types and "targets" in rows.columns:
            wanted = set(selector.target_types)
            keep = rows["targets"].map(lambda t: not t or bool(wanted & set(t))).astype(bool)
            rows = rows[keep]
        return rows

    def entries(
        self,
        kinds: list[str] | tuple[str, ...],
        agency_types: list[str] | None = None,
        exclude_agency_types: list[str] | None = None,
        until_as_of: bool = True,
        statuses: list[str] | tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """Frame rows (deduplicated) carrying any of `kinds`, optionally from agencies of given types; with
        `statuses`, rows where one of `kinds` was found with one of those statuses."""
        key = (tuple(kinds), tuple(agency_types or ()), tuple(exclude_agency_types or ()), until_as_of,
               tuple(statuses or ()))  # fmt: skip
        if key not in self._memo:
            self._memo[key] = self._entries(kinds, agency_types, exclude_agency_types, until_as_of, statuses)
        return self._memo[key]

    def _entries(
        self,
        kinds: list[str] | tuple[str, ...],
        agency_types: list[str] | None,
        exclude_agency_types: list[str] | None,
        until_as_of: bool,
        statuses: list[str] | tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        dated = self.frame["date"].dtype if "date" in self.frame.columns else None
        if self.frame.empty or not (isinstance(dated, np.dtype) and dated.kind == "M"):  # numpy datetimes only
            return self._entries_reference(kinds, agency_types, exclude_agency_types, until_as_of, statuses)
        table = "status" if statuses else "kind"
        mask = self._isin(table, "kind", kinds)
        if statuses:
            mask &= self._isin(table, "status", statuses)
        if agency_types:
            mask &= self._isin(table, "agency", self.agencies_of(agency_types))
        if exclude_agency_types:
            mask &= ~self._isin(table, "agency", self.agencies_of(exclude_agency_types))
        bk = self.by_status if statuses else self.by_kind
        positions = np.unique(bk["pos"].to_numpy()[mask]).astype(np.intp)
        if until_as_of:  # dated by the as-of date (NaT is not), before the rows are copied: one copy, not two
            dates = self.shared(("dates",), lambda: self.frame["date"].to_numpy())
            positions = positions[dates[positions] <= self.as_of_ts.to_datetime64()]
        return self.frame.iloc[positions]

    def _isin(self, table: str, column: str, values: Any) -> np.ndarray:
        """`by_kind[column].isin(values)` (`by_status` for table "status"), on the column's codes: factorized
        once per check, so each selection compares integers, not strings."""
        def factorize() -> tuple[np.ndarray, dict[Any, int]]:
            codes, uniques = pd.factorize((self.by_status if table == "status" else self.by_kind)[column])
            return codes, {value: code for code, value in enumerate(uniques)}

        codes, index = self.shared(("codes", table, column), factorize)
        return np.isin(codes, [index[v] for v in values if v in index])

    def _entries_reference(self, kinds: Sequence[str], agency_types: list[str] | None,
                           exclude_agency_types: list[str] | None, until_as_of: bool,
                           statuses: Sequence[str] | None = None) -> pd.DataFrame:
        """`_entries` in pandas terms (the reading its codes must equal; an empty or undated frame)."""
        bk = self.by_kind
        mask = bk["kind"].isin(list(kinds))
        if statuses:
            bk = self.by_status
            mask = bk["kind"].isin(list(kinds)) & bk["status"].isin(list(statuses))
        if agency_types:
            mask &= bk["agency"].isin(self.agencies_of(agency_types))
        if exclude_agency_types:
            mask &= ~bk["agency"].isin(self.agencies_of(exclude_agency_types))
        rows = self.frame.iloc[np.unique(bk["pos"].to_numpy()[mask.to_numpy()]).astype(np.intp)]
        if until_as_of:
            rows = rows[rows["date"] <= self.as_of_ts]
        return rows

    @cached_property
    def _sorted(self) -> _Sorted:
        return _Sorted.of(self.frame)

    def timeline(self, rows: pd.DataFrame) -> Timeline:
        """`rows` — taken from this frame (a `select` result, or a filter of one) — as a `Timeline`, in the
        order of one sort of the whole frame shared by every derivation (the same order as sorting `rows`)."""
        index = self.frame.index
        positions = index.get_indexer(rows.index) if index.is_unique else np.array([-1])
        if (positions < 0).any():
            return timeline(rows)
        s = self._sorted
        positions = positions[np.argsort(s.rank[positions])]
        return Timeline(frame=self.frame, positions=positions, ns=s.ns[positions].tolist(), day=s.day[positions].tolist(),
                        entry_id=s.entry_id[positions].tolist(), agency=s.agency[positions].tolist(),
                        spans=case_spans(s.case[positions]))  # fmt: skip

    @cached_property
    def entry_index(self) -> Mapping[str, dict[str, Any]]:
        """entry_id -> the row as a dict (for evidence), built when asked for (a check quotes few rows)."""
        return EntryIndex(self.frame)

    # --- plans ---------------------------------------------------------------------------------------------
    def open_plans(self, case_id: str, on: dt.date) -> list[str]:
        """Plan types open on `on` for the case (from audit.yaml)."""
        case = self.cases_by_id[case_id]
        return [
            p.type.value
            for p in case.plans
            if p.type is not PlanType.none and p.start <= on and (p.end is None or p.end >= on)
        ]

    def case_ids(self) -> list[str]:
        return [c.id for c in self.manifest.cases]

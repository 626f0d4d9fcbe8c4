"""Building the Early Help worklist from one check: the households `imminent-eviction` flagged are the
refer-today list (the rule that says `feeds: worklist`), and every other household with open eviction
evidence within the watch rule's `days` (`feeds: worklist-watch`) is on the watch list, with the date it
becomes imminent. Which date, how it is known and what closes it comes from
`checker.facts.eviction_position`, the same derivation the rules' facts use; the days come from the two
rules' parameters with the audit's overrides. The list never re-tests a rule's conditions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.engine.run import RuleRun
from checker.facts import Context
from checker.facts.eviction_position import (
    EvictionEvidence,
    EvictionStatus,
    eviction_status,
    shared_eviction_status,
)
from checker.model.audit import AgencyType, Case, Manifest, PlanType
from checker.model.pseudonymise import Pseudonymiser, pseudonymiser
from checker.model.wording import clip_excerpt, count, fmt_date
from checker.model.workdays import next_working_day
from checker.outputs.household import household_summary
from checker.outputs.referrals.worklist import (
    EarlyHelp,
    Evidence,
    ListName,
    Referral,
    ReferralList,
    Thresholds,
)

__all__ = ["build_referrals", "referrals_for", "pseudonymise", "DOCUMENT"]

DOCUMENT = {"bailiff": "bailiff date", "possession": "possession order", "notice": "notice", "evicted": "eviction"}
_WHAT = {
    "bailiff": "Bailiffs / eviction date",
    "possession": "Possession order: date for giving up the home",
    "notice": "Notice (s21 / s8 / notice to quit) expires",
    "evicted": "Evicted",
}


def build_referrals(ctx: Context, catalogue: Catalogue, run: RuleRun) -> ReferralList:
    """The worklist for one risk-rule run, at its as-of date: refer today is the worklist rule's flagged cases."""
    imminent, watch = catalogue.feeding("worklist"), catalogue.feeding("worklist-watch")
    flagged = {o.case for o in run.outcomes if o.rule == imminent.id and o.outcome == "flagged"}
    thresholds = Thresholds.from_rules(catalogue, ctx.manifest)
    statuses = shared_eviction_status(ctx, possession_days=thresholds.possession_days,
                                      notice_days=thresholds.notice_days)  # the rules' reading, not a second one
    return referrals_for(ctx.frame, ctx.manifest, ctx.as_of, flagged, run.flags, thresholds,
                         eviction_rules={imminent.id, watch.id}, statuses=statuses)


def referrals_for(
    frame: pd.DataFrame,
    manifest: Manifest,
    as_of: dt.date,
    refer_today: Collection[str],
    flags: Sequence[dict[str, Any]] = (),
    thresholds: Thresholds | None = None,
    eviction_rules: Collection[str] = (),
    statuses: dict[str, EvictionStatus] | None = None,
) -> ReferralList:
    """The worklist from a classified chronology frame and the cases the worklist rule flagged (pure);
    `statuses`: the eviction positions already read for this frame and these thresholds, if there are."""
    thresholds = thresholds or Thresholds()
    if statuses is None:
        housing = {a.id for a in manifest.agencies if a.type == AgencyType.housing}
        statuses = eviction_status(
            frame, as_of, housing, possession_days=thresholds.possession_days, notice_days=thresholds.notice_days
        )
    out = ReferralList(as_of=as_of, thresholds=thresholds)
    positions = frame.groupby("case", sort=False).indices if len(frame) else {}  # group once, not per referral
    columns = _Columns(frame) if statuses else None
    flags_by_case: dict[str, list[dict[str, Any]]] = {}
    for flag in flags:
        flags_by_case.setdefault(flag["case"], []).append(flag)
    for case in manifest.cases:
        status = statuses.get(case.id)
        if status is None:
            continue
        which = _which_list(status, thresholds, case.id in refer_today)
        if which is None:
            continue
        others = _other_flags(flags_by_case.get(case.id, []), case.id, eviction_rules)
        assert columns is not None  # a case has a status only when the frame has rows
        rows = columns.rows(positions.get(case.id, ()))
        entry = _entry(which, case, status, rows, manifest, as_of, others, thresholds)
        (out.refer_today if which == "refer_today" else out.watch).append(entry)
    out.refer_today.sort(key=Referral.sort_key)
    out.watch.sort(key=Referral.sort_key)
    return out


def _which_list(status: EvictionStatus, t: Thresholds, flagged: bool) -> ListName | None:
    """Refer today when the worklist rule flagged the case; else watch while the eviction is open and its
    date is within the watch rule's `days`, or not yet known (a warrant applied for, date to be found out)."""
    if flagged:
        return "refer_today"
    if status.closed:
        return None
    return "watch" if status.days_until is None or status.days_until <= t.threatened_days else None


def _entry(
    which: ListName,
    case: Case,
    status: EvictionStatus,
    rows: _CaseRows,
    manifest: Manifest,
    as_of: dt.date,
    other_flags: list[dict[str, str]],
    t: Thresholds,
) -> Referral:
    names = {a.id: a.name for a in manifest.agencies}
    household = household_summary(case, as_of)
    scrub = pseudonymiser(manifest, as_of, cases=[case])  # the briefing's scrubber, for this case's people
    evidence = [_evidence(e, rows, names, scrub, e is status.primary) for e in status.evidence]
    first = min(e.recorded for e in status.evidence)
    imminent_from = _imminent_from(status, t) if which == "watch" else None
    if which == "refer_today":
        refer_by: dt.date | None = next_working_day(as_of)
    elif imminent_from is not None:
        refer_by = next_working_day(max(as_of, imminent_from))
    else:
        refer_by = None
    support_by = refer_by + dt.timedelta(days=1) if refer_by else None
    application = _first_on_or_after(rows, {"homelessness_application"}, first, as_of)
    entry = Referral(
        list_name=which,
        case=case.id,
        references=[(a, names.get(a, a), ref) for a, ref in case.references.items()],
        household=household,
        basis=status.basis,
        document=DOCUMENT[status.basis],
        eviction_date=status.eviction_date,
        days_until=status.days_until,
        overdue=status.days_until is not None and status.days_until < 0,
        refer_by=refer_by,
        support_by=support_by,
        imminent_from=imminent_from,
        reason="",
        early_help=_early_help(rows, case, first, as_of),
        housing_application=application,
        other_flags=other_flags,
        evidence=evidence,
    )
    entry.reason = _reason(entry, status, t)
    return entry


def _imminent_from(status: EvictionStatus, t: Thresholds) -> dt.date | None:
    """When a watch entry moves to refer today: `days` before a bailiff date; a possession order's date.
    A notice alone never does (imminent once an order or bailiff date follows), so it has none."""
    if status.eviction_date is None or status.basis == "notice":
        return None
    if status.basis == "bailiff":
        return status.eviction_date - dt.timedelta(days=t.imminent_days)
    return status.eviction_date


def _evidence(e: EvictionEvidence, rows: _CaseRows, names: dict[str, str], scrub: Pseudonymiser,
              used: bool) -> Evidence:
    at = rows.entry_id.index(e.entry_id)  # the case's first row with that id
    return Evidence(
        agency=e.agency,
        agency_name=names.get(e.agency, e.agency),
        file=str(rows.file[at]),
        row=int(rows.row[at]),
        recorded=e.recorded,
        document=DOCUMENT[e.basis],
        eviction_date=e.date,
        documentary=e.documentary,
        assumed=e.inferred,
        excerpt=clip_excerpt(scrub(str(rows.event[at])), 200),
        used=used,
    )


def pseudonymise(text: str, case: Case, manifest: Manifest, as_of: dt.date | None = None) -> str:
    """`text` with the case's names, nicknames, dates of birth and agency references replaced
    (`checker.model.pseudonymise`, the one scrubber): "Leanne presented" -> "the mother presented"."""
    return pseudonymiser(manifest, as_of, cases=[case])(text)


@dataclass(frozen=True, slots=True)
class _CaseRows:
    """One case's chronology rows, in frame order, as plain columns (a referral reads a few dozen rows)."""

    entry_id: list[str]
    file: list[Any]
    row: list[Any]
    event: list[Any]
    date: list[dt.date | None]  # None: undated
    kinds: list[Any]


class _Columns:
    """The frame's columns a referral reads, taken once; `rows` picks one case's rows from them."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._arrays = {name: frame[name].to_numpy() for name in ("entry_id", "file", "row", "event", "kinds")}
        self._dates = frame["date"].to_numpy() if len(frame) else np.array([], dtype="datetime64[ns]")

    def rows(self, positions: Sequence[int] | np.ndarray) -> _CaseRows:
        at = np.asarray(positions, dtype=np.intp)
        days = pd.DatetimeIndex(self._dates[at])
        return _CaseRows(
            entry_id=self._arrays["entry_id"][at].tolist(),
            file=self._arrays["file"][at].tolist(),
            row=self._arrays["row"][at].tolist(),
            event=self._arrays["event"][at].tolist(),
            date=[None if day is pd.NaT else day.date() for day in days],
            kinds=self._arrays["kinds"][at].tolist(),
        )


def _on_or_after(rows: _CaseRows, kinds: set[str], first: dt.date, as_of: dt.date) -> list[int]:
    """Positions (in `rows`) of dated rows with one of `kinds` from `first` to `as_of`, in order."""
    return [i for i, (day, found) in enumerate(zip(rows.date, rows.kinds, strict=True))
            if day is not None and first <= day <= as_of and kinds & set(found)]


def _first_on_or_after(rows: _CaseRows, kinds: set[str], first: dt.date, as_of: dt.date) -> dt.date | None:
    found = _on_or_after(rows, kinds, first, as_of)
    return min(d for d in (rows.date[i] for i in found) if d is not None) if found else None


def _early_help(rows: _CaseRows, case: Case, first: dt.date, as_of: dt.date) -> EarlyHelp:
    """Early Help accepted or started on or after the first eviction evidence, and not ended since.

    A record of Early Help starting (`early_help_start`: allocated, EHA started, TAF set up) or an Early Help
    plan in the manifest. Signposting, a leaflet or a referral not yet accepted does not count."""
    ended = [p.end for p in case.plans if p.type == PlanType.early_help and p.end and p.end <= as_of]
    found: list[tuple[dt.date, int, str]] = []
    for at in _on_or_after(rows, {"early_help_start"}, first, as_of):
        day, kinds, file, row = rows.date[at], rows.kinds[at], rows.file[at], rows.row[at]
        assert day is not None  # _on_or_after keeps dated rows only
        if "signposting" not in kinds and not any(day <= end for end in ended):
            found.append((day, 0, f"{file} row {row}"))
    for plan in case.plans:
        if plan.type == PlanType.early_help and first <= plan.start <= as_of and not (plan.end and plan.end <= as_of):
            found.append((plan.start, 1, "Early Help plan in audit.yaml"))
    if not found:
        return EarlyHelp(already_referred=False)
    since, _, how = min(found)
    return EarlyHelp(already_referred=True, since=since, how=how)


def _other_flags(flags: Sequence[dict[str, Any]], case: str, eviction_rules: Collection[str]) -> list[dict[str, str]]:
    """The case's other flags (not the two eviction rules), one per rule, most severe first as given."""
    seen: dict[str, dict[str, str]] = {}
    for flag in flags:
        if flag["case"] == case and flag["rule"] not in eviction_rules:
            seen.setdefault(flag["rule"], {"rule": flag["rule"], "title": flag["title"], "severity": flag["severity"]})
    return list(seen.values())


def _reason(entry: Referral, status: EvictionStatus, t: Thresholds) -> str:
    day, days = entry.eviction_date, entry.days_until
    parts: list[str] = []
    if day is None or days is None:
        parts.append("Bailiff warrant on record, eviction date not known: find it out from Housing.")
    else:
        when = "today" if days == 0 else (f"in {count(days, 'day')}" if days > 0 else f"{count(-days, 'day')} ago")
        parts.append(f"{_WHAT[status.basis]} {fmt_date(day)} ({when}).")
        if entry.list_name == "refer_today":
            parts.append("Overdue: the date has passed and no rehousing is recorded." if days < 0
                         else "No rehousing recorded.")
            if entry.support_by and days >= 0 and day < entry.support_by:
                parts.append("The eviction falls before support could start: escalate today.")
        elif status.basis == "notice":
            parts.append(
                f"Threatened with homelessness (within {t.threatened_days} days). A notice alone is not an "
                f"eviction: imminent once a possession order or bailiff date follows."
            )
        elif entry.imminent_from:
            parts.append(f"Threatened with homelessness; imminent from {fmt_date(entry.imminent_from)}.")
    known = entry.known_from
    if known and not known.documentary:
        parts.append(f"Date from a second-hand report ({known.agency_name}): confirm with Housing.")
    if known and known.assumed:
        parts.append("Date assumed from the usual period, not written in the record.")
    dates = sorted({e.eviction_date for e in entry.evidence if e.eviction_date and e.document == entry.document})
    if len(dates) > 1:
        parts.append(f"Records disagree ({', '.join(fmt_date(d) for d in dates)}): the earliest best-evidenced is used.")
    parts.append(
        f"Homelessness application or referral to Housing recorded {fmt_date(entry.housing_application)}."
        if entry.housing_application
        else "No homelessness application or referral to Housing recorded."
    )
    return " ".join(parts)

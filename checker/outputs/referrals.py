"""The same-day Early Help referral worklist for families facing eviction.

Since the audit, the MASH flags a household with an imminent eviction to the Early Help Support team, which
refers it the same day to the Early Help and Prevention Service; that service visits and starts support
within 24 hours. This module turns one check's result into that worklist, one entry per household:

- **refer today**: exactly the households `imminent-eviction` flags: a bailiff / eviction date within its
  `days` (14), a possession order's date for giving up the home reached, or an eviction past with no
  rehousing recorded (overdue);
- **watch**: the rest of those threatened within `threatened-homelessness-no-referral`'s `days` (56), each
  with the date it becomes imminent.

The eviction position itself (which date, how it is known, what closes it) comes from `checker.facts.eviction_position`,
shared with both rules; the thresholds come from those two rules' parameters with the audit's overrides.

    >>> worklist = build_referrals(run_check(load_bundle("samples/homelessness")))
    >>> [(r.case, r.list_name, r.eviction_date.isoformat()) for r in worklist.entries]
    [('case-4', 'refer_today', '2019-04-04'), ('case-1', 'watch', '2019-04-30')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from checker.facts.eviction_position import EvictionEvidence, EvictionStatus, eviction_status
from checker.model.audit import AgencyType, Case, Manifest, PlanType
from checker.model.wording import clip_excerpt, fmt_date
from checker.model.workdays import next_working_day
from checker.outputs.exports import Cell, Table
from checker.outputs.household import Household, household_summary

if TYPE_CHECKING:
    from checker.check import CheckResult
    from checker.engine.catalogue import Catalogue

__all__ = [
    "IMMINENT_RULE",
    "THREATENED_RULE",
    "Thresholds",
    "Household",
    "household_summary",
    "Evidence",
    "EarlyHelp",
    "Referral",
    "ReferralList",
    "build_referrals",
    "referrals_for",
]

IMMINENT_RULE = "imminent-eviction"
THREATENED_RULE = "threatened-homelessness-no-referral"
ListName = Literal["refer_today", "watch"]

DOCUMENT = {"bailiff": "bailiff date", "possession": "possession order", "notice": "notice", "evicted": "eviction"}
_WHAT = {
    "bailiff": "Bailiffs / eviction date",
    "possession": "Possession order: date for giving up the home",
    "notice": "Notice (s21 / s8 / notice to quit) expires",
    "evicted": "Evicted",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Days that decide the two lists, read from the rules so they are set in one place only."""

    imminent_days: int = 14  # imminent-eviction `days`
    threatened_days: int = 56  # threatened-homelessness-no-referral `days`
    possession_days: int = 14  # imminent-eviction `possession_days`
    notice_days: int = 61  # threatened-homelessness-no-referral `notice_days`

    @classmethod
    def from_rules(cls, catalogue: Catalogue, manifest: Manifest) -> Thresholds:
        """The two rules' parameter values for this audit (defaults, then `audit.yaml` `parameters`)."""
        imminent = catalogue.get(IMMINENT_RULE).values(manifest.parameters.get(IMMINENT_RULE))
        threatened = catalogue.get(THREATENED_RULE).values(manifest.parameters.get(THREATENED_RULE))
        return cls(
            imminent_days=int(imminent["days"]),
            threatened_days=int(threatened["days"]),
            possession_days=int(imminent["possession_days"]),
            notice_days=int(threatened["notice_days"]),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record giving an eviction date: who, where, what kind of document, and an excerpt."""

    agency: str
    agency_name: str
    file: str
    row: int
    recorded: dt.date
    document: str  # notice / possession order / bailiff date / eviction
    eviction_date: dt.date | None
    documentary: bool  # False: a second-hand report ("mum says bailiffs are coming")
    assumed: bool  # the date is a default period after the order / notice, not written in the record
    excerpt: str
    used: bool = False  # the record the entry's date is taken from

    def line(self) -> str:
        when = fmt_date(self.eviction_date) if self.eviction_date else "date not given"
        how = ("document" if self.documentary else "second-hand report") + (", date assumed" if self.assumed else "")
        return (
            f"{when} {self.document} ({how}) — {self.agency_name}, {self.file} row {self.row}, "
            f"recorded {fmt_date(self.recorded)}: \"{self.excerpt}\""
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "agency_name": self.agency_name,
            "file": self.file,
            "row": self.row,
            "recorded": self.recorded.isoformat(),
            "document": self.document,
            "eviction_date": self.eviction_date.isoformat() if self.eviction_date else None,
            "documentary": self.documentary,
            "assumed": self.assumed,
            "used": self.used,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class EarlyHelp:
    """Whether Early Help already has the family since the eviction evidence ("already referred")."""

    already_referred: bool
    since: dt.date | None = None
    how: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"already_referred": self.already_referred, "since": _iso(self.since), "how": self.how}


@dataclass(slots=True)
class Referral:
    """One household on the worklist."""

    list_name: ListName  # "refer_today" or "watch" (JSON key "list")
    case: str
    references: list[tuple[str, str, str]]  # (agency id, agency name, that agency's own case reference)
    household: Household
    basis: str
    document: str
    eviction_date: dt.date | None
    days_until: int | None
    overdue: bool
    refer_by: dt.date | None
    support_by: dt.date | None
    imminent_from: dt.date | None
    reason: str
    early_help: EarlyHelp
    housing_application: dt.date | None
    other_flags: list[dict[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def known_from(self) -> Evidence | None:
        return next((e for e in self.evidence if e.used), None)

    def sort_key(self) -> tuple[dt.date, bool, str]:
        return (self.eviction_date or dt.date.max, not self.household.priority, self.case)

    def to_json(self) -> dict[str, Any]:
        known = self.known_from
        return {
            "list": self.list_name,
            "case": self.case,
            "references": [{"agency": a, "agency_name": n, "reference": r} for a, n, r in self.references],
            "household": self.household.to_json(),
            "eviction_date": _iso(self.eviction_date),
            "document": self.document,
            "known_from": known.to_json() if known else None,
            "days_until": self.days_until,
            "overdue": self.overdue,
            "refer_by": _iso(self.refer_by),
            "support_by": _iso(self.support_by),
            "imminent_from": _iso(self.imminent_from),
            "reason": self.reason,
            "early_help": self.early_help.to_json(),
            "housing_application": _iso(self.housing_application),
            "other_flags": self.other_flags,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(slots=True)
class ReferralList:
    """Both lists at one as-of date; `entries` is refer-today first, then watch, each in worklist order."""

    as_of: dt.date
    thresholds: Thresholds
    refer_today: list[Referral] = field(default_factory=list)
    watch: list[Referral] = field(default_factory=list)

    @property
    def entries(self) -> list[Referral]:
        return self.refer_today + self.watch

    def to_json(self) -> list[dict[str, Any]]:
        """The `referrals` key of `maca check --json`."""
        return [r.to_json() for r in self.entries]

    def tables(self) -> list[Table]:
        """What the exports carry: one row per household, then one per evidence record (no other narrative)."""
        households = Table("Households", LIST_COLUMNS, [_list_row(self.as_of, r) for r in self.entries])
        evidence = Table(
            "Evidence",
            EVIDENCE_COLUMNS,
            [
                [r.case, LIST_LABEL[r.list_name], e.eviction_date, e.document, "yes" if e.used else "",
                 "document" if e.documentary else "second-hand report", e.assumed, e.agency_name, e.file, e.row,
                 e.recorded, e.excerpt]
                for r in self.entries
                for e in r.evidence
            ],
        )
        return [households, evidence]


LIST_LABEL = {"refer_today": "Refer today", "watch": "Watch"}
LIST_COLUMNS = (
    "as of", "list", "case", "agency references", "household", "priority (baby, pregnancy or plan)",
    "eviction date", "document", "known from", "days until eviction", "overdue", "refer by", "support by",
    "becomes imminent", "reason", "Early Help already referred", "Early Help since",
    "homelessness application", "other flags", "evidence",
)  # fmt: skip
EVIDENCE_COLUMNS = (
    "case", "list", "eviction date", "document", "date used", "how known", "date assumed", "agency", "file",
    "row", "recorded", "excerpt",
)  # fmt: skip


def _list_row(as_of: dt.date, r: Referral) -> list[Cell]:
    known = r.known_from
    return [
        as_of, LIST_LABEL[r.list_name], r.case, "; ".join(f"{n}: {ref}" for _, n, ref in r.references),
        r.household.summary, r.household.priority, r.eviction_date, r.document,
        f"{known.agency_name}, {known.file} row {known.row}" if known else None, r.days_until, r.overdue,
        r.refer_by, r.support_by, r.imminent_from, r.reason, r.early_help.already_referred, r.early_help.since,
        r.housing_application, "; ".join(f"{f['rule']} ({f['severity']})" for f in r.other_flags),
        "\n".join(e.line() for e in r.evidence),
    ]  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def build_referrals(result: CheckResult) -> ReferralList:
    """The worklist for one check result, at its as-of date."""
    manifest = result.bundle.manifest
    if manifest is None:
        raise ValueError("the bundle has no readable manifest")
    return referrals_for(
        result.frame, manifest, result.as_of, result.flags, Thresholds.from_rules(result.catalogue, manifest)
    )


def referrals_for(
    frame: pd.DataFrame,
    manifest: Manifest,
    as_of: dt.date,
    flags: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
    thresholds: Thresholds | None = None,
) -> ReferralList:
    """The worklist from a classified chronology frame (pure: nothing is read or written)."""
    thresholds = thresholds or Thresholds()
    housing = {a.id for a in manifest.agencies if a.type == AgencyType.housing}
    statuses = eviction_status(
        frame, as_of, housing, possession_days=thresholds.possession_days, notice_days=thresholds.notice_days
    )
    out = ReferralList(as_of=as_of, thresholds=thresholds)
    for case in manifest.cases:
        status = statuses.get(case.id)
        if status is None or status.closed:
            continue
        which = _which_list(status, thresholds)
        if which is None:
            continue
        entry = _entry(which, case, status, frame, manifest, as_of, flags, thresholds)
        (out.refer_today if which == "refer_today" else out.watch).append(entry)
    out.refer_today.sort(key=Referral.sort_key)
    out.watch.sort(key=Referral.sort_key)
    return out


def _which_list(status: EvictionStatus, t: Thresholds) -> ListName | None:
    """The same tests as the two rules: imminent-eviction's branches, then threatened within `days`."""
    days = status.days_until
    if status.basis == "evicted":
        return "refer_today"
    if days is None:  # a warrant applied for, no date yet: facing eviction, date to be found out
        return "watch"
    if (status.basis == "bailiff" and days <= t.imminent_days) or (status.basis == "possession" and days <= 0):
        return "refer_today"
    return "watch" if days <= t.threatened_days else None


def _entry(
    which: ListName,
    case: Case,
    status: EvictionStatus,
    frame: pd.DataFrame,
    manifest: Manifest,
    as_of: dt.date,
    flags: list[dict[str, Any]] | tuple[dict[str, Any], ...],
    t: Thresholds,
) -> Referral:
    names = {a.id: a.name for a in manifest.agencies}
    rows = frame[frame["case"] == case.id]
    household = household_summary(case, as_of)
    evidence = [_evidence(e, rows, names, case, e is status.primary) for e in status.evidence]
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
        other_flags=_other_flags(flags, case.id),
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


def _evidence(e: EvictionEvidence, rows: pd.DataFrame, names: dict[str, str], case: Case, used: bool) -> Evidence:
    row = rows[rows["entry_id"] == e.entry_id].iloc[0]
    return Evidence(
        agency=e.agency,
        agency_name=names.get(e.agency, e.agency),
        file=str(row["file"]),
        row=int(row["row"]),
        recorded=e.recorded,
        document=DOCUMENT[e.basis],
        eviction_date=e.date,
        documentary=e.documentary,
        assumed=e.inferred,
        excerpt=clip_excerpt(pseudonymise(str(row["event"]), case), 200),
        used=used,
    )


def pseudonymise(text: str, case: Case) -> str:
    """The case's invented first names replaced by the person's role: "Leanne presented" -> "[mother] presented"."""
    people = [(c.name, "child") for c in case.children if c.name]
    people += [(a.name, a.role) for a in case.adults if a.name]
    for name, role in sorted(people, key=lambda p: -len(p[0])):
        text = re.sub(rf"\b{re.escape(name)}\b", f"[{role}]", text, flags=re.I)
    return text


def _on_or_after(rows: pd.DataFrame, kinds: set[str], first: dt.date, as_of: dt.date) -> pd.DataFrame:
    dates = rows["date"].dt.date
    hits = rows["kinds"].map(lambda k: bool(kinds & set(k)))
    return rows[hits & (dates >= first) & (dates <= as_of)]


def _first_on_or_after(rows: pd.DataFrame, kinds: set[str], first: dt.date, as_of: dt.date) -> dt.date | None:
    found = _on_or_after(rows, kinds, first, as_of)
    return None if found.empty else found["date"].min().date()


def _early_help(rows: pd.DataFrame, case: Case, first: dt.date, as_of: dt.date) -> EarlyHelp:
    """Early Help accepted or started on or after the first eviction evidence, and not ended since.

    A record of Early Help starting (`early_help_start`: allocated, EHA started, TAF set up) or an Early Help
    plan in the manifest. Signposting, a leaflet or a referral not yet accepted does not count."""
    ended = [p.end for p in case.plans if p.type == PlanType.early_help and p.end and p.end <= as_of]
    found: list[tuple[dt.date, int, str]] = []
    starts = _on_or_after(rows, {"early_help_start"}, first, as_of)
    for when, kinds, file, row in zip(starts["date"], starts["kinds"], starts["file"], starts["row"], strict=True):
        day: dt.date = when.date()
        if "signposting" not in kinds and not any(day <= end for end in ended):
            found.append((day, 0, f"{file} row {row}"))
    for plan in case.plans:
        if plan.type == PlanType.early_help and first <= plan.start <= as_of and not (plan.end and plan.end <= as_of):
            found.append((plan.start, 1, "Early Help plan in audit.yaml"))
    if not found:
        return EarlyHelp(already_referred=False)
    since, _, how = min(found)
    return EarlyHelp(already_referred=True, since=since, how=how)


def _other_flags(flags: list[dict[str, Any]] | tuple[dict[str, Any], ...], case: str) -> list[dict[str, str]]:
    """The case's other flags (not the two eviction rules), one per rule, most severe first as given."""
    seen: dict[str, dict[str, str]] = {}
    for flag in flags:
        if flag["case"] == case and flag["rule"] not in (IMMINENT_RULE, THREATENED_RULE):
            seen.setdefault(flag["rule"], {"rule": flag["rule"], "title": flag["title"], "severity": flag["severity"]})
    return list(seen.values())


def _reason(entry: Referral, status: EvictionStatus, t: Thresholds) -> str:
    day, days = entry.eviction_date, entry.days_until
    parts: list[str] = []
    if day is None or days is None:
        parts.append("Bailiff warrant on record, eviction date not yet known: find it out from Housing.")
    else:
        when = "today" if days == 0 else (f"in {days} day(s)" if days > 0 else f"{-days} day(s) ago")
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

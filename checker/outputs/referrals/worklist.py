"""The Early Help worklist as people read it: one entry per household (`Referral`), the evidence records
behind it, and the two lists with the tables the exports carry (`ReferralList`). Built by
`checker.outputs.referrals.build`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.engine.catalogue import Catalogue
from checker.model.audit import Manifest
from checker.model.wording import fmt_date
from checker.outputs.exports import Cell, Table
from checker.outputs.household import Household

__all__ = ["Thresholds", "ListName", "Evidence", "EarlyHelp", "Referral", "ReferralList", "LIST_LABEL", "LIST_COLUMNS",
           "EVIDENCE_COLUMNS"]

ListName = Literal["refer_today", "watch"]


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
        imminent_rule, watch_rule = catalogue.feeding("worklist"), catalogue.feeding("worklist-watch")
        imminent = imminent_rule.values(manifest.parameters.get(imminent_rule.id))
        threatened = watch_rule.values(manifest.parameters.get(watch_rule.id))
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
        when = fmt_date(self.eviction_date) if self.eviction_date else "date not known"
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
        households = Table("Households", LIST_COLUMNS, [_list_row(self.as_of, r) for r in self.entries],
                           empty=f"Nobody to refer or watch as of {fmt_date(self.as_of)}: no family faces eviction "
                                 "within the worklist's thresholds.", printed=LIST_PRINTED)
        evidence = Table(
            "Evidence",
            EVIDENCE_COLUMNS,
            [
                [r.case, LIST_LABEL[r.list_name], e.eviction_date, e.document, e.used,
                 "document" if e.documentary else "second-hand report", e.assumed, e.agency_name, e.file, e.row,
                 e.recorded, e.excerpt]
                for r in self.entries
                for e in r.evidence
            ],
            empty="No eviction evidence: nobody is on the worklist.",
        )
        return [households, evidence]


LIST_LABEL = {"refer_today": "Refer today", "watch": "Watch"}
LIST_COLUMNS = (
    "as of", "list", "case", "agency references", "household", "priority (baby, pregnancy or plan)",
    "eviction date", "document", "known from", "days until eviction", "overdue", "refer by", "support by",
    "becomes imminent", "reason", "Early Help already referred", "Early Help since",
    "homelessness application", "other flags", "evidence",
)  # fmt: skip
LIST_PRINTED = ("list", "case", "household", "eviction date", "refer by", "reason", "Early Help already referred")
"""The columns the duty manager reads on paper (the first sheet, laid out for A4)."""
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
        r.housing_application, "; ".join(f"{f['title']} ({f['severity']})" for f in r.other_flags),
        "\n".join(e.line() for e in r.evidence),
    ]  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

"""What the briefing and the action plan are drafted from: one `BriefingData`, plain values only.

`reviewed(flags, complete)` picks the findings to report, from the review as it stands: until the panel marks
the review complete, every current flag but the dismissed ones (those not yet decided marked "not yet
reviewed", the briefing a DRAFT saying how many are still open); once complete, only the confirmed ones
(confirmed, action needed, action taken).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.model.audit import AuditReturn, Manifest

__all__ = ["BriefingData", "Selection", "reviewed", "not_reviewed", "REPORTED", "agency_names", "agency_types", "case_number",
           "finding_title"]

REPORTED = ("confirmed", "action_needed", "action_taken")
"""Decisions whose findings go into the briefing and the action plan."""


@dataclass(slots=True)
class BriefingData:
    """One audit's reviewed results and its meeting, as the store and the check hold them."""

    manifest: Manifest
    catalogue: Catalogue
    flags: list[dict[str, Any]]  # the run's flags with `status` and `decision`; `change` new/persisting/resolved
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # {rule, case, outcome}
    frame: pd.DataFrame | None = None
    returns: Sequence[AuditReturn] = ()
    quality: list[dict[str, Any]] = field(default_factory=list)
    meeting: dict[str, Any] | None = None
    panel_notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    panel_strengths: list[dict[str, Any]] = field(default_factory=list)
    action_edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    has_previous_run: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    complete: bool = False  # the panel marked the review complete (`Store.mark_review_complete`)

    @property
    def case_ids(self) -> list[str]:
        return [c.id for c in self.manifest.cases]


@dataclass(frozen=True, slots=True)
class Selection:
    flags: list[dict[str, Any]]
    draft: bool  # True until the review is marked complete
    open: int = 0  # flags drafted that no one has decided yet ("not yet reviewed")


def not_reviewed(flag: Mapping[str, Any]) -> bool:
    return flag.get("status", "open") == "open"


def reviewed(flags: Sequence[Mapping[str, Any]], complete: bool = False) -> Selection:
    """The current (not resolved) flags to report, and whether the briefing is still a draft."""
    current = [dict(f) for f in flags if f.get("change") != "resolved"]
    if complete:
        return Selection([f for f in current if f.get("status") in REPORTED], draft=False)
    drafted = [f for f in current if f.get("status") != "dismissed"]
    return Selection(drafted, draft=True, open=sum(1 for f in drafted if not_reviewed(f)))


def agency_names(manifest: Manifest) -> dict[str, str]:
    return {a.id: a.name for a in manifest.agencies}


def agency_types(manifest: Manifest) -> dict[str, str]:
    return {a.id: str(a.type) for a in manifest.agencies}


def case_number(manifest: Manifest, case_id: str) -> str:
    """'Case 1' for the first case in audit.yaml, and so on (how a published briefing names cases)."""
    ids = [c.id for c in manifest.cases]
    return f"Case {ids.index(case_id) + 1}" if case_id in ids else case_id


def finding_title(data: BriefingData, flag: Mapping[str, Any], scrub: Callable[[str], str] = str) -> str:
    """What a finding is called: its rule's title, or (a finding the panel added under a theme) the theme in the
    panel's words, through `scrub` as every typed text is."""
    if flag.get("rule"):
        try:
            return data.catalogue.get(str(flag["rule"])).title
        except KeyError:
            return str(flag["rule"])
    text = scrub(" ".join(str(flag.get("title") or flag.get("theme") or "").split())).rstrip(".")
    return text[:1].upper() + text[1:]

"""Who answered a referral, for `follow_up` with `answered_by_target`: an outcome recorded by the agency the
referral went to, or a later record of the service taking it up.

`Records` holds every dated entry up to the as-of date, sorted once by (case, date, entry_id) for every case,
with each case's and each (case, agency type)'s rows in that order. The costly tests — whether an entry
records an outcome (a pattern over its text), and its normalised text — are worked out only for the rows a
referral actually reads, and each at most once per check.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

import pandas as pd

from checker.facts.context import Context
from checker.model.limits import MATCH_CHARS
from checker.text.links import named_services, records_no_outcome, records_receipt, records_uptake
from checker.text.match import normalise_for_matching, normalise_series

__all__ = ["Records", "records", "answering_types", "receipt_only"]

_FRONT_DOOR = frozenset({"mash", "childrens_social_care"})
_PANELS = frozenset({"marac"})
_OUTCOME_KINDS = frozenset({
    "mash_decision", "nfa", "signposting", "assessment", "assessment_completed", "feedback_received",
    "health_appointment", "hv_contact", "hv_antenatal", "hv_new_birth", "midwife_contact", "home_visit",
    "child_seen", "early_help_start", "strategy_discussion", "section_47", "homelessness_application",
    "was_not_brought", "no_access",
})  # fmt: skip
# Only a record of what was done with the referral answers it: "Referral rec'd from Housing" or "Appointment
# letter sent" alone is not an outcome; "accepted", "not accepted - signposted", "seen", "letter to GP" are.
_OUTCOME = re.compile(
    r"\b(?:accept\w*|declin\w*|outcome|assess\w*|seen|discharg\w*|decision|signpost\w*|started|"
    r"(?:letter|email|report) (?:sent )?to (?:the )?(?:gp|referrer|midwife|hv|health visitor|school|housing|sw|social worker))\b",
    re.IGNORECASE,
)
# Sentences and template fields: an outcome word counts only where its own sentence or field does not record
# the outcome as absent or awaited ("Outcome: awaited", "no outcome yet").
_PARTS = re.compile(r"[.;!?](?=\s|$)|\n|\|")


def answering_types(targets: tuple[str, ...]) -> frozenset[str]:
    """Agency types whose records can answer a referral to `targets`: the targets, and for the front door
    whichever service it passes the referral to (children's social care, Early Help). A panel (MARAC) is no
    agency: any agency's record may answer a referral to it (empty: no agency is ruled out)."""
    if _PANELS & set(targets):
        return frozenset()
    if _FRONT_DOOR & set(targets):
        return frozenset({*targets, *_FRONT_DOOR, "early_help"})
    return frozenset(targets)


def receipt_only(ctx: Context, agency: str, targets: tuple[str, ...], event: object, action: object) -> bool:
    """The entry records a referral the recording agency itself received: not a referral it made."""
    if not targets or set(targets) != {ctx.agency_type.get(str(agency))}:
        return False
    text = f"{event} . {action}"
    return records_receipt(normalise_for_matching(text[: 2 * MATCH_CHARS]))


def _blank(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


class Records:
    """Every dated entry up to the as-of date, in (case, date, entry_id) order, read lazily."""

    def __init__(self, ctx: Context) -> None:
        self.rows = ctx.timeline(ctx.frame[ctx.frame["date"] <= ctx.as_of_ts])
        self._agency_type = ctx.agency_type
        self._events = self.rows.column("event")
        self._actions = self.rows.column("action")
        self._kinds = self.rows.column("kinds")
        self._outcome: dict[int, bool] = {}
        self._texts: dict[int, str] = {}
        self._by_type: dict[str, dict[str, list[int]]] = {}

    def of_type(self, case: str, type_: str) -> list[int]:
        """The case's entries by agencies of a type, in order (each case grouped when first asked)."""
        if case not in self._by_type:
            grouped: dict[str, list[int]] = {}
            lo, hi = self.rows.span(case)
            for i in range(lo, hi):
                grouped.setdefault(self._agency_type.get(str(self.rows.agency[i]), ""), []).append(i)
            self._by_type[case] = grouped
        return self._by_type[case].get(type_, [])

    def is_outcome(self, i: int) -> bool:
        """Entry `i` records an outcome: a kind that is one, or the words ('accepted', 'seen', 'letter to GP')."""
        if i not in self._outcome:
            written = f"{_blank(self._events[i])} {_blank(self._actions[i])}"
            self._outcome[i] = bool(_OUTCOME_KINDS & set(self._kinds[i])) or any(
                _OUTCOME.search(part) is not None and not records_no_outcome(part.lower())
                for part in _PARTS.split(written))
        return self._outcome[i]

    def answer_by_target(
        self, case: str, agency: str, entry: str, targets: tuple[str, ...], start: int, deadline: int
    ) -> tuple[int, str] | None:
        """(date, entry id) of the first outcome recorded by an agency the referral went to, from `start` to
        `deadline` (nanoseconds): for each target type its first outcome from `start`, the earliest of them."""
        ns, ids = self.rows.ns, self.rows.entry_id
        best: int | None = None
        for type_ in targets:
            group = self.of_type(case, type_)
            for i in group[bisect_left(group, start, key=lambda j: ns[j]) :]:
                if self.rows.agency[i] == agency or ids[i] == entry or not self.is_outcome(i):
                    continue
                if ns[i] <= deadline and (best is None or ns[i] < ns[best]):
                    best = i
                break
        return None if best is None else (ns[best], ids[best])

    def read(self, wanted: Iterable[tuple[str, int]]) -> None:
        """Normalise, in one pass, the text of every entry of each case from a date on (case, nanoseconds)."""
        positions: set[int] = set()
        for case, since in wanted:
            lo, hi = self.rows.span(case)
            positions.update(range(bisect_left(self.rows.ns, since, lo, hi), hi))
        missing = sorted(positions - self._texts.keys())
        if not missing:
            return
        events = pd.Series([self._events[i] for i in missing], dtype=object)
        actions = pd.Series([self._actions[i] for i in missing], dtype=object)
        joined = (events.fillna("").str.slice(0, MATCH_CHARS) + " . "
                  + actions.fillna("").str.slice(0, MATCH_CHARS)).fillna("")  # fmt: skip
        distinct = pd.Series(pd.unique(joined.to_numpy(dtype=object)), dtype=object)
        normal = dict(zip(distinct.tolist(), normalise_series(distinct).tolist(), strict=True))
        self._texts.update(zip(missing, (str(normal[t]) for t in joined.tolist()), strict=True))

    def uptake(self, case: str, since: int, entry: str, targets: tuple[str, ...]) -> str | None:
        """The id of the first entry of the case from `since` on (not `entry` itself) recording one of the
        services the referral went to taking it up ('IDVA confirmed contact'); `read` must have covered it."""
        if not targets:
            return None
        lo, hi = self.rows.span(case)
        first = bisect_left(self.rows.ns, since, lo, hi)
        # The services the referral itself names ("to IDVA"): only they take it up.
        named = next((named_services(self._texts[i], targets) for i in range(first, hi)
                      if self.rows.entry_id[i] == entry), ())
        for i in range(first, hi):
            if self.rows.entry_id[i] != entry and records_uptake(self._texts[i], targets, named=named):
                return self.rows.entry_id[i]
        return None


def records(ctx: Context) -> Records:
    """The check's `Records` (built once, shared by every rule that asks)."""
    return ctx.shared(("follow_up", "records"), lambda: Records(ctx))

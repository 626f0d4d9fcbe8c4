"""What to do today, first: the block that opens `maca check` and the dashboard's Overview.

Three kinds of action, in this order, each with who acts and by when:

- **immediate concerns** — flags of the rules marked `surfaces: first` (an auditor found a child at risk now);
- **Early Help today** — the families on the same-day referral worklist (the rule marked `feeds: worklist`):
  *refer*, or, for a family Early Help already works with, *confirm Early Help has the eviction date*;
- **new high flags** — high-severity flags new since the previous run (every one, on a first run), for the
  audit lead to read before the meeting.

An item whose flag has the review decision "Action taken" leaves the list: it is shown under **done today /
this week** with what was done, who recorded it and when (`DONE_DAYS`). An item whose day to act by has
passed, with no action taken, stays and is marked overdue.

Then `case_order` puts the cases in order of urgency: cases with an action first, then by their flags' severity.

    >>> from checker.check import run_check
    >>> from checker.intake.bundle import load_bundle
    >>> from checker.model.datafiles import SAMPLE_BUNDLE
    >>> today = act_today(run_check(load_bundle(SAMPLE_BUNDLE)))
    >>> [(a.kind, a.case) for a in today.actions][:2]
    [('immediate', 'case-4'), ('confirm', 'case-4')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.check import CheckResult
from checker.model.audit import AgencyType, Manifest
from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import UK, agency_name, clip_excerpt, count, fmt_date, fmt_time

__all__ = ["Action", "Done", "Today", "act_today", "case_order", "KIND_LABEL", "DONE_DAYS"]

DONE_DAYS = 7  # actions taken within this many days are listed as done; older ones are simply gone

ActionKind = Literal["immediate", "refer", "confirm", "new_high"]
KIND_LABEL = {
    "immediate": "Immediate concern",
    "refer": "Refer to Early Help today",
    "confirm": "Confirm with Early Help",
    "new_high": "New high flag",
}


_REST_WORDS = {"immediate": "immediate concerns", "refer": "to refer to Early Help today",
               "confirm": "to confirm with Early Help", "new_high": "new high flags"}


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do: what was found, who acts, by when (and the flag it rests on, when there is one)."""

    kind: ActionKind
    case: str
    what: str
    who: str
    by: dt.date
    flag_id: str | None = None

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]

    def overdue(self, as_of: dt.date) -> bool:
        """The day to act by has passed and no action was recorded as taken."""
        return self.by < as_of

    def by_text(self, as_of: dt.date) -> str:
        if self.overdue(as_of):
            return f"OVERDUE — was due {self.by:%a} {fmt_date(self.by)}"
        return f"today ({self.by:%a} {fmt_date(self.by)})" if self.by <= as_of else f"{self.by:%a} {fmt_date(self.by)}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "case": self.case, "what": self.what, "who": self.who,
                "by": self.by.isoformat(), "flag": self.flag_id}


@dataclass(frozen=True, slots=True)
class Done:
    """An item taken off the list by the review decision "Action taken": what it was, what was done, who
    recorded it and when (UTC)."""

    action: Action
    done: str
    who: str
    when: dt.datetime
    today: bool  # recorded on the day the list is read (UK time), else earlier this week

    def to_json(self) -> dict[str, Any]:
        return {**self.action.to_json(), "done": self.done, "recorded_by": self.who, "recorded_at": self.when.isoformat()}


@dataclass(slots=True)
class Today:
    as_of: dt.date
    actions: list[Action] = field(default_factory=list)
    high_not_listed: dict[str, int] = field(default_factory=dict)  # case -> high flags summarised, not listed
    meeting: dt.date | None = None
    done: list[Done] = field(default_factory=list)  # taken off the list by "Action taken", newest first

    def done_lines(self) -> list[str]:
        """'DONE TODAY — case-4: Immediate concern: referral made to MASH (recorded by …, 07/12/2026 09:12)'."""
        out = []
        for d in self.done:
            when = "TODAY" if d.today else "THIS WEEK"
            out.append(f"DONE {when} — {d.action.case}: {d.action.label}: {d.done}")
            out.append(f"    Who: {d.who}. When: {fmt_time(d.when)}.")
        return out

    def lines(self, at_most: int | None = None, high_flags_are: str = "listed below, most urgent case first") -> list[str]:
        """The block as plain lines (the CLI wraps them); with `at_most`, the first that many actions (and
        half as many cases with high flags), then how many more of each kind (a sweep of thousands of cases).
        `high_flags_are`: where the reader finds the high flags summarised here."""
        out: list[str] = []
        shown = self.actions if at_most is None else self.actions[:at_most]
        for a in shown:
            out.append(f"{a.label.upper()} — {a.case}: {a.what}")
            out.append(f"    Who: {a.who}. By: {a.by_text(self.as_of)}.")
        if len(shown) < len(self.actions):
            rest: dict[str, int] = {}
            for a in self.actions[len(shown):]:
                rest[a.kind] = rest.get(a.kind, 0) + 1
            kinds = "; ".join(f"{n:,} {_REST_WORDS[kind]}" for kind, n in rest.items())
            out.append(f"… AND {count(len(self.actions) - len(shown), 'more action').upper()} ({kinds}).")
        if self.high_not_listed:
            listed = list(self.high_not_listed.items())
            most = len(listed) if at_most is None else max(1, at_most // 2)
            cases = ", ".join(f"{case} ({n})" for case, n in listed[:most])
            if len(listed) > most:
                cases += f" and {count(len(listed) - most, 'more case')}"
            when = f"the meeting on {fmt_date(self.meeting)}" if self.meeting else fmt_date(self.as_of)
            out.append(f"HIGH FLAGS TO READ — {count(sum(self.high_not_listed.values()), 'high flag')} on "
                       f"{cases}.")
            out.append(f"    Who: the audit lead. By: {when}. Each is {high_flags_are}.")
        if not out:
            out.append("Nothing needs action today: no immediate concern, no family to refer to Early Help, "
                       "no new high flag.")
        return out + self.done_lines()


def _names(manifest: Manifest) -> dict[str, str]:
    return {a.id: a.name for a in manifest.agencies}


def _service(manifest: Manifest, kind: AgencyType, fallback: str) -> str:
    return next((a.name for a in manifest.agencies if a.type == kind), fallback)


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def act_today(
    result: CheckResult,
    new_flags: Collection[str] | None = None,
    *,
    list_new: bool = True,
    decisions: Mapping[str, Mapping[str, Any]] | None = None,
    now: dt.datetime | None = None,
) -> Today:
    """The act-today block for one check. `new_flags`: ids new since the previous stored run (None: no
    previous run is known, so every high flag is new). `list_new=False` summarises new high flags by case
    instead of one line each (the CLI, where every flag follows anyway). `decisions`: flag id -> the review
    decision in force (`Store.decisions`); "Action taken" moves an item to `done` when recorded within
    `DONE_DAYS` of `now` (default: the clock), and off the list either way."""
    manifest = result.bundle.manifest
    assert manifest is not None  # run_check refuses a bundle without one
    names = _names(manifest)
    as_of = result.as_of
    meeting = manifest.audit.meeting_date if manifest.audit.meeting_date and manifest.audit.meeting_date >= as_of else None
    first = result.catalogue.surfacing_first()
    worklist_rules = {result.catalogue.feeding("worklist").id}
    today = Today(as_of=as_of, meeting=meeting)

    flags = result.findings.for_today  # every flag, or a streamed check's high and acted-on flags
    for flag in flags:
        if flag["rule"] in first:
            who = agency_name(names, flag.get("agency"), "the agency that raised it")
            today.actions.append(Action("immediate", flag["case"], clip_excerpt(flag["message"], 400),
                                        f"the audit lead, with the safeguarding lead at {who}", as_of, flag["id"]))

    mash = _service(manifest, AgencyType.mash, "the MASH")
    early_help = _service(manifest, AgencyType.early_help, "the Early Help service")
    by_case = {f["case"]: f for f in flags if f["rule"] in worklist_rules}
    on_list: set[str] = set()
    for entry in result.extra.get("referrals") or []:
        if entry.get("list") != "refer_today":
            continue
        case = entry["case"]
        on_list.add(case)
        what = _eviction_words(entry)
        refer_by = _day(entry.get("refer_by")) or as_of
        flag_id = by_case.get(case, {}).get("id")
        eh = entry.get("early_help") or {}
        if eh.get("already_referred"):
            since = _day(eh.get("since"))
            today.actions.append(Action(
                "confirm", case,
                f"{what}. Already engaged with Early Help (since {fmt_date(since)}): confirm Early Help has the "
                f"eviction date{' ' + fmt_date(_day(entry.get('eviction_date'))) if entry.get('eviction_date') else ''}"
                " and a plan for that day.",
                f"{mash}, with {early_help}", refer_by, flag_id))
        else:
            today.actions.append(Action(
                "refer", case, f"{what}. Not engaged with Early Help: refer the family today; support to start "
                f"within 24 hours (by {fmt_date(_day(entry.get('support_by')))}).",
                f"{mash}, referring to {early_help}", refer_by, flag_id))
    for case, flag in by_case.items():  # a worklist flag the worklist did not carry: still act on it
        if case not in on_list:
            today.actions.append(Action("refer", case, clip_excerpt(flag["message"], 300),
                                        f"{mash}, referring to {early_help}", as_of, flag["id"]))

    covered = first | worklist_rules
    high = [f for f in flags if f["severity"] == "high" and f["rule"] not in covered
            and (new_flags is None or f["id"] in new_flags)]
    taken = {fid for fid, d in (decisions or {}).items() if d.get("decision") == "action_taken"}
    for flag in high:
        if list_new or flag["id"] in taken:  # the CLI counts new high flags by case; a done one is listed as done
            who = agency_name(names, flag.get("agency"), "the audit lead")
            today.actions.append(Action("new_high", flag["case"], clip_excerpt(flag.get("message") or "", 300),
                                        who if flag.get("agency") else "the audit lead, with the agencies on the case",
                                        meeting or as_of, flag["id"]))
        else:
            today.high_not_listed[flag["case"]] = today.high_not_listed.get(flag["case"], 0) + 1
    today.high_not_listed = dict(sorted(today.high_not_listed.items(), key=lambda kv: (-kv[1], kv[0])))
    if decisions:
        _take_off_done(today, decisions, now or dt.datetime.now(dt.UTC))
    return today


def _take_off_done(today: Today, decisions: Mapping[str, Mapping[str, Any]], now: dt.datetime) -> None:
    local_today = now.astimezone(UK).date()
    kept: list[Action] = []
    for action in today.actions:
        decision = decisions.get(action.flag_id or "") or {}
        if decision.get("decision") != "action_taken":
            kept.append(action)
            continue
        when = decision["decided_at"]
        if now - when <= dt.timedelta(days=DONE_DAYS):
            today.done.append(Done(action, str(decision.get("reason") or "action taken"), str(decision["reviewer"]),
                                   when, when.astimezone(UK).date() == local_today))
    today.actions = kept
    today.done.sort(key=lambda d: d.when, reverse=True)


def _eviction_words(entry: dict[str, Any]) -> str:
    day = _day(entry.get("eviction_date"))
    days = entry.get("days_until")
    household = (entry.get("household") or {}).get("summary") or "the family"
    document = entry.get("document") or "eviction"
    if day is None or days is None:
        return f"Facing eviction, date not yet known ({household})"
    if days < 0:
        when = f"{count(-days, 'day')} ago, no rehousing recorded"
    elif days == 0:
        when = "today"
    else:
        when = f"in {count(days, 'day')}"
    return f"Eviction ({document}) on {day:%a} {fmt_date(day)}, {when} — {household}"


def case_order(result: CheckResult, today: Today) -> list[str]:
    """Cases in order of urgency: those with an action today first (in the block's order), then by the
    number of high, then medium, then other flags, then id."""
    manifest = result.bundle.manifest
    assert manifest is not None
    acting: list[str] = []
    for action in today.actions:
        if action.kind != "new_high" and action.case not in acting:
            acting.append(action.case)

    tally: dict[str, list[int]] = {}  # case -> minus its flags at each severity, counted in one pass
    for flag in result.findings.for_today:
        tally.setdefault(flag["case"], [0, 0, 0, 0])[SEVERITY_ORDER[flag["severity"]]] -= 1

    def weight(case: str) -> tuple[int, ...]:
        return tuple(tally.get(case, (0, 0, 0, 0)))

    rest = sorted((c.id for c in manifest.cases if c.id not in acting), key=lambda c: (weight(c), c))
    return acting + rest

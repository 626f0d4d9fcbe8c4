"""The MACA composite action plan: one action per finding that recurs, linked to the flags it answers (and to
the findings the panel added: under a rule, with that rule's action; under a theme, one action per theme).

    plan = build_actions(data, config)             # prefilled from the reviewed flags' recommended actions
    plan[0].key, plan[0].cases, plan[0].status     # 'rule:…', ('case-1', 'case-6'), 'Not started'
    write_action_plan("plan.xlsx", plan, data)     # sheets "Action plan" and "Linked findings"

Flags of the same rule make one action, however many cases they are in, so one action can answer the same
finding in several cases. People's edits (`data.action_edits`, from the store) override the prefilled
owner, due date, priority, status, evidence and wording; an action past its due date and not done is
overdue. Names, dates of birth and references from audit.yaml are taken out of typed text. After a re-run, `since_last` says in which cases the finding persists and where it is gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from checker.outputs.briefing.config import BriefingConfig
from checker.outputs.briefing.data import (
    REPORTED,
    BriefingData,
    agency_names,
    case_number,
    finding_title,
    not_reviewed,
    reviewed,
)
from checker.outputs.briefing.privacy import pseudonymiser
from checker.outputs.exports import Table, write_xlsx
from checker.outputs.panel_findings import PANEL_MARK, agencies_of, finding_key

__all__ = ["Action", "STATUSES", "PRIORITIES", "action_key", "build_actions", "action_tables", "write_action_plan"]

STATUSES = ("Not started", "In progress", "Done")
PRIORITIES = ("High", "Medium", "Low")
_PRIORITY = {"high": "High", "medium": "Medium", "low": "Low", "info": "Low"}
_RANK = {p: i for i, p in enumerate(PRIORITIES)}


def action_key(rule_id: str) -> str:
    """The stable key an action's edits are stored under: the same action in every later round."""
    return f"rule:{rule_id}"


@dataclass(frozen=True, slots=True)
class Action:
    number: int
    key: str
    action: str
    theme: str
    finding: str  # what was found (the rule's title)
    flag_ids: tuple[str, ...]
    cases: tuple[str, ...]
    owner: str
    due_date: dt.date | None
    priority: str
    status: str
    evidence: str
    overdue: bool
    since_last: str
    edited_by: str | None
    edited_at: dt.datetime | None
    not_reviewed: int = 0  # linked findings no one has decided yet: the action is a draft until they are


def _due(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _since_last(flags: Sequence[Mapping[str, Any]], has_previous: bool, label: Callable[[str], str]) -> str:
    if not has_previous:
        return "First round"
    parts = []
    for change, words in (("persisting", "persists in"), ("new", "new in"), ("resolved", "no longer found in")):
        cases = sorted({label(f["case"]) for f in flags if f.get("change") == change})
        if cases:
            parts.append(f"{words} {', '.join(cases)}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else "First round"


def _linked(data: BriefingData) -> list[dict[str, Any]]:
    """The flags the plan answers: reported now (`reviewed`: until the review is complete every current flag
    not dismissed), and those reported in the previous round that are no longer found (so an action does not
    vanish when it worked)."""
    out = reviewed(data.flags, data.complete).flags
    out += [f for f in data.flags if f.get("change") == "resolved" and f.get("status") in REPORTED]
    return out


def build_actions(data: BriefingData, config: BriefingConfig, today: dt.date | None = None) -> list[Action]:
    """One action per rule among the linked flags, highest priority and most cases first."""
    today = today or data.today
    names = agency_names(data.manifest)
    scrub = pseudonymiser(data.manifest)  # the plan goes to every agency: typed names come out of it too
    theme_of = {item.rule: t for t in config.themes for item in t.rules}
    groups: dict[str, list[dict[str, Any]]] = {}
    for flag in _linked(data):  # one action per rule, and per theme of the findings the panel added
        groups.setdefault(finding_key(flag), []).append(flag)
    order = {c: i for i, c in enumerate(data.case_ids)}

    def label(case: str) -> str:
        return case_number(data.manifest, case)

    drafts: list[Action] = []
    for rule_id, flags in groups.items():
        title = finding_title(data, flags[0], scrub)
        try:
            text = data.catalogue.get(rule_id).recommended_action.strip()
        except KeyError:  # a theme the panel added: the action is theirs to agree
            text = config.wording.panel_finding_action.format(theme=title)
        theme = theme_of.get(rule_id)
        agencies = list(dict.fromkeys(names.get(a, a) for f in flags for a in agencies_of(f)))
        owner = "; ".join(agencies) or (theme.owner if theme and theme.owner else "Multi-agency: lead to agree")
        worst = min((_RANK[_PRIORITY.get(f["severity"], "Low")] for f in flags), default=2)
        key = rule_id if rule_id.startswith("theme:") else action_key(rule_id)
        edits = data.action_edits.get(key, {})
        due = _due(edits.get("due_date"))
        status = edits.get("status") or STATUSES[0]
        drafts.append(Action(
            number=0,
            key=key,
            action=scrub(edits.get("action") or " ".join(text.split())),
            theme=theme.title if theme else "",
            finding=title,
            flag_ids=tuple(sorted(f["id"] for f in flags)),
            cases=tuple(sorted({f["case"] for f in flags}, key=lambda c: order.get(c, len(order)))),
            owner=scrub(edits.get("owner") or owner),
            due_date=due,
            priority=edits.get("priority") or PRIORITIES[worst],
            status=status,
            evidence=scrub(edits.get("evidence") or ""),
            overdue=bool(due and due < today and status != "Done"),
            since_last=_since_last(flags, data.has_previous_run, label),
            edited_by=edits.get("edited_by"),
            edited_at=edits.get("edited_at"),
            not_reviewed=sum(1 for f in flags if not_reviewed(f) and f.get("change") != "resolved"),
        ))
    drafts.sort(key=lambda a: (_RANK.get(a.priority, 3), -len(a.cases), a.finding))
    return [replace(a, number=i) for i, a in enumerate(drafts, start=1)]


def action_tables(actions: Sequence[Action], data: BriefingData) -> list[Table]:
    """The plan as two sheets: the actions, and every finding each action is linked to."""
    label = lambda case: case_number(data.manifest, case)  # noqa: E731
    columns = ["No.", "Action", "Theme", "Finding", "Linked findings", "Cases", "Owner agency", "Due date",
               "Priority", "Status", "Overdue", "Evidence of completion", "Since the previous round",
               "Last updated by", "Last updated", "Draft", "Action key"]
    rows = [
        [a.number, a.action, a.theme, a.finding, _linked_count(a), ", ".join(label(c) for c in a.cases),
         a.owner, a.due_date, a.priority, a.status, "OVERDUE" if a.overdue else "", a.evidence, a.since_last,
         a.edited_by, a.edited_at.replace(tzinfo=None) if a.edited_at else None, _draft(a), a.key]
        for a in actions
    ]
    by_id = {f["id"]: f for f in data.flags}
    names = agency_names(data.manifest)
    finding_rows = []
    for a in actions:
        for flag_id in a.flag_ids:
            flag = by_id.get(flag_id, {})
            agency = "; ".join(names.get(x, x) for x in agencies_of(flag))
            decision = "not yet reviewed" if not_reviewed(flag) else flag.get("status")
            finding_rows.append([a.number, flag_id, label(str(flag.get("case", ""))), agency, a.finding,
                                 PANEL_MARK.lower() if flag.get("added_by_panel") else decision,
                                 flag.get("change") or ""])
    findings = Table("Linked findings", ["Action no.", "Finding id", "Case", "Agency", "Finding", "Decision",
                                         "Since the previous round"], finding_rows)
    printed = ("No.", "Finding", "Action", "Cases", "Owner agency", "Due date", "Status")
    return [Table("Action plan", columns, rows, printed=printed), findings]


def _linked_count(action: Action) -> str:
    """How many findings the action answers, pointing at the sheet that lists them (ids are for that sheet)."""
    n = len(action.flag_ids)
    return f"{n} finding{'' if n == 1 else 's'} (sheet Linked findings)"


def _draft(action: Action) -> str:
    if not action.not_reviewed:
        return ""
    linked = len(action.flag_ids)
    return (f"DRAFT — {action.not_reviewed} of {linked} linked findings not yet reviewed" if linked > 1
            else "DRAFT — its finding is not yet reviewed")


def write_action_plan(target: str | Path | IO[bytes], actions: Sequence[Action], data: BriefingData) -> None:
    """Write the composite action plan as XLSX (formula-safe cells, dates shown DD/MM/YYYY)."""
    write_xlsx(target, action_tables(actions, data), title=data.manifest.audit.title)

"""A flag is its finding: the evidence each decision was made on, and moving decisions off the old ids.

Since schema version 3 a flag's id is its audit, rule, case, agency and subject, never its evidence
(`checker.engine.run.flag_id`). A decision keeps the evidence it was made on (`decision_evidence`), so a
later run whose flag cites more, fewer or other records is shown "evidence changed since the decision",
with what was added and what removed, and the decision stays.

Stores written before version 3 hold flags under ids that hashed the evidence. Opening such a store marks
each audit that has runs (`id_migrations`); the first run recorded for that audit afterwards moves the
old flags onto the new ones, once: an old flag goes to each new flag with its rule and case (and agency,
where the old flag had one) that cites any of its records — or, when none does, to the only such new flag.
A decided old flag's decision is written on every new flag it became, as version 1 with the original
reviewer, time, reason and note and the evidence it was made on; `flag_moves` keeps which old flag (and
decision version) each came from and how many flags the old one became. Nothing is deleted: the old
decisions stay in the trail under the old ids. An old flag that matches no new flag keeps its decision
and is listed as resolved, as any flag no longer raised is.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from checker.storage._moves_schema import decision_evidence, flag_moves, id_migrations
from checker.storage._schema import current_decisions, decisions, flags, runs

__all__ = [
    "evidence_key", "record_evidence", "awaits_new_ids", "decided_on", "mark_old_runs", "move_old_ids", "moves_from",
    "moved_onto", "evidence_changes",
]

log = logging.getLogger("checker.storage")

EvidenceKey = tuple[str, Any, str, str]


def evidence_key(item: Mapping[str, Any]) -> EvidenceKey:
    """What one evidence record is, whatever its wording: file and row, or file and question, or (for a
    record with neither) its excerpt."""
    row = item.get("row")
    question = str(item.get("question") or "")
    excerpt = "" if row is not None or question else str(item.get("excerpt") or "")
    return (str(item.get("file") or ""), row, question, excerpt)


def _keys(evidence: Iterable[Mapping[str, Any]] | None) -> set[EvidenceKey]:
    return {evidence_key(e) for e in evidence or () if isinstance(e, Mapping)}


def decided_on(conn: Connection, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
    """The flag's evidence as the reviewer saw it: from the latest stored run of the audit that raised it."""
    evidence = conn.execute(
        select(flags.c.evidence)
        .select_from(flags.join(runs, runs.c.id == flags.c.run_id))
        .where(runs.c.audit_id == audit_id, flags.c.flag_id == flag_id)
        .order_by(runs.c.id.desc())
        .limit(1)
    ).scalar()
    return list(evidence or [])


def record_evidence(
    conn: Connection, audit_id: str, flag_id: str, version: int, evidence: Sequence[Mapping[str, Any]] | None = None
) -> None:
    """Keep the evidence decision `version` was made on (by default: the flag's latest stored evidence)."""
    items = decided_on(conn, audit_id, flag_id) if evidence is None else [dict(e) for e in evidence]
    conn.execute(insert(decision_evidence).values(audit_id=audit_id, flag_id=flag_id, version=version,
                                                  evidence=items))


def evidence_changes(conn: Connection, audit_id: str, flag_list: list[dict[str, Any]]) -> None:
    """Set `evidence_change` on each flag: None, or {"added": [...], "removed": [...]} evidence records
    against what its decision in force was made on (undecided flags, and decisions kept before schema
    version 3 without their evidence, have None)."""
    decided = {f["id"]: f["decision_version"] for f in flag_list if f.get("decision_version")}
    made_on: dict[str, list[dict[str, Any]]] = {}
    if decided:
        rows = conn.execute(
            select(decision_evidence.c.flag_id, decision_evidence.c.version, decision_evidence.c.evidence).where(
                decision_evidence.c.audit_id == audit_id, decision_evidence.c.flag_id.in_(list(decided))
            )
        )
        made_on = {fid: list(ev or []) for fid, version, ev in rows if decided.get(fid) == version}
    for flag in flag_list:
        before = made_on.get(flag["id"])
        flag["evidence_change"] = None
        if before is None:
            continue
        now = list(flag.get("evidence") or [])
        old_keys, new_keys = _keys(before), _keys(now)
        if old_keys != new_keys:
            flag["evidence_change"] = {
                "added": [e for e in now if evidence_key(e) not in old_keys],
                "removed": [e for e in before if evidence_key(e) not in new_keys],
            }


# -- moving decisions off the old (schema 2) ids ----------------------------------------------------------

def mark_old_runs(conn: Connection) -> int:
    """At the upgrade to schema 3: every audit with runs waits for its flags to move to the new ids."""
    latest = conn.execute(select(runs.c.audit_id, func.max(runs.c.id)).group_by(runs.c.audit_id)).all()
    for audit_id, run_id in latest:
        conn.execute(insert(id_migrations).values(audit_id=audit_id, last_old_run=run_id, done_at=None))
    return len(latest)


def awaits_new_ids(conn: Connection, audit_id: str) -> bool:
    return conn.execute(select(id_migrations.c.audit_id).where(
        id_migrations.c.audit_id == audit_id, id_migrations.c.done_at.is_(None))).first() is not None


def _old_flags(conn: Connection, audit_id: str, last_run: int) -> list[dict[str, Any]]:
    """Each flag id the audit's old runs raised, as last raised."""
    rows = conn.execute(
        select(flags.c.flag_id, flags.c.rule, flags.c.case_id, flags.c.agency, flags.c.evidence, flags.c.run_id)
        .select_from(flags.join(runs, runs.c.id == flags.c.run_id))
        .where(runs.c.audit_id == audit_id, runs.c.id <= last_run)
        .order_by(flags.c.run_id)
    ).mappings()
    latest = {row["flag_id"]: dict(row) for row in rows}
    return list(latest.values())


def _targets(old: Mapping[str, Any], olds: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> list[str]:
    """The new flags an old flag became (see the module docstring)."""
    def same_finding(n: Mapping[str, Any]) -> bool:
        return (n["rule"] == old["rule"] and n["case"] == old["case_id"]
                and (old["agency"] is None or n.get("agency") == old["agency"]))

    candidates = [n for n in new if same_finding(n)]
    cited = _keys(old["evidence"])
    overlapping = [str(n["id"]) for n in candidates if cited & _keys(n.get("evidence"))]
    if overlapping:
        return overlapping
    alike = [o for o in olds if (o["rule"], o["case_id"], o["agency"]) == (old["rule"], old["case_id"], old["agency"])]
    return [str(candidates[0]["id"])] if len(candidates) == 1 and len(alike) == 1 else []


def move_old_ids(
    conn: Connection, audit_id: str, new: Sequence[Mapping[str, Any]], now: dt.datetime
) -> int:
    """Once per audit stored before schema 3, with the first run after it: move old flags and their decisions
    onto the new flags (`new`: the run's flags). Returns how many decisions were written."""
    pending = conn.execute(
        select(id_migrations.c.last_old_run).where(id_migrations.c.audit_id == audit_id,
                                                   id_migrations.c.done_at.is_(None))
    ).scalar()
    if pending is None:
        return 0
    olds = _old_flags(conn, audit_id, int(pending))
    current = {
        row["flag_id"]: dict(row)
        for row in conn.execute(select(current_decisions).where(current_decisions.c.audit_id == audit_id)).mappings()
    }
    new_ids = {str(n["id"]) for n in new}
    already = set(conn.execute(select(current_decisions.c.flag_id).where(
        current_decisions.c.audit_id == audit_id, current_decisions.c.flag_id.in_(list(new_ids)))).scalars())
    sources: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for old in olds:
        if old["flag_id"] in new_ids:
            continue  # an id both schemes give (cannot happen by hashing; kept safe)
        targets = _targets(old, olds, new)
        decision = current.get(old["flag_id"])
        for target in targets:
            conn.execute(insert(flag_moves).values(
                audit_id=audit_id, from_flag_id=old["flag_id"], to_flag_id=target,
                from_version=decision["version"] if decision else None, became=len(targets), moved_at=now))
            if decision is not None:
                sources.setdefault(target, []).append((old, decision))
    written = 0
    for target, found in sources.items():
        decided = found
        if target in already:
            continue
        made_on, source = max(decided, key=lambda od: (od[1]["decided_at"], od[1]["flag_id"]))
        values = {k: source[k] for k in ("reviewer", "decided_at", "decision", "reason", "note")}
        conn.execute(insert(current_decisions).values(audit_id=audit_id, flag_id=target, version=1, **values))
        conn.execute(insert(decisions).values(audit_id=audit_id, flag_id=target, version=1, **values))
        record_evidence(conn, audit_id, target, 1, made_on["evidence"])
        written += 1
    conn.execute(update(id_migrations).where(id_migrations.c.audit_id == audit_id).values(done_at=now))
    log.info("storage: flag ids of audit moved to schema 3 (%d flags, %d decisions)", len(olds), written)
    return written


def moves_from(conn: Connection, audit_id: str, old_ids: Iterable[str]) -> dict[str, set[str]]:
    """Old flag id -> the new flag ids it became (only ids that moved)."""
    ids = list(old_ids)
    out: dict[str, set[str]] = {}
    if not ids:
        return out
    rows = conn.execute(select(flag_moves.c.from_flag_id, flag_moves.c.to_flag_id).where(
        and_(flag_moves.c.audit_id == audit_id, flag_moves.c.from_flag_id.in_(ids))))
    for old, new in rows:
        out.setdefault(old, set()).add(new)
    return out


def moved_onto(conn: Connection, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
    """The old flags whose decision (or finding) `flag_id` took over: {from_flag_id, from_version, became,
    moved_at}, decided ones first."""
    rows = conn.execute(select(flag_moves).where(
        flag_moves.c.audit_id == audit_id, flag_moves.c.to_flag_id == flag_id)).mappings()
    out = [{k: row[k] for k in ("from_flag_id", "from_version", "became", "moved_at")} for row in rows]
    out.sort(key=lambda m: (m["from_version"] is None, m["from_flag_id"]))
    return out

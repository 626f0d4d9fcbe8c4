"""Carrying a review decision over to the flag that replaced the one it was made on.

A flag's id is a hash of its rule, case, agency and evidence, so fixing a typo inside an evidence row gives
the same finding a new id, and its decision stays behind on the old ("resolved") flag. When a run has a
new, undecided flag and the previous run had a decided flag with the same rule, case and agency that is
not raised any more, the reviewer is offered to carry the decision over. Nothing moves by itself: the
reviewer accepts, the decision is saved on the new flag as a new version in its own trail (same decision,
reason and note; the accepting reviewer as `reviewer`), and `decision_carries` records from which flag and
version it came, who carried it and when.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from checker.model.errors import ConflictError, StorageError
from checker.storage._decisions import _require_flag, current_decision
from checker.storage._engine import read, write
from checker.storage._moves import record_evidence
from checker.storage._schema import current_decisions, decision_carries, decisions

__all__ = ["carry_offers", "carry_decision", "carried_from"]

log = logging.getLogger("checker.storage")


def _key(flag: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(flag["rule"]), str(flag["case"]), str(flag.get("agency") or ""))


def carry_offers(
    new: Sequence[Mapping[str, Any]], resolved: Sequence[Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """New flag id -> the resolved flag whose decision could carry over (same rule, case and agency).

    Only undecided new flags are offered one, and only from decided resolved flags; when several resolved
    flags match, the most recently decided is offered. A resolved flag is offered to one new flag only:
    when two new flags match one old one, neither is offered it (the reviewer decides each afresh).
    """
    decided: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for flag in resolved:
        decision = flag.get("decision")
        if not decision:
            continue
        key = _key(flag)
        best = decided.get(key)
        if best is None or decision["decided_at"] > best["decision"]["decided_at"]:
            decided[key] = flag
    waiting: dict[tuple[str, str, str], list[str]] = {}
    for flag in new:
        if not flag.get("decision") and _key(flag) in decided:
            waiting.setdefault(_key(flag), []).append(str(flag["id"]))
    return {ids[0]: dict(decided[key]) for key, ids in waiting.items() if len(ids) == 1}


def carry_decision(
    engine: Engine,
    *,
    audit_id: str,
    from_flag_id: str,
    to_flag_id: str,
    reviewer: str,
    now: dt.datetime,
) -> int:
    """Save `from_flag_id`'s decision on `to_flag_id` (which must have none) and record the carry; returns
    the new version (1). ConflictError if someone decided on `to_flag_id` meanwhile."""
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise StorageError("decision not carried over: a reviewer name is required")
    try:
        with write(engine) as conn:
            _require_flag(conn, audit_id, to_flag_id)
            source = current_decision(conn, audit_id, from_flag_id)
            if source is None:
                raise StorageError(f"decision not carried over: flag {from_flag_id} has no decision to carry")
            values = {
                "version": 1,
                "reviewer": reviewer.strip(),
                "decided_at": now,
                "decision": source["decision"],
                "reason": source["reason"],
                "note": source["note"],
            }
            conn.execute(insert(current_decisions).values(audit_id=audit_id, flag_id=to_flag_id, **values))
            conn.execute(insert(decisions).values(audit_id=audit_id, flag_id=to_flag_id, **values))
            conn.execute(
                insert(decision_carries).values(
                    audit_id=audit_id,
                    flag_id=to_flag_id,
                    version=1,
                    from_flag_id=from_flag_id,
                    from_version=source["version"],
                    carried_by=reviewer.strip(),
                    carried_at=now,
                )
            )
            record_evidence(conn, audit_id, to_flag_id, 1)
    except IntegrityError as exc:
        with read(engine) as conn:
            winner = current_decision(conn, audit_id, to_flag_id)
        who = f"{winner['reviewer']} saved '{winner['decision']}'" if winner else "someone saved a decision"
        raise ConflictError(
            f"decision not carried over to flag {to_flag_id}: {who} on it first. Reload the flag.", winner
        ) from exc
    log.info("storage: decision carried from flag %s to flag %s", from_flag_id, to_flag_id)
    return 1


def carried_from(conn: Connection, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
    """Every carry onto `flag_id`: {version, from_flag_id, from_version, carried_by, carried_at}."""
    rows = conn.execute(
        select(decision_carries)
        .where(decision_carries.c.audit_id == audit_id, decision_carries.c.flag_id == flag_id)
        .order_by(decision_carries.c.version)
    ).mappings()
    return [
        {k: row[k] for k in ("version", "from_flag_id", "from_version", "carried_by", "carried_at")} for row in rows
    ]

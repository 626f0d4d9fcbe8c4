"""Review decisions: validation, the optimistic-concurrency write, and reading them back.

A decision is keyed by (audit_id, flag_id) and carries a `version` that starts at 1. A reviewer saves with
the version they saw (0 = "no decision yet"); the write is a conditional UPDATE ... WHERE version = :seen
(or, for version 0, an INSERT guarded by the primary key), so of two reviewers who saw the same version
exactly one wins and the other gets `ConflictError` naming who saved what and when.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, and_, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from checker.model.errors import ConflictError, StorageError
from checker.model.wording import fmt_time
from checker.storage._engine import read, write
from checker.storage._moves import record_evidence
from checker.storage._review_schema import decision_shares
from checker.storage._schema import current_decisions, decisions, flags, runs

__all__ = ["DECISIONS", "save_decision", "decision_history", "current_decision", "decision_dict"]

log = logging.getLogger("checker.storage")

DECISIONS = ("confirmed", "dismissed", "action_needed", "action_taken")
"""`action_taken`: the action was done; its reason says what was done (and by whom)."""


class _Stale(Exception):
    """The conditional UPDATE matched no row: someone else moved the version on."""


def decision_dict(row: RowMapping) -> dict[str, Any]:
    """A current or historical decision row as the dict the API returns."""
    return {
        "version": row["version"],
        "decision": row["decision"],
        "reviewer": row["reviewer"],
        "decided_at": row["decided_at"],
        "reason": row["reason"],
        "note": row["note"],
    }


def _validate(
    flag_id: str, reviewer: str, decision: str, reason: str | None, expected_version: int
) -> tuple[str, str | None]:
    problems = []
    if not isinstance(reviewer, str) or not reviewer.strip():
        problems.append("a reviewer name is required")
    if decision not in DECISIONS:
        problems.append(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    reason = reason.strip() if isinstance(reason, str) else None
    if decision == "dismissed" and not reason:
        problems.append("a dismissal needs a reason: say why the flag does not apply")
    if decision == "action_taken" and not reason:
        problems.append("'action taken' needs what was done (and by whom) as its reason")
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 0:
        problems.append(
            f"expected_version must be the decision version you saw (0 if none), got {expected_version!r}"
        )
    if problems:
        raise StorageError(f"decision on flag {flag_id} not saved: " + "; ".join(problems))
    return reviewer.strip(), reason or None


def current_decision(conn: Connection, audit_id: str, flag_id: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(current_decisions).where(
                current_decisions.c.audit_id == audit_id, current_decisions.c.flag_id == flag_id
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    decision = decision_dict(row)
    mark_shared(conn, audit_id, {flag_id: decision})
    return decision


def _require_flag(conn: Connection, audit_id: str, flag_id: str) -> None:
    known = conn.execute(
        select(
            exists().where(
                and_(flags.c.flag_id == flag_id, flags.c.run_id == runs.c.id, runs.c.audit_id == audit_id)
            )
        )
    ).scalar()
    if not known:
        raise StorageError(
            f"decision not saved: flag {flag_id} is not in any stored run of audit {audit_id!r} "
            "(was the run purged, or is this the wrong audit?)"
        )


def save_decision(
    engine: Engine,
    *,
    audit_id: str,
    flag_id: str,
    reviewer: str,
    decision: str,
    reason: str | None,
    note: str | None,
    expected_version: int,
    now: dt.datetime,
    for_briefing: bool = False,
) -> int:
    reviewer, reason = _validate(flag_id, reviewer, decision, reason, expected_version)
    new_version = expected_version + 1
    values: dict[str, Any] = {
        "version": new_version,
        "reviewer": reviewer,
        "decided_at": now,
        "decision": decision,
        "reason": reason,
        "note": (note.strip() or None) if isinstance(note, str) else None,
    }
    try:
        with write(engine) as conn:
            _require_flag(conn, audit_id, flag_id)
            if expected_version == 0:
                conn.execute(insert(current_decisions).values(audit_id=audit_id, flag_id=flag_id, **values))
            else:
                done = conn.execute(
                    update(current_decisions)
                    .where(
                        current_decisions.c.audit_id == audit_id,
                        current_decisions.c.flag_id == flag_id,
                        current_decisions.c.version == expected_version,
                    )
                    .values(**values)
                )
                if done.rowcount != 1:
                    raise _Stale()
            conn.execute(insert(decisions).values(audit_id=audit_id, flag_id=flag_id, **values))
            record_evidence(conn, audit_id, flag_id, new_version)
            if for_briefing and values["note"]:
                conn.execute(insert(decision_shares).values(audit_id=audit_id, flag_id=flag_id, version=new_version))
    except (IntegrityError, _Stale) as exc:
        with read(engine) as conn:
            winner = current_decision(conn, audit_id, flag_id)
        log.info("storage: decision conflict on flag %s (saw version %d)", flag_id, expected_version)
        raise ConflictError(_conflict_message(flag_id, expected_version, winner), winner, values) from exc
    log.info("storage: decision version %d saved on flag %s", new_version, flag_id)
    return new_version


def _conflict_message(flag_id: str, seen: int, winner: Mapping[str, Any] | None) -> str:
    if winner is None:
        return (
            f"decision on flag {flag_id} not saved: you were editing version {seen}, but no decision is on "
            "record for this flag. Reload the flag and save again with version 0."
        )
    when = f"{fmt_time(winner['decided_at'])} (UK time)"  # as every other time a reviewer reads
    return (
        f"decision on flag {flag_id} not saved: {winner['reviewer']} saved '{winner['decision']}' at {when} "
        f"(now version {winner['version']}; you were editing version {seen}). "
        "Your decision was kept aside: reload the flag, check theirs, and save again if yours should stand."
    )


def audit_decisions(conn: Connection, audit_id: str) -> dict[str, dict[str, Any]]:
    rows = conn.execute(select(current_decisions).where(current_decisions.c.audit_id == audit_id)).mappings()
    out = {row["flag_id"]: decision_dict(row) for row in rows}
    mark_shared(conn, audit_id, out)
    return out


def mark_shared(conn: Connection, audit_id: str, by_flag: Mapping[str, dict[str, Any]]) -> None:
    """Set `for_briefing` on each decision: its note was ticked for the briefing (else it stays private)."""
    if not by_flag:
        return
    rows = conn.execute(select(decision_shares.c.flag_id, decision_shares.c.version).where(
        decision_shares.c.audit_id == audit_id))
    shared = {(str(flag_id), int(version)) for flag_id, version in rows}
    for flag_id, decision in by_flag.items():
        decision["for_briefing"] = (flag_id, decision["version"]) in shared


def decision_history(conn: Connection, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(decisions)
        .where(decisions.c.audit_id == audit_id, decisions.c.flag_id == flag_id)
        .order_by(decisions.c.version)
    ).mappings()
    return [decision_dict(row) for row in rows]

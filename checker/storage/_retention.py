"""Retention (purge) and the per-rule decision tallies behind the dashboard's noisy-rule view."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import Connection, and_, case, delete, exists, func, select

from checker.storage._decisions import DECISIONS
from checker.storage._schema import (
    current_decisions,
    decision_carries,
    decisions,
    flags,
    quality,
    referrals,
    runs,
)

__all__ = ["purge", "rule_counts"]
from checker.storage._findings_schema import panel_finding_versions, panel_findings
from checker.storage._moves_schema import decision_evidence

log = logging.getLogger("checker.storage")


def purge(conn: Connection, cutoff: dt.datetime, keep_decisions: bool) -> dict[str, int]:
    """Delete runs created before `cutoff` with their flags, quality and referrals (one transaction)."""
    old = select(runs.c.id).where(runs.c.created_at < cutoff).scalar_subquery()
    removed = {}
    for name, table in (("flags", flags), ("quality", quality), ("referrals", referrals)):
        removed[name] = conn.execute(delete(table).where(table.c.run_id.in_(old))).rowcount
    removed["runs"] = conn.execute(delete(runs).where(runs.c.created_at < cutoff)).rowcount
    removed["decisions"] = removed["current_decisions"] = 0
    if not keep_decisions:
        for name, table in (
            ("decisions", decisions),
            ("current_decisions", current_decisions),
            ("decision_carries", decision_carries),
            ("decision_evidence", decision_evidence),
        ):
            still_flagged = exists().where(
                and_(
                    flags.c.flag_id == table.c.flag_id,
                    flags.c.run_id == runs.c.id,
                    runs.c.audit_id == table.c.audit_id,
                )
            )
            removed[name] = conn.execute(delete(table).where(~still_flagged)).rowcount
        for name, table in (("panel_finding_versions", panel_finding_versions), ("panel_findings", panel_findings)):
            audit_kept = exists().where(runs.c.audit_id == table.c.audit_id)  # the panel's findings go with the audit
            removed[name] = conn.execute(delete(table).where(~audit_kept)).rowcount
    log.info("storage: purged rows older than %s: %s", cutoff.isoformat(), removed)
    return removed


def rule_counts(conn: Connection, audit_id: str | None) -> dict[str, dict[str, int]]:
    """Per rule: distinct flags raised in any stored run of the audit (of every audit when `audit_id` is
    None), and their current decisions."""
    query = select(runs.c.audit_id, flags.c.rule, flags.c.flag_id).join(runs, runs.c.id == flags.c.run_id)
    if audit_id is not None:
        query = query.where(runs.c.audit_id == audit_id)
    seen = query.distinct().subquery()
    cd = current_decisions
    tallies: list[Any] = [func.count().label("flagged")]
    tallies += [func.sum(case((cd.c.decision == d, 1), else_=0)).label(d) for d in DECISIONS]
    stmt = (
        select(seen.c.rule, *tallies)
        .select_from(seen.outerjoin(cd, and_(cd.c.audit_id == seen.c.audit_id, cd.c.flag_id == seen.c.flag_id)))
        .group_by(seen.c.rule)
        .order_by(seen.c.rule)
    )
    out = {}
    for row in conn.execute(stmt).mappings():
        counts = {"flagged": int(row["flagged"])} | {d: int(row[d] or 0) for d in DECISIONS}
        counts["open"] = counts["flagged"] - sum(counts[d] for d in DECISIONS)
        out[row["rule"]] = counts
    return out

"""Runs and what they produced: checking the input at the door, writing a run, reading flags back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, insert, select

from checker.model.errors import StorageError
from checker.model.severity import SEVERITIES
from checker.storage._decisions import decision_dict, mark_shared
from checker.storage._engine import to_json
from checker.storage._moves import evidence_changes
from checker.storage._schema import current_decisions, flags, quality, referrals, runs

__all__ = [
    "SEVERITIES",
    "FLAG_KEYS",
    "check_run_input",
    "insert_run",
    "run_dict",
    "get_run",
    "previous_run_id",
    "flag_dicts",
    "payloads",
]

_REQUIRED = ("id", "rule", "category", "case", "severity", "message")
_OPTIONAL = ("agency", "evidence", "ruleset")
FLAG_KEYS = _REQUIRED + _OPTIONAL
_MAX_LISTED = 10


def _problems_in_flag(i: int, flag: Any) -> list[str]:
    where = f"flags[{i}]"
    if not isinstance(flag, Mapping):
        return [f"{where}: expected a dict, got {type(flag).__name__}"]
    where = f"flags[{i}] ({flag.get('id', 'no id')})"
    out = [f"{where}: missing {key!r}" for key in _REQUIRED if key not in flag]
    out += [
        f"{where}: unknown key {key!r} (known: {', '.join(FLAG_KEYS)})"
        for key in flag
        if key not in FLAG_KEYS
    ]
    for key in ("id", "rule", "category", "case"):
        if key in flag and not (isinstance(flag[key], str) and flag[key]):
            out.append(f"{where}: {key!r} must be a non-empty string")
    if "severity" in flag and flag["severity"] not in SEVERITIES:
        out.append(f"{where}: severity {flag['severity']!r} is not one of {', '.join(SEVERITIES)}")
    if flag.get("agency") is not None and not isinstance(flag["agency"], str):
        out.append(f"{where}: 'agency' must be a string or None")
    if not isinstance(flag.get("evidence", []), list):
        out.append(f"{where}: 'evidence' must be a list")
    else:
        out += _not_json(where + ".evidence", flag.get("evidence", []))
    return out


def _not_json(where: str, value: Any) -> list[str]:
    try:
        to_json(value)
    except (TypeError, ValueError) as exc:
        return [f"{where}: cannot be stored as JSON ({exc})"]
    return []


def check_run_input(
    audit_id: str,
    as_of: dt.date,
    flag_list: Sequence[Mapping[str, Any]],
    quality_list: Sequence[Mapping[str, Any]],
    referral_list: Sequence[Mapping[str, Any]],
    digests: Mapping[str, str],
) -> None:
    """Collect every problem with a run's input, then raise one StorageError listing them."""
    problems: list[str] = []
    if not isinstance(audit_id, str) or not audit_id.strip():
        problems.append("audit_id must be a non-empty string")
    for name, value in digests.items():
        if not isinstance(value, str) or not value:
            problems.append(f"{name} must be a non-empty string")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        problems.append(f"as_of must be a date, got {as_of!r}")
    seen: set[str] = set()
    for i, flag in enumerate(flag_list):
        problems += _problems_in_flag(i, flag)
        if isinstance(flag, Mapping) and isinstance(flag.get("id"), str):
            if flag["id"] in seen:
                problems.append(f"flags[{i}]: flag id {flag['id']} appears twice in this run")
            seen.add(flag["id"])
    for name, items in (("quality", quality_list), ("referrals", referral_list)):
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                problems.append(f"{name}[{i}]: expected a dict, got {type(item).__name__}")
            else:
                problems += _not_json(f"{name}[{i}]", dict(item))
    if problems:
        shown = problems[:_MAX_LISTED]
        more = f" (and {len(problems) - _MAX_LISTED} more)" if len(problems) > _MAX_LISTED else ""
        raise StorageError(f"run not recorded, {len(problems)} problem(s){more}: " + "; ".join(shown))


def insert_run(
    conn: Connection,
    *,
    audit_id: str,
    bundle_digest: str,
    ruleset_hash: str,
    as_of: dt.date,
    created_at: dt.datetime,
    flag_list: Sequence[Mapping[str, Any]],
    quality_list: Sequence[Mapping[str, Any]],
    referral_list: Sequence[Mapping[str, Any]],
) -> int:
    run_id = conn.execute(
        insert(runs)
        .values(
            audit_id=audit_id,
            bundle_digest=bundle_digest,
            ruleset_hash=ruleset_hash,
            as_of=as_of,
            created_at=created_at,
            n_flags=len(flag_list),
            n_quality=len(quality_list),
            n_referrals=len(referral_list),
        )
        .returning(runs.c.id)
    ).scalar_one()
    if flag_list:
        conn.execute(
            insert(flags),
            [
                {
                    "run_id": run_id,
                    "flag_id": f["id"],
                    "rule": f["rule"],
                    "category": f["category"],
                    "case_id": f["case"],
                    "agency": f.get("agency"),
                    "severity": f["severity"],
                    "message": f["message"],
                    "evidence": list(f.get("evidence", [])),
                    "ruleset": f.get("ruleset") or ruleset_hash,
                }
                for f in flag_list
            ],
        )
    for table, items in ((quality, quality_list), (referrals, referral_list)):
        if items:
            conn.execute(
                insert(table), [{"run_id": run_id, "seq": i, "payload": dict(p)} for i, p in enumerate(items)]
            )
    return int(run_id)


def run_dict(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "audit_id": row["audit_id"],
        "bundle_digest": row["bundle_digest"],
        "ruleset_hash": row["ruleset_hash"],
        "as_of": row["as_of"],
        "created_at": row["created_at"],
        "counts": {"flags": row["n_flags"], "quality": row["n_quality"], "referrals": row["n_referrals"]},
    }


def get_run(conn: Connection, run_id: int) -> dict[str, Any]:
    row = conn.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
    if row is None:
        raise StorageError(
            f"there is no stored run {run_id!r} (it may have been purged): list runs to pick one"
        )
    return run_dict(row)


def previous_run_id(conn: Connection, run: Mapping[str, Any]) -> int | None:
    """The run of the same audit recorded just before `run`, if any."""
    return conn.execute(
        select(runs.c.id)
        .where(runs.c.audit_id == run["audit_id"], runs.c.id < run["id"])
        .order_by(runs.c.id.desc())
        .limit(1)
    ).scalar()


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def flag_dicts(
    conn: Connection, run_id: int, audit_id: str, change: str | None = None
) -> list[dict[str, Any]]:
    """Every flag of a run with the decision now in force on it, most severe first."""
    cd = current_decisions
    stmt = (
        select(flags, cd.c.version, cd.c.decision, cd.c.reviewer, cd.c.decided_at, cd.c.reason, cd.c.note)
        .select_from(flags.outerjoin(cd, and_(cd.c.audit_id == audit_id, cd.c.flag_id == flags.c.flag_id)))
        .where(flags.c.run_id == run_id)
    )
    out = []
    for row in conn.execute(stmt).mappings():
        decision = decision_dict(row) if row["version"] is not None else None
        out.append(
            {
                "id": row["flag_id"],
                "rule": row["rule"],
                "category": row["category"],
                "case": row["case_id"],
                "agency": row["agency"],
                "severity": row["severity"],
                "message": row["message"],
                "evidence": row["evidence"],
                "ruleset": row["ruleset"],
                "decision": decision,
                "decision_version": decision["version"] if decision else 0,
                "status": decision["decision"] if decision else "open",
                "change": change,
            }
        )
    out.sort(key=lambda f: (_RANK.get(f["severity"], len(_RANK)), f["rule"], f["case"], f["id"]))
    evidence_changes(conn, audit_id, out)
    mark_shared(conn, audit_id, {f["id"]: f["decision"] for f in out if f["decision"]})
    return out


def payloads(conn: Connection, table: Any, run_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(table.c.payload).where(table.c.run_id == run_id).order_by(table.c.seq))
    return [dict(p) for p in rows.scalars()]

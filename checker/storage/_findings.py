"""Findings the panel adds (schema version 4): `FindingRecords`, mixed into `Store`.

    fid = store.add_finding(audit_id, case="case-2", rule="was-not-brought-not-escalated", theme=None,
                            agencies=["gp"], entries=["7e034fe4d4192596"], note="...", reviewer="a.khan")
    store.findings(audit_id)        # [{id, audit_id, case, rule, theme, agencies, entries, note, reviewer,
                                    #   created_at, version, withdrawn, saved_by, saved_at}]
    store.edit_finding(audit_id, fid, expected_version=1, reviewer="j.smith", note="...")   # -> 2
    store.withdraw_finding(audit_id, fid, expected_version=2, reviewer="j.smith")          # -> 3

A finding names the rule it belongs to, or (a practice judgement no rule covers) a theme in words: one of
the two, never both. Edits and withdrawals save against the version the reviewer saw, as decisions do: of
two reviewers who saw the same version exactly one wins and the other gets `ConflictError` naming who saved
what and when. Every version is kept (`finding_history`). The store checks the shape only; whether the case,
rule, agencies and entries exist in the audit is checked against its bundle (`checker.review.findings`).
The note is record-adjacent text: nothing here logs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update
from sqlalchemy.exc import IntegrityError

from checker.model.errors import ConflictError, StorageError
from checker.storage._engine import read, write
from checker.storage._findings_schema import panel_finding_versions, panel_findings
from checker.storage._mixin import StoreMixin

__all__ = ["FindingRecords", "FINDING_ID", "finding_dict"]

log = logging.getLogger("checker.storage")

FINDING_ID = re.compile(r"p-[0-9a-f]{12}")
"""A finding's id: 'p-' and 12 hex digits, made when it is added and kept through exports and imports."""
_MAX_NOTE = 10_000
_MAX_THEME = 300
_CHANGEABLE = ("case", "rule", "theme", "agencies", "entries", "note")


class _Stale(Exception):
    """The conditional UPDATE matched no row: someone else moved the version on."""


def finding_dict(row: RowMapping) -> dict[str, Any]:
    """A `panel_findings` row as the dict the API returns."""
    return {
        "id": row["id"], "audit_id": row["audit_id"], "case": row["case_id"], "rule": row["rule"],
        "theme": row["theme"], "agencies": list(row["agencies"]), "entries": list(row["entries"]),
        "note": row["note"], "reviewer": row["reviewer"], "created_at": row["created_at"],
        "version": row["version"], "withdrawn": bool(row["withdrawn"]), "saved_by": row["saved_by"],
        "saved_at": row["saved_at"],
    }


def _names(values: Any, what: str, problems: list[str], *, required: bool) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        problems.append(f"{what} must be a list, got {type(values).__name__}")
        return []
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{what}: {value!r} is not a name")
        elif value.strip() not in out:
            out.append(value.strip())
    if required and not out and not problems:
        problems.append(f"name at least one of the {what}")
    return out


def _text(value: Any, what: str, limit: int, problems: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        problems.append(f"the {what} must be text, got {type(value).__name__}")
        return None
    if len(value) > limit:
        problems.append(f"the {what} has {len(value)} characters, more than the {limit} allowed")
    return value.strip()


def _content(fields: Mapping[str, Any], reviewer: Any, what: str) -> tuple[dict[str, Any], str]:
    """The finding's columns from the caller's fields, or StorageError listing every problem."""
    problems: list[str] = []
    if not isinstance(reviewer, str) or not reviewer.strip():
        problems.append("a reviewer name is required")
    case = fields.get("case")
    if not isinstance(case, str) or not case.strip():
        problems.append("the case is required")
    rule = _text(fields.get("rule"), "rule", 128, problems)
    theme = _text(fields.get("theme"), "theme", _MAX_THEME, problems)
    if (rule is None) == (theme is None):
        problems.append("give the rule the finding belongs to or, for a practice judgement no rule covers, a "
                        "theme in words (one of the two, not both)")
    agencies = _names(fields.get("agencies", ()), "agencies", problems, required=True)
    entries = _names(fields.get("entries", ()), "entries", problems, required=False)
    note = _text(fields.get("note"), "note", _MAX_NOTE, problems)
    if note is None and not any("note" in p for p in problems):
        problems.append("the note is empty: say what the panel found")
    if problems:
        raise StorageError(f"{what} not saved: " + "; ".join(problems))
    values = {"case_id": str(case).strip(), "rule": rule, "theme": theme, "agencies": agencies,
              "entries": entries, "note": note, "withdrawn": bool(fields.get("withdrawn", False))}
    return values, str(reviewer).strip()


def _version_ok(expected_version: Any, what: str) -> int:
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 1:
        raise StorageError(f"{what} not saved: expected_version must be the finding's version you saw (1 or more), "
                           f"got {expected_version!r}")
    return expected_version


def _current(conn: Connection, audit_id: str, finding_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(panel_findings).where(
        panel_findings.c.audit_id == audit_id, panel_findings.c.id == finding_id)).mappings().first()
    return finding_dict(row) if row is not None else None


def _conflict_message(finding_id: str, seen: int, winner: Mapping[str, Any]) -> str:
    when = winner["saved_at"].strftime("%Y-%m-%d %H:%M UTC")
    did = "withdrew it" if winner["withdrawn"] else ("added it" if winner["version"] == 1 else "changed it")
    return (
        f"finding {finding_id} not saved: {winner['saved_by']} {did} at {when} (now version {winner['version']}; "
        f"you were editing version {seen}). Your change was kept aside: reload the finding, check theirs, and "
        "save again if yours should stand."
    )


class FindingRecords(StoreMixin):
    """Store methods for the findings the panel adds."""

    def _stamp(self, now: dt.datetime | None) -> dt.datetime:
        if now is None:
            return self._now()
        if now.tzinfo is None:
            raise StorageError("a finding's time must be timezone-aware, e.g. datetime.now(UTC)")
        return now.astimezone(dt.UTC)

    def add_finding(
        self,
        audit_id: str,
        *,
        case: str,
        rule: str | None,
        theme: str | None,
        agencies: Sequence[str],
        entries: Sequence[str],
        note: str,
        reviewer: str,
        now: dt.datetime | None = None,
        finding_id: str | None = None,
    ) -> str:
        """Record a finding the checker did not raise (version 1); returns its id ('p-…'). `finding_id` keeps
        the id a finding already has elsewhere (a flags workbook imported into another store); ConflictError
        if that id is already recorded."""
        values, who = _content({"case": case, "rule": rule, "theme": theme, "agencies": agencies,
                                "entries": entries, "note": note}, reviewer, "finding")
        if finding_id is not None and (not isinstance(finding_id, str) or not FINDING_ID.fullmatch(finding_id)):
            raise StorageError(f"finding not saved: {finding_id!r} is not a finding id ('p-' and 12 hex digits)")
        new_id = finding_id or f"p-{uuid.uuid4().hex[:12]}"
        at = self._stamp(now)
        try:
            with write(self._engine) as conn:
                conn.execute(insert(panel_findings).values(
                    id=new_id, audit_id=audit_id, version=1, reviewer=who, created_at=at, saved_by=who, saved_at=at,
                    **values))
                conn.execute(insert(panel_finding_versions).values(
                    finding_id=new_id, version=1, audit_id=audit_id, saved_by=who, saved_at=at, **values))
        except IntegrityError as exc:
            with read(self._engine) as conn:
                winner = conn.execute(select(panel_findings).where(panel_findings.c.id == new_id)).mappings().first()
            current = finding_dict(winner) if winner is not None else None
            raise ConflictError(f"finding {new_id} is already recorded: nothing added", current, values) from exc
        log.info("storage: finding %s added (%d agencies, %d entries)", new_id, len(values["agencies"]),
                 len(values["entries"]))
        return new_id

    def _save_version(
        self, audit_id: str, finding_id: str, expected_version: int, reviewer: str, changes: Mapping[str, Any],
        now: dt.datetime | None, what: str,
    ) -> int:
        seen = _version_ok(expected_version, what)
        with self._read() as conn:
            current = _current(conn, audit_id, finding_id)
        if current is None:
            raise StorageError(f"{what} not saved: finding {finding_id} is not recorded for audit {audit_id!r}")
        values, who = _content({**current, **changes}, reviewer, what)
        at = self._stamp(now)
        try:
            with write(self._engine) as conn:
                done = conn.execute(
                    update(panel_findings)
                    .where(panel_findings.c.audit_id == audit_id, panel_findings.c.id == finding_id,
                           panel_findings.c.version == seen)
                    .values(version=seen + 1, saved_by=who, saved_at=at, **values)
                )
                if done.rowcount != 1:
                    raise _Stale()
                conn.execute(insert(panel_finding_versions).values(
                    finding_id=finding_id, version=seen + 1, audit_id=audit_id, saved_by=who, saved_at=at, **values))
        except (IntegrityError, _Stale) as exc:
            with read(self._engine) as conn:
                winner = _current(conn, audit_id, finding_id)
            assert winner is not None  # findings are never deleted while their audit is kept
            log.info("storage: finding conflict on %s (saw version %d)", finding_id, seen)
            raise ConflictError(_conflict_message(finding_id, seen, winner), winner, values) from exc
        log.info("storage: finding %s saved as version %d", finding_id, seen + 1)
        return seen + 1

    def edit_finding(
        self,
        audit_id: str,
        finding_id: str,
        *,
        expected_version: int,
        reviewer: str,
        now: dt.datetime | None = None,
        **changes: Any,
    ) -> int:
        """Change a finding (any of case, rule, theme, agencies, entries, note) as `reviewer`; returns the new
        version. To move from a rule to a theme, pass `rule=None, theme="…"`."""
        unknown = sorted(set(changes) - set(_CHANGEABLE))
        if unknown:
            raise StorageError(f"finding {finding_id} not saved: {', '.join(unknown)} cannot be changed "
                               f"(changeable: {', '.join(_CHANGEABLE)})")
        return self._save_version(audit_id, finding_id, expected_version, reviewer, changes, now,
                                  f"finding {finding_id}")

    def withdraw_finding(
        self,
        audit_id: str,
        finding_id: str,
        *,
        expected_version: int,
        reviewer: str,
        withdrawn: bool = True,
        now: dt.datetime | None = None,
    ) -> int:
        """Withdraw a finding (or, with withdrawn=False, restore it): a new version, the trail kept."""
        return self._save_version(audit_id, finding_id, expected_version, reviewer, {"withdrawn": bool(withdrawn)},
                                  now, f"finding {finding_id}")

    def findings(self, audit_id: str | None = None) -> list[dict[str, Any]]:
        """The findings the panel added to one audit (or to every audit), oldest first, withdrawn ones
        included (`withdrawn` True)."""
        stmt = select(panel_findings).order_by(panel_findings.c.created_at, panel_findings.c.id)
        if audit_id is not None:
            stmt = stmt.where(panel_findings.c.audit_id == audit_id)
        with self._read() as conn:
            return [finding_dict(row) for row in conn.execute(stmt).mappings()]

    def finding(self, audit_id: str, finding_id: str) -> dict[str, Any] | None:
        """One finding as it now stands, or None."""
        with self._read() as conn:
            return _current(conn, audit_id, finding_id)

    def finding_history(self, audit_id: str, finding_id: str) -> list[dict[str, Any]]:
        """Every version of a finding, oldest (version 1) first: its content, `saved_by` and `saved_at`."""
        stmt = (select(panel_finding_versions)
                .where(panel_finding_versions.c.audit_id == audit_id, panel_finding_versions.c.finding_id == finding_id)
                .order_by(panel_finding_versions.c.version))
        with self._read() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [{"version": r["version"], "case": r["case_id"], "rule": r["rule"], "theme": r["theme"],
                 "agencies": list(r["agencies"]), "entries": list(r["entries"]), "note": r["note"],
                 "withdrawn": bool(r["withdrawn"]), "saved_by": r["saved_by"], "saved_at": r["saved_at"]}
                for r in rows]

"""The audit meeting and its action plan in the store: `MeetingRecords`, mixed into `Store`.

    store.record_meeting(audit_id, "a.officer", dt.date(2019, 3, 26),
                         [{"agency": "housing", "role": "Housing Options team leader"}], summary="...")
    store.save_panel_note(audit_id, "case-1", "a.officer", "Panel agreed ...")
    store.add_strength(audit_id, "case-1", "a.officer", "GP persisted in seeking consent.")
    store.save_action_edit(audit_id, "rule:drift-and-delay", "a.officer", {"status": "In progress"})
    store.action_edits(audit_id)["rule:drift-and-delay"]["status"]   # latest value of each field, with who/when

Attendees are kept by agency and role only; the store refuses an attendee with any other key.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update

from checker.model.errors import StorageError
from checker.storage._engine import to_json, write
from checker.storage._meeting_schema import action_edits, meetings, panel_notes, panel_strengths
from checker.storage._mixin import StoreMixin

__all__ = ["MeetingRecords", "ACTION_FIELDS"]

log = logging.getLogger("checker.storage")

ACTION_FIELDS = ("action", "owner", "due_date", "priority", "status", "evidence")
"""The fields of an action a person may edit; `due_date` is stored as YYYY-MM-DD."""

_MAX_TEXT = 10_000


def _person(who: str, what: str) -> str:
    if not isinstance(who, str) or not who.strip():
        raise StorageError(f"{what} not saved: a name is required (who is recording this?)")
    return who.strip()


def _text(value: Any, what: str, *, required: bool = True) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise StorageError(f"{what} not saved: the text is empty")
        return None
    if not isinstance(value, str):
        raise StorageError(f"{what} not saved: expected text, got {type(value).__name__}")
    if len(value) > _MAX_TEXT:
        raise StorageError(f"{what} not saved: {len(value)} characters, more than the {_MAX_TEXT} allowed")
    return value.strip()


def _attendees(attendees: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    out, problems = [], []
    for i, item in enumerate(attendees):
        if not isinstance(item, Mapping):
            problems.append(f"attendee {i + 1}: expected agency and role")
            continue
        extra = set(item) - {"agency", "role"}
        if extra:
            problems.append(f"attendee {i + 1}: only agency and role are kept (not {', '.join(sorted(extra))})")
        agency, role = str(item.get("agency") or "").strip(), str(item.get("role") or "").strip()
        if not agency and role:
            problems.append(f"attendee {i + 1} ({role}): the agency is missing")
        if agency:  # a blank row (no agency, no role) is skipped
            out.append({"agency": agency, "role": role})
    if problems:
        raise StorageError("meeting not saved: " + "; ".join(problems))
    return out


def _changes(changes: Mapping[str, Any], action_key: str) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(ACTION_FIELDS))
    if unknown:
        raise StorageError(
            f"edit to action {action_key} not saved: {', '.join(unknown)} cannot be edited "
            f"(editable: {', '.join(ACTION_FIELDS)})"
        )
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "due_date" and value is not None:
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
                raise StorageError(f"edit to action {action_key} not saved: due_date must be a date")
            try:
                value = dt.date.fromisoformat(value) if isinstance(value, str) else value
            except ValueError as exc:
                raise StorageError(f"edit to action {action_key} not saved: due date {value!r} is not "
                                   "a date (YYYY-MM-DD)") from exc
            out[key] = value.isoformat()
        else:
            out[key] = _text(value, f"edit to action {action_key}", required=False)
    if not out:
        raise StorageError(f"edit to action {action_key} not saved: nothing was changed")
    to_json(out)
    return out


class MeetingRecords(StoreMixin):
    """Store methods for the meeting, panel notes, panel strengths and action plan edits."""

    # -- the meeting -------------------------------------------------------------------------------------
    def record_meeting(
        self,
        audit_id: str,
        recorded_by: str,
        meeting_date: dt.date | None,
        attendees: Sequence[Mapping[str, Any]],
        summary: str | None = None,
    ) -> None:
        """Record (or replace) the meeting of an audit: its date, who attended by agency and role, a note."""
        if meeting_date is not None and (isinstance(meeting_date, dt.datetime) or not isinstance(meeting_date, dt.date)):
            raise StorageError(f"meeting not saved: the meeting date must be a date, got {meeting_date!r}")
        people = _attendees(attendees)
        values = {
            "meeting_date": meeting_date,
            "attendees": people,
            "summary": _text(summary, "meeting", required=False),
            "recorded_by": _person(recorded_by, "meeting"),
            "recorded_at": self._now(),
        }
        with write(self._engine) as conn:
            conn.execute(delete(meetings).where(meetings.c.audit_id == audit_id))
            conn.execute(insert(meetings).values(audit_id=audit_id, **values))
        log.info("storage: meeting recorded (%d attendees)", len(people))

    def meeting(self, audit_id: str) -> dict[str, Any] | None:
        """The recorded meeting of an audit ({meeting_date, attendees, summary, recorded_by, recorded_at})."""
        with self._read() as conn:
            row = conn.execute(select(meetings).where(meetings.c.audit_id == audit_id)).mappings().first()
        if row is None:
            return None
        return {k: row[k] for k in ("meeting_date", "attendees", "summary", "recorded_by", "recorded_at")}

    # -- panel notes and strengths -----------------------------------------------------------------------
    def save_panel_note(self, audit_id: str, case_id: str, recorded_by: str, note: str | None) -> None:
        """Set the panel's note on a case (an empty note removes it)."""
        who = _person(recorded_by, "panel note")
        text = _text(note, "panel note", required=False)
        with write(self._engine) as conn:
            where = (panel_notes.c.audit_id == audit_id) & (panel_notes.c.case_id == case_id)
            conn.execute(delete(panel_notes).where(where))
            if text:
                conn.execute(insert(panel_notes).values(
                    audit_id=audit_id, case_id=case_id, note=text, recorded_by=who, recorded_at=self._now()))

    def panel_notes(self, audit_id: str) -> dict[str, dict[str, Any]]:
        """{case id: {note, recorded_by, recorded_at}} for an audit."""
        with self._read() as conn:
            rows = conn.execute(select(panel_notes).where(panel_notes.c.audit_id == audit_id)).mappings().all()
        return {r["case_id"]: {"note": r["note"], "recorded_by": r["recorded_by"],
                               "recorded_at": r["recorded_at"]} for r in rows}

    def add_strength(self, audit_id: str, case_id: str, added_by: str, text: str) -> int:
        """Add a strength the panel identified in a case; returns its id."""
        who = _person(added_by, "strength")
        body = _text(text, "strength")
        with write(self._engine) as conn:
            new_id = conn.execute(
                insert(panel_strengths)
                .values(audit_id=audit_id, case_id=case_id, text=body, added_by=who, added_at=self._now())
                .returning(panel_strengths.c.id)
            ).scalar_one()
        return int(new_id)

    def remove_strength(self, audit_id: str, strength_id: int, removed_by: str) -> None:
        """Hide a panel strength from the briefing (the row is kept, with who removed it and when)."""
        who = _person(removed_by, "removal")
        with write(self._engine) as conn:
            done = conn.execute(
                update(panel_strengths)
                .where(panel_strengths.c.audit_id == audit_id, panel_strengths.c.id == strength_id,
                       panel_strengths.c.removed_at.is_(None))
                .values(removed_by=who, removed_at=self._now())
            )
        if done.rowcount != 1:
            raise StorageError(f"strength {strength_id} is not a current strength of audit {audit_id!r}")

    def strengths(self, audit_id: str) -> list[dict[str, Any]]:
        """The panel's current strengths of an audit, oldest first: {id, case, text, added_by, added_at}."""
        with self._read() as conn:
            rows = conn.execute(
                select(panel_strengths)
                .where(panel_strengths.c.audit_id == audit_id, panel_strengths.c.removed_at.is_(None))
                .order_by(panel_strengths.c.id)
            ).mappings().all()
        return [{"id": r["id"], "case": r["case_id"], "text": r["text"], "added_by": r["added_by"],
                 "added_at": r["added_at"]} for r in rows]

    # -- action plan edits -------------------------------------------------------------------------------
    def save_action_edit(self, audit_id: str, action_key: str, editor: str, changes: Mapping[str, Any]) -> None:
        """Record an edit to one action (any of ACTION_FIELDS), with who made it and when."""
        who = _person(editor, f"edit to action {action_key}")
        body = _changes(changes, action_key)
        with write(self._engine) as conn:
            conn.execute(insert(action_edits).values(
                audit_id=audit_id, action_key=action_key, changes=body, editor=who, edited_at=self._now()))
        log.info("storage: action edit saved (%d field(s))", len(body))

    def action_edits(self, audit_id: str) -> dict[str, dict[str, Any]]:
        """Per action key, the latest value of each edited field, plus `edited_by` and `edited_at` (the
        last edit) and `history` (every edit, oldest first)."""
        with self._read() as conn:
            rows = conn.execute(
                select(action_edits).where(action_edits.c.audit_id == audit_id).order_by(action_edits.c.id)
            ).mappings().all()
        out: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = out.setdefault(row["action_key"], {"history": []})
            entry.update(row["changes"])
            entry["edited_by"], entry["edited_at"] = row["editor"], row["edited_at"]
            entry["history"].append({"changes": dict(row["changes"]), "editor": row["editor"],
                                     "edited_at": row["edited_at"]})
        return out

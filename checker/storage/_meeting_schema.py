"""The tables for the audit meeting and its action plan (schema version 2), in the shared `metadata`.

    meetings          one row per audit: meeting date, attendees [{agency, role}] as JSON, overall note
    panel_notes       the panel's note on one case of one audit
    panel_strengths   strengths the panel added to a case (append-only; `removed_*` hides one)
    action_edits      append-only trail of edits to one action of the composite action plan

Everything hangs off audit_id, not a run: the meeting and the action plan outlive any one run, and an
action's edits come back in every later export (actions are keyed by a stable `action_key`).
Attendees are recorded by agency and role, never by name.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, Text

from checker.storage._schema import _ID, Json, UTCDateTime, metadata

__all__ = ["meetings", "panel_notes", "panel_strengths", "action_edits"]

meetings = Table(
    "meetings",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("meeting_date", Date, nullable=True),
    Column("attendees", Json, nullable=False),
    Column("summary", Text, nullable=True),
    Column("recorded_by", String(_ID), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
)

panel_notes = Table(
    "panel_notes",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("case_id", String(_ID), primary_key=True),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(_ID), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
)

panel_strengths = Table(
    "panel_strengths",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", String(_ID), nullable=False),
    Column("case_id", String(_ID), nullable=False),
    Column("text", Text, nullable=False),
    Column("added_by", String(_ID), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("removed_by", String(_ID), nullable=True),
    Column("removed_at", UTCDateTime, nullable=True),
    Index("ix_panel_strengths_audit", "audit_id", "case_id"),
)

action_edits = Table(
    "action_edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", String(_ID), nullable=False),
    Column("action_key", String(_ID), nullable=False),
    Column("changes", Json, nullable=False),
    Column("editor", String(_ID), nullable=False),
    Column("edited_at", UTCDateTime, nullable=False),
    Index("ix_action_edits_audit", "audit_id", "action_key", "id"),
)

"""The tables schema version 4 added, in the shared `metadata`: findings the panel adds.

    panel_findings          each finding as it now stands: the case, the rule it belongs to (or a theme in
                            words when no rule covers it), the agencies, the chronology entry ids that
                            evidence it, a note, who added it and when, its version and whether it is withdrawn
    panel_finding_versions  every version of every finding (the trail): what it said, who saved it and when

Like decisions, a finding hangs off its audit, not a run, and carries a version a reviewer saves against.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text

from checker.storage._schema import _ID, Json, UTCDateTime, metadata

__all__ = ["panel_findings", "panel_finding_versions", "FINDING_COLUMNS"]

FINDING_COLUMNS = ("case_id", "rule", "theme", "agencies", "entries", "note", "withdrawn")
"""What a reviewer can change on a finding (each version keeps all of them)."""


def _content() -> tuple[Column[object], ...]:
    return (
        Column("case_id", String(_ID), nullable=False),
        Column("rule", String(_ID), nullable=True),
        Column("theme", Text, nullable=True),
        Column("agencies", Json, nullable=False),
        Column("entries", Json, nullable=False),
        Column("note", Text, nullable=False),
        Column("withdrawn", Boolean, nullable=False, default=False),
    )


panel_findings = Table(
    "panel_findings",
    metadata,
    Column("id", String(_ID), primary_key=True),
    Column("audit_id", String(_ID), nullable=False),
    *_content(),
    Column("version", Integer, nullable=False),
    Column("reviewer", String(_ID), nullable=False),  # who added it
    Column("created_at", UTCDateTime, nullable=False),
    Column("saved_by", String(_ID), nullable=False),  # who saved the version now in force
    Column("saved_at", UTCDateTime, nullable=False),
    Index("ix_panel_findings_audit", "audit_id", "created_at"),
)

panel_finding_versions = Table(
    "panel_finding_versions",
    metadata,
    Column("finding_id", String(_ID), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("audit_id", String(_ID), nullable=False),
    *_content(),
    Column("saved_by", String(_ID), nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
)

"""The tables, declared once for SQLite and PostgreSQL alike (SQLAlchemy Core).

    schema_version       one row per applied schema version (migrations start here)
    runs                 one row per `maca check` of an audit
    ├── flags            the flags a run raised (evidence as JSON)
    ├── quality          one JSON payload per agency
    └── referrals        one JSON payload per entry
    decisions            append-only trail of every review decision ever saved
    current_decisions    the decision now in force per (audit, flag), with `version` for optimistic locking
    decision_carries     which decisions a reviewer carried over from a flag no longer raised to its successor

    meetings, panel_notes, panel_strengths, action_edits   the audit meeting and its action plan
                         (declared in `_meeting_schema`; added by schema version 2)
    decision_evidence, flag_moves, id_migrations   the evidence each decision was made on, and old flag ids
                         moved to the new ones (declared in `_moves_schema`; added by schema version 3)
    decision_shares, review_completions   notes for the briefing, and the review marked complete
                         (declared in `_review_schema`; added by schema version 3)
    panel_findings, panel_finding_versions   findings the panel added that no flag raised, and their trail
                         (declared in `_findings_schema`; added by schema version 4)

Decisions hang off (audit_id, flag_id), not off a run: flag ids are stable across re-runs, so a decision
follows its flag from run to run and outlives the run it was made on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "metadata",
    "schema_version",
    "runs",
    "flags",
    "quality",
    "referrals",
    "decisions",
    "current_decisions",
    "decision_carries",
]

SCHEMA_VERSION = 4
MIGRATIONS = {
    2: "the audit meeting (date, attendees, panel notes per case), reviewer-added strengths and action plan edits",
    3: "a flag is its finding (ids without evidence): the evidence each decision was made on, and old flag ids "
       "moved to the new ones with their decisions; notes shared with the briefing; the review marked complete",
    4: "findings the panel adds (a rule or a theme, agencies, chronology entries, a note), with their trail",
}
"""What each schema version after the first added. Every change so far only adds tables, which
`metadata.create_all` creates on an existing store; opening the store then records the new version.
Version 3 also marks each audit stored before it, whose flags move to the new ids with its next run
(`checker.storage._moves`)."""

_ID = 128  # audit ids, flag ids, digests and hashes all fit comfortably
_SHORT = 64


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes in, timezone-aware UTC datetimes out, on every backend.

    SQLite has no time zone type, so values are stored there as naive UTC and re-tagged on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", String(_ID), nullable=False),
    Column("bundle_digest", String(_ID), nullable=False),
    Column("ruleset_hash", String(_ID), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("n_flags", Integer, nullable=False),
    Column("n_quality", Integer, nullable=False),
    Column("n_referrals", Integer, nullable=False),
    Index("ix_runs_audit_id", "audit_id", "id"),
    Index("ix_runs_created_at", "created_at"),
)


def _run_fk() -> ForeignKey:
    return ForeignKey("runs.id", ondelete="CASCADE")


flags = Table(
    "flags",
    metadata,
    Column("run_id", Integer, _run_fk(), primary_key=True),
    Column("flag_id", String(_ID), primary_key=True),
    Column("rule", String(_ID), nullable=False),
    Column("category", String(_SHORT), nullable=False),
    Column("case_id", String(_ID), nullable=False),
    Column("agency", String(_ID), nullable=True),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("evidence", Json, nullable=False),
    Column("ruleset", String(_ID), nullable=False),
    Index("ix_flags_flag_id", "flag_id"),
)

quality = Table(
    "quality",
    metadata,
    Column("run_id", Integer, _run_fk(), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("payload", Json, nullable=False),
)

referrals = Table(
    "referrals",
    metadata,
    Column("run_id", Integer, _run_fk(), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("payload", Json, nullable=False),
)

_decision_columns = (
    ("reviewer", String(_ID), False),
    ("decided_at", UTCDateTime, False),
    ("decision", String(16), False),
    ("reason", Text, True),
    ("note", Text, True),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", String(_ID), nullable=False),
    Column("flag_id", String(_ID), nullable=False),
    Column("version", Integer, nullable=False),
    *(Column(name, type_, nullable=nullable) for name, type_, nullable in _decision_columns),
    # A second line of defence: two writers can never both record version N of the same flag.
    UniqueConstraint("audit_id", "flag_id", "version", name="uq_decisions_flag_version"),
)

current_decisions = Table(
    "current_decisions",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("flag_id", String(_ID), primary_key=True),
    Column("version", Integer, nullable=False),
    *(Column(name, type_, nullable=nullable) for name, type_, nullable in _decision_columns),
)


decision_carries = Table(
    "decision_carries",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("flag_id", String(_ID), primary_key=True),  # the new flag
    Column("version", Integer, primary_key=True),  # the decision version the carry created
    Column("from_flag_id", String(_ID), nullable=False),  # the flag no longer raised
    Column("from_version", Integer, nullable=False),
    Column("carried_by", String(_ID), nullable=False),
    Column("carried_at", UTCDateTime(), nullable=False),
)

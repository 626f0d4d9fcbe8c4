"""The review's own state (schema version 3), in the shared `metadata`.

    decision_shares     decision versions whose note the reviewer ticked "for the briefing" (notes are
                        private otherwise: the briefing never prints one that is not here)
    review_completions  an audit whose panel marked the review complete: the briefing then drafts only
                        confirmed findings and recorded strengths (deleting the row reopens the review)
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from checker.storage._schema import _ID, UTCDateTime, metadata

__all__ = ["decision_shares", "review_completions"]

decision_shares = Table(
    "decision_shares",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("flag_id", String(_ID), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
)

review_completions = Table(
    "review_completions",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("completed_by", String(_ID), nullable=False),
    Column("completed_at", UTCDateTime, nullable=False),
)

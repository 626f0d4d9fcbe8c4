"""The tables schema version 3 added, in the shared `metadata`: a flag is its finding.

    decision_evidence   the evidence a decision was made on (per decision version), so a later run can say
                        "evidence changed since the decision" with what was added or removed
    flag_moves          an old flag id (schema 2 hashed the evidence) -> the flag id(s) it became, with the
                        decision version it brought and how many flags the old one became
    id_migrations       per audit whose runs were stored under the old ids: the last such run, and when its
                        flags were moved onto the new ids (by the first run recorded after the upgrade)
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from checker.storage._schema import _ID, Json, UTCDateTime, metadata

__all__ = ["decision_evidence", "flag_moves", "id_migrations"]

decision_evidence = Table(
    "decision_evidence",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("flag_id", String(_ID), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("evidence", Json, nullable=False),
)

flag_moves = Table(
    "flag_moves",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("from_flag_id", String(_ID), primary_key=True),
    Column("to_flag_id", String(_ID), primary_key=True),
    Column("from_version", Integer, nullable=True),  # the old flag's decision version moved, None: undecided
    Column("became", Integer, nullable=False),  # how many new flags the old one became
    Column("moved_at", UTCDateTime, nullable=False),
)

id_migrations = Table(
    "id_migrations",
    metadata,
    Column("audit_id", String(_ID), primary_key=True),
    Column("last_old_run", Integer, nullable=False),
    Column("done_at", UTCDateTime, nullable=True),
)

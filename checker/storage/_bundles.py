"""Where each run's bundle was read from, so a later command can check it again (`maca rules try`).

    run_bundles   run id -> the bundle's path as the command that stored the run was given it

Added without a schema version step: the table is created when a store is opened (`metadata.create_all`),
and a run stored before it, or from an upload, simply has no path. Removing a run removes its row (cascade).
Paths are the user's own folder names, never record text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, ForeignKey, Integer, Table, Text, delete, insert, select

from checker.storage._schema import metadata, runs

__all__ = ["run_bundles", "note_bundle", "bundle_path", "bundle_sources"]

run_bundles = Table(
    "run_bundles",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("path", Text, nullable=False),
)


def note_bundle(conn: Connection, run_id: int, path: str) -> None:
    """Record (or replace) the path the run's bundle was read from."""
    conn.execute(delete(run_bundles).where(run_bundles.c.run_id == run_id))
    conn.execute(insert(run_bundles).values(run_id=run_id, path=path))


def bundle_path(conn: Connection, run_id: int) -> str | None:
    """The path recorded for a run, or None."""
    return conn.execute(select(run_bundles.c.path).where(run_bundles.c.run_id == run_id)).scalar()


def bundle_sources(conn: Connection, audit_id: str | None) -> list[dict[str, Any]]:
    """Every stored run with a recorded bundle path (of one audit, or all), newest first:
    {run_id, audit_id, bundle_digest, as_of, path}."""
    stmt = select(runs.c.id, runs.c.audit_id, runs.c.bundle_digest, runs.c.as_of, run_bundles.c.path).join(
        run_bundles, run_bundles.c.run_id == runs.c.id)
    if audit_id is not None:
        stmt = stmt.where(runs.c.audit_id == audit_id)
    return [{"run_id": row["id"], "audit_id": row["audit_id"], "bundle_digest": row["bundle_digest"],
             "as_of": row["as_of"], "path": row["path"]}
            for row in conn.execute(stmt.order_by(runs.c.id.desc())).mappings()]

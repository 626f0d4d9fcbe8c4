"""Where the database is, how to connect to it, and how a write transaction is opened on each backend."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)

from checker.model.datafiles import ENV_DATA_DIR, data_dir
from checker.model.errors import StorageError
from checker.model.private import private_dir, private_file
from checker.storage import (
    _bundles,  # noqa: F401 - registers the run_bundles table in `metadata` (no version step: see the module)
    _findings_schema,  # noqa: F401 - registers the panel's findings tables in `metadata`
    _meeting_schema,  # noqa: F401 - registers the meeting tables in `metadata`
    _review_schema,  # noqa: F401 - registers the review state tables in `metadata`
)
from checker.storage._moves import mark_old_runs  # its schema module registers the version 3 tables
from checker.storage._schema import MIGRATIONS, SCHEMA_VERSION, metadata, schema_version

__all__ = [
    "to_json",
    "ENV_URL",
    "ENV_DATA_DIR",
    "data_dir",
    "default_db_url",
    "resolve_url",
    "open_engine",
    "write",
    "read",
    "safe_url",
]

log = logging.getLogger("checker.storage")

ENV_URL = "MACA_DB_URL"
_DB_FILE = "maca.sqlite"
_WRITE = "maca_write"  # execution option: this transaction will write
SQLITE_BUSY_TIMEOUT_S = 30.0


def default_db_url(env: Mapping[str, str] | None = None) -> str:
    """The SQLite file used when no URL is given: `$MACA_DATA_DIR/maca.sqlite` or `~/.local/share/maca/`."""
    return f"sqlite:///{data_dir(env) / _DB_FILE}"


def resolve_url(url: str | URL | None) -> URL:
    """The argument, else `$MACA_DB_URL`, else `default_db_url()`."""
    raw = url if url is not None else (os.environ.get(ENV_URL) or default_db_url())
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        source = "the database URL" if url is not None else f"${ENV_URL}"
        raise StorageError(
            f"{source} is not a database URL: expected e.g. 'sqlite:////path/maca.sqlite' or "
            "'postgresql+psycopg://user:password@host/dbname'"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(
            f"unsupported database {parsed.get_backend_name()!r} in {safe_url(parsed)}: "
            "use sqlite:///... or postgresql+psycopg://..."
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship with
    return parsed


def safe_url(url: URL) -> str:
    """The URL with any password masked, fit for messages and logs."""
    return url.render_as_string(hide_password=True)


def _json_default(value: Any) -> Any:
    # Evidence comes out of pandas: dates, Timestamps and numpy scalars must survive the trip as JSON.
    if isinstance(value, dt.date | dt.datetime) or hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


def to_json(value: Any) -> str:
    """JSON as stored. NaN/Infinity are refused: PostgreSQL's JSONB rejects them, so SQLite must too."""
    return json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False)


def open_engine(url: URL) -> Engine:
    """An engine for `url` with the schema created and its version checked."""
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        _private_sqlite(Path(url.database).expanduser())
    kwargs: dict[str, Any] = {"json_serializer": to_json}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        _sqlite_transactions(engine)
    try:
        _ensure_schema(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StorageError(
            f"cannot open the results database {safe_url(url)}: {_reason(exc)}. "
            f"Check the URL (argument or ${ENV_URL}) and that the server is running."
        ) from exc
    except StorageError:
        engine.dispose()
        raise
    return engine


def _private_sqlite(path: Path) -> None:
    """The store's folder is made 0700 and its file 0600 (`checker.model.private`); SQLite gives its journal
    and WAL files the database file's mode."""
    try:
        private_dir(path.parent)
        private_file(path)
    except OSError as exc:
        raise StorageError(
            f"cannot create the results database {path}: {exc.strerror or type(exc).__name__}. "
            "Give a folder you can write to with --db (or $MACA_DB_URL)."
        ) from exc


def _reason(exc: SQLAlchemyError) -> str:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def _sqlite_transactions(engine: Engine) -> None:
    """Take BEGIN away from the sqlite3 driver so writes can start with BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes SQLite's write lock up front, so a second writer waits (busy timeout) instead of
    failing with "database is locked" when it upgrades from a read lock half-way through a transaction.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction: committed on success, rolled back on any exception."""
    with _available(), _transaction(engine) as conn:
        yield conn


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A connection for reading (one consistent transaction, rolled back on close)."""
    with _available(), engine.connect() as conn:
        yield conn


@contextmanager
def _available() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:  # server gone, SQLite still locked after the busy timeout, disk full...
        raise StorageError(
            f"the results database is unavailable or busy ({_reason(exc)}): try again"
        ) from exc


def _ensure_schema(engine: Engine, attempts: int = 3) -> None:
    for attempt in range(1, attempts + 1):
        try:
            with _transaction(engine) as conn:
                metadata.create_all(conn)
                found = conn.execute(select(schema_version.c.version)).scalars().all()
                newest = max(found, default=None)
                if newest is None:
                    conn.execute(insert(schema_version).values(version=SCHEMA_VERSION, applied_at=utc_now()))
                    log.info("storage: created schema version %d", SCHEMA_VERSION)
                elif newest < SCHEMA_VERSION:  # an older store: create_all has just added the new tables
                    if newest < 3:  # flags stored under ids that hashed their evidence: moved with the next run
                        mark_old_runs(conn)
                    for version in range(newest + 1, SCHEMA_VERSION + 1):
                        conn.execute(insert(schema_version).values(version=version, applied_at=utc_now()))
                        log.info("storage: migrated to schema version %d (%s)", version, MIGRATIONS.get(version, ""))
                elif newest > SCHEMA_VERSION:
                    raise StorageError(
                        f"the results database uses schema version {newest}, newer than this maca "
                        f"understands ({SCHEMA_VERSION}): upgrade maca before opening it"
                    )
            return
        except (IntegrityError, ProgrammingError):
            # Two processes creating the schema at the same moment: the loser retries and finds it made.
            if attempt == attempts:
                raise


def utc_now() -> dt.datetime:
    """The store's default clock: now, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)

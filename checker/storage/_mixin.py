"""`StoreMixin`: what the parts of `Store` kept in their own modules (`MeetingRecords`, `FindingRecords`) rely
on `Store` to provide."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager

from sqlalchemy import Connection, Engine

__all__ = ["StoreMixin"]


class StoreMixin:
    """The engine, the store's clock and a read connection (provided by `Store`)."""

    _engine: Engine

    def _now(self) -> dt.datetime:  # pragma: no cover - Store provides it
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - Store provides it
        raise NotImplementedError

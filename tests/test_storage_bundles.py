"""Where each run's bundle was read from (`Store.note_bundle`, `Store.bundle_sources`), on SQLite and
PostgreSQL: recorded once per run (a second note of the same path writes nothing), replaced when the bundle
moves, listed newest first per audit, refused for a run that does not exist, and removed with its run."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.model.errors import StorageError
from checker.storage import Store

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def _run(store: Store, audit: str, digest: str) -> int:
    return store.record_run(audit, digest, "rs-1", dt.date(2024, 8, 31), [], [], [])


def test_bundle_paths_are_kept_per_run_and_go_with_it(db_url: str) -> None:
    clock = {"now": T0}
    with Store(db_url, clock=lambda: clock["now"]) as store:
        first, other = _run(store, "a-1", "d1"), _run(store, "a-2", "d9")
        store.note_bundle(first, "/audits/a-1")
        store.note_bundle(other, "/audits/a-2")
        clock["now"] = T0 + dt.timedelta(days=40)
        second = _run(store, "a-1", "d2")
        store.note_bundle(second, "/audits/old-name")
        store.note_bundle(second, "/audits/a-1-moved")  # the folder was renamed: the latest path wins
        store.note_bundle(second, "/audits/a-1-moved")
        assert [(s["run_id"], s["path"]) for s in store.bundle_sources("a-1")] == \
            [(second, "/audits/a-1-moved"), (first, "/audits/a-1")]
        assert {s["audit_id"] for s in store.bundle_sources()} == {"a-1", "a-2"}
        assert store.bundle_sources("a-1")[0]["as_of"] == dt.date(2024, 8, 31)
        with pytest.raises(StorageError, match="no stored run 999"):
            store.note_bundle(999, "/audits/x")
        with pytest.raises(StorageError, match="non-empty path"):
            store.note_bundle(first, " ")
        store.purge(older_than_days=30, now=T0 + dt.timedelta(days=45))  # the first two runs go
        assert [s["run_id"] for s in store.bundle_sources()] == [second]

"""The meeting, panel notes, panel strengths and action edits in the store, on SQLite and PostgreSQL, and the
migration of a schema-version-1 store."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, insert, inspect, select

from checker.model.errors import StorageError
from checker.storage import SCHEMA_VERSION, Store
from checker.storage._schema import (
    current_decisions,
    decisions,
    flags,
    quality,
    referrals,
    runs,
    schema_version,
)

AUDIT = "maca-2019-homelessness"
T0 = dt.datetime(2019, 3, 26, 15, 0, tzinfo=dt.UTC)
V1_TABLES = (schema_version, runs, flags, quality, referrals, decisions, current_decisions)
V2_TABLES = {"meetings", "panel_notes", "panel_strengths", "action_edits"}


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_meeting_round_trip_keeps_agency_and_role_only(db_url: str) -> None:
    with Store(db_url, clock=Clock()) as store:
        assert store.meeting(AUDIT) is None
        store.record_meeting(AUDIT, "qa.officer", dt.date(2019, 3, 26),
                             [{"agency": "housing", "role": "Team leader"}, {"agency": "", "role": ""}], "Good")
        meeting = store.meeting(AUDIT)
        assert meeting is not None
        assert meeting["meeting_date"] == dt.date(2019, 3, 26)
        assert meeting["attendees"] == [{"agency": "housing", "role": "Team leader"}]
        assert (meeting["recorded_by"], meeting["recorded_at"]) == ("qa.officer", T0)
        store.record_meeting(AUDIT, "qa.officer", dt.date(2019, 3, 27), [], None)  # a correction replaces it
        assert store.meeting(AUDIT)["meeting_date"] == dt.date(2019, 3, 27)  # type: ignore[index]


def test_an_attendee_name_is_refused(db_url: str) -> None:
    with Store(db_url) as store, pytest.raises(StorageError, match="only agency and role are kept"):
        store.record_meeting(AUDIT, "qa.officer", None, [{"agency": "csc", "role": "SW", "name": "J. Bloggs"}])
    with Store(db_url) as store, pytest.raises(StorageError, match="a name is required"):
        store.record_meeting(AUDIT, " ", None, [])


def test_panel_notes_and_strengths(db_url: str) -> None:
    with Store(db_url, clock=Clock()) as store:
        store.save_panel_note(AUDIT, "case-1", "qa.officer", "Panel agreed drift.")
        store.save_panel_note(AUDIT, "case-2", "qa.officer", "Neglect.")
        store.save_panel_note(AUDIT, "case-2", "qa.officer", "")  # emptied: removed
        assert {k: v["note"] for k, v in store.panel_notes(AUDIT).items()} == {"case-1": "Panel agreed drift."}
        first = store.add_strength(AUDIT, "case-1", "qa.officer", "GP persisted.")
        store.add_strength(AUDIT, "case-3", "qa.officer", "School acted the same day.")
        store.remove_strength(AUDIT, first, "qa.lead")
        assert [(s["case"], s["text"]) for s in store.strengths(AUDIT)] == [("case-3", "School acted the same day.")]
        with pytest.raises(StorageError, match="not a current strength"):
            store.remove_strength(AUDIT, first, "qa.lead")
        with pytest.raises(StorageError, match="empty"):
            store.add_strength(AUDIT, "case-1", "qa.officer", "  ")


def test_action_edits_keep_who_and_when_and_the_latest_value_of_each_field(db_url: str) -> None:
    clock = Clock()
    with Store(db_url, clock=clock) as store:
        store.save_action_edit(AUDIT, "rule:x", "a.one", {"owner": "Housing", "due_date": dt.date(2019, 6, 30)})
        clock.now = T0 + dt.timedelta(days=30)
        store.save_action_edit(AUDIT, "rule:x", "b.two", {"status": "Done", "evidence": "Protocol relaunched"})
        edit = store.action_edits(AUDIT)["rule:x"]
        assert (edit["owner"], edit["due_date"], edit["status"]) == ("Housing", "2019-06-30", "Done")
        assert (edit["edited_by"], edit["edited_at"]) == ("b.two", T0 + dt.timedelta(days=30))
        assert [h["editor"] for h in edit["history"]] == ["a.one", "b.two"]
        with pytest.raises(StorageError, match="cannot be edited"):
            store.save_action_edit(AUDIT, "rule:x", "a.one", {"flag_ids": "f-1"})
        with pytest.raises(StorageError, match="not a date"):
            store.save_action_edit(AUDIT, "rule:x", "a.one", {"due_date": "31/06/2019"})
        with pytest.raises(StorageError, match="nothing was changed"):
            store.save_action_edit(AUDIT, "rule:x", "a.one", {})


def _make_v1_store(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for table in V1_TABLES:
                table.create(conn)
            conn.execute(insert(schema_version).values(version=1, applied_at=T0))
            conn.execute(insert(runs).values(audit_id=AUDIT, bundle_digest="d", ruleset_hash="r", as_of=T0.date(),
                                             created_at=T0, n_flags=0, n_quality=0, n_referrals=0))
    finally:
        engine.dispose()


def test_a_version_1_store_is_migrated_on_opening(db_url: str) -> None:
    _make_v1_store(db_url)
    with Store(db_url) as store:
        assert [r["audit_id"] for r in store.runs()] == [AUDIT]  # nothing lost
        store.record_meeting(AUDIT, "qa.officer", None, [])  # the new tables are there
    engine = create_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= V2_TABLES
        with engine.connect() as conn:
            versions = sorted(conn.execute(select(schema_version.c.version)).scalars())
    finally:
        engine.dispose()
    assert versions == list(range(1, SCHEMA_VERSION + 1))

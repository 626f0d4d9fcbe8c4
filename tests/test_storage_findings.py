"""Findings the panel adds, in the store (SQLite always; PostgreSQL when MACA_TEST_PG_URL is set, required under
CI=true): added, listed, edited and withdrawn against the version the reviewer saw, conflicts told as for
decisions, every version kept, the note never logged, and purged only with the audit."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from checker.model.errors import ConflictError, StorageError
from checker.storage import Store

AUDIT = "lscp-2024-q3"
T0 = dt.datetime(2024, 9, 1, 9, 30, tzinfo=dt.UTC)
NOTE = "Mother prioritised her own needs; nobody asked the children"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url, clock=lambda: T0) as opened:
        yield opened


def add(store: Store, **over: Any) -> str:
    fields: dict[str, Any] = {"case": "case-1", "rule": "voice-of-child", "theme": None, "agencies": ["csc", "hv"],
                              "entries": ["7e034fe4d4192596"], "note": NOTE, "reviewer": "amina"}
    return store.add_finding(AUDIT, **(fields | over))


def test_a_finding_is_stored_with_every_field_and_listed_per_audit(store: Store) -> None:
    fid = add(store)
    other = store.add_finding("other-audit", case="c", rule=None, theme="Rush to medical consent", agencies=["gp"],
                              entries=[], note="n", reviewer="ben", now=T0 + dt.timedelta(hours=1))
    (finding,) = store.findings(AUDIT)
    assert finding == {
        "id": fid, "audit_id": AUDIT, "case": "case-1", "rule": "voice-of-child", "theme": None,
        "agencies": ["csc", "hv"], "entries": ["7e034fe4d4192596"], "note": NOTE, "reviewer": "amina",
        "created_at": T0, "version": 1, "withdrawn": False, "saved_by": "amina", "saved_at": T0}
    assert [f["id"] for f in store.findings()] == [fid, other]
    assert store.findings("other-audit")[0]["theme"] == "Rush to medical consent"
    assert store.finding(AUDIT, other) is None  # a finding belongs to its audit


@pytest.mark.parametrize(("over", "says"), [
    ({"rule": None, "theme": None}, "theme in words"),
    ({"theme": "also a theme"}, "not both"),
    ({"agencies": []}, "at least one of the agencies"),
    ({"note": "  "}, "the note is empty"),
    ({"reviewer": ""}, "reviewer name"),
    ({"case": ""}, "the case is required"),
    ({"finding_id": "p-1"}, "is not a finding id"),
])
def test_a_finding_missing_what_it_needs_is_refused(store: Store, over: dict[str, Any], says: str) -> None:
    with pytest.raises(StorageError, match=says):
        add(store, **over)
    assert store.findings(AUDIT) == []


def test_edit_and_withdraw_save_new_versions_and_keep_the_trail(store: Store) -> None:
    fid = add(store)
    later = T0 + dt.timedelta(days=1)
    assert store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", rule=None, theme="Voice of the child",
                              entries=[], now=later) == 2
    assert store.withdraw_finding(AUDIT, fid, expected_version=2, reviewer="amina", now=later) == 3
    finding = store.finding(AUDIT, fid)
    assert finding is not None
    assert (finding["rule"], finding["theme"], finding["entries"], finding["withdrawn"], finding["version"]) == (
        None, "Voice of the child", [], True, 3)
    assert (finding["reviewer"], finding["created_at"], finding["saved_by"], finding["saved_at"]) == (
        "amina", T0, "amina", later)
    trail = store.finding_history(AUDIT, fid)
    assert [(v["version"], v["rule"], v["theme"], v["withdrawn"], v["saved_by"]) for v in trail] == [
        (1, "voice-of-child", None, False, "amina"), (2, None, "Voice of the child", False, "ben"),
        (3, None, "Voice of the child", True, "amina")]
    assert store.withdraw_finding(AUDIT, fid, expected_version=3, reviewer="ben", withdrawn=False) == 4
    assert store.finding(AUDIT, fid)["withdrawn"] is False  # type: ignore[index]


def test_a_stale_edit_is_a_conflict_naming_who_what_when(store: Store) -> None:
    fid = add(store)
    store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", note="ben's wording")
    with pytest.raises(ConflictError) as err:
        store.edit_finding(AUDIT, fid, expected_version=1, reviewer="cara", note="cara's wording")
    message = str(err.value)
    assert "ben changed it" in message and "UTC" in message and "version 2" in message and "version 1" in message
    assert err.value.current is not None and err.value.current["note"] == "ben's wording"
    assert err.value.attempted is not None and err.value.attempted["note"] == "cara's wording"
    with pytest.raises(ConflictError, match="ben changed it"):
        store.withdraw_finding(AUDIT, fid, expected_version=1, reviewer="cara")
    assert [v["saved_by"] for v in store.finding_history(AUDIT, fid)] == ["amina", "ben"]


def test_editing_refuses_an_unknown_finding_field_or_version(store: Store) -> None:
    fid = add(store)
    with pytest.raises(StorageError, match="not recorded for audit"):
        store.edit_finding(AUDIT, "p-000000000000", expected_version=1, reviewer="ben", note="x")
    with pytest.raises(StorageError, match="withdrawn cannot be changed"):
        store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", withdrawn=True)
    with pytest.raises(StorageError, match="version you saw"):
        store.edit_finding(AUDIT, fid, expected_version=0, reviewer="ben", note="x")
    with pytest.raises(StorageError, match="not both"):
        store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", theme="and a theme")
    assert store.finding(AUDIT, fid)["version"] == 1  # type: ignore[index]


def test_an_id_kept_from_elsewhere_is_added_once(store: Store) -> None:
    assert add(store, finding_id="p-0123456789ab") == "p-0123456789ab"
    with pytest.raises(ConflictError, match="already recorded"):
        add(store, finding_id="p-0123456789ab")
    assert len(store.findings(AUDIT)) == 1


def test_the_note_is_never_logged(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fid = add(store)
    store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", note=NOTE + " (edited)")
    with pytest.raises(ConflictError):
        store.edit_finding(AUDIT, fid, expected_version=1, reviewer="ben", note=NOTE)
    assert fid in caplog.text
    assert "prioritised" not in caplog.text and "voice-of-child" not in caplog.text


def test_findings_are_purged_only_with_their_audit(store: Store) -> None:
    add(store)
    store.record_run("kept", "d", "r", dt.date(2024, 9, 1), [], [], [])
    store.add_finding("kept", case="c", rule="r", theme=None, agencies=["gp"], entries=[], note="n", reviewer="a")
    assert "panel_findings" not in store.purge(10, now=T0)  # decisions (and findings) kept by default
    assert len(store.findings()) == 2
    removed = store.purge(10, keep_decisions=False, now=T0)
    assert (removed["panel_findings"], removed["panel_finding_versions"]) == (1, 1)  # AUDIT has no run left
    assert [f["audit_id"] for f in store.findings()] == ["kept"]

"""A store written by main's schema version 2 (flag ids that hashed the evidence) opens under schema 3 and
later, and every decision in it is still shown against its flag once the audit is checked again: on the same
finding under its new id, with the trail saying where it came from. Nothing is dropped. A store written at
schema 3 (`schema-v3.sqlite`, `make_schema_v3.py`) opens under schema 4 with all it held and takes findings.

The store is `tests/data/stores/schema-v2.sqlite`, made with main's code before schema 3
(`tests/data/stores/make_schema_v2.py`); on PostgreSQL its rows are copied into version 2's tables.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, inspect, select, text

from checker.check import CheckResult, run_check
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.storage import SCHEMA_VERSION, Store
from checker.storage._schema import metadata, schema_version

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "stores" / "schema-v2.sqlite"
SAMPLE = ROOT / "samples" / "homelessness"
AUDIT = "maca-2019-homelessness"
# The four decisions main recorded: old id -> (rule, case, agency as main stored it, decision, version)
DECIDED = {
    "f-6b9f1457718a609d": ("was-not-brought-not-escalated", "case-2", "gp", "confirmed", 1),
    "f-76b78dc1ad598764": ("immediate-concern", "case-4", "housing", "action_needed", 1),
    "f-da5b2b3c67c2b56b": ("drift-and-delay", "case-1", None, "dismissed", 2),
    "f-b57235311c3a11f1": ("antenatal-hv-missing", "case-1", "hv", "dismissed", 1),
}
V3_TABLES = {"decision_evidence", "flag_moves", "id_migrations"}


@pytest.fixture(scope="module")
def checked() -> CheckResult:
    return run_check(load_bundle(SAMPLE))


def copy_into_postgres(url: str, fixture: Path = FIXTURE) -> None:
    """The fixture's tables (as declared now: tables are only ever added) with the fixture's rows."""
    source, target = create_engine(f"sqlite:///{fixture}"), create_engine(url)
    try:
        names = set(inspect(source).get_table_names())
        tables = [t for t in metadata.sorted_tables if t.name in names]
        with source.connect() as read, target.begin() as write:
            for table in tables:
                table.create(write)
                rows = [dict(r) for r in read.execute(select(table)).mappings()]
                if rows:
                    write.execute(insert(table), rows)
                if "id" in table.c and table.c["id"].autoincrement is True and rows:
                    write.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                       f"(SELECT max(id) FROM {table.name}))"))
    finally:
        source.dispose()
        target.dispose()


@pytest.fixture
def v2_url(db_url: str) -> str:
    if db_url.startswith("sqlite"):
        shutil.copy(FIXTURE, db_url.removeprefix("sqlite:///"))
    else:
        copy_into_postgres(db_url)
    return db_url


def table_names(fixture: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{fixture}")
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def versions(url: str) -> list[int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(schema_version.c.version)).scalars())
    finally:
        engine.dispose()


def test_the_fixture_is_a_version_2_store() -> None:
    assert FIXTURE.is_file() and FIXTURE.stat().st_size > 0, f"{FIXTURE} is missing (it is committed despite *.sqlite)"
    assert versions(f"sqlite:///{FIXTURE}") == [2]
    assert not table_names(FIXTURE) & V3_TABLES


def test_opening_keeps_every_decision_on_its_stored_flag(v2_url: str) -> None:
    with Store(v2_url) as store:
        (run,) = store.runs(AUDIT)
        decided = {f["id"]: f for f in store.flags(run["id"]) if f["decision"]}
        assert store.awaits_new_ids(AUDIT)
    assert versions(v2_url) == list(range(2, SCHEMA_VERSION + 1))
    assert {fid: f["status"] for fid, f in decided.items()} == {fid: d[3] for fid, d in DECIDED.items()}


def test_the_next_run_moves_each_decision_to_its_finding(v2_url: str, checked: CheckResult) -> None:
    with Store(v2_url) as store:
        (old,) = store.runs(AUDIT)
        old_flags = {f["id"]: f for f in store.flags(old["id"])}
        run = ensure_run(store, checked)
        assert run != old["id"]  # same bundle, but the flags are stored again under their new ids
        assert not store.awaits_new_ids(AUDIT)
        changes = store.changes(run)
        flags = store.flags(run)
        moved: dict[str, dict[str, Any]] = {}
        for flag in flags:
            for move in store.moved_onto(AUDIT, flag["id"]):
                if move["from_flag_id"] in DECIDED:
                    moved[move["from_flag_id"]] = {**flag, "move": move}
        histories = {fid: store.decision_history(AUDIT, fid) for fid in DECIDED}
        assert ensure_run(store, checked) == run  # moved once: the next check reuses the run

    assert not changes["resolved"] and not changes["new"]  # the same 53 findings, none resolved
    assert len(changes["persisting"]) == len(old_flags)
    assert set(moved) == set(DECIDED)
    for old_id, (rule, case, _, decision, version) in DECIDED.items():
        flag = moved[old_id]
        assert flag["id"] != old_id
        assert (flag["rule"], flag["case"], flag["status"]) == (rule, case, decision)
        assert flag["move"]["from_version"] == version and flag["move"]["became"] == 1
        before = old_flags[old_id]["decision"]
        assert {k: flag["decision"][k] for k in ("reviewer", "decided_at", "reason", "note")} == \
            {k: before[k] for k in ("reviewer", "decided_at", "reason", "note")}
        if rule == "drift-and-delay":
            # Same bundle, but since the fixture was made the rule counts from the referral (issue 19's decided
            # definition), so it now also cites the MASH referral: shown as evidence added since the decision.
            change = flag["evidence_change"]
            assert change is not None and not change["removed"]
            assert [(e["file"], e["row"]) for e in change["added"]] == [("chronologies/mash.csv", 2)]
        else:
            assert flag["evidence_change"] is None  # same bundle: the decision was made on this evidence
        assert len(histories[old_id]) == version  # the old trail is kept under the old id
    # a case-grouped rule keeps the agency its YAML names (main stored "several agencies")
    assert moved["f-da5b2b3c67c2b56b"]["agency"] == "csc"
    assert moved["f-6b9f1457718a609d"]["decision"]["note"] == "Spoke to GP safeguarding lead 26/03"


def test_one_old_flag_that_became_two_gives_each_its_decision(v2_url: str) -> None:
    old_id = "f-6b9f1457718a609d"
    with Store(v2_url, clock=lambda: dt.datetime(2019, 4, 1, 9, 0, tzinfo=dt.UTC)) as store:
        (old,) = store.runs(AUDIT)
        evidence = next(f for f in store.flags(old["id"]) if f["id"] == old_id)["evidence"]
        assert len(evidence) >= 2
        halves = (evidence[: len(evidence) // 2], evidence[len(evidence) // 2:])
        made = [{"id": f"f-new-{i}", "rule": "was-not-brought-not-escalated", "category": "risk", "case": "case-2",
                 "agency": "gp", "severity": "high", "message": "m", "evidence": list(half), "ruleset": "r"}
                for i, half in enumerate(halves)]
        other = {**made[0], "id": "f-elsewhere", "case": "case-6", "evidence": []}
        run = store.record_run(AUDIT, "d2", "r2", dt.date(2019, 3, 26), [*made, other], [], [])
        flags = {f["id"]: f for f in store.flags(run)}
        moves = {fid: store.moved_onto(AUDIT, fid) for fid in flags}
    assert flags["f-new-0"]["status"] == flags["f-new-1"]["status"] == "confirmed"
    assert flags["f-elsewhere"]["status"] == "open"
    for fid in ("f-new-0", "f-new-1"):
        assert [(m["from_flag_id"], m["became"]) for m in moves[fid]] == [(old_id, 2)]
        # each half cites less than the decision was made on: shown, not silently kept
        change = flags[fid]["evidence_change"]
        assert change is not None and change["removed"] and not change["added"]


# -- schema 3 -> 4: findings the panel adds ----------------------------------------------------------------
V3_FIXTURE = FIXTURE.parent / "schema-v3.sqlite"  # made by main at schema 3 (make_schema_v3.py)
CONFIRMED, DISMISSED = "f-4837d9423e542a0d", "f-16f628415dbf10de"  # as make_schema_v3.py printed them


@pytest.fixture
def v3_url(db_url: str) -> str:
    if db_url.startswith("sqlite"):
        shutil.copy(V3_FIXTURE, db_url.removeprefix("sqlite:///"))
    else:
        copy_into_postgres(db_url, V3_FIXTURE)
    return db_url


def test_the_fixture_is_a_version_3_store() -> None:
    assert V3_FIXTURE.is_file(), f"{V3_FIXTURE} is missing (it is committed despite *.sqlite)"
    assert versions(f"sqlite:///{V3_FIXTURE}") == [3]  # made new at version 3
    assert not {"panel_findings", "panel_finding_versions"} & table_names(V3_FIXTURE)


def test_opening_a_version_3_store_keeps_everything_and_takes_findings(v3_url: str) -> None:
    with Store(v3_url) as store:
        (run,) = store.runs(AUDIT)
        status = {f["id"]: f["status"] for f in store.flags(run["id"])}
        decisions = store.decisions(AUDIT)
        trail = store.decision_history(AUDIT, DISMISSED)
        meeting, strengths, edits = store.meeting(AUDIT), store.strengths(AUDIT), store.action_edits(AUDIT)
        assert store.findings(AUDIT) == []
        fid = store.add_finding(AUDIT, case="case-2", rule=None, theme="Missed opportunity for proceedings",
                                agencies=["csc"], entries=[], note="Threshold met by 03/2019", reviewer="a.khan")
        (finding,) = store.findings(AUDIT)
    assert versions(v3_url)[-1] == SCHEMA_VERSION == 4
    assert (status[CONFIRMED], status[DISMISSED]) == ("confirmed", "dismissed")
    assert decisions[CONFIRMED]["note"] == "Spoke to GP safeguarding lead 26/03" and decisions[CONFIRMED]["for_briefing"]
    assert [(d["version"], d["decision"], d["reviewer"]) for d in trail] == [
        (1, "confirmed", "j.smith"), (2, "dismissed", "amina.khan")]
    assert meeting is not None and meeting["summary"] == "Quorate."
    assert [s["text"] for s in strengths] == ["GP persisted in seeking consent."]
    assert edits["rule:drift-and-delay"]["status"] == "In progress"
    assert (finding["id"], finding["theme"], finding["version"], finding["withdrawn"]) == (
        fid, "Missed opportunity for proceedings", 1, False)

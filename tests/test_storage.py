"""checker.storage on SQLite (always) and PostgreSQL (when MACA_TEST_PG_URL is set; required when CI=true)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, insert

from checker.model.errors import CheckerError, ConflictError, StorageError
from checker.storage import Store, default_db_url
from checker.storage._schema import SCHEMA_VERSION, schema_version

AUDIT = "lscp-2024-q3"
T0 = dt.datetime(2024, 9, 1, 9, 30, tzinfo=dt.UTC)


# -- fixtures ------------------------------------------------------------------------------------------------
class Clock:
    """A settable clock for the store, so runs can be made 'old' without waiting."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def open_store(db_url: str) -> Iterator[Callable[..., Store]]:
    """Opens Stores on the test database and closes every one of them at the end."""
    opened: list[Store] = []

    def _open(**kwargs: Any) -> Store:
        store = Store(db_url, **kwargs)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[..., Store]) -> Store:
    return open_store()


def flag(
    fid: str, rule: str = "antenatal-hv-missing", severity: str = "high", **extra: Any
) -> dict[str, Any]:
    out = {
        "id": fid,
        "rule": rule,
        "category": "risk",
        "case": "case-1",
        "agency": "hv",
        "severity": severity,
        "message": f"{rule} on case-1",
        "evidence": [
            {"file": "chronologies/hv.csv", "row": 14, "date": dt.date(2024, 3, 2), "excerpt": "..."}
        ],
        "ruleset": "rs-1",
    }
    return out | extra


def record(store: Store, flags: list[dict[str, Any]], digest: str = "bundle-1") -> int:
    return store.record_run(AUDIT, digest, "rs-1", dt.date(2024, 8, 31), flags, [], [])


def ids(flags: list[dict[str, Any]]) -> list[str]:
    return sorted(f["id"] for f in flags)


# -- record and read back ------------------------------------------------------------------------------------
def test_record_and_read_back(store: Store) -> None:
    flags = [flag("f-low", severity="low", agency=None), flag("f-high", rule="plan-overdue")]
    quality = [{"agency": "hv", "completeness": 0.92}, {"agency": "police", "completeness": 1.0}]
    referrals = [{"household": "hh-1", "to": "early_help", "flags": ["f-high"]}]

    run_id = store.record_run(AUDIT, "bundle-1", "rs-1", dt.date(2024, 8, 31), flags, quality, referrals)

    run = store.run(run_id)
    assert run["audit_id"] == AUDIT and run["bundle_digest"] == "bundle-1" and run["ruleset_hash"] == "rs-1"
    assert run["as_of"] == dt.date(2024, 8, 31)
    assert run["created_at"].tzinfo is not None
    assert run["counts"] == {"flags": 2, "quality": 2, "referrals": 1}
    assert store.latest_run(AUDIT) == run
    assert store.runs(AUDIT) == [run]
    assert store.latest_run("no-such-audit") is None

    got = store.flags(run_id)
    assert [f["id"] for f in got] == ["f-high", "f-low"]  # most severe first
    high = got[0]
    assert {k: high[k] for k in ("rule", "category", "case", "agency", "severity", "message", "ruleset")} == {
        "rule": "plan-overdue",
        "category": "risk",
        "case": "case-1",
        "agency": "hv",
        "severity": "high",
        "message": "plan-overdue on case-1",
        "ruleset": "rs-1",
    }
    assert high["evidence"] == [
        {"file": "chronologies/hv.csv", "row": 14, "date": "2024-03-02", "excerpt": "..."}
    ]
    assert got[1]["agency"] is None
    assert all(f["decision"] is None and f["decision_version"] == 0 and f["status"] == "open" for f in got)
    assert all(f["change"] == "new" for f in got)
    assert store.quality(run_id) == quality
    assert store.referrals(run_id) == referrals


def test_bad_run_input_is_refused_whole_with_every_problem(store: Store) -> None:
    bad = [flag("f-1"), flag("f-1"), flag("f-2", severity="urgent"), {"id": "f-3"}, flag("f-4", colour="red")]
    bad.append(flag("f-5", evidence=[{"row": float("nan")}]))
    with pytest.raises(StorageError) as err:
        record(store, bad)
    message = str(err.value)
    for expected in ("appears twice", "'urgent'", "missing 'rule'", "unknown key 'colour'", "f-5"):
        assert expected in message
    assert store.runs(AUDIT) == []


def test_unknown_run_is_a_storage_error(store: Store) -> None:
    with pytest.raises(StorageError, match="no stored run 999"):
        store.flags(999)


# -- re-runs -------------------------------------------------------------------------------------------------
def test_rerun_keeps_decisions_and_marks_new_and_resolved(store: Store) -> None:
    first = record(store, [flag("f-a"), flag("f-b", rule="noisy"), flag("f-c")])
    assert store.save_decision(AUDIT, "f-a", "amina", "confirmed") == 1
    assert store.save_decision(AUDIT, "f-b", "ben", "dismissed", reason="home visit on file") == 1

    second = record(store, [flag("f-a"), flag("f-c"), flag("f-d")], digest="bundle-2")  # re-submission

    changes = store.changes(second)
    assert ids(changes["new"]) == ["f-d"]
    assert ids(changes["persisting"]) == ["f-a", "f-c"]
    assert ids(changes["resolved"]) == ["f-b"]
    resolved = changes["resolved"][0]
    assert resolved["change"] == "resolved"
    assert resolved["status"] == "dismissed" and resolved["decision"]["reason"] == "home visit on file"

    by_id = {f["id"]: f for f in store.flags(second)}
    assert by_id["f-a"]["status"] == "confirmed" and by_id["f-a"]["decision_version"] == 1
    assert by_id["f-a"]["decision"]["reviewer"] == "amina"
    assert by_id["f-d"]["decision"] is None and by_id["f-d"]["change"] == "new"
    assert ids(store.flags(first)) == ["f-a", "f-b", "f-c"]  # the earlier run is untouched
    assert [r["id"] for r in store.runs(AUDIT)] == [second, first]
    assert [h["decision"] for h in store.decision_history(AUDIT, "f-b")] == ["dismissed"]

    assert store.rule_counts(AUDIT) == {
        "antenatal-hv-missing": {"flagged": 3, "confirmed": 1, "dismissed": 0, "action_needed": 0, "action_taken": 0,
                                 "open": 2},
        "noisy": {"flagged": 1, "confirmed": 0, "dismissed": 1, "action_needed": 0, "action_taken": 0, "open": 0},
    }


def test_first_run_has_everything_new(store: Store) -> None:
    run_id = record(store, [flag("f-a")])
    assert store.changes(run_id) == {"new": store.flags(run_id), "resolved": [], "persisting": []}


# -- decisions -----------------------------------------------------------------------------------------------
def test_decisions_survive_closing_and_reopening(open_store: Callable[..., Store]) -> None:
    store = open_store()
    run_id = record(store, [flag("f-a")])
    store.save_decision(AUDIT, "f-a", "amina", "action_needed", note="chase HV record")
    store.close()

    reopened = open_store()
    (got,) = reopened.flags(run_id)
    assert got["status"] == "action_needed" and got["decision_version"] == 1
    assert got["decision"]["note"] == "chase HV record"
    assert reopened.decision(AUDIT, "f-a") == got["decision"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"decision": "dismissed"}, "needs a reason"),
        ({"decision": "dismissed", "reason": "   "}, "needs a reason"),
        ({"decision": "ignored"}, "'ignored' is not one of confirmed, dismissed, action_needed"),
        ({"decision": "confirmed", "reviewer": " "}, "reviewer name is required"),
        ({"decision": "confirmed", "expected_version": -1}, "expected_version"),
    ],
)
def test_invalid_decisions_are_refused(store: Store, kwargs: dict[str, Any], expected: str) -> None:
    record(store, [flag("f-a")])
    args = {"reviewer": "amina"} | kwargs
    with pytest.raises(StorageError, match=expected):
        store.save_decision(AUDIT, "f-a", **args)
    assert store.decision_history(AUDIT, "f-a") == []


def test_decision_on_a_flag_never_raised_is_refused(store: Store) -> None:
    record(store, [flag("f-a")])
    with pytest.raises(StorageError, match="not in any stored run"):
        store.save_decision(AUDIT, "f-zzz", "amina", "confirmed")


def test_stale_save_is_a_conflict_naming_who_what_when(store: Store) -> None:
    record(store, [flag("f-a")])
    store.save_decision(AUDIT, "f-a", "amina", "confirmed")
    with pytest.raises(ConflictError) as err:
        store.save_decision(AUDIT, "f-a", "ben", "dismissed", reason="duplicate", expected_version=0)
    assert isinstance(err.value, CheckerError)
    message = str(err.value)
    assert "amina" in message and "confirmed" in message and "(UK time)" in message and "version 1" in message
    assert "UTC" not in message and not re.search(r"\d{4}-\d{2}-\d{2}", message)  # day first, local time
    assert err.value.current is not None and err.value.current["reviewer"] == "amina"
    assert err.value.attempted is not None and err.value.attempted["reason"] == "duplicate"
    assert [h["reviewer"] for h in store.decision_history(AUDIT, "f-a")] == ["amina"]
    with pytest.raises(ConflictError):
        store.save_decision(AUDIT, "f-a", "ben", "confirmed", expected_version=5)


def _race(stores: list[Store], save: Callable[[Store, str], int]) -> list[tuple[str, Any]]:
    """Run save(store, reviewer) on each store in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(stores))
    outcomes: list[tuple[str, Any]] = []
    lock = threading.Lock()

    def worker(store: Store, reviewer: str) -> None:
        barrier.wait(timeout=30)
        try:
            result: Any = save(store, reviewer)
        except Exception as exc:  # collected and asserted on below
            result = exc
        with lock:
            outcomes.append((reviewer, result))

    threads = [threading.Thread(target=worker, args=(s, f"reviewer-{i}")) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return outcomes


@pytest.mark.parametrize("seen", [0, 1], ids=["first-decision", "changing-a-decision"])
def test_concurrent_saves_exactly_one_wins(open_store: Callable[..., Store], seen: int) -> None:
    alice, bob = open_store(), open_store()  # two connections pools, as two dashboard sessions would have
    rounds = 5
    run_id = record(alice, [flag(f"f-{n}") for n in range(rounds)])
    for n in range(rounds):
        fid = f"f-{n}"
        if seen:
            alice.save_decision(AUDIT, fid, "setup", "action_needed")

        def save(store: Store, who: str, fid: str = fid) -> int:
            decision = "confirmed" if who.endswith("0") else "dismissed"
            return store.save_decision(AUDIT, fid, who, decision, reason="duplicate", expected_version=seen)

        outcomes = _race([alice, bob], save)

        won = [(who, r) for who, r in outcomes if isinstance(r, int)]
        lost = [(who, r) for who, r in outcomes if not isinstance(r, int)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        winner, version = won[0]
        loser, error = lost[0]
        assert isinstance(error, ConflictError), error
        assert winner in str(error)
        assert version == seen + 1
        history = alice.decision_history(AUDIT, fid)
        assert [(h["version"], h["reviewer"]) for h in history][seen:] == [(seen + 1, winner)]

        # The loser re-reads, sees the winner's decision, and saves on top of it.
        loser_store = alice if loser.endswith("0") else bob
        current = {f["id"]: f for f in loser_store.flags(run_id)}[fid]
        assert current["decision"]["reviewer"] == winner
        assert (
            loser_store.save_decision(
                AUDIT, fid, loser, "action_needed", expected_version=current["decision_version"]
            )
            == seen + 2
        )
        assert [h["reviewer"] for h in bob.decision_history(AUDIT, fid)][seen:] == [winner, loser]


# -- retention -----------------------------------------------------------------------------------------------
def test_purge_removes_old_runs_and_keeps_decisions_by_default(open_store: Callable[..., Store]) -> None:
    clock = Clock(T0)
    store = open_store(clock=clock)
    old = store.record_run(
        AUDIT, "b-1", "rs-1", dt.date(2024, 8, 31), [flag("f-a"), flag("f-b")], [{"q": 1}], [{"r": 1}]
    )
    store.save_decision(AUDIT, "f-a", "amina", "confirmed")
    store.save_decision(AUDIT, "f-b", "amina", "dismissed", reason="closed case")
    clock.now = T0 + dt.timedelta(days=40)
    new = record(store, [flag("f-b")], digest="b-2")

    removed = store.purge(30, now=T0 + dt.timedelta(days=45))

    assert removed == {
        "runs": 1,
        "flags": 2,
        "quality": 1,
        "referrals": 1,
        "decisions": 0,
        "current_decisions": 0,
    }
    assert [r["id"] for r in store.runs(AUDIT)] == [new]
    with pytest.raises(StorageError):
        store.flags(old)
    assert store.decision(AUDIT, "f-a") is not None  # kept although f-a is in no remaining run
    assert len(store.decision_history(AUDIT, "f-a")) == 1

    removed = store.purge(30, keep_decisions=False, now=T0 + dt.timedelta(days=45))
    assert removed["runs"] == 0 and removed["decisions"] == 1 and removed["current_decisions"] == 1
    assert store.decision(AUDIT, "f-a") is None and store.decision_history(AUDIT, "f-a") == []
    assert store.decision(AUDIT, "f-b") is not None  # f-b is still in the remaining run


def test_purge_refuses_nonsense(store: Store) -> None:
    with pytest.raises(StorageError, match="older_than_days"):
        store.purge(-1)
    with pytest.raises(StorageError, match="timezone-aware"):
        store.purge(1, now=dt.datetime(2024, 1, 1))


# -- privacy -------------------------------------------------------------------------------------------------
def test_logs_carry_ids_and_counts_never_record_text(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "SECRET-child-name"
    run_id = record(store, [flag("f-a", message=secret, evidence=[{"excerpt": secret}])])
    store.save_decision(AUDIT, "f-a", "amina", "dismissed", reason=secret, note=secret)
    with pytest.raises(ConflictError):
        store.save_decision(AUDIT, "f-a", "ben", "dismissed", reason=secret, note=secret)
    store.flags(run_id)
    store.purge(0, keep_decisions=False)
    assert caplog.records, "expected the store to log something"
    assert secret not in caplog.text


# -- opening -------------------------------------------------------------------------------------------------
def test_url_comes_from_argument_then_env_then_data_dir(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MACA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MACA_DB_URL", raising=False)
    assert default_db_url() == f"sqlite:///{tmp_path / 'data' / 'maca.sqlite'}"
    with Store() as store:
        assert store.url == default_db_url()
    assert (tmp_path / "data" / "maca.sqlite").exists()

    monkeypatch.setenv("MACA_DB_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    with Store() as store:
        assert store.url.endswith("env.sqlite")
    with Store(f"sqlite:///{tmp_path / 'arg.sqlite'}") as store:
        assert store.url.endswith("arg.sqlite")


def test_bad_urls_and_unreachable_servers_are_storage_errors(tmp_path: Any) -> None:
    with pytest.raises(StorageError, match="not a database URL"):
        Store("not a url")
    with pytest.raises(StorageError, match="unsupported database 'mysql'"):
        Store("mysql://u@localhost/x")
    with pytest.raises(StorageError, match=r"cannot open .*\*\*\*") as err:
        Store("postgresql+psycopg://maca:hunter2@127.0.0.1:1/none?connect_timeout=2")
    assert "hunter2" not in str(err.value)


def test_a_database_from_a_newer_maca_is_refused(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(schema_version).values(version=SCHEMA_VERSION + 1, applied_at=T0))
    engine.dispose()
    with pytest.raises(StorageError, match="upgrade maca"):
        Store(url)


def test_rule_precision_is_confirmed_over_decided_per_audit_and_over_every_audit(store: Store) -> None:
    record(store, [flag("f-a"), flag("f-b"), flag("f-c"), flag("f-d"), flag("f-q", rule="quiet")])
    store.record_run("audit-2", "bundle-2", "rs-1", dt.date(2024, 9, 30), [flag("f-e")], [], [])
    store.save_decision(AUDIT, "f-a", "amina", "confirmed")
    store.save_decision(AUDIT, "f-b", "amina", "action_needed")  # right, and something must be done
    store.save_decision(AUDIT, "f-c", "ben", "dismissed", reason="contact recorded in the HV notes")
    store.save_decision("audit-2", "f-e", "ben", "dismissed", reason="not pregnant in the period")
    # f-d is open: not decided, not counted.
    here = store.rule_precision(AUDIT)["antenatal-hv-missing"]
    assert (here.confirmed, here.decided, here.text) == (2, 3, "67% (2 of 3 decided)")
    everywhere = store.rule_precision()["antenatal-hv-missing"]
    assert (everywhere.confirmed, everywhere.decided) == (2, 4) and everywhere.value == 0.5
    assert store.rule_precision()["quiet"].text == "no decisions yet"
    assert store.rule_counts(None)["antenatal-hv-missing"]["flagged"] == 5


# -- audits are kept apart -----------------------------------------------------------------------------------
OTHER = "lscp-2025-q1"


def test_a_decision_in_one_audit_never_shows_in_another_with_identical_data(store: Store) -> None:
    """Two audits with the same records give the same flags (today the same flag ids too): a decision in one
    is read, counted, compared and carried in that audit only."""
    same = [flag("f-a"), flag("f-b", rule="noisy")]
    first = store.record_run(AUDIT, "bundle-1", "rs-1", dt.date(2024, 8, 31), same, [], [])
    other = store.record_run(OTHER, "bundle-1", "rs-1", dt.date(2024, 8, 31), same, [], [])
    assert store.save_decision(AUDIT, "f-a", "amina", "dismissed", reason="seen at home") == 1

    assert {f["id"]: f["status"] for f in store.flags(first)}["f-a"] == "dismissed"
    assert [(f["id"], f["decision"]) for f in store.flags(other)] == [("f-a", None), ("f-b", None)]
    assert store.decision(OTHER, "f-a") is None and store.decision_history(OTHER, "f-a") == []
    assert store.rule_counts(OTHER)["antenatal-hv-missing"]["dismissed"] == 0
    assert store.rule_counts(AUDIT)["antenatal-hv-missing"]["dismissed"] == 1

    again = store.record_run(OTHER, "bundle-2", "rs-1", dt.date(2024, 9, 30), same, [], [])
    assert all(f["decision"] is None for f in store.flags(again))
    assert all(f["decision"] is None for f in store.changes(again)["persisting"])
    # The other audit's reviewer decides the same flag id independently, from version 0.
    assert store.save_decision(OTHER, "f-a", "ben", "confirmed", expected_version=0) == 1
    assert store.decision(AUDIT, "f-a")["decision"] == "dismissed"
    assert {f["id"]: f["status"] for f in store.flags(first)}["f-a"] == "dismissed"

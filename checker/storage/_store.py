"""`Store`: the one object the CLI and the dashboard use to keep and read results and decisions."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.engine import URL

from checker.model.errors import StorageError
from checker.storage import _bundles, _carry, _decisions, _moves, _retention, _schema
from checker.storage._engine import open_engine, read, resolve_url, safe_url, utc_now, write
from checker.storage._findings import FindingRecords
from checker.storage._meeting import MeetingRecords
from checker.storage._precision import Precision, precision
from checker.storage._review_schema import review_completions
from checker.storage._runs import (
    check_run_input,
    flag_dicts,
    get_run,
    insert_run,
    payloads,
    previous_run_id,
    run_dict,
)
from checker.storage._schema import runs

__all__ = ["Store"]

log = logging.getLogger("checker.storage")


class Store(MeetingRecords, FindingRecords):
    """Runs, flags, quality, referrals and review decisions in one SQLite or PostgreSQL database (and the
    meeting and action plan: see `MeetingRecords`; the findings the panel adds: see `FindingRecords`).

    with Store() as store:                       # $MACA_DB_URL, else ~/.local/share/maca/maca.sqlite
        run_id = store.record_run("lsc-2024-q3", digest, ruleset, as_of, flags, quality, referrals)
        for flag in store.flags(run_id): ...
    """

    def __init__(self, url: str | URL | None = None, *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._url = resolve_url(url)
        self._clock = clock
        self._engine = open_engine(self._url)
        log.info("storage: opened %s", self._url.get_backend_name())

    # -- lifecycle ---------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The database URL with any password masked."""
        return safe_url(self._url)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._url.get_backend_name()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise StorageError("the store's clock returned a naive datetime: it must be timezone-aware")
        return now.astimezone(dt.UTC)

    def _read(self) -> AbstractContextManager[Connection]:
        return read(self._engine)

    # -- runs --------------------------------------------------------------------------------------------
    def record_run(
        self,
        audit_id: str,
        bundle_digest: str,
        ruleset_hash: str,
        as_of: dt.date,
        flags: Sequence[Mapping[str, Any]],
        quality: Sequence[Mapping[str, Any]],
        referrals: Sequence[Mapping[str, Any]],
    ) -> int:
        """Store one run and everything it produced, all or nothing; returns the new run id."""
        flags, quality, referrals = list(flags), list(quality), list(referrals)
        digests = {"bundle_digest": bundle_digest, "ruleset_hash": ruleset_hash}
        check_run_input(audit_id, as_of, flags, quality, referrals, digests)
        with write(self._engine) as conn:
            run_id = insert_run(
                conn,
                audit_id=audit_id,
                bundle_digest=bundle_digest,
                ruleset_hash=ruleset_hash,
                as_of=as_of,
                created_at=self._now(),
                flag_list=flags,
                quality_list=quality,
                referral_list=referrals,
            )
            _moves.move_old_ids(conn, audit_id, flags, self._now())
        log.info(
            "storage: recorded run %d (%d flags, %d quality, %d referrals)",
            run_id, len(flags), len(quality), len(referrals),
        )  # fmt: skip
        return run_id

    def run(self, run_id: int) -> dict[str, Any]:
        """One run's metadata and counts; StorageError if there is no such run."""
        with self._read() as conn:
            return get_run(conn, run_id)

    def runs(self, audit_id: str | None = None) -> list[dict[str, Any]]:
        """Runs of one audit (or of all audits), newest first."""
        stmt = select(runs).order_by(runs.c.id.desc())
        if audit_id is not None:
            stmt = stmt.where(runs.c.audit_id == audit_id)
        with self._read() as conn:
            return [run_dict(row) for row in conn.execute(stmt).mappings()]

    def latest_run(self, audit_id: str) -> dict[str, Any] | None:
        """The most recently recorded run of an audit, or None if it has none."""
        stmt = select(runs).where(runs.c.audit_id == audit_id).order_by(runs.c.id.desc()).limit(1)
        with self._read() as conn:
            row = conn.execute(stmt).mappings().first()
        return run_dict(row) if row is not None else None

    def note_bundle(self, run_id: int, path: str) -> None:
        """Record where run `run_id`'s bundle was read from (a folder or .zip path), replacing any earlier one."""
        if not isinstance(path, str) or not path.strip():
            raise StorageError("the bundle's path was not recorded: it must be a non-empty path")
        with self._read() as conn:
            if _bundles.bundle_path(conn, run_id) == path:
                return  # already known: no write (the dashboard asks on every page)
        with write(self._engine) as conn:
            get_run(conn, run_id)
            _bundles.note_bundle(conn, run_id, path)

    def bundle_sources(self, audit_id: str | None = None) -> list[dict[str, Any]]:
        """Runs with a recorded bundle path (of one audit, or every audit), newest first:
        {run_id, audit_id, bundle_digest, as_of, path}."""
        with self._read() as conn:
            return _bundles.bundle_sources(conn, audit_id)

    def awaits_new_ids(self, audit_id: str) -> bool:
        """True while the audit's stored flags still have the ids of before schema 3: its next recorded run
        moves them (and their decisions) to the new ids, so a run must be recorded even if nothing changed."""
        with self._read() as conn:
            return _moves.awaits_new_ids(conn, audit_id)

    def quality(self, run_id: int) -> list[dict[str, Any]]:
        """A run's quality results, in the order they were recorded."""
        with self._read() as conn:
            get_run(conn, run_id)
            return payloads(conn, _schema.quality, run_id)

    def referrals(self, run_id: int) -> list[dict[str, Any]]:
        """A run's referral entries, in the order they were recorded."""
        with self._read() as conn:
            get_run(conn, run_id)
            return payloads(conn, _schema.referrals, run_id)

    # -- flags -------------------------------------------------------------------------------------------
    def _compare(self, run_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(this run's flags labelled new/persisting, the previous run's flags labelled resolved)."""
        with self._read() as conn:
            run = get_run(conn, run_id)
            previous = previous_run_id(conn, run)
            before = flag_dicts(conn, previous, run["audit_id"], "resolved") if previous else []
            now = flag_dicts(conn, run_id, run["audit_id"])
            moved = _moves.moves_from(conn, run["audit_id"], (f["id"] for f in before))
        current_ids = {f["id"] for f in now}
        seen = {f["id"] for f in before} | {new for targets in moved.values() for new in targets}
        for flag in now:
            flag["change"] = "persisting" if flag["id"] in seen else "new"
        # an old flag that moved to a flag of this run (schema 3's ids) is that flag, not a resolved one
        before = [f for f in before if not (moved.get(f["id"], set()) & current_ids)]
        return now, before

    def flags(self, run_id: int) -> list[dict[str, Any]]:
        """A run's flags, most severe first, each with `decision` (or None), `decision_version` (0 if none),
        `status` ('open' or the decision) and `change` ('new'/'persisting' against the previous run)."""
        return self._compare(run_id)[0]

    def changes(self, run_id: int) -> dict[str, list[dict[str, Any]]]:
        """A run's flags against the audit's previous run: {"new", "resolved", "persisting"}.

        Resolved flags (in the previous run, not in this one) come as last seen, with their decisions;
        nothing is deleted. With no previous run every flag is new."""
        now, before = self._compare(run_id)
        current_ids = {f["id"] for f in now}
        return {
            "new": [f for f in now if f["change"] == "new"],
            "resolved": [f for f in before if f["id"] not in current_ids],
            "persisting": [f for f in now if f["change"] == "persisting"],
        }

    # -- decisions ---------------------------------------------------------------------------------------
    def save_decision(
        self,
        audit_id: str,
        flag_id: str,
        reviewer: str,
        decision: str,
        reason: str | None = None,
        note: str | None = None,
        expected_version: int = 0,
        for_briefing: bool = False,
    ) -> int:
        """Record a review decision; returns its version. `expected_version` is the `decision_version` the
        reviewer saw (0 = none yet): if anyone saved since, ConflictError names who saved what and when,
        and nothing is written. StorageError for a bad decision (dismissed needs a reason). The note is
        private unless `for_briefing`."""
        return _decisions.save_decision(
            self._engine,
            audit_id=audit_id,
            flag_id=flag_id,
            reviewer=reviewer,
            decision=decision,
            reason=reason,
            note=note,
            expected_version=expected_version,
            now=self._now(),
            for_briefing=for_briefing,
        )

    def review_complete(self, audit_id: str) -> dict[str, Any] | None:
        """{completed_by, completed_at} once the panel marked the audit's review complete, else None."""
        with self._read() as conn:
            row = conn.execute(select(review_completions).where(
                review_completions.c.audit_id == audit_id)).mappings().first()
        return {"completed_by": row["completed_by"], "completed_at": row["completed_at"]} if row else None

    def mark_review_complete(self, audit_id: str, reviewer: str, complete: bool = True) -> None:
        """Mark the audit's review complete as `reviewer` (or, with complete=False, reopen it)."""
        if not isinstance(reviewer, str) or not reviewer.strip():
            raise StorageError("the review was not marked complete: a reviewer name is required")
        with write(self._engine) as conn:
            conn.execute(delete(review_completions).where(review_completions.c.audit_id == audit_id))
            if complete:
                conn.execute(insert(review_completions).values(audit_id=audit_id, completed_by=reviewer.strip(),
                                                               completed_at=self._now()))
        log.info("storage: review %s", "marked complete" if complete else "reopened")

    def carry_offers(self, run_id: int) -> dict[str, dict[str, Any]]:
        """New undecided flag id -> the flag no longer raised (same rule, case, agency) whose decision could
        carry over to it (`checker.storage._carry`)."""
        changes = self.changes(run_id)
        return _carry.carry_offers(changes["new"], changes["resolved"])

    def carry_decision(self, audit_id: str, from_flag_id: str, to_flag_id: str, reviewer: str) -> int:
        """Carry `from_flag_id`'s decision over to `to_flag_id` as `reviewer`, recorded as carried."""
        return _carry.carry_decision(
            self._engine,
            audit_id=audit_id,
            from_flag_id=from_flag_id,
            to_flag_id=to_flag_id,
            reviewer=reviewer,
            now=self._now(),
        )

    def carried_from(self, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
        """The carries that gave `flag_id` its decision versions (empty if none was carried)."""
        with self._read() as conn:
            return _carry.carried_from(conn, audit_id, flag_id)

    def moved_onto(self, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
        """The flags stored under the old ids (before schema 3) that became `flag_id`, and the decision version
        each brought: empty for a flag that took over none."""
        with self._read() as conn:
            return _moves.moved_onto(conn, audit_id, flag_id)

    def decision(self, audit_id: str, flag_id: str) -> dict[str, Any] | None:
        """The decision now in force on a flag (with its version), or None."""
        with self._read() as conn:
            return _decisions.current_decision(conn, audit_id, flag_id)

    def decisions(self, audit_id: str) -> dict[str, dict[str, Any]]:
        """Flag id -> the decision now in force, for every decided flag of the audit."""
        with self._read() as conn:
            return _decisions.audit_decisions(conn, audit_id)

    def decision_history(self, audit_id: str, flag_id: str) -> list[dict[str, Any]]:
        """Every decision ever saved on a flag, oldest (version 1) first."""
        with self._read() as conn:
            return _decisions.decision_history(conn, audit_id, flag_id)

    def rule_counts(self, audit_id: str | None) -> dict[str, dict[str, int]]:
        """Per rule: {"flagged", "confirmed", "dismissed", "action_needed", "open"} over the distinct flags
        raised in any stored run of the audit, or of every audit when `audit_id` is None (a rule whose flags
        are mostly dismissed is noisy)."""
        with self._read() as conn:
            return _retention.rule_counts(conn, audit_id)

    def rule_precision(self, audit_id: str | None = None) -> dict[str, Precision]:
        """Per rule with stored flags: confirmed ÷ decided from reviewers' current decisions, in one audit or
        (by default) every audit in the store — the rule's precision in use."""
        return {rule: precision(c) for rule, c in self.rule_counts(audit_id).items()}

    # -- retention ---------------------------------------------------------------------------------------
    def purge(
        self, older_than_days: float, keep_decisions: bool = True, now: dt.datetime | None = None
    ) -> dict[str, int]:
        """Delete runs created more than `older_than_days` ago with their flags, quality and referrals.

        Decisions are kept unless `keep_decisions=False`; then decisions on flags that appear in no
        remaining run of their audit go too. Returns rows removed per table."""
        if (
            isinstance(older_than_days, bool)
            or not isinstance(older_than_days, int | float)
            or older_than_days < 0
        ):
            raise StorageError(f"older_than_days must be a number of days >= 0, got {older_than_days!r}")
        if now is not None and now.tzinfo is None:
            raise StorageError("purge(now=...) must be timezone-aware, e.g. datetime.now(UTC)")
        cutoff = (now or self._now()) - dt.timedelta(days=older_than_days)
        with write(self._engine) as conn:
            return _retention.purge(conn, cutoff, keep_decisions)

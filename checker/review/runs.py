"""Runs and decisions: store a check's run once (reusing the latest when nothing changed), list its flags
with their decisions and changes since the previous run, and save a reviewer's decision safely.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.check import CheckResult
from checker.engine.catalogue import Catalogue
from checker.model.errors import ConflictError, StorageError
from checker.model.severity import SEVERITY_ORDER
from checker.review.labels import DECISION_LABELS
from checker.storage import FLAG_KEYS, Store

__all__ = ["ensure_run", "review_flags", "SaveOutcome", "save_review"]

_record_lock = threading.Lock()


def _storable(flag: Mapping[str, Any]) -> dict[str, Any]:
    """A flag with only the keys the store keeps (title and recommended action come from the catalogue)."""
    return {k: flag[k] for k in FLAG_KEYS if k in flag}


def ensure_run(store: Store, result: CheckResult, source: str | Path | None = None) -> int:
    """The stored run for this bundle digest, rule set and as-of date: the audit's latest run if it matches,
    else a new run (so a re-submission becomes a new run and the changes since the previous one show).
    `source`, the bundle's folder or .zip, is recorded on the run so `maca rules try` can check it again."""
    with _record_lock:
        run_id = _ensure(store, result)
    if source is not None:
        store.note_bundle(run_id, str(Path(source).resolve()))
    return run_id


def _ensure(store: Store, result: CheckResult) -> int:
    latest = store.latest_run(result.audit_id)
    if (
        latest is not None
        and latest["bundle_digest"] == result.bundle.digest
        and latest["ruleset_hash"] == result.ruleset
        and latest["as_of"] == result.as_of
        and not store.awaits_new_ids(result.audit_id)
    ):
        return int(latest["id"])
    return store.record_run(
        result.audit_id,
        result.bundle.digest,
        result.ruleset,
        result.as_of,
        [_storable(f) for f in result.flags],
        [a.to_dict() for a in result.quality.agencies] if result.quality else [],
        result.worklist.to_json() if result.worklist else [],
    )


def review_flags(
    store: Store, run_id: int, catalogue: Catalogue, *, include_resolved: bool = True
) -> list[dict[str, Any]]:
    """The run's flags with decision, status and change (new/persisting), plus (optionally) the flags
    resolved since the previous run; each gains `title`."""
    changes = store.changes(run_id)
    flags = changes["new"] + changes["persisting"]
    if include_resolved:
        flags += changes["resolved"]
    for flag in flags:
        flag["title"] = catalogue.title_of(flag["rule"])
    # Immediate concerns first (they cannot wait for the meeting), then by severity; resolved flags last.
    first = catalogue.surfacing_first()
    flags.sort(key=lambda f: (f["change"] == "resolved", f["rule"] not in first,
                              SEVERITY_ORDER.get(f["severity"], 9), f["case"], f["rule"], f["id"]))
    return flags


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What happened to a decision: saved (with its version), a conflict (who saved what), or refused."""

    saved: bool
    message: str
    version: int | None = None
    conflict: bool = False
    current: dict[str, Any] | None = None
    attempted: dict[str, Any] | None = None


def save_review(
    store: Store,
    audit_id: str,
    flag: Mapping[str, Any],
    reviewer: str | None,
    decision: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    expected_version: int,
    save: Callable[..., int] | None = None,
    for_briefing: bool = False,
) -> SaveOutcome:
    """Save a decision on `flag` as `reviewer`; never raises for a person's mistake or a conflict. The note
    is private unless `for_briefing`."""
    attempted = {"decision": decision, "reason": reason or None, "note": note or None, "reviewer": reviewer}
    if not reviewer or not reviewer.strip():
        return SaveOutcome(False, "Enter your name (in the sidebar) before recording a decision.", attempted=attempted)
    try:
        version = (save or store.save_decision)(
            audit_id,
            flag["id"],
            reviewer,
            decision,
            reason=reason or None,
            note=note or None,
            expected_version=expected_version,
            **({"for_briefing": True} if for_briefing else {}),
        )
    except ConflictError as exc:
        return SaveOutcome(
            False, str(exc), conflict=True, current=exc.current, attempted=exc.attempted or attempted
        )
    except StorageError as exc:
        return SaveOutcome(False, str(exc), attempted=attempted)
    label = DECISION_LABELS.get(decision, decision)
    return SaveOutcome(True, f"Saved: {label} on flag “{flag.get('title') or flag['rule']}” ({flag['case']}).",
                       version=version)

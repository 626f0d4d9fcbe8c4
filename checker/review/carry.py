"""Carrying a decision over to the flag that replaced its own (`checker.storage._carry` keeps the record).

offer = carry_offer(store, run_id, flag)        # the decided flag no longer raised, or None
outcome = carry_review(store, audit_id, flag, offer, "a.reviewer")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.model.errors import ConflictError, StorageError
from checker.review.labels import DECISION_LABELS
from checker.review.runs import SaveOutcome
from checker.storage import Store

__all__ = ["carry_offer", "carry_review"]


def carry_offer(store: Store, run_id: int, flag: Mapping[str, Any]) -> dict[str, Any] | None:
    """The flag no longer raised whose decision the reviewer may carry over to `flag`, or None."""
    if flag.get("change") != "new" or flag.get("decision"):
        return None
    return store.carry_offers(run_id).get(str(flag["id"]))


def carry_review(
    store: Store, audit_id: str, flag: Mapping[str, Any], offer: Mapping[str, Any], reviewer: str | None
) -> SaveOutcome:
    """Carry `offer`'s decision over to `flag` as `reviewer` (recorded as carried); never raises."""
    if not reviewer or not reviewer.strip():
        return SaveOutcome(False, "Enter your name (in the sidebar) before carrying a decision over.")
    try:
        version = store.carry_decision(audit_id, str(offer["id"]), str(flag["id"]), reviewer)
    except (ConflictError, StorageError) as exc:
        return SaveOutcome(False, str(exc))
    label = DECISION_LABELS.get(offer["decision"]["decision"], offer["decision"]["decision"])
    return SaveOutcome(
        True,
        f"Carried over: {label} from flag {offer['id']} to flag {flag['id']} (version {version}).",
        version,
    )

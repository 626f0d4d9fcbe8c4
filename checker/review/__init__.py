"""The review workflow behind the dashboard: open a bundle, store its check's run once, list and filter its
flags, save review decisions safely. No Streamlit here: the pages call these and only draw what comes back.

    result = run_check(load_bundle("samples/homelessness"))
    run_id = ensure_run(store, result)             # reuses the latest run when nothing changed
    rows = review_flags(store, run_id, result.catalogue, include_resolved=True)
    outcome = save_review(store, result.audit_id, rows[0], "a.reviewer", "confirmed", expected_version=0)
    outcome.saved                                  # False on a conflict: outcome.current says who won

`bundles` (which bundle, uploads), `runs` (runs, flags with decisions, saving), `today` (what to act on
today, first: the block that opens `maca check` and the Overview), `tables` (filters and the tables the
pages show), `labels` (severity and decisions in words), `carry` (carrying a decision over to the flag that
replaced its own), `accuracy` (each rule's precision and recall from the review), `trial` (a threshold tried
on the stored audits, and adopted), `evalset` (the review written as labels for `maca evaluate`). May import every layer below it:
`checker.model` up to `checker.check`, and `checker.storage`.
"""

from checker.review.bundles import (
    ENV_AS_OF,
    ENV_BUNDLE,
    MAX_UPLOAD_MB,
    configured_as_of,
    configured_bundle,
    load_upload,
)
from checker.review.carry import carry_offer, carry_review
from checker.review.labels import DECISION_LABELS, severity_label
from checker.review.runs import SaveOutcome, ensure_run, review_flags, save_review
from checker.review.tables import (
    FILTERS,
    decision_text,
    evidence_table,
    filter_flags,
    filter_label,
    filter_options,
    flag_label,
    flags_table,
)

__all__ = [
    "DECISION_LABELS",
    "ENV_AS_OF",
    "ENV_BUNDLE",
    "FILTERS",
    "MAX_UPLOAD_MB",
    "SaveOutcome",
    "carry_offer",
    "carry_review",
    "configured_as_of",
    "configured_bundle",
    "decision_text",
    "ensure_run",
    "evidence_table",
    "filter_flags",
    "filter_label",
    "filter_options",
    "flag_label",
    "flags_table",
    "load_upload",
    "review_flags",
    "save_review",
    "severity_label",
]

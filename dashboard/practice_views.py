"""The Rules page's tables of what the checker learns from the review: each rule's accuracy in practice, and
what a changed threshold would have done to the stored audits. Every cell is words or a count: no None,
no NaN, no bare ids where a name is known."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.review.accuracy import RuleAccuracy
from checker.review.trial import AuditTrial

__all__ = ["accuracy_table", "trial_summary_table", "trial_flags_table", "ACCURACY_COLUMNS"]

ACCURACY_COLUMNS = ["Rule", "Title", "Confirmed", "Dismissed", "Open", "Added by the panel", "Precision", "Recall"]


def accuracy_table(catalogue: Catalogue, figures: Mapping[str, RuleAccuracy]) -> pd.DataFrame:
    """One row per rule with flags or added findings: the counts, precision and recall (or too few to judge)."""
    rows = [
        {"Rule": rule, "Title": catalogue.title_of(rule), "Confirmed": a.confirmed, "Dismissed": a.dismissed,
         "Open": a.open, "Added by the panel": a.added, "Precision": a.precision_text, "Recall": a.recall_text}
        for rule, a in sorted(figures.items())
    ]
    return pd.DataFrame(rows, columns=ACCURACY_COLUMNS)


def trial_summary_table(trials: Sequence[AuditTrial]) -> pd.DataFrame:
    """Per audit: where it was checked from, as at when, and what the change would do."""
    rows = [
        {"Audit": t.audit_id, "As at": f"{t.as_of:%d/%m/%Y}" if t.as_of and not t.problem else "—",
         "Removes": "—" if t.problem else str(len(t.removed)), "Adds": "—" if t.problem else str(len(t.added)),
         "What the change would do": t.summary}
        for t in trials
    ]
    return pd.DataFrame(rows, columns=["Audit", "As at", "Removes", "Adds", "What the change would do"])


def trial_flags_table(trials: Sequence[AuditTrial]) -> pd.DataFrame:
    """Every flag the change would remove or add, with the decision recorded on it."""
    rows = [
        {"Audit": t.audit_id, "Change": change, "Case": f.case, "Agency": f.agency or "—",
         "Decision recorded": f.status_words, "Message": f.message}
        for t in trials
        for change, flags in (("would be removed", t.removed), ("would be added", t.added))
        for f in flags
    ]
    return pd.DataFrame(rows, columns=["Audit", "Change", "Case", "Agency", "Decision recorded", "Message"])

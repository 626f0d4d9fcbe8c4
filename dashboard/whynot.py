"""The Case page's "Rules that did not flag this case": each rule with its outcome, and the explanation of why
(`checker.engine.why`, as `maca explain` prints it) in an expander."""

from __future__ import annotations

import streamlit as st

from checker.check import CheckResult
from checker.engine.why import Explainer
from checker.review.whynot import explainer_for, not_flagged

__all__ = ["rules_not_flagged"]


@st.cache_resource(show_spinner=False, max_entries=8)
def _explainer(digest: str, as_of: str, _result: CheckResult) -> Explainer:
    """One explainer per checked bundle and date (each rule's facts derived once, when first explained)."""
    return explainer_for(_result)


def rules_not_flagged(result: CheckResult, case: str) -> None:
    """A subheader, then one expander per rule that did not flag `case`: its outcome, the one-line why, and the
    whole explanation (each condition part, the entries read and how)."""
    explainer = _explainer(result.bundle.digest, result.as_of.isoformat(), result)
    items = not_flagged(result, explainer, case)
    st.subheader(f"Rules that did not flag {case} ({len(items)})")
    if not items:
        st.caption("Every risk rule flagged this case.")
        return
    st.caption("Open a rule to see why it did not flag: each condition with each part's value and whether it "
               "held, the entries each tested field was computed from and how each was read — or why it could "
               "not run. The same as `maca explain BUNDLE CASE RULE`.")
    for item in items:
        reason = f": {item.reason}" if item.outcome != "passed" and item.reason else ""
        with st.expander(f"{item.title} — {item.outcome}{reason}"):
            summary = item.explanation.summary()
            if summary:
                st.markdown(summary)
            st.code("\n".join(item.explanation.lines()), language=None, wrap_lines=True)

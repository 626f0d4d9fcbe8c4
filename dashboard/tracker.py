"""The submissions tracker drawn on a page: per agency and case, received (with the date), late, missing."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from checker.outputs.submissions import submission_tracker, tracker_table

__all__ = ["show_tracker"]


def show_tracker(current: Any) -> None:
    """The tracker for the session's audit, as of the check's date (dates received come from audit.yaml)."""
    manifest = current.result.bundle.manifest
    rows = submission_tracker(manifest, current.result.as_of)
    late = sum(1 for r in rows if r.status == "late")
    missing = sum(1 for r in rows if r.status == "missing")
    st.caption(f"{len(rows)} expected submissions (agency × case): {missing} missing, {late} late, as of "
               f"{current.result.as_of:%d/%m/%Y}. `maca intake` records the date each file was received.")
    st.dataframe(pd.DataFrame(tracker_table(rows, {a.id: a.name for a in manifest.agencies})), hide_index=True, key="submissions_tracker")

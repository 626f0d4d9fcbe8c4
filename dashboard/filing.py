"""The Upload page's filing section: drop agencies' returned files (several at once) and file them into the
audit's folder with `checker.intake.filing` — templates by their stamp, other files by the agency (and case)
the officer picks. The page only draws; what is filed and why is decided in the core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from checker import review
from checker.intake.bundle import load_manifest, open_bundle
from checker.intake.filing import IntakeReport, Outcome, file_returns, filed_files, remove_filed
from checker.intake.supersede import register_rows
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.model.errors import CheckerError
from dashboard.support import bundle_path

__all__ = ["show_filing", "show_filed", "filing_folder"]

_OUTCOMES = "maca_intake_outcomes"


def filing_folder() -> tuple[Path | None, str]:
    """The audit folder returns are filed into (the session's, else $MACA_BUNDLE), or None and why not."""
    path = bundle_path()
    if path.resolve() == SAMPLE_BUNDLE.resolve():
        return None, ("The dashboard is showing the built-in sample audit, which is not filed into. Start it on "
                      "your audit's folder (`maca dashboard FOLDER`) to file returns here.")
    if not path.is_dir():
        return None, f"Returns are filed into an audit folder; {path.name} is a zip. Unzip it and start the " \
                     "dashboard on the folder."
    return path, ""


def _table(outcomes: list[Outcome]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"File": o.name, "Result": o.status.replace("-", " "), "Filed as": o.file or "", "Agency": o.agency or "",
          "Cases": ", ".join(o.cases), "What happened": o.message} for o in outcomes],
        columns=["File", "Result", "Filed as", "Agency", "Cases", "What happened"])


def _record(report: IntakeReport) -> None:
    done = {o.name: o for o in st.session_state.get(_OUTCOMES, [])}
    done.update({o.name: o for o in report.outcomes})
    st.session_state[_OUTCOMES] = list(done.values())


def show_filing() -> None:
    folder, why = filing_folder()
    st.markdown("Drop the files agencies sent back — the Excel and Word templates from `maca templates`, or "
                "their own chronologies and returns — **several at once, in any order, under any names**. Each "
                "template says which agency and cases it is for; anything else, you are asked.")
    if folder is None:
        st.info(why)
        return
    uploaded = st.file_uploader("Returned files", type=["xlsx", "docx", "csv", "yaml", "yml", "json"],
                                accept_multiple_files=True, key="intake_files",
                                max_upload_size=max(1, int(review.MAX_UPLOAD_MB)))
    received = st.date_input("Date received", value=dt.date.today(), format="DD/MM/YYYY", key="intake_received")
    files = [(f.name, f.getvalue()) for f in uploaded or []]
    if files and st.button(f"File {len(files)} file(s) into {folder.name}", key="intake_file", type="primary"):
        try:
            _record(file_returns(folder, files, received=received))
        except CheckerError as exc:
            st.error(f"Nothing was filed: {exc}")
    outcomes: list[Outcome] = st.session_state.get(_OUTCOMES, [])
    if not outcomes:
        return
    st.dataframe(_table(outcomes), hide_index=True, key="intake_outcomes")
    waiting = [o for o in outcomes if o.status == "needs-agency"]
    data = dict(files)
    manifest, _ = load_manifest(open_bundle(folder))
    if not waiting or manifest is None:
        return
    st.markdown("**Say who these files are from** (they carry no template stamp):")
    agencies = [a.id for a in manifest.agencies]
    cases = ["(all: it has a Case column)"] + [c.id for c in manifest.cases]
    for i, outcome in enumerate(waiting):
        if outcome.name not in data:
            continue
        left, right, go = st.columns([2, 2, 1])
        agency = left.selectbox(f"Agency for {outcome.name}", agencies, index=None, key=f"intake_agency_{i}")
        case = right.selectbox("Case", cases, key=f"intake_case_{i}")
        if go.button("File it", key=f"intake_go_{i}", disabled=agency is None):
            chosen = None if case == cases[0] else case
            _record(file_returns(folder, [(outcome.name, data[outcome.name])], received=received, agency=agency,
                                 case=chosen))
            st.rerun()


def show_filed() -> None:
    """The files filed so far (in use, or kept but superseded by a newer return), and a way to take one out."""
    folder, _ = filing_folder()
    if folder is None:
        return
    records = filed_files(folder)
    if not records:
        st.caption("No file has been filed into this audit yet.")
        return
    st.dataframe(pd.DataFrame(register_rows(records)), hide_index=True, key="intake_register")
    st.caption("A newer file from the same agency for the same case (received later, else filed later) is read "
               "instead of the older one, which is kept and shown as superseded.")
    left, right = st.columns([3, 1])
    chosen = left.selectbox("Take a wrongly filed file out", [r.file for r in records], index=None,
                            key="intake_remove_file", placeholder="Choose a filed file")
    if right.button("Remove it", key="intake_remove", disabled=chosen is None) and chosen is not None:
        try:
            outcome = remove_filed(folder, chosen)
        except CheckerError as exc:
            st.error(f"Nothing was removed: {exc}")
            return
        _record(IntakeReport([outcome], changed=outcome.status == "removed"))
        st.rerun()

"""Drawing for setting up an audit: a set-up workbook's problems and changes, and the Overview's "Audit details"
section (the audit's cases and agencies; edit them through the same workbook and checks as a new audit).
What is read, checked and written is decided in `checker.review.audits`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from checker.intake.setup_apply import SetupOutcome
from checker.model.audit import Manifest
from checker.model.setup import (
    AGENCIES_SHEET,
    CASES_SHEET,
    PLANS_SHEET,
    agency_type_choices,
    plan_type_choices,
)
from checker.review import audits
from dashboard import support
from dashboard.filing import filing_folder

__all__ = ["show_outcome", "editable_folder", "audit_details", "XLSX"]

_DONE = "maca_details_done"
_LISTED = 30  # case ids named in a line above the table
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def show_outcome(outcome: SetupOutcome, *, key: str) -> None:
    """The workbook's problems (by sheet, row and column) and the changes it makes."""
    if outcome.errors:
        st.error(f"{len(outcome.errors)} problem(s) to fix in the workbook; nothing has been written. Fix them "
                 "in the workbook and upload it again.")
    if outcome.problems:
        support.show_problems(outcome.problems, key=f"{key}_problems")
    if outcome.changes:
        st.dataframe(audits.changes_table(outcome.changes), hide_index=True, key=f"{key}_changes")


def editable_folder() -> Path | None:
    """The audit folder this session shows, if its details can be edited here (not the sample, a zip or an
    uploaded bundle)."""
    if st.session_state.get("maca_upload"):
        return None
    folder, _ = filing_folder()
    return folder if folder is not None and audits.read_audit(folder) is not None else None


def audit_details(folder: Path | None) -> None:
    st.subheader("Audit details")
    if folder is None:
        st.caption("The details of the built-in sample, a zip or an uploaded bundle are not edited here. Set up "
                   "your own audit on the New audit page.")
        return
    manifest = audits.read_audit(folder)
    if manifest is None:
        st.warning(f"audit.yaml in {folder} cannot be read; fix it before editing the details here.")
        return
    info = manifest.audit
    dates = " · ".join(f"{label} {day:%d/%m/%Y}" for label, day in (
        ("returns due", info.submission_deadline), ("panel meets", info.meeting_date)) if day)
    st.markdown(f"**{info.title}** ({info.theme}) · `{info.id}` · {len(manifest.agencies)} agencies, "
                f"{len(manifest.cases)} cases" + (f" · {dates}" if dates else ""))
    shown = ", ".join(c.id for c in manifest.cases[:_LISTED])
    more = f" and {len(manifest.cases) - _LISTED:,} more" if len(manifest.cases) > _LISTED else ""
    st.markdown(f"Cases: {shown}{more}")
    st.dataframe(audits.cases_table(manifest), hide_index=True, key="details_cases", width="stretch")
    with st.expander(f"Agencies ({len(manifest.agencies)})"):
        st.dataframe(audits.agencies_table(manifest), hide_index=True, key="details_agencies", width="stretch")
    if _DONE in st.session_state:
        st.success(st.session_state.pop(_DONE))
    case_tab, agency_tab, plan_tab, workbook_tab = st.tabs(
        ["Add a case", "Add an agency", "Add a plan", "Change anything (set-up workbook)"])
    with case_tab:
        _add_case(folder)
    with agency_tab:
        _add_agency(folder)
    with plan_tab:
        _add_plan(folder, manifest)
    with workbook_tab:
        _edit_workbook(folder, info.id)


def _added(folder: Path, sheet: str, values: dict[str, object], what: str) -> None:
    """Add one row through the same read and checks as a whole workbook; say why not if it is refused."""
    outcome = audits.add_detail(folder, sheet, values)
    if outcome.errors:
        show_outcome(outcome, key=f"add_{sheet.lower()}")
    else:
        st.session_state[_DONE] = f"{what} added to audit.yaml."
        st.rerun()


def _add_case(folder: Path) -> None:
    with st.form("add_case", clear_on_submit=False):
        case_id = st.text_input("Case id (pseudonymous, e.g. case-7; never a name)", key="add_case_id")
        reference = st.text_input("Partnership's case reference (optional)", key="add_case_reference")
        summary = st.text_input("Summary (one line, no names)", key="add_case_summary")
        st.caption("People and plans for it: the Add a plan tab, or the set-up workbook.")
        if st.form_submit_button("Add the case"):
            _added(folder, CASES_SHEET, {"id": case_id, "reference": reference, "summary": summary},
                   f"Case {case_id}")


def _add_agency(folder: Path) -> None:
    choices = [label for label, _ in agency_type_choices()]
    with st.form("add_agency", clear_on_submit=False):
        name = st.text_input("Agency name", key="add_agency_name")
        kind = st.selectbox("Type", choices, index=None, key="add_agency_type")
        aliases = st.text_input("Other names it goes by (separated by ;)", key="add_agency_aliases")
        lead = st.text_input("Safeguarding lead's role (a role, not a name)", key="add_agency_lead")
        st.caption("Cases with a list of expected agencies do not expect it until it is ticked for them in "
                   "the set-up workbook's Expected sheet.")
        if st.form_submit_button("Add the agency"):
            _added(folder, AGENCIES_SHEET, {"name": name, "type": kind, "aliases": aliases, "lead_role": lead},
                   f"Agency {name}")


def _add_plan(folder: Path, manifest: Manifest) -> None:
    plans = [label for label, _ in plan_type_choices()]
    with st.form("add_plan", clear_on_submit=False):
        case = st.selectbox("Case", [c.id for c in manifest.cases], index=None, key="add_plan_case")
        kind = st.selectbox("Plan type", plans, index=None, key="add_plan_type")
        child = st.text_input("Child (first name or initials; blank: unborn or whole family)", key="add_plan_child")
        start = st.date_input("Start", value=None, format="DD/MM/YYYY", key="add_plan_start")
        end = st.date_input("End (blank if open)", value=None, format="DD/MM/YYYY", key="add_plan_end")
        if st.form_submit_button("Add the plan"):
            _added(folder, PLANS_SHEET, {"case": case, "type": kind, "child": child or None, "start": start,
                                         "end": end}, f"A plan for {case}")


def _edit_workbook(folder: Path, audit_id: str) -> None:
    st.markdown("Download these details as the set-up workbook, change anything there, and upload it. The same "
                "checks run as for a new audit, and nothing changes while a problem remains. Comments in "
                "audit.yaml are kept; a case or agency left out is removed only if you allow it.")
    st.download_button("Download these details (set-up workbook)", lambda: audits.details_workbook(folder),
                       file_name=f"{audit_id}-setup.xlsx", mime=XLSX, key="details_download")
    uploaded = st.file_uploader("Edited set-up workbook", type=["xlsx"], key="details_file")
    allow = st.checkbox("Allow removals (cases and agencies no longer in the workbook are removed)",
                        key="details_allow")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    preview = audits.update_details(folder, data, source=uploaded.name, allow_removals=allow, dry_run=True)
    show_outcome(preview, key="details_preview")
    if preview.errors:
        return
    if not any(c.action != "keep" for c in preview.changes):
        st.info("Nothing to change: audit.yaml already says what the workbook says.")
        return
    if st.button("Apply these changes", key="details_apply", type="primary"):
        done = audits.update_details(folder, data, source=uploaded.name, allow_removals=allow)
        if done.errors:
            show_outcome(done, key="details_done")
        else:
            st.session_state[_DONE] = f"audit.yaml updated: {len(done.changes)} change(s)."
            st.rerun()

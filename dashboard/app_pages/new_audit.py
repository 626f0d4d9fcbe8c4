"""New audit: download the set-up workbook, upload it filled in, see its problems, create the audit in a folder
under the dashboard's audits folder, and open it. Reading, checking and writing are `checker.review.audits`."""

from pathlib import Path

import streamlit as st

from checker.review import audits
from dashboard import setup_views, support

_CREATED = "maca_setup_created"

st.title("New audit")
st.markdown("Set up the next audit by filling in a spreadsheet — no YAML. The workbook has a sheet each for the "
            "audit, the agencies, the cases, the people in them, their plans and which agency is expected to "
            "submit for which case, with one line of guidance and an example on each. **Names are optional "
            "everywhere: initials are enough.**")
home = audits.audits_dir()

st.subheader("1. Download the set-up workbook")
st.download_button("Download the blank set-up workbook", audits.blank_workbook(), file_name="audit-setup.xlsx",
                   mime=setup_views.XLSX, key="setup_blank")

st.subheader("2. Upload it filled in")
uploaded = st.file_uploader("Filled set-up workbook", type=["xlsx"], key="setup_file")
created = st.session_state.get(_CREATED)
if uploaded is not None and (created is None or created["upload"] != uploaded.file_id):
    data = uploaded.getvalue()
    preview = audits.create_audit(data, home, source=uploaded.name, dry_run=True)
    setup_views.show_outcome(preview, key="setup_preview")
    if not preview.errors:
        st.success(f"The workbook reads cleanly. The audit will be created in {preview.folder}.")
        if st.button("Create the audit", key="setup_create", type="primary"):
            outcome = audits.create_audit(data, home, source=uploaded.name)
            if outcome.errors:
                setup_views.show_outcome(outcome, key="setup_failed")
            else:
                st.session_state[_CREATED] = {"folder": str(outcome.folder), "upload": uploaded.file_id}
                st.rerun()

if created is not None:
    folder = Path(created["folder"])
    st.subheader("3. Open it, and send the templates")
    st.success(f"Audit created in {folder}: audit.yaml, and empty chronologies and returns folders.")
    left, right = st.columns(2)
    if left.button("Open this audit", key="setup_open", type="primary"):
        support.use_folder(folder)
        st.switch_page("app_pages/overview.py")
    right.download_button("Download every agency's templates (.zip)", lambda: audits.templates_zip(folder),
                          file_name=f"{folder.name}-templates.zip", mime="application/zip", key="setup_templates")
    st.caption(f"Or on the command line: maca templates {folder} --out DIR. Returned files are filed on the "
               "Upload page once the audit is open.")

existing = audits.audit_folders(home)
if existing:
    st.subheader("Audits set up here")
    labels = {f"{title} ({folder.name})": folder for folder, title in existing}
    choice = st.selectbox("Audit", list(labels), key="setup_pick")
    if st.button("Open", key="setup_pick_open") and choice is not None:
        support.use_folder(labels[choice])
        st.switch_page("app_pages/overview.py")
st.caption(f"Audits created here are kept in {home} (private to you; `maca dashboard --audits DIR` to choose).")

"""Upload: file agencies' returned templates into the audit (several at once); or a new bundle (.zip, or
audit.yaml and the files), validated and every problem listed before it is checked and becomes this
session's audit."""

import streamlit as st

from checker.review import MAX_UPLOAD_MB
from dashboard import filing, support

st.title("Upload")
st.subheader("File agencies' returns into this audit")
filing.show_filing()
st.subheader("Files filed into this audit")
filing.show_filed()

st.subheader("Upload a bundle (to open a different audit)")
st.markdown(
    f"Upload **one .zip** holding `audit.yaml` and the agencies' files, or **audit.yaml and the files** "
    f"themselves (each is put where audit.yaml says). Up to {MAX_UPLOAD_MB} MB. Nothing is checked or stored "
    "until the bundle has been read and you choose to check it; the files are not kept after reading."
)
uploaded = st.file_uploader(
    "Bundle files", type=["zip", "yaml", "yml", "csv", "xlsx", "xls"], accept_multiple_files=True,
    key="upload_files", max_upload_size=max(1, int(MAX_UPLOAD_MB)),
)
if not uploaded:
    st.stop()

files = [(f.name, f.getvalue()) for f in uploaded]
validated = support.validate_upload(files)
if validated is None:
    st.stop()

support.show_counts(validated)
st.subheader("Problems, by file and row")
support.show_problems(validated.problems, key="upload_problems")
if not validated.usable:
    st.error("Nothing usable could be read from this bundle, so it cannot be checked. Fix the errors above "
             "and upload it again.")
    st.stop()
if st.button("Check this bundle and review it", key="use_upload", type="primary"):
    support.use_upload(files, validated.digest)
    st.switch_page("app_pages/overview.py")

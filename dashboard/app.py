"""`maca dashboard`: the navigation only. Each page is a small script in app_pages/ calling `checker`."""

import streamlit as st

from dashboard import support

st.set_page_config(page_title="MACA checker", layout="wide")

nav = st.navigation(
    [
        st.Page("app_pages/overview.py", title="Overview", default=True),
        st.Page("app_pages/flags.py", title="Flags"),
        st.Page("app_pages/case.py", title="Case"),
        st.Page("app_pages/quality.py", title="Agency quality"),
        st.Page("app_pages/referrals.py", title="Early Help referrals"),
        st.Page("app_pages/briefing.py", title="Briefing and action plan"),
        st.Page("app_pages/rules.py", title="Rules"),
        st.Page("app_pages/upload.py", title="Upload"),
        st.Page("app_pages/new_audit.py", title="New audit"),
    ]
)
support.sidebar()
nav.run()

"""`maca dashboard`: the navigation only. Each page is a small script in pages/ calling `checker`."""

import streamlit as st

from checker import dashboard_support as support

st.set_page_config(page_title="MACA checker", layout="wide")

nav = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/flags.py", title="Flags"),
        st.Page("pages/case.py", title="Case"),
        st.Page("pages/quality.py", title="Agency quality"),
        st.Page("pages/referrals.py", title="Early Help referrals"),
        st.Page("pages/rules.py", title="Rules"),
        st.Page("pages/upload.py", title="Upload"),
    ]
)
support.sidebar()
nav.run()

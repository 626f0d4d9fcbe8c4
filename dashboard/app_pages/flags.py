"""Flags: filter, pick one, read its evidence and rule, record a decision."""

import streamlit as st

from checker import review
from dashboard import flag as dashboard_flag
from dashboard import support

current = support.active()
support.header(current, "Flags")
flags = review.review_flags(current.store, current.run_id, current.result.catalogue)
options = review.filter_options(flags)

labels = {"case": "Case", "agency": "Agency", "rule": "Rule", "severity": "Severity",
          "status": "Review status", "change": "Since previous run"}
chosen = {}
for column, key in zip(st.columns(len(review.FILTERS)), review.FILTERS, strict=True):
    with column:
        chosen[key] = st.multiselect(labels[key], options[key], key=f"filter_{key}",
                                     format_func=review.filter_label(key))
shown = review.filter_flags(flags, **chosen)
st.markdown(f"**{len(shown)} of {len(flags)} flags** shown (flags resolved since the previous run are "
            "listed last, marked *resolved*).")
with st.container(height=440):
    st.table(review.flags_table(shown), hide_index=True)

if not shown:
    st.info("No flag matches these filters.")
    st.stop()

by_id = {f["id"]: f for f in shown}
flag_id = st.selectbox("Flag to review", list(by_id), key="flag_select", format_func=lambda i: review.flag_label(by_id[i]))
dashboard_flag.show(current, by_id[flag_id])

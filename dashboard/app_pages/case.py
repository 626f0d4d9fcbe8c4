"""Case: one case's multi-agency timeline (chart and table), its flags and the agencies' returns."""

import streamlit as st

from checker import review
from dashboard import support, views

current = support.active()
support.header(current, "Case")
manifest = current.result.bundle.manifest
cases = {c.id: c for c in manifest.cases}
case_id = st.selectbox("Case", list(cases), key="case_select",
                       format_func=lambda c: f"{c} — {cases[c].summary}" if cases[c].summary else c)
flags = [f for f in review.review_flags(current.store, current.run_id, current.result.catalogue,
                                        include_resolved=False) if f["case"] == case_id]

st.subheader("Multi-agency timeline")
frame = views.timeline_frame(current.result, case_id, flags)
if frame.empty:
    st.info("No chronology entries were loaded for this case.")
else:
    st.caption("Each lane is an agency (by id; the table and tooltips give its name); each mark an entry, "
               "shaped and coloured by its main kind. Entries cited as evidence by a flag are ringed by a large "
               "open diamond, and the table's Flagged column names the rules. The dashed line is the as-at "
               "date. Drag or scroll on the chart to zoom in time.")
    support.chart_and_table(views.timeline_chart(frame, current.result.as_of), views.timeline_table(frame),
                            key="timeline_table", ratio=(3, 2))

st.subheader(f"Flags on {case_id} ({len(flags)})")
if flags:
    st.table(review.flags_table(flags), hide_index=True)
    st.caption("Open the Flags page and filter by this case to review them.")
else:
    st.caption("No flags on this case.")

st.subheader("The agencies' returns")
st.dataframe(views.returns_table(current.result, case_id), hide_index=True, key="returns")

"""Case: one case's multi-agency timeline (chart and table), its flags, the findings the panel added and the
form to add one, and the agencies' returns."""

import streamlit as st

from checker import review
from dashboard import panel, support, views, whynot

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
    st.caption("Each lane is an agency; each mark an entry, shaped and coloured by its main kind (the key is "
               "below the chart). A large open red diamond rings an entry a flag cites as evidence (the table's "
               "Flagged column names the rule). The dashed line is the as-at date. Drag or scroll on the chart to "
               "zoom in time.")
    st.altair_chart(views.timeline_chart(frame, current.result.as_of), width="stretch")
    # select rows to pick them as the evidence of a finding the panel adds (the form below)
    picked = st.dataframe(views.timeline_table(frame), hide_index=True, key=f"timeline_table_{case_id}",
                          width="stretch", on_select="rerun", selection_mode="multi-row",
                          column_config={"Date": st.column_config.TextColumn(width=85),
                                         "Agency": st.column_config.TextColumn(width=190),
                                         "Kinds": st.column_config.TextColumn(width=170),
                                         "Flagged": st.column_config.TextColumn(width=170),
                                         "Entry": st.column_config.TextColumn(width=330),
                                         "File": st.column_config.TextColumn(width=120),
                                         "Row": st.column_config.NumberColumn(width=45)})
    panel.pick_entries(case_id, list(frame["Entry id"]), list(getattr(getattr(picked, "selection", None), "rows", [])))

st.subheader(f"Flags on {case_id} ({len(flags)})")
if flags:
    names = {a.id: a.name for a in manifest.agencies}
    st.dataframe(review.flags_table(flags, names).drop(columns=["Status", "Change"]), hide_index=True,
                 key="case_flags", width="stretch",
                 column_config={"What was found": st.column_config.TextColumn(width="large")})
    st.caption("Open the Flags page and filter by this case to review them.")
else:
    st.caption("No flags on this case.")

panel.case_findings(current, case_id)
panel.finding_form(current, case_id)

whynot.rules_not_flagged(current.result, case_id)

st.subheader("The agencies' returns")
returns = views.returns_table(current.result, case_id)
if returns.empty:
    st.caption("No audit returns for this case.")
else:
    st.dataframe(returns, hide_index=True, key="returns", width="stretch")

"""Flags: filter, select a row to open a flag — its evidence and rule — and record a decision."""

import streamlit as st

from checker import review
from dashboard import flag as dashboard_flag
from dashboard import panel, support, today

current = support.active()
support.header(current, "Flags")
flags = review.review_flags(current.store, current.run_id, current.result.catalogue)
names = today.agency_names(current)
if not flags:
    st.success("No flags: no rule found anything to raise on this audit.")
    panel.flags_section(current)
    st.stop()
options = review.filter_options(flags)

labels = {"case": "Case", "agency": "Agency", "rule": "Rule", "severity": "Severity",
          "status": "Review status", "change": "Since previous run"}
titles = {r.id: r.title for r in current.result.catalogue.rules}
formats = {"agency": lambda a: names.get(a, "several agencies" if a == "—" else a),
           "rule": lambda r: titles.get(r, r)}
chosen = {}
for column, key in zip(st.columns(len(review.FILTERS)), review.FILTERS, strict=True):
    with column:
        chosen[key] = st.multiselect(labels[key], options[key], key=f"filter_{key}",
                                     format_func=formats.get(key, review.filter_label(key)))
shown = review.filter_flags(flags, **chosen)
left, right = st.columns([3, 1])
left.markdown(f"**{len(shown)} of {len(flags)} flags** shown, most urgent first (flags resolved since the previous "
              "run are listed last). **Select a row** to open that flag below.")
with right:
    today.download_flags(current, shown)
today.upload_decisions(current)
panel.flags_section(current, chosen.get("case") or ())

if not shown:
    st.info("No flag matches these filters. Clear a filter above to see more.")
    st.stop()

table = review.flags_table(shown, names)
event = st.dataframe(
    table, hide_index=True, key="flags_table", on_select="rerun", selection_mode="single-row", width="stretch",
    height=min(35 * (len(table) + 1) + 3, 35 * 21 + 3),  # every row, up to 20 at a time (then it scrolls)
    column_order=["Severity", "Case", "Agency", "What was found", "Status", "Change"],  # the id shows when opened
    column_config={
        "Severity": st.column_config.TextColumn(width=90),
        "Case": st.column_config.TextColumn(width=60),
        "Agency": st.column_config.TextColumn(width=180, help="The agency the finding is about"),
        "What was found": st.column_config.TextColumn(width=400, help="Select the row to read it all"),
        "Status": st.column_config.TextColumn(width=150),
        "Change": st.column_config.TextColumn("Since previous run", width=110),
    },
)
selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
if selected and selected[0] < len(shown):
    st.session_state["open_flag"] = shown[selected[0]]["id"]

by_id = {f["id"]: f for f in shown}
opened = by_id.get(st.session_state.get("open_flag", ""))
if opened is None:
    st.info("Select a flag's row in the table to open it: what was found, its evidence, the rule, and the "
            "decision form.")
    st.stop()
st.divider()
dashboard_flag.show(current, opened)

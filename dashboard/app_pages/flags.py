"""Flags: filter, select a row to open a flag — its evidence and rule — and record a decision."""

import streamlit as st

from checker import review
from dashboard import flag_dialog as dashboard_flag_dialog
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
              "run are listed last). **Select a row** to open that flag beside the table.")
with right:
    today.download_flags(current, shown)
today.upload_decisions(current)
panel.flags_section(current, chosen.get("case") or ())

if not shown:
    st.info("No flag matches these filters. Clear a filter above to see more.")
    st.stop()

table = review.flags_table(shown, names)
ROW = 66  # px: over 4rem, so the grid wraps "What was found" and the rule's title onto three lines
dashboard_flag_dialog.flag_table(
    current, shown, table, key="flags_table",
    row_height=ROW, height=min(ROW * len(table) + 38, ROW * 12 + 38),  # up to 12 rows at a time, then it scrolls
    column_order=["Severity", "Case", "Rule", "What was found", "Agency", "Status", "Change"],  # id: when opened
    column_config={
        "Severity": st.column_config.TextColumn(width=90),
        "Case": st.column_config.TextColumn(width=60),
        "Rule": st.column_config.TextColumn(width=230, help="The rule that raised the flag"),
        "What was found": st.column_config.TextColumn(width=500, help="Select the row to read it all"),
        "Agency": st.column_config.TextColumn(width=180, help="The agency the finding is about"),
        "Status": st.column_config.TextColumn(width=130),
        "Change": st.column_config.TextColumn("Since previous run", width=110),
    },
)
if st.session_state.get(dashboard_flag_dialog.OPEN) not in {f["id"] for f in shown}:
    st.caption("Select a flag's row in the table to open it beside the table: what was found, its evidence, the "
               "rule, and the decision form.")

"""Overview: what to do today first; then flags by severity, case and rule; agency coverage; changes since the
previous run."""

import streamlit as st

from checker import review
from checker.review import audits
from dashboard import setup_views, support, today, tracker, views

editable = setup_views.editable_folder()
if editable is not None and not audits.has_submissions(editable):  # a new audit: nothing to check yet
    st.title("Overview")
    st.info("No chronology or return has been filed for this audit yet, so there is nothing to check. Send each "
            "agency its templates (New audit page, or maca templates), then file what comes back on the Upload "
            "page.")
    setup_views.audit_details(editable)
    st.stop()

current = support.active()
support.header(current, "Overview")
today.act_today_box(current)
flags = review.review_flags(current.store, current.run_id, current.result.catalogue, include_resolved=False)
case_ids = [c.id for c in current.result.manifest.cases]

counts = views.severity_counts(flags)
for column, row in zip(st.columns(len(counts)), counts.itertuples(), strict=True):
    column.metric(row.Severity, f"{row.Flags} flags", f"{row.Open} open", delta_color="off", delta_arrow="off")

if flags:
    st.subheader("Flags by severity")
    support.chart_and_table(views.severity_chart(counts), counts.drop(columns="severity"), key="by_severity")
    st.subheader("Flags by case")
    support.chart_and_table(views.case_chart(flags, case_ids), views.case_counts_table(flags, case_ids),
                            key="by_case")
    st.subheader("Flags by rule")
    st.dataframe(views.rule_counts_table(flags, current.result.catalogue), hide_index=True, key="by_rule",
                 width="stretch", column_config={"Rule": st.column_config.TextColumn(width="large")})
else:
    st.success("No flags: no rule found anything to raise on this audit's records.")

st.subheader("Agency coverage")
support.coverage(current)

st.subheader("Submissions received")
tracker.show_tracker(current)
today.download_outputs(current)

st.subheader("Changes since the previous run")
changes = current.store.changes(current.run_id)
runs = current.store.runs(current.audit_id)
if len(runs) < 2:
    st.caption("This is the first stored run of this audit: every flag is new.")
else:
    new, resolved, persisting = (len(changes[k]) for k in ("new", "resolved", "persisting"))
    left, middle, right = st.columns(3)
    left.metric("New", new)
    middle.metric("Resolved (no longer raised)", resolved)
    right.metric("Persisting", persisting)
    table = views.change_counts(changes, current.result.catalogue,
                               {a.id: a.name for a in current.result.manifest.agencies})
    if table.empty:
        st.caption("Nothing new and nothing resolved since the previous run.")
    else:
        st.dataframe(table, hide_index=True, key="changes", width="stretch")

with st.expander(f"Submission problems ({support.problem_counts(current.result.problems)})"):
    support.show_problems(current.result.problems)

setup_views.audit_details(editable)

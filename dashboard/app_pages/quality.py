"""Agency quality: the league table, the score components, each agency's deductions with their evidence."""

import streamlit as st

from checker import review
from dashboard import support, views

current = support.active()
support.header(current, "Agency quality")
report = current.result.quality
assert report is not None  # run_check always scores quality
quality = [a.to_dict() for a in report.agencies]
status = {"status": report.status, "reason": report.reason}
if not quality:
    st.warning(f"Submission quality was not scored: {status.get('reason') or 'no agency was in scope'}.")
    st.stop()

st.markdown("Each agency's submission scored out of 100: points are lost for gaps in completeness, "
            "timeliness, evidence and consistency, each traceable to a record below.")
league = views.league_table(quality)
st.subheader("League table")
st.dataframe(league, hide_index=True, key="league")

st.subheader("Points lost, by component")
components = views.components_frame(quality)
support.chart_and_table(views.components_chart(components, list(league["Agency"])), components,
                        key="components")

st.subheader("Deductions and their evidence")
agencies = {a["agency"]: a for a in quality}
chosen = agencies[st.selectbox("Agency", list(agencies), key="quality_agency",
                               format_func=lambda a: f"{agencies[a].get('name') or a} — {agencies[a].get('score')}")]
table = views.deductions_table(chosen)
if table.empty:
    st.caption("No deductions: nothing was found against this agency's submission.")
else:
    st.dataframe(table, hide_index=True, key="deductions")
    for i, deduction in enumerate(chosen.get("deductions") or []):
        with st.expander(f"{deduction.get('case')} · {deduction.get('rule')} · "
                         f"{float(deduction.get('points', 0)):.2f} points"):
            st.text(deduction.get("message") or "")
            evidence = review.evidence_table(deduction)
            if evidence.empty:
                st.caption("No evidence rows: the finding is about something missing.")
            else:
                st.dataframe(evidence, hide_index=True, key=f"deduction_evidence_{i}")

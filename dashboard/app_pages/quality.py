"""Agency quality: the league table (worst first), the score components, each agency's deductions with their
evidence."""

import streamlit as st

from checker import review
from checker.outputs.quality.letter_words import in_words
from dashboard import support, views
from dashboard.letters import agency_letters, league_workbook

current = support.active()
support.header(current, "Agency quality")
report = current.result.quality
assert report is not None  # run_check always scores quality
quality = [a.to_dict() for a in report.agencies]
status = {"status": report.status, "reason": report.reason}
if not quality:
    st.info(f"Submission quality was not scored: {status.get('reason') or 'no agency was in scope'}.")
    st.stop()

st.markdown("Each agency's submission scored out of 100: points are lost for gaps in completeness, "
            "timeliness, evidence and consistency, each traceable to a record below. **Worst first**: the "
            "agencies at the top need feedback most.")
league = views.league_table(quality)
st.subheader("League table")
parts = [c for c in league.columns if c.endswith("(points lost)")]
st.dataframe(league, hide_index=True, key="league", width="stretch", height=35 * (len(league) + 1) + 3,
             column_order=["Rank", "Agency", "Score", "Grade", *parts],
             column_config={"Rank": st.column_config.NumberColumn(width=50),
                            "Agency": st.column_config.TextColumn(width=360),
                            "Score": st.column_config.NumberColumn(width=60, format="%.1f"),
                            "Grade": st.column_config.TextColumn(width=150),
                            **{c: st.column_config.NumberColumn(c.replace(" (points lost)", " lost"), width=100,
                                                                format="%.1f") for c in parts}})

st.download_button("Download the league table (Excel)", lambda: league_workbook(report), file_name="quality-league.xlsx",
                   key="league_xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   help="The league table and every deduction with its evidence, with a sheet laid out to print on A4.")

st.subheader("Points lost, by part of the score")
components = views.components_frame(quality)
st.altair_chart(views.components_chart(components, list(league["Agency"])), width="stretch")
with st.expander("The same figures as a table"):
    st.dataframe(components, hide_index=True, key="components", width="stretch")

st.subheader("Deductions and their evidence")
agencies = {a["agency"]: a for a in sorted(quality, key=lambda a: float(a.get("score", 0)))}
chosen = agencies[st.selectbox("Agency", list(agencies), key="quality_agency",
                               format_func=lambda a: f"{agencies[a].get('name') or a} — {agencies[a].get('score')}")]
letters = agency_letters(report, chosen["agency"])
for column, (label, filename, data) in zip(st.columns(len(letters) or 1), letters, strict=False):
    column.download_button(label, data, file_name=filename, key=f"letter_{filename}",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
table = views.deductions_table(chosen)
names = {a.id: a.name for a in current.result.manifest.agencies}
if table.empty:
    st.caption("No deductions: nothing was found against this agency's submission.")
else:
    st.dataframe(table, hide_index=True, key="deductions", width="stretch",
                 column_config={"What was found": st.column_config.TextColumn(width="large")})
    for deduction in chosen.get("deductions") or []:
        message = in_words(str(deduction.get("message") or ""))
        with st.expander(f"{deduction.get('case')} · {float(deduction.get('points', 0)):.2f} points · "
                         f"{message[:90]}"):
            st.text(message)
            evidence = review.evidence_table(deduction, names)
            if evidence.empty:
                st.caption("No evidence rows: the finding is about something missing.")
            else:
                st.table(evidence, hide_index=True)

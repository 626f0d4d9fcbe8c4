"""Early Help referrals: the same-day worklist for families facing eviction, with CSV and XLSX downloads."""

import pandas as pd
import streamlit as st

from dashboard import support, views
from dashboard.plain import escape_frame

current = support.active()
support.header(current, "Early Help referrals")
worklist = current.result.worklist
assert worklist is not None  # run_check always builds the worklist
entries = worklist.to_json()

st.markdown(
    "Households facing eviction. **Refer today**: the MASH refers the family to the Early Help and "
    "Prevention Service the same working day (support to start within 24 hours). **Watch**: threatened with "
    "homelessness, with the date each becomes imminent. Dates are judged as at "
    f"{current.result.as_of:%d/%m/%Y}."
)
frame = views.referral_frame(entries)
audit_id = current.audit_id
left, right = st.columns(2)
with left:
    st.download_button("Download CSV", views.referral_csv(entries, worklist), file_name=f"{audit_id}-referrals.csv",
                       mime="text/csv", key="download_csv")
with right:
    st.download_button("Download XLSX", views.referral_xlsx(entries, worklist), file_name=f"{audit_id}-referrals.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="download_xlsx")

for title in ("Refer today", "Watch"):
    part = frame[frame["List"] == title].drop(columns="List")
    st.subheader(f"{title} ({len(part)})")
    if part.empty:
        st.caption("No household on this list.")
    else:
        st.dataframe(part, hide_index=True, key=f"referrals_{title}")

for entry in entries:
    with st.expander(f"Evidence for {entry['case']} ({len(entry.get('evidence') or [])} records)"):
        st.table(escape_frame(pd.DataFrame(views.referral_evidence(entry))), hide_index=True)

"""Early Help referrals: the same-day worklist for families facing eviction, with CSV and XLSX downloads."""

import pandas as pd
import streamlit as st

from checker.model.wording import count
from dashboard import referral_views, support
from dashboard.plain import escape_frame, md_escape

current = support.active()
support.header(current, "Early Help referrals")
worklist = current.result.worklist
assert worklist is not None  # run_check always builds the worklist
entries = worklist.to_json()

st.markdown(
    "Households facing eviction. **Refer today**: the MASH refers the family to the Early Help and "
    "Prevention Service the same working day (support to start within 24 hours). **Watch**: threatened with "
    "homelessness, with the date each becomes imminent. A family **already with Early Help** is not referred "
    "again: confirm Early Help has the eviction date. Dates are judged as at "
    f"{current.result.as_of:%d/%m/%Y}."
)
frame = referral_views.referral_frame(entries)
audit_id = current.audit_id
left, right = st.columns(2)
with left:
    st.download_button("Download CSV", referral_views.referral_csv(entries, worklist), file_name=f"{audit_id}-referrals.csv",
                       mime="text/csv", key="download_csv")
with right:
    st.download_button("Download XLSX", referral_views.referral_xlsx(entries, worklist, current.result.manifest.audit.title), file_name=f"{audit_id}-referrals.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="download_xlsx")

for title in ("Refer today", "Watch"):
    part = frame[frame["List"] == title].drop(columns="List")
    st.subheader(f"{title} ({len(part)})")
    if part.empty:
        st.caption("Nobody on this list as at this date.")
    for row in part.to_dict("records"):
        days = row["Days until"]
        when = "" if days is None or days != days else (
            f"(in {count(int(days), 'day')})" if days >= 0 else f"({count(-int(days), 'day')} ago)")
        with st.container(border=True):
            row = {k: md_escape(v) for k, v in row.items()}
            st.markdown(f"**{row['Case']}** — {row['Document']} **{row['Eviction date']}** {when} — "
                        f"{row['Household']}  \n"
                        + (f"**Refer by** {row['Refer by']} · **support by** {row['Support by']} · "
                           if row["Refer by"] != "—" else "")
                        + f"**Already with Early Help:** {row['Already with Early Help']}")
            st.markdown(f"{row['Reason']}  \n**Known from:** {row['Known from']}")
            st.caption(f"References: {row['References']}")

for entry in entries:
    with st.expander(f"Evidence for {entry['case']} ({count(len(entry.get('evidence') or []), 'record')})"):
        st.table(escape_frame(pd.DataFrame(referral_views.referral_evidence(entry))), hide_index=True)

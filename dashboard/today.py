"""The Overview's "Act today" box and the flags workbook download (drawing only; the content comes from
`checker.outputs.today` and `checker.outputs.flags_xlsx`)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from checker.model.wording import agency_name, count, fmt_date
from checker.outputs.flags_xlsx import write_flags_xlsx
from checker.outputs.registry import OUTPUTS, write_output
from checker.review.today import act_today
from dashboard.plain import md_escape
from dashboard.support import Active

__all__ = ["act_today_box", "flags_workbook", "agency_names"]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agency_names(current: Active) -> dict[str, str]:
    return {a.id: a.name for a in current.result.manifest.agencies}


def act_today_box(current: Active) -> None:
    """Immediate concerns, families to refer (or confirm) with Early Help, and new high flags: who, by when."""
    changes = current.store.changes(current.run_id)
    first_run = len(current.store.runs(current.audit_id)) < 2
    new = None if first_run else {f["id"] for f in changes["new"]}
    today = act_today(current.result, new)
    urgent = [a for a in today.actions if a.kind != "new_high"]
    high = [a for a in today.actions if a.kind == "new_high"]
    with st.container(border=True, key="act_today"):
        st.subheader("Act today")
        if not today.actions:
            st.success("Nothing needs action today: no immediate concern, no family to refer to Early Help and "
                       "no new high flag.")
            return
        for action in urgent:
            icon = ":material/priority_high:" if action.kind == "immediate" else ":material/home:"
            st.markdown(f"{icon} **{action.label} — {md_escape(action.case)}.** {md_escape(action.what)}  \n"
                        f"**Who:** {md_escape(action.who)}. **By:** {action.by_text(today.as_of)}.")
        if high:
            since = "on this first run of the audit" if first_run else "since the previous run"
            st.markdown(f"**{count(len(high), 'new high flag')}** {since}, for the audit lead to read before "
                        f"{'the meeting on ' + fmt_date(today.meeting) if today.meeting else 'the meeting'}:")
            table = pd.DataFrame([{"Case": a.case, "Who": a.who, "What was found": a.what, "Flag id": a.flag_id}
                                  for a in high])
            st.dataframe(table, hide_index=True, key="act_today_high", width="stretch",
                         height=min(36 * (len(table) + 1) + 4, 300),
                         column_config={"Case": st.column_config.TextColumn(width=65),
                                        "Who": st.column_config.TextColumn(width=250),
                                        "What was found": st.column_config.TextColumn(width=560),
                                        "Flag id": st.column_config.TextColumn(width=150)})
            st.page_link("app_pages/flags.py", label="Open them on the Flags page", icon=":material/flag:")


def flags_workbook(current: Active, flags: Sequence[Mapping[str, Any]]) -> bytes:
    """The flags shown, as the finished workbook, with their review decisions."""
    decisions = {f["id"]: f["decision"] for f in flags if f.get("decision")}
    catalogue = current.result.catalogue
    rules = {r.id: r for r in catalogue.rules}
    full = [{**f, "recommended_action": f.get("recommended_action") or getattr(rules.get(f["rule"]), "recommended_action",
                                                                               "")} for f in flags]
    buffer = io.BytesIO()
    write_flags_xlsx(buffer, current.result, decisions, flags=full)
    return buffer.getvalue()


def download_flags(current: Active, flags: Sequence[Mapping[str, Any]]) -> None:
    st.download_button(
        f"Download these {count(len(flags), 'flag')} (Excel)", flags_workbook(current, flags),
        file_name=f"{current.audit_id}-flags.xlsx", mime=_XLSX, key="download_flags", icon=":material/download:",
    )


def output_bytes(current: Active, name: str) -> bytes:
    """A registered output of this check (`checker.outputs.registry`), as the file `maca check` writes."""
    output = next(o for o in OUTPUTS if o.name == name)
    if output.binary:
        buffer = io.BytesIO()
        write_output(output, buffer, current.result)
        return buffer.getvalue()
    text = io.StringIO()
    write_output(output, text, current.result)
    return text.getvalue().encode("utf-8")


def download_outputs(current: Active) -> None:
    """A download for every registered output but the flags workbook (the Flags page has it, with decisions)."""
    for output in OUTPUTS:
        if output.name == "flags-xlsx":
            continue
        st.download_button(
            f"Download the {output.label[0].lower() + output.label[1:]}", output_bytes(current, output.name),
            file_name=f"{current.audit_id}-{output.name.rsplit('-', 1)[0]}{output.suffix}",
            mime=_XLSX if output.binary else "text/csv", key=f"download_{output.name}", icon=":material/download:",
        )


def names_of(current: Active, agency: str | None) -> str:
    return agency_name(agency_names(current), agency, "several agencies")

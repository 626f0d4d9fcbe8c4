"""The Overview's "Act today" box and the flags workbook download (drawing only; the content comes from
`checker.outputs.today` and `checker.outputs.flags_xlsx`)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from checker.model.errors import CheckerError
from checker.model.wording import agency_name, count, fmt_date, fmt_time
from checker.outputs.flags_xlsx import write_flags_xlsx
from checker.outputs.registry import OUTPUTS, write_output
from checker.review.findings import panel_flags
from checker.review.today import act_today
from checker.review.workbook import import_decisions
from dashboard.plain import md_escape
from dashboard.support import Active, reviewer

__all__ = ["act_today_box", "flags_workbook", "agency_names", "upload_decisions"]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agency_names(current: Active) -> dict[str, str]:
    return {a.id: a.name for a in current.result.manifest.agencies}


def act_today_box(current: Active) -> None:
    """Immediate concerns, families to refer (or confirm) with Early Help, and new high flags: who, by when."""
    changes = current.store.changes(current.run_id)
    first_run = len(current.store.runs(current.audit_id)) < 2
    new = None if first_run else {f["id"] for f in changes["new"]}
    today = act_today(current.result, new, decisions=current.store.decisions(current.audit_id))
    urgent = [a for a in today.actions if a.kind != "new_high"]
    high = [a for a in today.actions if a.kind == "new_high"]
    with st.container(border=True, key="act_today"):
        st.subheader("Act today")
        if not today.actions:
            st.success("Nothing needs action today: no immediate concern, no family to refer to Early Help and "
                       "no new high flag.")
            _done(today)
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
        _done(today)


def _done(today: Any) -> None:
    """Beneath the list: what was taken off it by "Action taken" this week, with who recorded it and when."""
    if not today.done:
        return
    st.markdown(f"**Done today / this week** ({count(len(today.done), 'action')}, taken off the list by the review "
                "decision \u201cAction taken\u201d):")
    for item in today.done:
        when = "today" if item.today else "this week"
        st.markdown(f":material/check_circle: **Done {when} — {md_escape(item.action.case)}: {item.action.label}.** "
                    f"{md_escape(item.done)}  \n**Who:** {md_escape(item.who)}. **When:** {fmt_time(item.when)}.")


def flags_workbook(current: Active, flags: Sequence[Mapping[str, Any]]) -> bytes:
    """The flags shown, as the finished workbook, with their review decisions (and the findings the panel
    added, marked, so they come back through an import)."""
    flags = [*flags, *(f for f in panel_flags(current.store, current.result) if f["id"] not in {x["id"] for x in flags})]
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


_IMPORTED = "maca_decisions_imported"  # session key: (saved?, lines) of the last workbook import


def _import(current: Active) -> None:
    """Button callback: save the uploaded workbook's decisions as this reviewer (before the page redraws)."""
    upload = st.session_state.get("decisions_upload")
    name = reviewer()
    if upload is None or not name:
        return
    try:
        report = import_decisions(current.store, current.result, upload.getvalue(), name)
    except CheckerError as exc:
        st.session_state[_IMPORTED] = (False, [str(exc)])
        return
    st.session_state[_IMPORTED] = (not report.problems, report.lines())


def upload_decisions(current: Active) -> None:
    """The flags workbook back from the meeting: each filled row saved as its flag's decision."""
    with st.expander("Decisions typed into the flags workbook in the meeting"):
        st.caption("Download the flags above, type each decision into its Decision column (Confirmed, Dismissed, "
                   "Action needed, Action taken) with a Reason (needed to dismiss, and for an action taken: what was "
                   "done) and a Note, then upload it here. Rows left blank are not decisions; a row that cannot be "
                   "saved is listed by its row number, and nothing from it is saved.")
        st.file_uploader("The filled flags workbook (.xlsx)", type=["xlsx"], key="decisions_upload")
        name = reviewer()
        st.button(f"Save its decisions as {name}" if name else "Save its decisions (enter your name in the sidebar "
                  "first)", key="decisions_import", on_click=_import, args=(current,),
                  disabled=not name or st.session_state.get("decisions_upload") is None)
        done = st.session_state.get(_IMPORTED)
        if done:
            ok, lines = done
            (st.success if ok else st.warning)(md_escape(lines[0]))
            if len(lines) > 1:
                st.text("\n".join(lines[1:]))

"""Briefing and action plan: record the meeting, edit the actions, preview and download both."""

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from checker.model.errors import CheckerError
from checker.model.wording import fmt_time
from checker.outputs import briefing as core
from dashboard import support

current = support.active()
support.header(current, "Briefing and action plan")
store, audit_id, manifest = current.store, current.audit_id, current.result.bundle.manifest
who = support.reviewer()


def _data() -> core.BriefingData:
    return core.gather(store, current.run_id, current.result)


def _saved(save: Callable[[], object], done: str) -> None:
    """Save one thing to the store: say so, or say why not (a refused save is a message, not a traceback)."""
    try:
        save()
        st.success(done)
    except CheckerError as exc:
        st.error(str(exc))


data = _data()
briefing, markdown, leaked = core.render(data)
cases = [c.id for c in manifest.cases]
agency_names = {a.id: a.name for a in manifest.agencies}
if briefing.notice:
    st.warning(briefing.notice)


def _complete(done: bool) -> None:
    """Button callback: mark the review complete (or reopen it) before the page is drawn again."""
    try:
        store.mark_review_complete(audit_id, who or "", done)
    except CheckerError as exc:
        st.session_state["review_complete_error"] = str(exc)


completed = store.review_complete(audit_id)
if completed:
    st.success(f"Review marked complete by {completed['completed_by']}, {fmt_time(completed['completed_at'])}: the "
               "briefing and action plan now draft only confirmed findings and recorded strengths.")
    st.button("Reopen the review", key="review_reopen", on_click=_complete, args=(False,), disabled=not who)
else:
    st.button("Mark the review complete", key="review_complete", on_click=_complete, args=(True,), disabled=not who,
              help="When the panel has decided every flag it means to: the DRAFT banner goes and only confirmed "
                   "findings stay in the briefing and the action plan.")
if st.session_state.get("review_complete_error"):
    st.error(st.session_state.pop("review_complete_error"))
if not who:
    st.info("Enter your name in the sidebar to record the meeting or edit actions.")

meeting_tab, actions_tab, preview_tab = st.tabs(["Record the meeting", "Action plan", "Preview and download"])

with meeting_tab:
    meeting = data.meeting or {}
    with st.form("meeting_form"):
        when = st.date_input("Meeting date", value=meeting.get("meeting_date") or manifest.audit.meeting_date,
                             format="DD/MM/YYYY", key="meeting_date")
        st.caption("Who attended, by agency and role. No names: the briefing is published.")
        attendees = st.data_editor(
            pd.DataFrame(meeting.get("attendees") or [], columns=["agency", "role"]),
            num_rows="dynamic", key="meeting_attendees", hide_index=True,
            column_config={"agency": st.column_config.SelectboxColumn("Agency", options=list(agency_names)),
                           "role": st.column_config.TextColumn("Role", default="")},  # a new row: blank, not None
        )
        summary = st.text_area("The panel's overall note (goes into the recommendations)",
                               value=meeting.get("summary") or "", key="meeting_summary")
        if st.form_submit_button("Save the meeting", disabled=not who):
            _saved(lambda: store.record_meeting(audit_id, who or "", when,
                                                core.attendee_rows(attendees.to_dict("records")), summary),
                   "Meeting saved.")
    case = st.selectbox("Case", cases, key="panel_case")
    with st.form("panel_note_form"):
        note = st.text_area("The panel's note on this case", value=data.panel_notes.get(case, {}).get("note", ""),
                            key="panel_note")
        if st.form_submit_button("Save the note", disabled=not who):
            _saved(lambda: store.save_panel_note(audit_id, case, who or "", note), f"Note on {case} saved.")
    for item in [s for s in data.panel_strengths if s["case"] == case]:
        left, right = st.columns([5, 1])
        left.markdown(f"- {item['text']} — *added by {item['added_by']}*")
        if right.button("Remove", key=f"remove_strength_{item['id']}", disabled=not who):
            store.remove_strength(audit_id, item["id"], who or "")
            st.rerun()
    with st.form("strength_form", clear_on_submit=True):
        strength = st.text_input("A strength the panel identified in this case", key="panel_strength")
        if st.form_submit_button("Add the strength", disabled=not who):
            _saved(lambda: store.add_strength(audit_id, case, who or "", strength), f"Strength added to {case}.")

with actions_tab:
    table = core.action_tables(briefing.actions, data)[0]
    shown = [["" if v is None else f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else v for v in row] for row in table.rows]
    st.dataframe(pd.DataFrame(shown, columns=table.columns), hide_index=True, key="actions_table",
                 column_order=[c for c in table.columns if c != "Action key"])  # the key matches edits only
    if briefing.actions:
        by_key = {a.key: a for a in briefing.actions}
        key = st.selectbox("Action to edit", list(by_key), key="action_pick",
                           format_func=lambda k: f"{by_key[k].number}. {by_key[k].finding}")
        action = by_key[key]
        with st.form("action_form"):
            text = st.text_area("Action", value=action.action, key="action_text")
            owner = st.text_input("Owner agency", value=action.owner, key="action_owner")
            due = st.date_input("Due date", value=action.due_date, format="DD/MM/YYYY", key="action_due",
                                min_value=dt.date(2000, 1, 1))
            priority = st.selectbox("Priority", core.PRIORITIES, index=core.PRIORITIES.index(action.priority)
                                    if action.priority in core.PRIORITIES else 0, key="action_priority")
            status = st.selectbox("Status", core.STATUSES, index=core.STATUSES.index(action.status)
                                  if action.status in core.STATUSES else 0, key="action_status")
            evidence = st.text_area("Evidence of completion", value=action.evidence, key="action_evidence")
            if st.form_submit_button("Save the action", disabled=not who):
                changes = core.action_changes(action, action=text, owner=owner, due_date=due, priority=priority,
                                              status=status, evidence=evidence)
                _saved(lambda: store.save_action_edit(audit_id, key, who or "", changes),
                       f"Action {action.number} saved.")
        if action.edited_by:
            st.caption(f"Last updated by {action.edited_by}, {fmt_time(action.edited_at)} (UK time).")

with preview_tab:
    if leaked:
        st.error(f"{len(leaked)} name(s), date(s) of birth or case reference(s) from audit.yaml are in the text: "
                 "take them out of the panel notes and strengths before downloading.")
    mimes = {"md": "text/markdown", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    for column, name in zip(st.columns(3), core.FILE_NAMES.values(), strict=True):
        with column:  # each file is made when it is downloaded, from what is stored then
            st.download_button(f"Download {name}", lambda name=name: core.briefing_file(_data(), name),
                               file_name=f"{audit_id}-{name}", mime=mimes[name.rsplit(".", 1)[-1]],
                               key=f"download_{name}", disabled=bool(leaked))
    st.markdown(markdown)

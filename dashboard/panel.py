"""Findings the panel adds: the form on the Case page, and their rows on the Flags page, marked "added by the
panel" (with withdrawing one). The checks and the saving are `checker.review.findings` and the store's.

The form's entries are picked from the case's chronology table (select its rows) or from the list in the
form; the note is the panel's text: shown as typed, never logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from checker.model.errors import CheckerError, ConflictError
from checker.model.wording import fmt_date, fmt_time
from checker.outputs.panel_findings import PANEL_MARK
from checker.review.findings import FindingRefused, add_finding, case_entries
from dashboard.plain import escape_frame, md_escape
from dashboard.support import Active, reviewer

__all__ = ["pick_entries", "finding_form", "case_findings", "flags_section"]

_NO_RULE = ""
_MESSAGE = "maca_finding_message"  # session key: (kind, text) of the last add or withdraw


def _key(name: str, case_id: str) -> str:
    return f"finding_{name}_{case_id}"


def pick_entries(case_id: str, entry_ids: Sequence[str], rows: Sequence[int]) -> None:
    """The chronology table's selected rows become the form's entries (before the form is drawn)."""
    picked = [entry_ids[i] for i in rows if 0 <= i < len(entry_ids)]
    last = _key("picked", case_id)
    if picked != st.session_state.get(last):
        st.session_state[last] = picked
        st.session_state[_key("entries", case_id)] = picked


def _add(current: Active, case_id: str) -> None:
    """Form callback: check and store the finding as the signed-in reviewer; clear the form once saved."""
    name = reviewer()
    if not name:
        st.session_state[_MESSAGE] = ("error", "Enter your name (in the sidebar) before adding a finding.")
        return
    rule = st.session_state.get(_key("rule", case_id)) or None
    try:
        fid = add_finding(current.store, current.result, case=case_id, rule=rule,
                          theme=st.session_state.get(_key("theme", case_id)),
                          agencies=st.session_state.get(_key("agencies", case_id)) or [],
                          entries=st.session_state.get(_key("entries", case_id)) or [],
                          note=st.session_state.get(_key("note", case_id)) or "", reviewer=name)
    except FindingRefused as exc:
        st.session_state[_MESSAGE] = ("error", "Not added: " + "; ".join(exc.problems))
        return
    except CheckerError as exc:
        st.session_state[_MESSAGE] = ("error", f"Not added: {exc}")
        return
    for part in ("rule", "theme", "agencies", "entries", "note"):
        st.session_state.pop(_key(part, case_id), None)
    st.session_state[_MESSAGE] = ("success", f"Added finding {fid} to {case_id}: it shows on the Flags page as "
                                             f"“{PANEL_MARK.lower()}” and is drafted into the briefing.")


def _show_message() -> None:
    kind, text = st.session_state.pop(_MESSAGE, (None, ""))
    if kind == "success":  # our words and ids only
        st.success(text)
    elif kind == "error":
        st.error(md_escape(text))


def finding_form(current: Active, case_id: str) -> None:
    """The form to add a finding the checker did not raise on this case."""
    result = current.result
    rules = {r.id: r.title for r in sorted(result.catalogue.by_category("risk"), key=lambda r: r.title)}
    agencies = {a.id: a.name for a in result.bundle.manifest.agencies} if result.bundle.manifest else {}
    entries = case_entries(result, case_id)
    label = {str(r.entry_id): f"{fmt_date(r.date)} · {agencies.get(str(r.agency), r.agency)} · "
                              f"{' '.join(str(r.event).split())[:70]}" for r in entries.itertuples()}
    st.subheader("Add a finding the checker did not raise")
    st.caption("For what the panel found that no flag says: choose the rule it belongs to or, for a practice "
               "judgement no rule covers, write the theme in words. Pick the entries that evidence it by selecting "
               "their rows in the table above (or in the list below). It is shown on the Flags page as added by "
               "the panel and drafted into the briefing and the action plan like a confirmed flag; the note stays "
               "with the review (it is not printed in the briefing).")
    _show_message()
    with st.form(key=f"add_finding_{case_id}", clear_on_submit=False):
        st.selectbox("Rule it belongs to", [_NO_RULE, *rules], key=_key("rule", case_id),
                     format_func=lambda r: rules.get(r, "— none: a theme no rule covers (write it below) —"))
        st.text_input("Theme, when no rule covers it", key=_key("theme", case_id), max_chars=300,
                      placeholder="e.g. Missed opportunity to start care proceedings")
        st.multiselect("Agencies", list(agencies), key=_key("agencies", case_id),
                       format_func=lambda a: agencies.get(a, a))
        st.multiselect("Chronology entries that evidence it", list(label), key=_key("entries", case_id),
                       format_func=lambda e: label.get(e, e))
        st.text_area("Note: what the panel found", key=_key("note", case_id), max_chars=10_000)
        st.form_submit_button(f"Add finding as {reviewer() or '…'}", on_click=_add, args=(current, case_id),
                              disabled=not reviewer())
    if not reviewer():
        st.caption("Enter your name in the sidebar to add a finding.")


def _table(findings: Sequence[dict[str, Any]], current: Active) -> pd.DataFrame:
    names = {a.id: a.name for a in current.result.bundle.manifest.agencies} if current.result.bundle.manifest else {}
    rules = {r.id: r.title for r in current.result.catalogue.rules}
    return pd.DataFrame([{
        "Case": f["case"], "Marked": PANEL_MARK,
        "Rule or theme": rules.get(f["rule"], f["rule"]) if f["rule"] else f"Theme: {f['theme']}",
        "Agencies": "; ".join(names.get(a, a) for a in f["agencies"]), "Entries": len(f["entries"]),
        "Note": f["note"], "Added by": f["reviewer"], "Added": fmt_time(f["created_at"]), "Version": f["version"],
        "Finding id": f["id"],
    } for f in findings], columns=["Case", "Marked", "Rule or theme", "Agencies", "Entries", "Note", "Added by",
                                   "Added", "Version", "Finding id"])


def case_findings(current: Active, case_id: str) -> None:
    """The findings the panel added on this case (withdrawn ones left out)."""
    found = [f for f in current.store.findings(current.audit_id) if f["case"] == case_id and not f["withdrawn"]]
    if found:
        st.markdown(f"**Findings added by the panel on {md_escape(case_id)} ({len(found)})**")
        st.table(escape_frame(_table(found, current)), hide_index=True)


def _withdraw(current: Active, finding: dict[str, Any]) -> None:
    name = reviewer()
    if not name:
        st.session_state[_MESSAGE] = ("error", "Enter your name (in the sidebar) before withdrawing a finding.")
        return
    try:
        version = current.store.withdraw_finding(current.audit_id, finding["id"], expected_version=finding["version"],
                                                 reviewer=name)
    except ConflictError as exc:
        st.session_state[_MESSAGE] = ("error", str(exc))
        return
    except CheckerError as exc:
        st.session_state[_MESSAGE] = ("error", f"Not withdrawn: {exc}")
        return
    st.session_state[_MESSAGE] = ("success", f"Withdrawn: finding {finding['id']} (version {version}); its trail "
                                             "is kept.")


def flags_section(current: Active, cases: Sequence[str] = ()) -> None:
    """The panel's findings beside the checker's flags, marked "added by the panel" (those of `cases` when the
    page is filtered by case), with a way to withdraw one."""
    found = [f for f in current.store.findings(current.audit_id)
             if not f["withdrawn"] and (not cases or f["case"] in cases)]
    _show_message()
    if not found:
        st.caption("No findings added by the panel" + (" on these cases" if cases else "") + ": add one on the "
                   "Case page when the panel finds what no flag says.")
        return
    with st.expander(f"{PANEL_MARK}: {len(found)} finding{'s' if len(found) != 1 else ''}", expanded=True):
        st.table(escape_frame(_table(found, current)), hide_index=True)
        by_id = {f["id"]: f for f in found}
        left, right = st.columns([3, 1])
        chosen = left.selectbox("Withdraw a finding added in error", ["", *by_id], key="withdraw_finding",
                                format_func=lambda i: f"{by_id[i]['case']} · {i}" if i else "—")
        if chosen:
            right.button("Withdraw it", key="withdraw_finding_button", on_click=_withdraw,
                         args=(current, by_id[chosen]))

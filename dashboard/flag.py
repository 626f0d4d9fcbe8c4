"""One flag on the Flags page: its message, evidence rows and rule, its decision trail, and the decision form.

The form saves through a callback bound to the decision version the reviewer was shown, so if someone else
saved in between, the store refuses (ConflictError) and the reviewer sees both decisions: theirs is kept in
the form, nothing is lost, and they can save it on top or leave the other one.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from checker import review
from checker.engine.catalogue import Rule
from checker.model.wording import fmt_time
from checker.outputs.flags_xlsx import evidence_change_words
from dashboard.plain import escape_frame, md_escape
from dashboard.reading import readings_table
from dashboard.support import Active, reviewer

__all__ = ["show"]

_OUTCOME = "maca_save_outcome"  # session key: {flag_id: SaveOutcome} of the last save attempt
_CHOICES = ("confirmed", "dismissed", "action_needed", "action_taken")


def _keys(flag_id: str) -> tuple[str, str, str]:
    return f"decision_{flag_id}", f"reason_{flag_id}", f"note_{flag_id}"


def _save(current: Active, flag: dict[str, Any], expected: int, values: dict[str, Any] | None = None) -> None:
    """Form callback: save what the form holds (or `values`), against the version the reviewer saw."""
    k_decision, k_reason, k_note = _keys(flag["id"])
    values = values or {
        "decision": st.session_state.get(k_decision),
        "reason": st.session_state.get(k_reason),
        "note": st.session_state.get(k_note),
        "for_briefing": bool(st.session_state.get(f"share_{flag['id']}")),
    }
    outcomes = st.session_state.setdefault(_OUTCOME, {})
    if values["decision"] is None:
        outcomes[flag["id"]] = review.SaveOutcome(False, "Choose a decision: confirmed, dismissed, action needed or "
                                                         "action taken.")
        return
    outcomes[flag["id"]] = review.save_review(
        current.store,
        current.audit_id,
        flag,
        reviewer(),
        values["decision"],
        reason=values.get("reason"),
        note=values.get("note"),
        expected_version=expected,
        for_briefing=bool(values.get("for_briefing")),
    )


def _carry(current: Active, flag: dict[str, Any], offer: dict[str, Any]) -> None:
    """Button callback: carry the old flag's decision over to this one, as this reviewer."""
    outcomes = st.session_state.setdefault(_OUTCOME, {})
    outcomes[flag["id"]] = review.carry_review(current.store, current.audit_id, flag, offer, reviewer())


def _carry_panel(current: Active, flag: dict[str, Any]) -> None:
    """Offer the decision of the flag this one replaced (same rule, case, agency; no longer raised)."""
    offer = review.carry_offer(current.store, current.run_id, flag)
    if offer is None:
        return
    st.info(
        f"The previous run had a flag with the same rule, case and agency, {offer['id']}, that is no longer "
        f"raised (its evidence changed). Its decision: {md_escape(review.decision_text(offer['decision']))}. "
        "If it still applies, carry it over; it is recorded as carried, with your name."
    )
    st.button("Carry that decision over to this flag", key=f"carry_{flag['id']}", on_click=_carry,
              args=(current, flag, offer))


def _forget(flag_id: str) -> None:
    st.session_state.setdefault(_OUTCOME, {}).pop(flag_id, None)


def _rule_panel(rule: Rule | None) -> None:
    if rule is None:
        st.caption("This rule is no longer in the catalogue.")
        return
    st.markdown(f"**Rule:** {rule.title} (`{rule.id}`, {rule.domain})")
    st.markdown(f"**Why:** {rule.why}")
    if rule.parameters:
        values = rule.values()
        st.table(
            pd.DataFrame(
                [
                    {"Parameter": name, "Value": str(values[name]), "Basis": str(p.basis), "Source": p.source}
                    for name, p in rule.parameters.items()
                ]
            ),
            hide_index=True,
        )
    st.markdown(f"**Limitations:** {rule.limitations}")


def _readings_panel(current: Active, flag: dict[str, Any]) -> None:
    """How each evidence entry's text was read: kinds, status, whether it counted, and the deciding words."""
    readings = readings_table(flag, current.result.frame)
    if readings.empty:
        return
    st.markdown("**How each entry's text was read**")
    st.caption("Every kind of event the checker found in each entry above, its status (done, planned, attempted, "
               "negated, conditional, historical or other person), whether it counted for the rules, the words "
               "it was read from and the cue that set its status (blank: no cue, so done). Words are shown as "
               "the checker read them: lower case, with the case's people named by their role.")
    st.table(escape_frame(readings), hide_index=True)


def _conflict(current: Active, flag: dict[str, Any], outcome: review.SaveOutcome) -> None:
    st.warning(
        "Someone else saved a decision on this flag after you opened it, so yours was **not** saved. "
        "Both are shown below; your entry is still in the form."
    )
    theirs = outcome.current or {}
    mine = outcome.attempted or {}
    st.table(
        pd.DataFrame(
            [
                {"": "On record (saved by them)", "Reviewer": theirs.get("reviewer", ""),
                 "Decision": review.DECISION_LABELS.get(theirs.get("decision", ""), ""),
                 "Reason": theirs.get("reason") or "", "Note": theirs.get("note") or ""},
                {"": "Yours (not saved)", "Reviewer": mine.get("reviewer") or reviewer() or "",
                 "Decision": review.DECISION_LABELS.get(mine.get("decision", ""), ""),
                 "Reason": mine.get("reason") or "", "Note": mine.get("note") or ""},
            ]
        ),
        hide_index=True,
    )
    left, right = st.columns(2)
    with left:
        st.button(
            "Save mine on top of theirs",
            key=f"overwrite_{flag['id']}",
            on_click=_save,
            args=(current, flag, int(theirs.get("version", 0)), dict(mine)),
        )
    with right:
        st.button("Keep theirs", key=f"keep_{flag['id']}", on_click=_forget, args=(flag["id"],))


def _form(current: Active, flag: dict[str, Any]) -> None:
    k_decision, k_reason, k_note = _keys(flag["id"])
    decided = flag.get("decision") or {}
    with st.form(key=f"decision_form_{flag['id']}"):
        st.radio(
            "Decision",
            _CHOICES,
            index=_CHOICES.index(decided["decision"]) if decided.get("decision") in _CHOICES else None,
            format_func=lambda d: review.DECISION_LABELS[d],
            key=k_decision,
            horizontal=True,
        )
        st.text_input("Reason (required to dismiss; for an action taken: what was done, by whom)", value=decided.get("reason") or "", key=k_reason)
        st.text_area("Note", value=decided.get("note") or "", key=k_note, height=80)
        st.checkbox("Note for the briefing (otherwise it stays private to the review)",
                    value=bool(decided.get("for_briefing")), key=f"share_{flag['id']}")
        name = reviewer()
        st.form_submit_button(
            f"Save decision as {name}" if name else "Save decision (enter your name in the sidebar first)",
            on_click=_save,
            args=(current, flag, int(flag["decision_version"])),
        )


def show(current: Active, flag: dict[str, Any]) -> None:
    """Everything about one flag, and the place to decide on it."""
    catalogue = current.result.catalogue
    try:
        rule: Rule | None = catalogue.get(flag["rule"])
    except KeyError:
        rule = None
    st.subheader(f"{review.severity_label(flag['severity'])} — {flag.get('title') or flag['rule']}")
    change = flag.get("change")
    if change == "resolved":
        st.info("Resolved: this flag was raised in the previous run and is not raised in this one.")
    names = {a.id: a.name for a in current.result.manifest.agencies}
    agency = names.get(flag.get("agency") or "", flag.get("agency") or "several agencies")
    st.markdown(f"**Case** {md_escape(flag['case'])} · **Agency** {md_escape(agency)} · "
                f"**Since previous run** {change} · **Flag id** `{flag['id']}`")
    st.markdown(f"**What was found:** {md_escape(flag['message'])}")
    if rule is not None:
        st.markdown(f"**Recommended action:** {rule.recommended_action}")
    st.markdown("**Evidence**")
    evidence = review.evidence_table(flag, names)
    if evidence.empty:
        st.caption("This flag records no evidence rows (it is about something missing).")
    else:
        st.table(escape_frame(evidence), hide_index=True)
    _readings_panel(current, flag)
    with st.expander("The rule: why it exists, its thresholds and their sources, its limitations"):
        _rule_panel(rule)

    st.markdown("**Review decision**")
    st.markdown(md_escape(review.decision_text(flag.get("decision"))))
    if flag.get("evidence_change"):
        st.warning(evidence_change_words(flag["evidence_change"], names) + " The decision stands; look at what "
                   "changed and save it again (or change it) if you want it to rest on the evidence as it is now.",
                   icon=":material/difference:")
    _carry_panel(current, flag)
    outcome = st.session_state.get(_OUTCOME, {}).get(flag["id"])
    if outcome is not None:
        if outcome.saved:
            st.success(outcome.message)
        elif outcome.conflict:
            _conflict(current, flag, outcome)
        else:
            st.error(outcome.message)
    _form(current, flag)
    history = current.store.decision_history(current.audit_id, flag["id"])
    if history:
        with st.expander(f"Decision trail ({len(history)} saved)"):
            for move in current.store.moved_onto(current.audit_id, flag["id"]):
                if move["from_version"] is None:
                    continue
                shared = (f", which became {move['became']} flags, each given its decision"
                          if move["became"] > 1 else "")
                st.caption(f"Version 1 is the decision made on flag {move['from_flag_id']} (its version "
                           f"{move['from_version']}) before flags were identified by their finding{shared}: "
                           f"moved here {fmt_time(move['moved_at'])} (UK time).")
            for carry in current.store.carried_from(current.audit_id, flag["id"]):
                st.caption(f"Version {carry['version']} was carried over from flag {carry['from_flag_id']} "
                           f"(its version {carry['from_version']}) by {md_escape(carry['carried_by'])}, "
                           f"{fmt_time(carry['carried_at'])} (UK time).")
            st.table(
                escape_frame(pd.DataFrame(
                    [{"Version": h["version"], "Decision": review.DECISION_LABELS.get(h["decision"], h["decision"]),
                      "Reviewer": h["reviewer"], "When (UK time)": fmt_time(h["decided_at"]),
                      "Reason": h["reason"] or "", "Note": h["note"] or ""} for h in history]
                )),
                hide_index=True,
            )

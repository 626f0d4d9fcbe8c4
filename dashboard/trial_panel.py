"""The Rules page's "try a different value" panel: one parameter of the chosen rule changed, re-run over the
stored audits' bundles (`checker.review.trial`), the flags it would remove and add with their decisions, and
"adopt for this audit", which writes the value into the audit's audit.yaml with who adopted it and why."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from checker.engine.catalogue import Rule
from checker.engine.overlay import ENV_OVERRIDES, configured_overlay
from checker.model.errors import CheckerError
from dashboard import practice_views, support

__all__ = ["show"]

_TRIAL = "maca_trial"  # session key: the last trial run on this page


def _value_input(rule: Rule, name: str, now: Any) -> Any:
    p = rule.parameters[name]
    key = f"try_value_{rule.id}_{name}"
    if isinstance(p.default, bool) or not isinstance(p.default, int | float):
        return st.text_input(f"New value for {name}", value=str(now), key=key)
    if isinstance(p.default, int):
        assert p.min is not None and p.max is not None
        return st.number_input(f"New value for {name} ({p.allowed})", min_value=int(p.min), max_value=int(p.max),
                               value=int(now), step=1, key=key)
    return st.number_input(f"New value for {name} ({p.allowed})", min_value=float(p.min or 0),
                           max_value=float(p.max or 0), value=float(now), key=key)


def show(current: support.Active, rule: Rule) -> None:
    """Draw the panel for `rule` (which has parameters)."""
    from checker.review.trial import adopt_for_partnership, adopt_setting, try_setting

    st.markdown("**Try a different value on the stored audits**")
    st.caption("The rule is run again, on each stored audit's bundle as it is now and at the date it was judged, "
               "with its own values and with the new one: the flags the change would remove and add are listed "
               "with the decision the panel recorded on each. Nothing is stored or changed until you adopt it.")
    name = st.selectbox("Parameter", list(rule.parameters), key=f"try_param_{rule.id}")
    now = current.result.manifest.parameters.get(rule.id, {}).get(name, rule.parameters[name].default)
    value = _value_input(rule, name, now)
    if st.button("Try on the stored audits", key="try_run"):
        try:
            with st.spinner("Running the rule on each stored audit…"):
                trials = try_setting(current.store, current.result.catalogue, rule.id, name, value,
                                     partnership=configured_overlay(current.result.catalogue))
            st.session_state[_TRIAL] = {"rule": rule.id, "name": name, "value": value, "trials": trials}
        except CheckerError as exc:
            st.error(str(exc))
    last = st.session_state.get(_TRIAL)
    if not last or last["rule"] != rule.id or last["name"] != name:
        return
    trials = last["trials"]
    st.markdown(f"**{name} = {last['value']}** on {len(trials)} stored audit(s):")
    st.dataframe(practice_views.trial_summary_table(trials), hide_index=True, key="trial_summary")
    flags = practice_views.trial_flags_table(trials)
    if len(flags):
        st.dataframe(flags, hide_index=True, key="trial_flags")
    evidence = "; ".join(f"{t.audit_id}: {t.summary}" for t in trials)
    folder = Path(current.source) if current.source != "uploaded bundle" else None
    shared = os.environ.get(ENV_OVERRIDES)
    if folder is None or not folder.is_dir():
        st.caption("Adopting a value is possible for an audit kept as a folder; this one was uploaded or is a "
                   ".zip, so change its audit.yaml by hand.")
    elif st.button(f"Adopt {name} = {last['value']} for this audit", key="try_adopt"):
        _adopt(lambda: adopt_setting(folder, current.result.catalogue, rule.id, name, last["value"],
                                     support.reviewer(), evidence, dt.date.today()), "this audit's audit.yaml")
    if shared and st.button(f"Adopt {name} = {last['value']} for every audit (the partnership's overrides)",
                            key="try_adopt_all"):
        _adopt(lambda: adopt_for_partnership(shared, current.result.catalogue, rule.id, name, last["value"],
                                             support.reviewer(), evidence, dt.date.today()),
               "the partnership's overrides (every audit it checks, unless its own audit.yaml sets the value)")


def _adopt(write: Callable[[], Path], where: str) -> None:
    try:
        written = write()
    except CheckerError as exc:
        st.error(str(exc))
        return
    st.success(f"Adopted: written to {written.name} in {where}, with your name, today's date and what trying it "
               "showed. Audits are checked with it from the next page you open (“About this run” lists it); the "
               "partnership's overrides take effect when the dashboard is next started.")

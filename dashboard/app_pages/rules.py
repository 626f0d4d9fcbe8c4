"""Rules: the catalogue, each rule's parameters and sources, its accuracy from the panel's review, and a
changed threshold tried on the stored audits before it is adopted."""

import re

import pandas as pd
import streamlit as st

from checker.engine.contracts import field_glossary
from checker.review import severity_label
from checker.review.accuracy import MIN_TO_JUDGE, rule_accuracy
from dashboard import practice_views, support, trial_panel, views

current = support.active()
support.header(current, "Rules")
catalogue = current.result.catalogue
everywhere = rule_accuracy(current.store)
table = views.rules_table(catalogue, current.store.rule_counts(current.audit_id), current.result.outcomes, everywhere)
st.markdown(f"Rule set `{catalogue.digest}`: **{len(catalogue.rules)} rules**. **Precision** is the share of a "
            "rule's reviewed flags, in every audit stored, that reviewers confirmed (or marked action needed or "
            "taken) rather than dismissed; **recall** is the share of its confirmed flags and the findings the "
            "panel added under it that the rule raised itself. Flags and decisions are counted over every stored "
            "run of this audit; a rule whose flags are mostly dismissed is noisy.")
st.dataframe(table, hide_index=True, key="rules_table")

st.subheader("Accuracy from practice")
scope = st.radio("Counted over", ["every audit in the store", "this audit"], horizontal=True, key="accuracy_scope")
figures = everywhere if scope == "every audit in the store" else rule_accuracy(current.store, current.audit_id)
st.caption(f"Confirmed includes action needed and action taken; open flags count in neither figure. With fewer "
           f"than {MIN_TO_JUDGE} decided flags (precision), or confirmed flags and added findings (recall), a "
           "figure is shown with its counts as too few to judge.")
if figures:
    st.dataframe(practice_views.accuracy_table(catalogue, figures), hide_index=True, key="accuracy_table")
else:
    st.info("No flags or findings added by the panel here yet.")

rules = {r.id: r for r in catalogue.rules}
_IDS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(r) for r in sorted(rules, key=len, reverse=True)) + r")(?![\w-])")


def titled(text: str) -> str:
    """A rule's prose with any other rule it names by its title (“…”), not its id."""
    return _IDS.sub(lambda m: f"“{rules[m[1]].title}”", text)


rule = rules[st.selectbox("Rule", list(table["Rule"]), key="rule_select",
                          format_func=lambda r: rules[r].title)]
st.subheader(rule.title)
st.markdown(f"`{rule.id}` · {rule.category} · **{severity_label(rule.severity)}** · {rule.domain}")
st.markdown(f"**Why:** {titled(rule.why)}")
example = support.example_message(rule.id)
if example:
    st.markdown(f"**Message**, as it reads in the example “{example[0]}”: {titled(example[1])}")
st.markdown(f"**Recommended action:** {titled(rule.recommended_action)}")
if rule.parameters:
    overrides = current.result.manifest.parameters.get(rule.id, {})
    st.table(pd.DataFrame([
        {"Parameter": name, "Default": str(p.default), "This audit": str(overrides.get(name, p.default)),
         "May be set to": p.allowed, "Basis": str(p.basis), "Source": p.source, "Meaning": p.description}
        for name, p in rule.parameters.items()
    ]), hide_index=True)
    trial_panel.show(current, rule)
else:
    st.caption("This rule has no tunable parameters.")
st.markdown("**What the fields it tests mean**")
st.table(pd.DataFrame([{"Field": name, "Type": kind, "Meaning": meaning}
                       for name, kind, meaning in field_glossary(rule)]), hide_index=True)
st.markdown(f"**Limitations:** {titled(rule.limitations)}")

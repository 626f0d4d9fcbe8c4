"""Rules: the catalogue, each rule's parameters and sources, and how its flags have been decided."""

import re

import pandas as pd
import streamlit as st

from checker.engine.contracts import field_glossary
from checker.review import severity_label
from dashboard import support, views

current = support.active()
support.header(current, "Rules")
catalogue = current.result.catalogue
table = views.rules_table(catalogue, current.store.rule_counts(current.audit_id), current.result.outcomes,
                          current.store.rule_precision())
st.markdown(f"Rule set `{catalogue.digest}`: **{len(catalogue.rules)} rules**. **Precision** is the share of a "
            "rule's reviewed flags, in every audit stored, that reviewers confirmed (or marked action needed) "
            "rather than dismissed. Flags and decisions are counted over every stored run of this audit; a rule "
            "whose flags are mostly dismissed is noisy.")
st.dataframe(table, hide_index=True, key="rules_table")

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
         "Basis": str(p.basis), "Source": p.source, "Meaning": p.description}
        for name, p in rule.parameters.items()
    ]), hide_index=True)
else:
    st.caption("This rule has no tunable parameters.")
st.markdown("**What the fields it tests mean**")
st.table(pd.DataFrame([{"Field": name, "Type": kind, "Meaning": meaning}
                       for name, kind, meaning in field_glossary(rule)]), hide_index=True)
st.markdown(f"**Limitations:** {titled(rule.limitations)}")

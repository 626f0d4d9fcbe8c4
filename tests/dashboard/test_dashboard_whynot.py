"""The Case page lists the rules that did not flag the case, each with why one click away (an expander holding
the explanation `maca explain` prints)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checker.check import run_check
from checker.engine.catalogue import load_catalogue
from checker.intake.bundle import load_bundle
from checker.model.datafiles import SAMPLE_BUNDLE

CONTINGENCY = load_catalogue().get("contingency-plan-missing").title
YOUNG_PERSON = load_catalogue().get("young-person-housing-protocol").title


def test_case_page_lists_each_rule_that_did_not_flag_with_its_explanation(
    db_url: str, open_page: Callable[..., AppTest]
) -> None:
    at = open_page("case")
    at.selectbox(key="case_select").set_value("case-3").run()
    assert not at.exception
    result = run_check(load_bundle(SAMPLE_BUNDLE))
    risk = {r.id for r in result.catalogue.by_category("risk")}
    not_flagged = [o for o in result.outcomes if o.case == "case-3" and o.rule in risk and o.outcome != "flagged"]
    assert any(s.value == f"Rules that did not flag case-3 ({len(not_flagged)})" for s in at.subheader)
    labels = [e.label for e in at.expander]
    assert len([label for label in labels if label.endswith(("— passed", "— errored")) or "— skipped:" in label]) \
        == len(not_flagged)

    (contingency,) = [e for e in at.expander if e.label == f"{CONTINGENCY} — passed"]
    shown = "\n".join(str(c.value) for c in contingency.code)
    assert "contingency == 0 was false (contingency is 1)" in "\n".join(str(m.value) for m in contingency.markdown)
    assert "contingency == 0: value 1 — NOT held" in shown  # each part, with its value and whether it held
    assert "csc-case-3.csv row 7" in shown and "read: contingency_plan, done, counted" in shown

    # case 3 is the 16-year-old's case: that rule flagged it, so it is not among the rules that did not
    assert any(o.rule == "young-person-housing-protocol" and o.outcome == "flagged" for o in result.outcomes
               if o.case == "case-3")
    assert not [label for label in labels if label.startswith(YOUNG_PERSON)]


def test_case_page_explains_a_skipped_rule(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("case")
    at.selectbox(key="case_select").set_value("case-5").run()
    (young,) = [e for e in at.expander if e.label.startswith(f"{YOUNG_PERSON} — ")]
    assert young.label == f"{YOUNG_PERSON} — skipped: no child aged 16–17 in audit.yaml"
    assert "SKIPPED — no child aged 16–17 in audit.yaml" in "\n".join(str(c.value) for c in young.code)

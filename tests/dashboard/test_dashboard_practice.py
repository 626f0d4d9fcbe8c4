"""The Rules page (issue 27, items 2 and 4): each rule's precision and recall from a scripted review, over
every audit and for this audit, with counts and "too few to judge"; a changed threshold tried on the stored
audits, listing the flags it would remove with their decisions; and "adopt for this audit" writing the value
into audit.yaml (its comments kept), which "About this run" then shows. No cell shows None, nan or a bare id.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.storage import Store

ROOT = Path(__file__).resolve().parents[2]
RULE = "management-oversight-gap"


def _raw(frame: Any) -> list[str]:
    return [str(v) for v in frame.to_numpy().ravel() if str(v) in ("None", "nan", "NaN", "NaT", "")]


def test_rules_page_shows_accuracy_tries_a_threshold_and_adopts_it(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any],
    page_text: Callable[[AppTest], str], script_review: Callable[[Any], dict[str, Any]],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "homelessness"
    shutil.copytree(ROOT / "samples" / "homelessness", folder)
    monkeypatch.setenv("MACA_BUNDLE", str(folder))
    at = open_page("rules", reviewer="J. Smith")  # stores this audit's run, with where its folder is
    with Store(db_url) as store:
        good = ROOT / "samples" / "good-practice"
        ensure_run(store, run_check(load_bundle(good)), good)
        script_review(store)
    at.run()
    accuracy = table_with(at, "Rule", "Added by the panel", "Recall").set_index("Rule")
    assert accuracy.loc[RULE, "Precision"] == "60% (3 of 5 decided)"
    assert accuracy.loc[RULE, "Recall"] == "60% (3 of 5: 2 added by the panel)"
    assert (accuracy.loc[RULE, "Confirmed"], accuracy.loc[RULE, "Dismissed"], accuracy.loc[RULE, "Open"],
            accuracy.loc[RULE, "Added by the panel"]) == (3, 2, 0, 2)
    assert accuracy.loc["information-not-shared", "Recall"] == \
        "too few to judge (4 of 4: 0 added by the panel; at least 5 needed)"
    assert not _raw(accuracy.reset_index())
    at.radio(key="accuracy_scope").set_value("this audit").run()
    here = table_with(at, "Rule", "Added by the panel", "Recall").set_index("Rule")
    assert here.loc[RULE, "Recall"] == "too few to judge (3 of 4: 1 added by the panel; at least 5 needed)"
    overview = table_with(at, "Rule", "Precision (reviewed)", "Recall (reviewed)").set_index("Rule")
    assert overview.loc[RULE, "Recall (reviewed)"] == "60% (3 of 5: 2 added by the panel)"

    at.selectbox(key="rule_select").set_value(RULE).run()
    at.number_input(key=f"try_value_{RULE}_days").set_value(60).run()
    at.button(key="try_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    summary = table_with(at, "Audit", "What the change would do").set_index("Audit")
    assert summary.loc["maca-2019-homelessness", "What the change would do"] == \
        "removes 3 flags (2 dismissed, 1 confirmed), adds none"
    assert summary.loc["maca-2019-homelessness-good-practice", "What the change would do"] == \
        "no change: the same flags either way"
    flags = table_with(at, "Change", "Decision recorded")
    assert sorted(zip(flags["Case"], flags["Decision recorded"], strict=True)) == \
        [("case-2", "dismissed"), ("case-3", "dismissed"), ("case-4", "confirmed")]
    assert set(flags["Agency"]) == {"Northshire Children's Trust — Children's Social Care"}
    assert not _raw(summary.reset_index()) and not _raw(flags)

    before = (folder / "audit.yaml").read_text(encoding="utf-8")
    at.button(key="try_adopt").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = (folder / "audit.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # every line and comment kept; the value added at the end
    added = after[len(before.rstrip("\n")):]
    assert f"{RULE}: {{days: 60}}  # days adopted " in added and "by J. Smith (default 30)" in added
    assert "maca-2019-homelessness: removes 3 flags (2 dismissed, 1 confirmed)" in added
    at.run()  # the audit is checked again with the adopted value
    assert f"{RULE}: days = 60" in page_text(at)  # "About this run"
    parameters = table_with(at, "Parameter", "This audit").set_index("Parameter")
    assert parameters.loc["days", "This audit"] == "60" and parameters.loc["days", "Default"] == "30"

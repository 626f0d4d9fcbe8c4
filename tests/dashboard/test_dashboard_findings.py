"""Findings the panel adds on the Case page: the form stores one (entries from the case's chronology), an
unknown value is refused with nothing stored, and the Flags page shows it marked "added by the panel" — and
withdraws it, the trail kept."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checker.storage import Store

AUDIT = "maca-2019-homelessness"
THEME = "Mother prioritised her own needs over the children's"


def _submit(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label.startswith("Add finding as")).click().run()


def _fill(at: AppTest, case: str, *, theme: str = "", rule: str = "", agencies: list[str], entries: int,
          note: str) -> AppTest:
    at.selectbox(key="case_select").set_value(case).run()
    ids = at.multiselect(key=f"finding_entries_{case}").options
    at.selectbox(key=f"finding_rule_{case}").set_value(rule)
    at.text_input(key=f"finding_theme_{case}").input(theme)
    at.multiselect(key=f"finding_agencies_{case}").set_value(agencies)
    chosen = [at.multiselect(key=f"finding_entries_{case}").format_func(o) for o in ids[:entries]]
    at.multiselect(key=f"finding_entries_{case}").set_value(chosen)
    at.text_area(key=f"finding_note_{case}").input(note)
    return _submit(at)


def test_a_finding_added_on_the_case_page_shows_on_the_flags_page(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("case", reviewer="A. Khan")
    _fill(at, "case-1", theme=THEME, agencies=["csc", "hv"], entries=2, note="Nobody asked the children")
    assert not at.exception, [e.message for e in at.exception]
    assert any("Added finding p-" in s.value for s in at.success), [e.value for e in at.error]
    with Store(db_url) as store:
        (finding,) = store.findings(AUDIT)
    assert (finding["case"], finding["rule"], finding["theme"], finding["agencies"], finding["reviewer"]) == (
        "case-1", None, THEME, ["csc", "hv"], "A. Khan")
    assert len(finding["entries"]) == 2 and finding["note"] == "Nobody asked the children"
    assert at.text_area(key="finding_note_case-1").value == ""  # the form is cleared once saved
    shown = next(t.value for t in at.table if "Finding id" in t.value.columns)  # listed on the case at once
    assert list(shown["Finding id"]) == [finding["id"]]

    at.switch_page("app_pages/flags.py").run()
    assert not at.exception
    assert any(e.label.startswith("Added by the panel: 1 finding") for e in at.expander)
    table = next(t.value for t in at.table if "Finding id" in t.value.columns)
    row = table.set_index("Finding id").loc[finding["id"]]
    assert row["Marked"] == "Added by the panel" and row["Case"] == "case-1"
    assert "prioritised her own needs" in row["Rule or theme"] and row["Entries"] == 2


def test_an_unknown_value_is_refused_and_nothing_is_stored(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("case", reviewer="A. Khan")
    _fill(at, "case-2", rule="voice-of-child-absent", theme="and a theme", agencies=["hv"], entries=0, note="n")
    assert any("one of the two" in e.value for e in at.error), [e.value for e in at.error]
    _fill(at, "case-2", rule="voice-of-child-absent", agencies=[], entries=0, note="n")
    assert any("name at least one agency" in e.value for e in at.error)
    with Store(db_url) as store:
        assert store.findings(AUDIT) == []


def test_the_flags_page_withdraws_a_finding_and_keeps_its_trail(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("case", reviewer="A. Khan")
    _fill(at, "case-2", rule="voice-of-child-absent", agencies=["hv"], entries=0, note="HV never saw the child alone")
    at.switch_page("app_pages/flags.py").run()
    with Store(db_url) as store:
        (finding,) = store.findings(AUDIT)
    at.selectbox(key="withdraw_finding").set_value(finding["id"]).run()
    at.button(key="withdraw_finding_button").click().run()
    assert any("Withdrawn: finding" in s.value for s in at.success), [e.value for e in at.error]
    assert not any(e.label.startswith("Added by the panel") for e in at.expander)
    with Store(db_url) as store:
        assert [(v["version"], v["withdrawn"], v["saved_by"]) for v in store.finding_history(AUDIT, finding["id"])] \
            == [(1, False, "A. Khan"), (2, True, "A. Khan")]

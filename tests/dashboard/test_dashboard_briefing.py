"""The "Briefing and action plan" page: preview, record the meeting, edit an action, download both."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from checker.storage import Store

AUDIT = "maca-2019-homelessness"


def test_page_previews_the_draft_and_offers_the_downloads(db_url: str, open_page: Callable[..., AppTest],
                                                           page_text: Callable[[AppTest], str]) -> None:
    at = open_page("briefing")
    assert not at.error, [e.value for e in at.error]
    text = page_text(at)
    assert "Briefing and action plan" in text
    assert "not yet reviewed" in text  # nothing decided: the draft says so
    assert "Recommendations: issues identified across several cases" in text
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download briefing.md", "Download briefing.docx", "Download action-plan.xlsx"]


def test_a_panel_note_and_an_action_edit_are_saved_with_who(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("briefing", reviewer="J. Smith")
    at.selectbox(key="panel_case").select("case-2").run()
    at.text_area(key="panel_note").input("Panel agreed legal planning was missed.")  # in a form: no run yet
    next(b for b in at.button if b.label == "Save the note").click().run()
    assert not at.exception
    at.selectbox(key="action_status").select("In progress")
    at.text_area(key="action_evidence").input("Audit of supervision booked")
    next(b for b in at.button if b.label == "Save the action").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1].startswith("Action 1 saved"), [e.value for e in at.error]
    with Store(db_url) as store:
        assert store.panel_notes(AUDIT)["case-2"]["recorded_by"] == "J. Smith"
        (edit,) = store.action_edits(AUDIT).values()
        assert (edit["status"], edit["evidence"], edit["edited_by"]) == ("In progress", "Audit of supervision booked",
                                                                         "J. Smith")
        assert set(edit["history"][0]["changes"]) == {"status", "evidence"}  # only what changed is recorded


def test_a_panel_strength_can_be_added_and_removed(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("briefing", reviewer="J. Smith")
    at.selectbox(key="panel_case").select("case-5").run()
    at.text_input(key="panel_strength").input("Housing kept trying on the day of eviction.")
    next(b for b in at.button if b.label == "Add the strength").click().run()
    with Store(db_url) as store:
        (added,) = store.strengths(AUDIT)
    assert (added["case"], added["added_by"]) == ("case-5", "J. Smith")
    at.run()
    at.button(key=f"remove_strength_{added['id']}").click().run()
    assert not at.exception
    with Store(db_url) as store:
        assert store.strengths(AUDIT) == []

"""What an entry records about a named man, in the recording styles agencies use (prose, "Field: value" system
templates, MASH checks lists): a check only requested or waited on is planned, not done; a role word beside a
name describes that person; a former partner is nobody in the case; "Mr D" is the case's one man named D…;
his history asked about and answered "none" is his history sought."""

from __future__ import annotations

import pytest

from checker.model.audit import Manifest
from checker.text.people import find_mentions

MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "people", "theme": "people in the text"},
    "agencies": [{"id": "csc", "name": "CSC", "type": "childrens_social_care"}],
    "cases": [
        {"id": "one", "children": [{"id": "kid", "name": "Poppy", "date_of_birth": "2019-01-01"}],
         "adults": [{"id": "dad", "role": "father", "name": "Reece", "lives_with_child": True},
                    {"id": "mum", "role": "mother", "name": "Kerry", "lives_with_child": True},
                    {"id": "ptr", "role": "partner", "name": "Lewis", "lives_with_child": False}]},
        # two men: the mother's partner (the baby's father) lives there; the older child's father does not
        {"id": "two", "children": [{"id": "ruby", "name": "Ruby", "date_of_birth": "2015-01-01"},
                                   {"id": "alfie", "name": "Alfie", "date_of_birth": "2024-01-01"}],
         "adults": [{"id": "gemma", "role": "mother", "name": "Gemma", "lives_with_child": True},
                    {"id": "tyler", "role": "partner", "name": "Tyler", "lives_with_child": True},
                    {"id": "owen", "role": "father", "name": "Owen", "lives_with_child": False}]},
        {"id": "step", "children": [{"id": "lily", "name": "Lily", "date_of_birth": "2016-01-01"}],
         "adults": [{"id": "nadia", "role": "mother", "name": "Nadia", "lives_with_child": True},
                    {"id": "darren", "role": "stepfather", "name": "Darren Okafor", "lives_with_child": True}]},
        {"id": "twod", "children": [{"id": "max", "name": "Max", "date_of_birth": "2016-01-01"}],
         "adults": [{"id": "dom", "role": "stepfather", "name": "Dom", "lives_with_child": True},
                    {"id": "dave", "role": "father", "name": "Dave", "lives_with_child": False}]},
    ],
})  # fmt: skip
CASES = {c.id: c for c in MANIFEST.cases}


def records(text: str, person: str, case: str = "one") -> set[str]:
    return {r for m in find_mentions(text, CASES[case]) if m.person == person for r in m.records}


# --- checks only asked for, waited on or chased are planned -------------------------------------------------
@pytest.mark.parametrize("text", [
    "PNC checks on Reece requested 03/02, not returned.",
    "Reece checks still outstanding.",
    "SW to chase police checks on Reece.",
    "TM oversight: chase checks on Reece.",
    "Police checks on Reece requested - awaiting.",
    "PNC on Reece not yet back.",
    "Checks: Reece - PNC requested 04/03 | Outcome: awaiting",
    "Reece: police checks pending",
    "PNC checks on Reece requested today.",  # requested alone, no other queue word
])  # fmt: skip
def test_a_check_only_requested_awaited_outstanding_or_chased_is_planned(text: str) -> None:
    got = records(text, "dad")
    assert "checked" not in got
    assert "planned_checked" in got


@pytest.mark.parametrize("text", [
    "PNC checks on Reece completed: caution 2017.",
    "Checks: Reece - PNC: nil | Outcome: NFA",
    "Reece checked, not known to police. Rent arrears outstanding.",
    "Reece not known to police; chase the housing referral.",
])  # fmt: skip
def test_a_check_done_stays_done_beside_queue_words_about_something_else(text: str) -> None:
    assert "checked" in records(text, "dad")


# --- a role word beside a name is that person's description --------------------------------------------------
def test_each_mans_own_item_in_a_checks_list_decides_for_him() -> None:
    text = ("Checks: Gemma - NTR. Tyler (Alfie's dad) - PNC: drink-driving 2021. "
            "Owen (Ruby's dad) - not checked (no contact).")
    assert records(text, "owen", "two") == {"not_checked"}
    assert "checked" in records(text, "tyler", "two")


@pytest.mark.parametrize("text", ["Alfie's dad Tyler seen at home.", "Tyler, Alfie's dad, seen at home.",
                                  "Father of baby: Tyler | Seen: yes"])  # fmt: skip
def test_a_role_word_naming_another_man_is_not_the_father_of_the_case(text: str) -> None:
    assert records(text, "owen", "two") == set()
    assert records(text, "tyler", "two")


def test_a_role_word_on_its_own_still_names_the_only_man_of_that_role() -> None:
    assert "seen" in records("Dad seen at his flat on contact weekend.", "owen", "two")
    assert "checked" in records("Checks: Owen (dad) - PNC nil.", "owen", "two")


# --- another man's former partner is not the case's partner -------------------------------------------------
@pytest.mark.parametrize("text", ["Reece - PNC: harassment caution 2018 (former partner).",
                                  "Reece has a caution for assaulting an ex-partner.",
                                  "Checks: Reece | PNC: ABH against a previous partner 2015"])  # fmt: skip
def test_another_mans_former_partner_is_nobody_in_the_case(text: str) -> None:
    assert records(text, "ptr") == set()


@pytest.mark.parametrize("text", ["Ex-partner assaulted mum at the address. Arrested.", "Kerry's ex-partner known to police."])
def test_the_mothers_ex_partner_may_be_the_cases_partner_who_lives_elsewhere(text: str) -> None:
    assert records(text, "ptr")


def test_the_partner_is_still_read_by_his_role_word() -> None:
    assert "checked" in records("Mum's partner - PNC: nil.", "ptr")
    assert "checked" in records("Checks: new partner | Result: not known to police", "ptr")


# --- "Mr D" and "husband" ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Checks: Nadia - nil. Mum's husband (Mr O) - PNC nil, CSC nil.",
                                  "Mr D - PNC: no trace.", "Her husband checked: not known to police."])  # fmt: skip
def test_a_man_by_his_initial_or_as_mums_husband(text: str) -> None:
    assert "checked" in records(text, "darren", "step")


def test_an_initial_two_men_share_or_another_title_names_nobody() -> None:
    assert records("Mr D - PNC: no trace.", "dom", "twod") == set()
    assert records("Mr D - PNC: no trace.", "dave", "twod") == set()
    assert records("Mrs O - PNC: no trace.", "darren", "step") == set()
    assert records("Mr K - PNC: no trace.", "darren", "step") == set()


# --- his history asked about --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Dad present at booking: no mental health, substance misuse or forensic history reported.",
    "Reece: no criminal or CSC history disclosed.",
    "Reece spoken to about his history.",
])  # fmt: skip
def test_his_history_asked_and_answered_none_is_history_sought(text: str) -> None:
    assert "history" in records(text, "dad")


@pytest.mark.parametrize("text", ["Reece's history not asked.", "No history taken from dad.",
                                  "Dad's background not explored."])  # fmt: skip
def test_his_history_not_asked_is_not_history_sought(text: str) -> None:
    assert "history" not in records(text, "dad")


# --- looked for and nothing found is a check done -------------------------------------------------------------
@pytest.mark.parametrize("text", ["Reece - PNC nil, CSC nil.", "Reece | PNC: no trace | CSC: NTR",
                                  "Subject: Reece | Police checks: not known"])  # fmt: skip
def test_a_check_answered_nil_is_a_check_done(text: str) -> None:
    assert "checked" in records(text, "dad")


@pytest.mark.parametrize("text", ["Reece | PNC: not done | CSC: n/a", "Reece | PNC: -", "No PNC on Reece."])  # fmt: skip
def test_a_check_answered_not_done_or_left_empty_is_not_a_check(text: str) -> None:
    assert "checked" not in records(text, "dad")


# --- a group phrase is checked where the check is said of the group ------------------------------------------
def test_a_group_in_a_list_of_other_findings_is_not_checked() -> None:
    text = "Social history: lives with parents and brother, no concerns, not known to police."
    assert "checked" not in records(text, "dad")


@pytest.mark.parametrize("text", ["Both parents not known to police.", "PNC checks on both parents, nothing known.",
                                  "Checks: the parents, Poppy - NTR"])  # fmt: skip
def test_a_check_said_of_the_group_credits_each_member(text: str) -> None:
    assert "checked" in records(text, "dad")


# --- presence means presence ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Dad did not engage with the assessment.", "Reece did not join the meeting.",
                                  "Reece - declined to attend", "Meeting: core group | Present: Kerry, SW | Not present: Reece",
                                  "Reece would not take part in the C&F assessment.", "Reece sent apologies for the TAF."])  # fmt: skip
def test_a_man_named_only_as_declining_or_not_attending_takes_no_part(text: str) -> None:
    assert not records(text, "dad") & {"present", "assessed", "seen"}


@pytest.mark.parametrize("text", ["Reece joined the meeting by phone.", "C&F assessment: Reece interviewed at home.",
                                  "Core group | Present: Kerry, Reece, SW | Apologies: school"])  # fmt: skip
def test_a_man_recorded_taking_part_takes_part(text: str) -> None:
    assert records(text, "dad") & {"present", "assessed", "seen"}


@pytest.mark.parametrize("text", ["Sertraline started (BF compatible).", "Mum wants to BF.", "Feeding: BF on demand.",
                                  "Baby feeding well - mixed BF and formula."])  # fmt: skip
def test_bf_for_breastfeeding_is_nobody(text: str) -> None:
    assert records(text, "dad") == set()


def test_bf_for_the_father_still_names_him() -> None:
    assert "present" in records("BF present at the visit.", "dad")

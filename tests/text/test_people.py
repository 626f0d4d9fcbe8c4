"""People in the text: mentions by name, role word and group phrase, and what each entry records about them."""

from __future__ import annotations

from checker.model.audit import Manifest
from checker.text.people import find_mentions

MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "people", "theme": "people in the text"},
    "agencies": [{"id": "csc", "name": "CSC", "type": "childrens_social_care"}],
    "cases": [{"id": "c1", "children": [{"id": "kid", "name": "Poppy", "date_of_birth": "2019-01-01"}],
               "adults": [{"id": "dad", "role": "father", "name": "Reece", "lives_with_child": True},
                          {"id": "mum", "role": "mother", "name": "Kerry", "lives_with_child": True},
                          {"id": "ex", "role": "partner", "name": "Lewis", "lives_with_child": False}]}],
})  # fmt: skip
CASE = MANIFEST.cases[0]


def records(text: str, person: str) -> set[str]:
    return {r for m in find_mentions(text, CASE) if m.person == person for r in m.records}


def test_group_phrases_credit_each_member() -> None:
    assert "seen" in records("Both parents seen at home with Poppy.", "dad")
    assert "present" in records("Core group. Present: mum and dad, SW, HV.", "dad")
    assert "checked" in records("PNC and CSC checks on both parents: nothing known.", "mum")


def test_a_group_phrase_is_not_naming() -> None:
    mentions = [m for m in find_mentions("The parents attended.", CASE) if m.person == "dad"]
    assert mentions and all(m.group for m in mentions)


def test_the_family_means_the_household_only() -> None:
    assert "checked" in records("MASH checks: the family were known in 2019.", "dad")
    assert not records("MASH checks: the family were known in 2019.", "ex")


def test_role_word_and_name_resolve_to_the_same_person() -> None:
    assert "seen" in records("Dad seen at his flat.", "dad")
    assert "history" in records("Reece spoken to about his history.", "dad")


def test_negated_planned_and_attempted_checks_are_not_checks() -> None:
    assert records("Reece not checked.", "dad") == {"not_checked"}
    assert records("Checks on Reece to be requested.", "dad") == {"planned_checked"}
    assert records("Reece - police unable to check (no date of birth).", "dad") == {"not_checked"}


def test_absent_and_refused() -> None:
    assert "absent" in records("ICPC held. Reece did not attend.", "dad")
    assert "absent" in records("TAF review. Apologies: Reece (at work).", "dad")
    assert "refused" in records("Reece refused to meet the SW.", "dad")


def test_what_someone_said_is_credited_to_the_speaker_not_the_person_spoken_of() -> None:
    assert "spoken_to" in records("Kerry says Reece is at work most days.", "mum")
    assert "spoken_to" not in records("Kerry says Reece is at work most days.", "dad")


def test_whose_appointment_was_missed() -> None:
    assert "missed" in records("Kerry DNA her own clinic appointment.", "mum")
    assert "missed" in records("Poppy WNB for her 2 year review.", "kid")
    assert "missed" not in records("Poppy WNB for her 2 year review.", "mum")

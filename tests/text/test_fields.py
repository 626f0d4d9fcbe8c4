"""Templated entries ("Label: value" fields): the examples in rules/fields.yaml, and the field reading's
promises: a field's value decides the status of the kinds in it, never of another field's; a bare label is not
evidence; prose reads as it always has."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.model.errors import RuleError
from checker.text.compile import load_rules
from checker.text.context import fields_of
from checker.text.match import normalise_for_matching, read_text

ROOT = Path(__file__).resolve().parents[2]
FIELDS = yaml.safe_load((ROOT / "rules" / "fields.yaml").read_text(encoding="utf-8"))
EXAMPLES = FIELDS["examples"]


def _reading(text: str, kind: str):  # type: ignore[no-untyped-def]
    readings = {r.kind: r for r in read_text(text)}
    assert kind in readings, f"{kind} not found in {text!r}: {list(readings)}"
    return readings[kind]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:50] for e in EXAMPLES])
def test_field_example(example: dict[str, str]) -> None:
    got = _reading(example["text"], example["kind"])
    assert (got.status, got.field) == (example["status"], example.get("field", "")), (
        f"{example['text']!r}: {got.kind} read as {got.status} in field {got.field!r} ('{got.cue}')")


def test_examples_cover_each_field_status_and_prose() -> None:
    statuses = {e["status"] for e in EXAMPLES}
    assert {"absent", "elsewhere", "other_person", "planned", "done"} <= statuses
    assert any(not e.get("field") for e in EXAMPLES)


@pytest.mark.parametrize("value", ["no", "No", "nil", "None", "N/A", "n/a", "-", "", "not known", "Unknown"])
def test_a_negative_or_empty_value_reads_as_absent_and_does_not_count(value: str) -> None:
    got = _reading(f"Contact type: phone call | Contingency plan: {value} | Next contact: 4 weeks", "contingency_plan")
    assert got.status == "absent" and not got.counted


@pytest.mark.parametrize("value", ["see plan", "See CP plan", "as previous", "as per plan", "refer to care plan"])
def test_a_pointer_value_reads_as_not_recorded_here(value: str) -> None:
    got = _reading(f"Contingency plan: {value}", "contingency_plan")
    assert got.status == "elsewhere" and not got.counted


def test_negation_ignored_kinds_still_do_not_count_an_absent_field() -> None:
    """was_not_brought counts even when negated ("not brought"), but a field saying none is not a WNB."""
    assert _reading("WNB: none this year", "was_not_brought").counted
    got = _reading("Appointment: dental check | WNB: none", "was_not_brought")
    assert got.status == "absent" and not got.counted


def test_a_cue_in_one_field_never_decides_a_kind_in_another() -> None:
    assert _reading("Outcome: not seen | Strategy discussion: held with police", "strategy_discussion").counted
    assert _reading("Children seen: no | Home visit: completed", "home_visit").counted
    # the same words as prose: the negation reaches the visit
    assert not _reading("No home visit completed", "home_visit").counted


def test_a_kind_is_never_joined_across_fields() -> None:
    """'Contact type: Home' and 'Visit: 14/03' do not make a home visit between them."""
    text = "Contact type: home | Visit date: 14/03"
    assert "home_visit" not in {r.kind for r in read_text(text)}
    assert "home_visit" in {r.kind for r in read_text("Contact type: home visit | Date: 14/03")}


def test_line_breaks_and_tabs_before_a_label_separate_fields() -> None:
    text = "Contact type: telephone\nOutcome: spoke to mum\tDomestic abuse enquiry: nil"
    assert normalise_for_matching(text) == (
        "contact type: telephone | outcome: spoke to mum | domestic abuse enquiry: nil")
    assert _reading(text, "domestic_abuse").status == "absent"
    # a line break inside prose is a space, as before
    assert normalise_for_matching("Home visit completed\nand mum seen") == "home visit completed and mum seen"


def test_another_household_in_a_place_field_makes_the_entry_other_person() -> None:
    got = _reading("Occurrence: domestic incident | Location: next door, not the family home", "domestic_abuse")
    assert got.status == "other_person" and not got.counted
    assert _reading("Occurrence: domestic incident | Location: family home", "domestic_abuse").counted


def test_fields_are_found_at_segment_starts_only() -> None:
    fields = load_rules().context.fields
    assert fields is not None
    found = fields_of("core group held. re da: nil | plan: hv visit (dash: n/a)", fields)
    assert [(f.label, f.status) for f in found] == [("re da", "absent"), ("plan", ""), ("dash", "absent")]
    assert fields_of("mum told the sw at 10:00 that she was fine", fields) == ()
    # more than five words before a colon is a sentence, not a label
    assert fields_of("mum said she would tell the worker the following: no", fields) == ()


def test_the_field_is_shown_with_the_reading() -> None:
    got = _reading("Category: Domestic abuse | Action: DSL informed", "domestic_abuse")
    assert got.as_dict()["field"] == "category"
    assert _reading("Domestic abuse disclosed", "domestic_abuse").as_dict()["field"] == ""


def test_a_bad_fields_file_fails_with_its_location(tmp_path: Path) -> None:
    bad = dict(FIELDS)
    bad["absent"] = [*FIELDS["absent"], "(unclosed"]
    path = tmp_path / "fields.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(fields=path)
    assert any("absent[" in p and "(unclosed" in p for p in err.value.problems)


def test_a_kinds_exclusion_holds_inside_a_field_as_in_prose() -> None:
    """A field that decides nothing reads its text as prose does: an `exclude` still cancels the match."""
    assert "referral_csc" not in {r.kind for r in read_text("duty to refer sent to MASH")}
    assert "referral_csc" not in {r.kind for r in read_text("Action: duty to refer sent to MASH")}


def test_a_man_named_only_as_declining_is_not_part_of_the_assessment() -> None:
    from checker.model.audit import Manifest
    from checker.text.people import find_mentions

    m = Manifest.model_validate({"audit": {"id": "a", "title": "t", "theme": "x"}, "agencies": [
        {"id": "csc", "name": "CSC", "type": "childrens_social_care"}], "cases": [{"id": "c1", "adults": [
            {"id": "f", "role": "father", "name": "Dale"}, {"id": "m", "role": "mother", "name": "Sam"}]}]})
    case = m.cases[0]

    def records(text: str, person: str) -> set[str]:
        return {r for x in find_mentions(text, case) if x.person == person for r in x.records}

    declined = records("Pre-birth assessment: Sam seen. Dale declined to take part in the assessment.", "f")
    assert "assessed" not in declined and "refused" in declined
    assert "present" not in records("Core group. Present: SW, Sam, HV. Apologies: Dale.", "f")
    assert "assessed" in records("Dale interviewed as part of the assessment", "f")

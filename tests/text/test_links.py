"""Where a referral goes, read from its text as an agency type."""

from __future__ import annotations

import pytest

from checker.text.links import named_services, records_uptake, referral_targets
from checker.text.match import normalise_for_matching


@pytest.mark.parametrize(
    ("text", "recorder", "expected"),
    [
        ("GP referred mum to talking therapies", "gp", {"mental_health"}),
        ("Referral to perinatal MH (PNMH) made", "midwifery", {"mental_health"}),
        ("PPN submitted to MASH", "police", {"mash"}),
        ("Referred Jay to Housing Options under the duty to refer", "childrens_social_care", {"housing"}),
        ("HV referral to paeds for weight", "health_visiting", {"hospital"}),
        ("Referral from midwife (29/07) rec'd + accepted", "mental_health", {"mental_health"}),
        ("Home visit, children seen", "childrens_social_care", set()),
    ],
)
def test_referral_target(text: str, recorder: str, expected: set[str]) -> None:
    assert set(referral_targets(normalise_for_matching(text), recorder)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the service named before the referral word, in prose and in a template
        ("MARAC referral submitted after DASH", {"marac"}),
        ("IDVA referral already made by the midwife", {"voluntary"}),
        ("Referral to: CAMHS | Outcome: awaited", {"mental_health"}),
        ("Referral to Ashdown Recovery Service sent", {"substance_misuse"}),
        # one still to be made goes nowhere yet; a referrer's own referral does not go to the referrer
        ("MARAC referral to be made", set()),
        ("HV referral sent, paperwork filed", set()),
    ],
)
def test_referral_target_named_first_or_templated(text: str, expected: set[str]) -> None:
    assert set(referral_targets(normalise_for_matching(text), "police")) == expected


@pytest.mark.parametrize(
    ("text", "named", "taken_up"),
    [
        ("IDVA in contact with mum weekly", ("idva",), True),
        ("MARAC held. Case heard, actions agreed", ("marac",), True),
        # another service of the same agency type is not the one referred to
        ("CIN meeting. Present: mum, SW, refuge worker", ("idva",), False),
        ("CIN meeting. Present: mum, SW, refuge worker", (), True),
        # an uptake word negated, or the outcome recorded as absent, unknown or awaited
        ("MARAC actions: IDVA not yet engaged with mum", ("idva",), False),
        ("Mum has heard nothing from the IDVA since March", ("idva",), False),
        # an uptake word ("support") in the same sentence as the absent outcome: only the absence can say no
        ("Mum has heard nothing from the IDVA support worker since March", ("idva",), False),
        ("Mum is seen weekly by the IDVA support worker", ("idva",), True),
        ("Recovery service: not sure if she has attended", ("recovery (?:service|team|worker)s?",), False),
        ("Chased the IDVA, nothing back", ("idva",), False),
    ],
)
def test_uptake_is_the_named_service_doing_the_work(text: str, named: tuple[str, ...], taken_up: bool) -> None:
    types = ("voluntary", "marac", "substance_misuse")
    assert records_uptake(normalise_for_matching(text), types, named=named) is taken_up


def test_named_services_are_those_the_referral_itself_names() -> None:
    text = normalise_for_matching("Referral to IDVA (county DA service) sent with consent")
    assert named_services(text, ("voluntary",)) == ("idva",)
    assert named_services(text, ("mental_health",)) == ()

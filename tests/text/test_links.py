"""Where a referral goes, read from its text as an agency type."""

from __future__ import annotations

import pytest

from checker.text.links import referral_targets
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

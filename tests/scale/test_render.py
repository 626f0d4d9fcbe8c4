"""A worker's rendered flags and outcomes are the text the reference writers write, for any field values:
`json.dumps(..., ensure_ascii=False, default=str)` for a JSON line, `json.dumps(..., indent=2)` nested at the
document's item level for an outcome in `rules` (the outcome texts come from cached tails: a cache keyed
wrongly, or a tail missing the agency, would show here)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.check.jsonout import ITEM_INDENT, dumps_at
from checker.check.render import json_line, outcome_item, outcome_line
from checker.engine.run import Outcome

_TEXT = st.one_of(st.sampled_from(["", "passed", "nothing in the records for this rule to check", 'a "quoted" \\ reason',
                                   "naïve café — £5", "line\nbreak\ttab", "\x00\x1f", "=cmd|' /C calc'!A0"]),
                  st.text(max_size=20))
_OUTCOMES = st.builds(Outcome, rule=_TEXT, case=_TEXT, outcome=st.sampled_from(["flagged", "passed", "skipped",
                                                                               "errored"]) | _TEXT,
                      reason=_TEXT, flag_count=st.integers(-3, 2**70), agency=st.none() | _TEXT)


def _line_reference(o: Outcome) -> str:
    return json.dumps({"type": "outcome", **o.to_dict()}, ensure_ascii=False, default=str)


def _item_reference(o: Outcome) -> str:
    return json.dumps(o.to_dict(), indent=2, ensure_ascii=False, default=str).replace("\n", "\n" + "  " * ITEM_INDENT)


@settings(max_examples=150, deadline=None)
@given(st.lists(_OUTCOMES, min_size=1, max_size=6))
def test_outcome_texts_are_the_reference_texts(outcomes: list[Outcome]) -> None:
    for o in outcomes + outcomes:  # the second time from the cached tails
        assert outcome_line(o) == _line_reference(o)
        assert outcome_item(o) == _item_reference(o)


def test_outcomes_that_differ_only_in_agency_or_count_do_not_share_a_tail() -> None:
    plain = Outcome("r", "c1", "flagged", "", 1)
    mine = Outcome("r", "c2", "flagged", "", 1, agency="gp")
    two = Outcome("r", "c3", "flagged", "", 2, agency="gp")
    assert [outcome_line(o) for o in (plain, mine, two)] == [_line_reference(o) for o in (plain, mine, two)]
    assert '"agency": "gp"' in outcome_item(mine) and '"flags": 2' in outcome_item(two)


def test_an_outcome_of_other_types_is_rendered_the_general_way() -> None:
    odd = [Outcome("r", "c", "flagged", "", np.int64(3)),  # type: ignore[arg-type]
           Outcome("r", "c", "passed", "", True),  # a bool is not a count: json says true, not 1
           Outcome("r", dt.date(2024, 5, 1), "passed"),  # type: ignore[arg-type]
           Outcome("r", "c", "skipped", "", 0, agency=7)]  # type: ignore[arg-type]
    for o in odd:
        assert outcome_line(o) == _line_reference(o)
        assert outcome_item(o) == _item_reference(o)


_SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | _TEXT
_EVIDENCE = st.fixed_dictionaries({"entry_id": _TEXT, "agency": st.none() | _TEXT, "row": st.none() | st.integers(),
                                   "date": st.none() | st.dates(), "kinds": st.lists(_TEXT, max_size=3),
                                   "excerpt": _TEXT})
_FLAGS = st.fixed_dictionaries({"id": _TEXT, "rule": _TEXT, "agency": st.none() | _TEXT, "message": _TEXT,
                                "evidence": st.lists(_EVIDENCE, max_size=3)},
                               optional={"fields": st.dictionaries(_TEXT, _SCALARS, max_size=3),
                                         "chase": st.none() | _TEXT, "pair": st.tuples(_SCALARS, _SCALARS)})


@settings(max_examples=150, deadline=None)
@given(_FLAGS)
def test_flag_texts_are_the_reference_texts(flag: dict[str, Any]) -> None:
    assert json_line({"type": "flag", **flag}) == json.dumps({"type": "flag", **flag}, ensure_ascii=False, default=str)
    reference = json.dumps(flag, indent=2, ensure_ascii=False, default=str).replace("\n", "\n" + "  " * ITEM_INDENT)
    assert dumps_at(flag, ITEM_INDENT) == reference

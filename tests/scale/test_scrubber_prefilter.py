"""The scrubber's prefilter (a text holding no identifier is returned without compiling the pattern) reads
exactly as the pattern run over every text: on texts built from the case's identifiers in any case, with
non-ASCII look-alikes (the Kelvin sign and long s that re's case-insensitive match takes for k and s), and on
texts holding none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model.audit import Manifest
from checker.model.pseudonymise import pseudonymiser

MANIFEST = Manifest.model_validate({
    "audit": {"id": "scrub", "title": "Scrub", "theme": "homelessness", "meeting_date": "2019-03-20"},
    "agencies": [{"id": "housing", "name": "Housing", "type": "housing"}],
    "cases": [
        {"id": "case-1", "references": {"housing": "HO/2019/77"},
         "children": [{"id": "c1-child", "name": "Kyle", "date_of_birth": "2010-09-03"}],
         "adults": [{"id": "c1-mother", "role": "mother", "name": "Sharon", "aliases": ["Shaz"]}]},
        {"id": "case-2", "adults": [{"id": "c2-father", "role": "father", "name": "Zoë"}]},
    ],
})
ASCII = pseudonymiser(MANIFEST, cases=[MANIFEST.cases[0]])
ACCENTED = pseudonymiser(MANIFEST)  # Zoë: not every identifier ASCII, the pattern always runs

PIECES = ["Kyle", "KYLE", "\u212ayle", "Sharon", "\u017fharon", "shaz", "Shazza", "HO/2019/77", "ho/2019/77x",
          "3 September 2010", "03/09/10", "3rd of sept 2010", "zoë", "ZOË", "Zoe", " ", ", ", "/", "said ", "the",
          "mum ", "é", "2010", "\n"]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_prefiltered_scrubber_equals_the_pattern_on_every_text(text: str):
    assert ASCII.ascii_only and not ACCENTED.ascii_only
    assert ASCII(text) == ASCII.reference(text)
    assert ACCENTED(text) == ACCENTED.reference(text)


def test_the_prefilter_would_be_wrong_without_its_ascii_condition():
    """The long s is an s to re's case-insensitive match but not to str.lower: the text is not ASCII, so the
    pattern runs and the name goes (a prefilter on lower case alone would have left it)."""
    text = "\u017fharon was seen"
    assert "sharon" not in text.lower()
    assert ASCII(text) == ASCII.reference(text) == "the mother was seen"
    assert ASCII("Nobody named here") == "Nobody named here"
    assert ASCII("KYLE and shaz") == "the child and the mother"

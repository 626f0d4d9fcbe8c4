"""The report's message path equals its reference: `finish` (each pattern only on a text holding its literal)
equals `finish_reference` (every pattern on every text), and the rendered message (str.format_map) equals
string.Formatter's, on every template of the catalogue with generated field values and on generated text."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.catalogue import load_catalogue
from checker.engine.run import _placeholders, _render, _skipped_by, render_reference
from checker.model.wording import finish, finish_reference

PIECES = ["1 ", "2 ", "9 ", "1.5 ", "day(s)", "agenc(y/ies)", "match(es)", " (s)", "(y/ies)", "2019-01-14",
          "2019-1-4", "follow-up", "-", "plan plan", "plan", " a ", "A ", "a Early Help", "a early", "Early",
          "assessment", "a social care assessment", "Clearly", "/", ".", "x", "\u0663\u0661\u0662\u0660", " "]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.text(max_size=50))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_finish_equals_its_reference(text: str):
    assert finish(text) == finish_reference(text)


def test_finish_still_does_each_of_its_jobs():
    """Each prefilter lets its own case through (a prefilter that skipped one would fail here)."""
    assert finish("2 day(s) and 1 agenc(y/ies)") == "2 days and 1 agency"
    assert finish("seen on 2019-01-14") == "Seen on 14/01/2019"
    assert finish("a child protection plan plan") == "A child protection plan"
    assert finish("needs a Early Help plan") == "Needs an Early Help plan"
    assert finish("needs a assessment") == "Needs an assessment"


TEMPLATES = sorted({m for rule in load_catalogue().rules for m in [rule.message, *(b.message for b in rule.when)]
                    if m})
VALUES = st.one_of(st.sampled_from(["Housing Options", "Police", "1", "0", "yes", "no", "14/01/2019", "day(s)",
                                    "a Early", "plan"]), st.integers(-3, 400), st.text(max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TEMPLATES), st.data())
def test_a_rendered_message_equals_string_formatters(template: str, data: st.DataObject):
    names = _placeholders(template)
    shown = {k: data.draw(VALUES) for k in names if data.draw(st.booleans()) or k != names[0]}
    assert _render.__wrapped__(template, tuple(shown.items())) == render_reference(template, shown)


def test_the_catalogue_templates_are_plain_names():
    """str.format_map equals string.Formatter for plain `{name}` fields: no template uses more."""
    assert TEMPLATES
    for template in TEMPLATES:
        for _, name, spec, conversion in string.Formatter().parse(template):
            assert not spec and not conversion and (name is None or name.isidentifier()), template


REASONS = st.dictionaries(st.sampled_from(["c1", "c2", "c3"]), st.sampled_from(["", "no plan", "no child aged 0–1"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(REASONS, min_size=1, max_size=3), st.sampled_from(["c1", "c2", "c3"]))
def test_a_skipped_outcome_says_every_sources_reason_once(sources: list[dict[str, str]], case: str):
    """The one-source shortcut and the general join agree: each source's reason, a shared one said once."""
    reasons = [s.get(case) for s in sources]
    expected = "; ".join(dict.fromkeys(r for r in reasons if r)) or "nothing in the records for this rule to check"
    outcome = _skipped_by("rule-x", case, sources)
    assert (outcome.rule, outcome.case, outcome.outcome, outcome.reason) == ("rule-x", case, "skipped", expected)

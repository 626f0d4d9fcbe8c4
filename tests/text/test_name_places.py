"""Names found once for every row of a case (`cast.name_places`) give each reader what its own one-text search
gives: the mentions' names (`find_names`, person by person), the names replaced by roles (`_names_in`) and
whole mention readings (`mentions_column` against `find_mentions`, the one-text reference), on generated and
on real-looking entries, with Hyperscan and with the pure-Python fallback forced."""

from __future__ import annotations

import datetime as dt
from importlib.util import find_spec
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model.audit import Manifest
from checker.text import compiled
from checker.text.annotate import _name_table, _names_in, _names_placed, _replace_names
from checker.text.cast import find_names, name_places, names_at, owners_of
from checker.text.compile import load_rules
from checker.text.match import normalise_for_matching
from checker.text.mention_records import first_head, records, records_reference
from checker.text.people import case_casts, find_mentions, load_people, mentions_column

RULES = load_rules()
PEOPLE = load_people()
ENGINES = ["hyperscan", "python"] if find_spec("hyperscan") is not None else ["python"]  # the fallback always
NAME = st.text("abs é&", min_size=1, max_size=4)
TEXT = st.text("abs _.é&1\x00", max_size=24)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["c1", "c2", "c3"]), TEXT), max_size=8),
       st.dictionaries(st.sampled_from(["c1", "c2"]), st.lists(NAME, max_size=4), max_size=2))
def test_name_places_are_every_place_each_rows_case_names_start(rows: list[tuple[str, str]],
                                                               names: dict[str, list[str]]) -> None:  # fmt: skip
    texts, cases = [t for _, t in rows], [c for c, _ in rows]
    got = name_places(texts, cases, names)
    for text, case, places in zip(texts, cases, got, strict=True):
        words = set(names.get(case, ())) if text else set()
        want = sorted((at, -len(w), w) for w in words for at in range(len(text)) if text.startswith(w, at))
        assert places == [(at, w) for at, _, w in want]


# Two people may share a name ("mum" for two carers) and one's name may start another's ("jo", "jo smith").
PEOPLE_NAMES = st.lists(st.lists(st.text("abs é", min_size=2, max_size=4), min_size=1, max_size=3), min_size=1,
                        max_size=3)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(PEOPLE_NAMES, st.lists(TEXT, max_size=6))
def test_names_at_the_places_are_where_find_names_finds_each_persons_names(people: list[list[str]],
                                                                          texts: list[str]) -> None:  # fmt: skip
    from checker.text.cast import Cast

    cast = Cast(roles={f"p{i}": "adult" for i in range(len(people))},
                names=tuple((f"p{i}", tuple(sorted(set(ns), key=len, reverse=True))) for i, ns in enumerate(people)),
                groups=(), role_words=())  # fmt: skip
    places = name_places(texts, ["c"] * len(texts), {"c": [n for ns in people for n in ns]})
    owners = owners_of(cast)
    for text, found in zip(texts, places, strict=True):
        want = sorted((s, e, p, text[s:e], False) for p, ns in cast.names for s, e in find_names(text, ns))
        assert sorted(names_at(text, found, owners)) == want


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text("abs é", min_size=2, max_size=4), min_size=1, max_size=3),
       st.lists(st.text("abs é", min_size=2, max_size=4), max_size=2), st.text("abs _.é1&", max_size=20))
def test_names_replaced_from_the_places_are_those_names_in_finds(names: list[str], others: list[str],
                                                                text: str) -> None:  # fmt: skip
    ordered = tuple(sorted(dict.fromkeys(names), key=len, reverse=True))
    table = {n: ("child", None) for n in ordered}
    places = name_places([text], ["c"], {"c": [*ordered, *others]})[0]  # the mentions' names are there too
    assert _names_placed(text, places, table) == _names_in(text, ordered)


MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "names once", "theme": "names found once per case"},
    "agencies": [{"id": "csc", "name": "CSC", "type": "childrens_social_care"}],
    "cases": [{"id": "c1", "children": [{"id": "c1-kid", "name": "Kacper O'Neill", "date_of_birth": "2023-01-01"},
                                        {"id": "c1-kid2", "name": "Jo"}],
               "adults": [{"id": "c1-dad", "role": "father", "name": "Daniel O'Brien", "aliases": ["dad", "Danny"]},
                          {"id": "c1-mum", "role": "mother", "name": "Jo Smith", "aliases": ["mum"]},
                          {"id": "c1-nan", "role": "grandmother", "name": "Sandra", "aliases": ["nan", "mum"],
                           "lives_with_child": False}]},
              {"id": "c2", "children": [{"id": "c2-kid", "name": "Poppy"}],
               "adults": [{"id": "c2-mum", "role": "mother", "name": "Kerry"},
                          {"id": "c2-bf", "role": "partner", "name": "Imran Khan"}]}],
})  # fmt: skip
# Real-looking entries: templated fields, possessives, initials, apostrophes, role words, group phrases.
ENTRIES = [
    "Home visit. Present: Jo, Danny, Kacper. Apologies: nan (at work).", "Mr D not checked; PNC: nil.",
    "Mr O'Brien seen at his flat", "Kacper's nursery attendance discussed with mum.", "Jo's partner Daniel said",
    "Dan (Kacpers dad) refused checks.", "Subject: Daniel O'Brien | PNC: no trace | CSC: NTR",
    "Both parents seen with the children.", "Checks: Jo - NTR, Daniel - not checked", "Kerry's bf Imran present.",
    "Imran - PNC: harassment caution 2019 (former partner).", "mum + dad did not attend ICPC. Nan attended.",
    "Jo Smith spoke to SW; says Poppy's dad is at work.", "Feeding: BF on demand. Mum and partner seen.",
    "Kerry: history of DA disclosed.", "checks to be requested on Mr K", "jo-jo and jo smith, sandras mum",
    "Whole family seen. Kerry DNA'd clinic appt.", "Poppy WNB. Letter to mother.", "Mr. D present: yes",
]  # fmt: skip
WORDS = [w for e in ENTRIES for w in e.split()] + ["\n", "|", ":", "-", ",", ".", "Mr", "Ms", "é", "café"]
ENTRY = st.one_of(st.sampled_from(ENTRIES), st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join))


@pytest.mark.parametrize("name", ENGINES)
@settings(max_examples=15, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["c1", "c2", "c9"]), ENTRY), min_size=1, max_size=40))
def test_mentions_of_real_looking_entries_equal_each_read_alone(name: str, rows: list[tuple[str, str]]) -> None:
    texts = pd.Series([normalise_for_matching(t, RULES) for _, t in rows], dtype=object)
    cases = pd.Series([c for c, _ in rows], dtype=object)
    by_id = {c.id: c for c in MANIFEST.cases}
    with mock.patch.object(compiled, "ENGINE", name):
        got = mentions_column(texts, cases, MANIFEST, RULES, PEOPLE).tolist()
    want = [find_mentions(t, by_id[c], RULES, PEOPLE, normalised=True) if c in by_id and t else ()
            for c, t in zip(cases, texts, strict=True)]  # fmt: skip
    assert got == want


@settings(max_examples=15, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["c1", "c2", "c9"]), ENTRY), min_size=1, max_size=40))
def test_names_replaced_with_the_shared_places_equal_names_replaced_alone(rows: list[tuple[str, str]]) -> None:
    texts = pd.Series([normalise_for_matching(t, RULES) for _, t in rows], dtype=object)
    cases = pd.Series([c for c, _ in rows], dtype=object)
    dates = pd.Series(pd.to_datetime([dt.date(2024, 3, 1)] * len(rows)))
    tables = _name_table(MANIFEST, RULES)
    casts = case_casts(MANIFEST, PEOPLE)
    places = name_places(texts.tolist(), cases.tolist(), {
        c: [*(tables[c][0] if c in tables else ()), *(w for _, ws in k.names for w in ws)] for c, k in casts.items()})
    alone = _replace_names(texts, cases, dates, MANIFEST, RULES).tolist()
    assert _replace_names(texts, cases, dates, MANIFEST, RULES, places, tables).tolist() == alone
    got = mentions_column(texts, cases, MANIFEST, RULES, PEOPLE, places=places, casts=casts).tolist()
    assert got == mentions_column(texts, cases, MANIFEST, RULES, PEOPLE).tolist()


def test_the_shared_reading_finds_what_each_entry_records() -> None:
    """The batch reading is the one-text reading; these pin that both read real entries as a reader would."""
    texts = pd.Series([normalise_for_matching(t, RULES) for t in [
        "Mr D not checked; PNC: nil.", "Kacper's nursery attendance discussed with mum.", "Dan (Kacpers dad) refused checks."]])
    got = mentions_column(texts, pd.Series(["c1"] * 3), MANIFEST, RULES, PEOPLE).tolist()
    assert [(m.person, m.words, m.records) for m in got[0]] == [("c1-dad", "mr d", ("not_checked",))]
    assert {m.person for m in got[1]} == {"c1-mum", "c1-nan"}  # 'mum' is two people's alias
    assert [(m.person, m.records) for m in got[2]] == [("c1-dad", ("refused", "not_checked"))]


SPAN = st.tuples(st.integers(0, 16), st.integers(1, 4))
WORD = st.tuples(st.integers(0, 16), st.integers(1, 4), st.sampled_from(["done", "negated", "planned", "absent"]),
                 st.booleans())  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text("ab |,:", min_size=30, max_size=40), st.lists(SPAN, min_size=1, max_size=3),
       st.lists(st.tuples(st.sampled_from(["checked", "says", "seen", "history"]), st.lists(WORD, min_size=1, max_size=3)),
                max_size=3, unique_by=lambda g: g[0]), st.booleans())  # fmt: skip
def test_records_read_the_quick_way_equal_the_reference(text: str, spans: list[tuple[int, int]],
                                                         grouped: list, group: bool) -> None:  # fmt: skip
    inside = sorted((s, s + n, "p", text[s : s + n], group) for s, n in spans)
    actions = [(action, sorted((s, s + n, action, status, heads) for s, n, status, heads in words))
               for action, words in grouped]  # fmt: skip
    head = first_head(actions)
    for start, end, *_ in inside:
        assert records(text, start, end, inside, actions, group, head) == records_reference(
            text, start, end, inside, actions, group)

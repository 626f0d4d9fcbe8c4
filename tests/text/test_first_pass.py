"""The text layer's first passes (RE2 over many texts at once) give the answers the one-text readings give."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model.audit import Manifest
from checker.text.annotate import _names_in
from checker.text.cast import find_names, name_pattern
from checker.text.compile import load_rules, read_rule_file
from checker.text.extract import _MAY_HOLD_DATE, dates_column, extract_dates
from checker.text.match import normalise_for_matching, normalise_many, normalise_series
from checker.text.patterns import match_starts, search_each
from checker.text.people import find_mentions, load_people, mentions_column

RULES = load_rules()
PEOPLE = load_people()
# Words the rules know, mixed with non-ASCII letters, control characters and punctuation.
WORDS = ["mum", "dad", "seen", "not", "checks", "to be", "booked", "parents", "the children", "Kerry", "kerrys",
         "said", "refused", "present:", "sw,", "hv", "an", "contact", "18/03", "14 days", "3rd may", "café", "é",
         "\x0b", "\t", ".", ";", "-", "&", "wasnt", "did not attend", "no access", "tomorrow", "2019-03-02"]  # fmt: skip
TEXTS = st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=64, max_size=120)


@settings(max_examples=10, deadline=None)
@given(TEXTS)
def test_search_each_agrees_with_python_re(texts: list[str]) -> None:
    patterns = [RULES.context.any_cue, PEOPLE.any_action, _MAY_HOLD_DATE, re.compile(r"\bnot\b")]
    for pattern, mask in zip(patterns, search_each(texts, patterns), strict=True):
        assert mask.tolist() == [pattern.search(t) is not None for t in texts]


@settings(max_examples=10, deadline=None)
@given(TEXTS)
def test_match_starts_agrees_with_finditer(texts: list[str]) -> None:
    for text, starts in zip(texts, match_starts(texts, RULES.context.any_cue), strict=True):
        assert starts is None or starts == tuple(m.start() for m in RULES.context.any_cue.finditer(text))


@settings(max_examples=10, deadline=None)
@given(TEXTS)
def test_normalise_many_gives_the_same_strings(texts: list[str]) -> None:
    assert normalise_many(texts, RULES) == [normalise_for_matching(t, RULES) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("ab é", min_size=2, max_size=4), min_size=1, max_size=3), st.text("ab &_.é1", max_size=15))
def test_names_found_where_the_name_pattern_finds_them(names: list[str], text: str) -> None:
    pattern = name_pattern(tuple(names))
    assert pattern is not None
    longest_first = tuple(sorted(set(names), key=len, reverse=True))
    assert find_names(text, longest_first) == [m.span() for m in pattern.finditer(text)]


MANIFEST = Manifest.model_validate({
    "audit": {"id": "t", "title": "people", "theme": "first pass"},
    "agencies": [{"id": "csc", "name": "CSC", "type": "childrens_social_care"}],
    "cases": [{"id": "c1", "children": [{"id": "c1-kid", "name": "Poppy"}],
               "adults": [{"id": "c1-dad", "role": "father", "name": "Reece"},
                          {"id": "c1-mum", "role": "mother", "name": "Kerry"}]},
              {"id": "c2", "adults": [{"id": "c2-mum", "role": "mother", "name": "Zoë", "aliases": ["Zo"]}]}],
})  # fmt: skip


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["c1", "c2", "c9", ""]), st.lists(st.sampled_from(
    WORDS + ["reece", "poppy", "zoë", "zo", "both parents", "the family"]), max_size=10).map(" ".join)),
    max_size=80))  # fmt: skip
def test_mentions_column_reads_each_row_as_find_mentions_does(rows: list[tuple[str, str]]) -> None:
    texts = pd.Series([normalise_for_matching(t, RULES) for _, t in rows], dtype=object)
    cases = pd.Series([c for c, _ in rows], dtype=object)
    by_id = {c.id: c for c in MANIFEST.cases}
    got = mentions_column(texts, cases, MANIFEST, RULES, PEOPLE).tolist()
    want = [find_mentions(t, by_id[c], RULES, PEOPLE, normalised=True) if c in by_id and t else ()
            for c, t in zip(cases, texts, strict=True)]  # fmt: skip
    assert got == want


def test_mentions_column_of_no_rows_and_of_one() -> None:
    assert mentions_column(pd.Series([], dtype=object), pd.Series([], dtype=object), MANIFEST).tolist() == []
    one = mentions_column(pd.Series(["kerry seen at home"]), pd.Series(["c1"]), MANIFEST).tolist()
    assert [(m.person, m.records) for m in one[0]] == [("c1-mum", ("seen",))]


@settings(max_examples=20, deadline=None)
@given(TEXTS, st.lists(st.one_of(st.none(), st.dates(dt.date(2018, 1, 1), dt.date(2020, 12, 31))), min_size=120,
                       max_size=120))  # fmt: skip
def test_dates_column_reads_each_row_as_extract_dates_does(texts: list[str], days: list[dt.date | None]) -> None:
    whens = pd.Series(pd.to_datetime(days[: len(texts)]))
    got = dates_column(pd.Series(texts, dtype=object), whens, RULES).tolist()
    want = [extract_dates(t, w, RULES) if _MAY_HOLD_DATE.search(t) else () for t, w in zip(texts, whens, strict=True)]
    assert got == want


def test_a_changed_rule_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(path, (long_ago, long_ago))  # settled: kept after this read
    assert read_rule_file(path, "people") == "version: 1\n"
    path.write_text("version: 2\n", encoding="utf-8")  # same size; a new modification time
    assert read_rule_file(path, "people") == "version: 2\n"
    os.utime(path, (long_ago - 60, long_ago - 60))
    assert read_rule_file(path, "people") == "version: 2\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abs é", min_size=2, max_size=4), min_size=1, max_size=3), st.text("abs _.é1", max_size=15))
def test_names_replaced_where_the_name_regex_finds_them(names: list[str], text: str) -> None:
    longest_first = tuple(sorted(dict.fromkeys(names), key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in longest_first) + r")(s?)(?!\w)")
    assert _names_in(text, longest_first) == [(m.start(1), m.end(1), m[2]) for m in pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_words_counted_by_split_as_re_counts_them(text: str) -> None:
    # The mention reader counts the words between a name and an action word with str.split.
    assert len(text.split()) == sum(1 for _ in re.finditer(r"\S+", text))


GLOSSARY_WORDS = [*WORDS, "cg", "ehw", "r/v", "f/u", "c&fa", "CG", "s/w", "f/u's", "ehw.", "/cg", "&cg", "cgs"]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(GLOSSARY_WORDS), max_size=10).map(" ".join), min_size=1, max_size=80))
def test_normalise_series_expands_as_every_expansion_in_turn(texts: list[str]) -> None:
    # Only texts an expansion matches are expanded; the rest must come out as the whole chain leaves them.
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pc.utf8_lower(pa.array(texts, type=pa.large_string()))
    assert RULES.context.fields is not None  # a line break before a "Label:" separates two fields
    array = pc.replace_substring_regex(array, pattern=RULES.context.fields.line_label.pattern, replacement=" | \\1")
    array = pc.replace_substring_regex(array, pattern="['’‘`´]", replacement="")
    array = pc.utf8_trim_whitespace(pc.replace_substring_regex(array, pattern=r"[\s\p{Z}]+", replacement=" "))
    for e in RULES.glossary.expansions:
        array = pc.replace_substring_regex(array, pattern=e.pattern, replacement=e.replacement)
    assert normalise_series(pd.Series(texts), RULES).tolist() == array.to_pylist()


def test_a_label_left_empty_reads_the_same_in_the_batch_and_alone() -> None:
    """'mum present:' with nothing after the label: the field's empty value decides the status, and the batch
    reader (which skips status reading where no cue word is) must read it as `find_mentions` does."""
    by_id = {c.id: c for c in MANIFEST.cases}
    for text in ("mum present:", "present: mum", "mum present: yes"):
        t = normalise_for_matching(text, RULES)
        got = mentions_column(pd.Series([t], dtype=object), pd.Series(["c1"], dtype=object), MANIFEST, RULES,
                              PEOPLE).tolist()[0]
        assert got == find_mentions(t, by_id["c1"], RULES, PEOPLE, normalised=True), text

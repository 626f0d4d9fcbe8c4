"""The importer's fast paths agree with the plain, one-value-at-a-time reading they replace.

Each test states the plain reading (the code the fast path replaced, or the library call it stands in for)
and checks the fast path against it on hypothesis-generated input: the CSV scan that tests only the records
that could be broken, the YAML manifest built from parser events, dates parsed once per distinct text, the
entry ids and the exact-duplicate groups.
"""

from __future__ import annotations

import csv
import io
import string
from collections import Counter
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.intake import lines, yamltext
from checker.intake.columns import entry_ids, number_repeats, same_values
from checker.model.dates import _parse_cells, parse_date_column
from checker.model.frame import entry_id

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- CSV: only records that could be broken get the exact test ------------------------------------------


def _scan_every_record(text: str, delimiter: str) -> tuple[int, list[tuple[int, list[str]]], list[Any]]:
    """The plain reading: every record gets `lines._broken`."""
    if not any(ch in text for ch in "\r\n") and any(s in text for s in lines.SEPARATORS):
        text = text.replace("\u2029", "\n").replace("\u2028", "\n")
    total = lines.count_lines(text)
    records: list[tuple[int, list[str], int, int]] = []
    stopped = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 0
    try:
        for number, cells in enumerate(reader, start=1):
            records.append((number, cells, last + 1, reader.line_num))
            last = reader.line_num
    except csv.Error:
        stopped.append((len(records) + 1, last + 1, max(total, last + 1)))
    widths = Counter(len(c) for _, c, f, e in records if len(c) > 1 and f == e)
    width = max(widths, key=lambda w: (widths[w], w)) if widths else lines._modal_line_width(text, delimiter)
    kept, broken = [], [s[:3] for s in stopped]
    for number, cells, first, end in records:
        if lines._broken(cells, end > first, width, delimiter) is None:
            kept.append((number, cells))
        else:
            broken.append((number, first, end))
    return total, kept, broken


_CSV_TEXT = st.lists(st.sampled_from(list('ab ,;"\r\n\t') + ["\u2028", "\x0b", "\r\n", ",,,", '"x,y"', "a,b,c\n"]),
                     max_size=40).map("".join)


@FAST
@given(text=_CSV_TEXT, delimiter=st.sampled_from([",", ";"]), cell_limit=st.sampled_from([3, 12, 131_072]))
def test_scan_finds_the_same_broken_records_as_testing_every_record(
    text: str, delimiter: str, cell_limit: int, monkeypatch_module: pytest.MonkeyPatch
) -> None:
    monkeypatch_module.setattr(lines, "MAX_CELL_CHARS", cell_limit)
    scan = lines.scan_csv(text, delimiter)
    total, kept, broken = _scan_every_record(text, delimiter)
    assert scan.lines == total
    assert scan.records == kept
    assert [(b.number, b.first_line, b.last_line) for b in scan.broken] == broken


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_count_lines_counts_each_kind_of_line_break_once() -> None:
    for text, want in [("", 0), ("a", 1), ("a\n", 1), ("a\r\nb", 2), ("a\rb\r", 2), ("\n\r\n\r", 3), ("a\n\rb", 3)]:
        assert lines.count_lines(text) == want == len(lines._PHYSICAL.findall(text)) + (
            1 if text and not text.endswith(("\n", "\r")) else 0
        )


# --- YAML: the manifest from the parser's events ----------------------------------------------------------

_TRICKY = ["1_000", "0x1A", "010", "1:20", "1e5", ".inf", "-.5", "+1", "1.", "true", "True", "FALSE", "Yes", "no",
           "on", "~", "null", "NULL", "", " ", "2019-01-01", "2019-02-31 10:00", "03/04/2019", "a: b", "- x", "#",
           "'q'", '"d"', "&a", "*a", "!x", "<<", "=", "é £", "line\nbreak", "tab\there", "0o17", "0b101"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.sampled_from(_TRICKY),
    st.text(alphabet=string.ascii_letters + string.digits + " -_.:/'\"#&*!?", max_size=12),
)
_KEYS = st.one_of(st.sampled_from(_TRICKY), st.text(alphabet=string.ascii_lowercase + "_ ", min_size=1, max_size=6),
                  st.integers(0, 9), st.booleans(), st.none())
_DOCS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
                     max_leaves=25)


def _typed(value: Any) -> Any:
    """`value` with every type and key order made part of equality (1, 1.0 and True differ)."""
    if isinstance(value, dict):
        return ("map", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _plain_load(text: str) -> Any:
    return yaml.load(text, Loader=yamltext._Loader)  # noqa: S506 - a SafeLoader


@FAST
@given(doc=_DOCS, flow=st.sampled_from([False, True, None]), sort=st.booleans())
def test_manifest_from_events_is_what_the_loader_builds(doc: Any, flow: bool | None, sort: bool) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, sort_keys=sort, allow_unicode=True)
    done, fast = yamltext._load_plain(text, 10**6)
    assert done
    assert _typed(fast) == _typed(_plain_load(text))


@FAST
@given(text=st.lists(st.sampled_from(list("ab1:-[]{},'\"\n #&*!?|>~.") + ["  ", "<<: ", "true", "0x", "\n- "]),
                    max_size=30).map("".join))
def test_any_text_reads_as_the_loader_reads_it_or_goes_to_the_loader(text: str) -> None:
    try:
        want: Any = _typed(_plain_load(text))
    except yaml.YAMLError:
        want = "error"
    done, fast = yamltext._load_plain(text, 10**6)
    if done:
        assert _typed(fast) == want


@pytest.mark.parametrize(
    "text",
    ["a: &x [1]\nb: *x\n", "a: !!str 1\n", "base: &b {x: 1}\nc:\n  <<: *b\n", "? [1]\n: 2\n", "a: 1\n---\nb: 2\n",
     "%YAML 1.1\n---\na: 1\n", "a: [1, 2\n"],
)
def test_anchors_tags_merges_and_errors_are_left_to_the_loader(text: str) -> None:
    assert yamltext._load_plain(text, 10**6) == (False, None)


def test_a_document_over_the_value_limit_is_left_to_the_loader() -> None:
    text = "a: [" + ", ".join(["1"] * 50) + "]\n"
    assert yamltext._load_plain(text, 40) == (False, None)
    assert yamltext._load_plain(text, 60)[0]


# --- dates: one parse per distinct text -----------------------------------------------------------------

_DATES = st.one_of(
    st.none(),
    st.sampled_from(["03/04/2019", "3/4/19", "31/02/2019", "?22/05/2016", "May 2016", "2019", "01/01/1800", "0000",
                     "03/04/2019 25:99", "", "  ", "3 Apr 2019", "2019-04-03", "c. 22/05/2016", "x", "Sept 2019"]),
    st.text(alphabet=string.digits + "/ -:?aprMy", max_size=12),
)


@FAST
@given(values=st.lists(_DATES, max_size=30), start=st.integers(0, 5))
def test_dates_parsed_per_distinct_text_match_the_cell_by_cell_reading(values: list[str | None], start: int) -> None:
    column = pd.Series(values, dtype=object, index=range(start, start + len(values)))
    fast, plain = parse_date_column(column), _parse_cells(column)
    assert list(fast.dtypes) == list(plain.dtypes)
    pd.testing.assert_frame_equal(fast, plain)


# --- entry ids and duplicates ---------------------------------------------------------------------------

_WORDS = st.sampled_from(["a", "A", "b", " a ", "Visit  made", "visit made", "", "é"])


@FAST
@given(rows=st.lists(st.tuples(_WORDS, _WORDS, _WORDS, _WORDS), max_size=25))
def test_entry_ids_are_the_models_entry_id_with_repeats_numbered(rows: list[tuple[str, str, str, str]]) -> None:
    frame = pd.DataFrame(rows, columns=["case", "agency", "date_text", "event"], dtype=object)
    key = frame["event"].map(lambda t: " ".join(t.lower().split()))
    got = entry_ids(frame["case"], frame["agency"], frame["date_text"], key).tolist()
    base = [entry_id(*row) for row in rows]
    seen: Counter[str] = Counter()
    want = []
    for b in base:
        seen[b] += 1
        want.append(b if seen[b] == 1 else f"{b}-{seen[b]}")
    assert got == want
    assert number_repeats(pd.Series(base, dtype=object)).tolist() == want


@FAST
@given(rows=st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from([None, "x", "y"]),
                               st.sampled_from([pd.NaT, pd.Timestamp("2019-01-01")])), max_size=25))
def test_groups_are_the_rows_equal_in_every_column(rows: list[tuple[Any, Any, Any]]) -> None:
    frame = pd.DataFrame(rows, columns=["a", "b", "c"])
    group = same_values([frame["a"], frame["b"], frame["c"]]) if rows else []
    assert list(pd.Series(group, dtype="int64").duplicated()) == list(frame.duplicated())
    pairs = {(i, j) for i in range(len(rows)) for j in range(len(rows)) if group[i] == group[j]}
    same = {(i, j) for i in range(len(rows)) for j in range(len(rows))
            if all(x == y or (pd.isna(x) and pd.isna(y)) for x, y in zip(rows[i], rows[j], strict=True))}
    assert pairs == same
    firsts = [group[i] for i in range(len(rows)) if group[i] not in group[:i]]
    assert firsts == list(range(len(firsts)))


# --- the loaded frame's order ---------------------------------------------------------------------------


@FAST
@given(rows=st.lists(st.tuples(st.sampled_from(["c-2", "c-10", "C-1"]), st.sampled_from(["2019-01-02", "2018-12-31"]),
                               st.sampled_from(["hv", "gp", "Housing"])), max_size=30),
       ids=st.lists(st.sampled_from(["0a", "0a-2", "0a-10", "ff", "1b", "b1", "0a-3"]), unique=True, max_size=7))
def test_bundle_order_is_sorting_by_case_date_agency_and_entry_id(rows: list[tuple[str, str, str]], ids: list[str]) -> None:
    from checker.intake.combine import _in_order

    rows = rows[: len(ids)]
    frame = pd.DataFrame(rows, columns=["case", "date", "agency"], dtype=object)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["entry_id"] = pd.Series(ids[: len(rows)], dtype=object)
    frame.index = range(10, 10 + len(frame))
    want = frame.sort_values(["case", "date", "agency", "entry_id"], kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(_in_order(frame), want)

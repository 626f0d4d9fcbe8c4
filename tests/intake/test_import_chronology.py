"""load_chronology: what loads, what is rejected and why, row numbers, ids, and never raising."""

from __future__ import annotations

import codecs
import datetime as dt
import random
from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.intake.chronology import ChronologyLoad, load_chronology
from checker.model.audit import ChronologySource, Manifest
from checker.model.frame import COLUMNS, empty_frame

FILE = "chronologies/housing.csv"
TODAY = dt.date(2019, 3, 20)


def load(data: bytes | str, manifest: Manifest, source: ChronologySource | None = None) -> ChronologyLoad:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    source = source or manifest.submissions.chronologies[0]
    result = load_chronology(raw, source, manifest, file_label=FILE, today=TODAY)
    assert result.counts.balanced()
    return result


def by_row(result: ChronologyLoad) -> dict[int | None, list[tuple[str, str]]]:
    out: dict[int | None, list[tuple[str, str]]] = {}
    for p in result.problems:
        out.setdefault(p.row, []).append((p.level, p.code))
    return out


@pytest.mark.parametrize(
    ("written", "start", "end", "precision"),
    [
        ("03/04/2019", "2019-04-03", "2019-04-03", "day"),
        ("03/04/19", "2019-04-03", "2019-04-03", "day"),
        ("2019-04-03", "2019-04-03", "2019-04-03", "day"),
        ("3 Apr 2019", "2019-04-03", "2019-04-03", "day"),
        ("3rd April 2019", "2019-04-03", "2019-04-03", "day"),
        ("?22 May 2016", "2016-05-22", "2016-05-22", "approx"),
        ("c. 22/05/2016", "2016-05-22", "2016-05-22", "approx"),
        ("May 2016", "2016-05-01", "2016-05-31", "month"),
        ("2016", "2016-01-01", "2016-12-31", "year"),
    ],
)
def test_date_forms(written: str, start: str, end: str, precision: str, manifest: Manifest) -> None:
    result = load(f"Date,Case,Event\n{written},case-1,Home visit\n", manifest)
    row = result.frame.iloc[0]
    assert (row["date"], row["date_end"]) == (pd.Timestamp(start), pd.Timestamp(end))
    assert row["date_precision"] == precision
    assert row["date_text"] == written


BROKEN = (
    "Date,Case,Agency,Event,Outcome\n"  # row 1
    "03/04/2018,case-1,,Home visit,Advice\n"  # 2 ok
    "31/02/2019,case-1,,Bad date,\n"  # 3 rejected: impossible date
    ",case-1,,No date,\n"  # 4 rejected: blank date
    "04/04/2018,case-1,Police,Someone else,\n"  # 5 rejected: unknown agency
    "05/04/2018,case-9,,Unknown case,\n"  # 6 rejected: unknown case
    "06/04/2018,case-1,,,\n"  # 7 rejected: blank event
    "05/04/2030,case-1,,Future,\n"  # 8 loads: future
    "05/04/2017,case-1,HO,Old history,\n"  # 9 loads: before the audit period
    "03/04/2018,case-1,,Home visit,Advice\n"  # 10 loads: duplicate of row 2
    "07/04/2018,case-2,hv\n"  # 11 rejected: short row, no event
    "08/04/2018,case-2,Health Visitor,Clinic\n"  # 12 loads: short row with date + event; alias agency
    "09/04/2018,case-1,,Call,Advice,extra\n"  # 13 loads: extra cell ignored
    "11/03/2019,case-1,,After submission,\n"  # 14 loads: after 10/03/2019 submission
    "01/01/2500,case-1,,Typo,\n"  # 15 rejected: implausible year
)


def test_broken_chronology_reports_each_problem_at_its_row(manifest: Manifest) -> None:
    result = load(BROKEN, manifest)
    problems = by_row(result)
    assert problems[3] == [("error", "date-unreadable")]
    assert problems[4] == [("error", "date-unreadable")]
    assert problems[5] == [("error", "agency-unknown")]
    assert problems[6] == [("error", "case-unknown")]
    assert problems[7] == [("error", "event-blank")]
    assert problems[8] == [("warning", "date-future")]
    assert problems[9] == [("warning", "date-outside-period")]
    assert problems[10] == [("warning", "row-duplicate")]
    assert problems[11] == [("warning", "row-too-short"), ("error", "event-blank")]
    assert problems[12] == [("warning", "row-too-short")]
    assert problems[13] == [("warning", "row-too-long")]
    assert problems[14] == [("warning", "date-outside-period"), ("warning", "date-after-submission")]
    assert problems[15] == [("error", "date-implausible")]
    assert 2 not in problems
    assert sorted(result.frame["row"]) == [2, 8, 9, 10, 12, 13, 14]
    assert (result.counts.read, result.counts.loaded, result.counts.rejected) == (14, 7, 7)


def test_problems_say_where_what_and_what_to_do(manifest: Manifest) -> None:
    result = load(BROKEN, manifest)
    impossible = next(p for p in result.problems if p.row == 3)
    assert (impossible.file, impossible.column, impossible.value) == (FILE, "Date", "31/02/2019")
    assert "February 2019 has no day 31" in impossible.message and impossible.hint
    duplicate = next(p for p in result.problems if p.code == "row-duplicate")
    assert "row 2" in duplicate.message
    assert all(p.file == FILE and p.message and (p.hint or p.level == "info") for p in result.problems)


def test_rows_resolve_agency_and_case(manifest: Manifest) -> None:
    result = load(
        "Date,Case ref,Organisation,Event\n"
        "01/04/2018,HO/2018/0001,,a\n"
        "02/04/2018,CASE-2,testshire HEALTH visiting,b\n"
        "03/04/2018,case-1,hv,c\n",
        manifest,
    )
    assert result.frame.sort_values("row")[["case", "agency"]].values.tolist() == [
        ["case-1", "housing"],
        ["case-2", "hv"],
        ["case-1", "hv"],
    ]


def test_case_from_manifest_entry_when_no_case_column(manifest: Manifest) -> None:
    gp = manifest.submissions.chronologies[1]
    result = load("Date,Event\n01/04/2018,Appointment\n", manifest, gp)
    assert result.frame[["case", "agency"]].values.tolist() == [["case-1", "gp"]]


def test_no_case_anywhere_rejects_every_row_once(manifest: Manifest, housing: ChronologySource) -> None:
    result = load("Date,Event\n01/04/2018,a\n02/04/2018,b\n", manifest, housing)
    assert [(p.level, p.code) for p in result.problems] == [("error", "case-missing")]
    assert (result.counts.read, result.counts.rejected) == (2, 2)


def test_missing_event_column_rejects_every_row(manifest: Manifest) -> None:
    result = load("Date,Case,Notes\n01/04/2018,case-1,a\n", manifest)
    assert ("error", "column-missing") in by_row(result)[None]
    assert (result.counts.read, result.counts.loaded, result.counts.rejected) == (1, 0, 1)
    assert list(result.frame.columns) == list(COLUMNS)


def test_manifest_column_mapping_is_used(manifest: Manifest) -> None:
    source = ChronologySource(
        file=FILE, agency="housing", case="case-2", columns={"Log narrative": "event", "Occurred": "date"}
    )
    result = load("Occurred,Log narrative\n01/04/2018,a\n", manifest, source)
    assert result.frame[["case", "event"]].values.tolist() == [["case-2", "a"]]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8", "bom", "cp1252"],
)
def test_encodings_load_the_same_text(encode: Callable[[str], bytes], manifest: Manifest) -> None:
    result = load(encode("Date,Case,Event\n01/04/2018,case-1,Arrears £420 in tenant’s name\n"), manifest)
    assert result.frame["event"].tolist() == ["Arrears £420 in tenant’s name"]


def test_frame_shape_and_dtypes(manifest: Manifest) -> None:
    frame = load(BROKEN, manifest).frame
    assert list(frame.columns) == list(COLUMNS)
    assert dict(frame.dtypes) == dict(empty_frame().dtypes)
    assert frame["kinds"].tolist() == [()] * len(frame)
    assert not frame["attendees_known"].any()


def test_entry_ids_are_unique_and_do_not_depend_on_row_order(manifest: Manifest) -> None:
    lines = BROKEN.splitlines()
    body = lines[1:]
    random.Random(7).shuffle(body)
    one = load(BROKEN, manifest).frame
    two = load("\n".join([lines[0], *body]) + "\n", manifest).frame
    assert one["entry_id"].is_unique
    assert sorted(one["entry_id"]) == sorted(two["entry_id"])
    duplicates = one[one["event"] == "Home visit"]["entry_id"].tolist()
    assert len(duplicates) == 2 and duplicates[1] == duplicates[0] + "-2"


def test_xlsx_chronology_uses_sheet_rows_and_excel_dates(
    manifest: Manifest, make_xlsx: Callable[..., bytes]
) -> None:
    data = make_xlsx(
        [
            ["GP chronology", None, None],
            ["Date", "Details", "Outcome"],
            [dt.datetime(2018, 4, 3), "Appointment", "Seen"],
            [None, "Same day, second note", None],
            ["31/02/2019", "Bad date", None],
            [None, None, None],
        ],
        merges=["A1:C1", "A3:A4"],
    )
    result = load(data, manifest, manifest.submissions.chronologies[1])
    assert result.frame.sort_values("row")[["row", "date_text"]].values.tolist() == [
        [3, "03/04/2018"],
        [4, "03/04/2018"],
    ]
    assert [(p.row, p.code) for p in result.problems if p.level == "error"] == [(5, "date-unreadable")]
    assert (result.counts.read, result.counts.loaded) == (3, 2)


@pytest.mark.parametrize("data", [b"", b"Date,Case,Event\n", b"\x00\x01\x02\x03" * 50])
def test_empty_and_garbage_files_load_nothing(data: bytes, manifest: Manifest) -> None:
    result = load(data, manifest)
    assert result.frame.empty and result.problems
    assert result.counts.read == 0


def test_large_file_loads_column_wise(manifest: Manifest) -> None:
    rows = [
        f"{(i % 28) + 1:02d}/{(i % 12) + 1:02d}/2018,case-{i % 2 + 1},Entry number {i}" for i in range(20_000)
    ]
    result = load("Date,Case,Event\n" + "\n".join(rows) + "\n", manifest)
    assert result.counts.loaded == 20_000 and result.frame["entry_id"].is_unique


# --- properties -----------------------------------------------------------------------------------------

_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "03/04/2018",
            "31/02/2019",
            "?22 May 2016",
            "May 2016",
            "case-1",
            "case-2",
            "HO",
            "hv",
            "",
            '"',
            "Date",
            "Event",
            "Case",
            "0000",
            "01/01/9999",
        ]
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_never_raise(data: bytes, manifest: Manifest) -> None:
    load(data, manifest)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(_cells, min_size=0, max_size=6), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    header=st.booleans(),
)
def test_any_csv_text_never_raises(
    rows: list[list[str]], delimiter: str, newline: str, header: bool, manifest: Manifest
) -> None:
    lines = [delimiter.join(r) for r in rows]
    if header:
        lines.insert(0, delimiter.join(["Date", "Case", "Agency", "Event"]))
    result = load(newline.join(lines), manifest)
    assert len(result.frame) == result.counts.loaded
    assert result.frame["entry_id"].is_unique

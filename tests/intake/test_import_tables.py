"""Reading raw tables: encodings, delimiters, ragged rows, XLSX quirks, empty and garbage files."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable

import pytest

from checker.intake.tables import cell_text, decode_text, read_table, sniff_delimiter


def _known(cell: object) -> bool:
    return str(cell).strip().lower() in {"date", "event", "case", "agency", "outcome"}


def read(data: bytes, **kw: object):  # type: ignore[no-untyped-def]
    return read_table(data, file_label="t.csv", is_header=_known, **kw)  # type: ignore[arg-type]


TEXT = "Date,Event\r\n03/04/2019,Rent arrears of £420 — tenant’s letter\r\n"


@pytest.mark.parametrize(
    ("data", "encoding", "info"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", False),
        (TEXT.replace("—", "-").encode("cp1252"), "cp1252", True),
        (TEXT.encode("utf-16"), "utf-16", False),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_encodings_are_detected(data: bytes, encoding: str, info: bool) -> None:
    table = read(data)
    assert table.encoding == encoding
    assert table.header == ["Date", "Event"]
    assert "£420" in table.rows[0][1] and "tenant’s" in table.rows[0][1]
    assert any(p.code == "encoding" and p.level == "info" for p in table.problems) is info


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(delimiter: str) -> None:
    text = f'Date{delimiter}Event{delimiter}Outcome\n03/04/2019{delimiter}"Visit, then call; no answer"{delimiter}None\n'
    assert sniff_delimiter(text) == delimiter
    table = read(text.encode())
    assert table.rows == [["03/04/2019", "Visit, then call; no answer", "None"]]


def test_rows_numbered_as_excel_shows_them_and_blank_rows_skipped() -> None:
    table = read(b'Date,Event\n01/01/2019,"two\nlines"\n\n,,\n02/01/2019,b\n\n\n')
    assert table.header_row == 1
    assert table.row_numbers == [2, 5]


def test_ragged_rows_are_padded_or_cut_and_reported() -> None:
    table = read(b"Date,Event,Outcome\n01/01/2019,a\n02/01/2019,b,c,extra,\n03/01/2019,c,d,,\n")
    assert table.rows == [["01/01/2019", "a", None], ["02/01/2019", "b", "c"], ["03/01/2019", "c", "d"]]
    assert table.short == {0: 2}
    long = [p for p in table.problems if p.code == "row-too-long"]
    assert [(p.row, p.value, p.level) for p in long] == [
        (3, "extra", "warning")
    ]  # empty extras are not reported


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b",,,\n,,\n"])
def test_empty_file_is_a_problem(data: bytes) -> None:
    table = read(data)
    assert not table.readable and table.rows == []
    assert [p.code for p in table.problems] == ["file-empty"]


def test_header_only_is_a_warning() -> None:
    table = read(b"Date,Event\n")
    assert table.readable and table.rows == []
    assert [(p.code, p.level) for p in table.problems] == [("file-no-rows", "warning")]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x00\x01\x02garbage\x00",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        b"PK\x03\x04not really a zip",
    ],
    ids=["binary", "nul", "xls", "broken-zip"],
)
def test_garbage_is_a_problem_not_a_crash(data: bytes) -> None:
    table = read(data)
    assert not table.readable
    assert [p.code for p in table.problems] == ["file-format"]


def test_xlsx_title_row_merged_cells_and_trailing_empty_rows(make_xlsx: Callable[..., bytes]) -> None:
    data = make_xlsx(
        [
            ["Housing chronology — case-1", None, None],
            [None, None, None],
            ["Date", "Event", None],
            [dt.datetime(2019, 4, 3), "Visit", "ignored extra"],
            [None, "Same day, second entry", None],
            [dt.datetime(2019, 4, 5), "Letter", None],
            [None, None, None],
            [None, None, None],
        ],
        merges=["A1:C1", "B3:C3", "A4:A5"],
    )
    table = read(data)
    assert table.format == "xlsx"
    assert table.header_row == 3
    assert table.header == ["Date", "Event", "Event"]  # the merged header fills its range
    assert table.row_numbers == [4, 5, 6]  # trailing empty rows are not rows
    assert [r[0] for r in table.rows] == [
        dt.datetime(2019, 4, 3),
        dt.datetime(2019, 4, 3),
        dt.datetime(2019, 4, 5),
    ]
    assert (
        table.rows[0][2] == "ignored extra" and table.rows[1][2] is None
    )  # merged data cells fill downwards only


def test_xlsx_named_sheet(make_xlsx: Callable[..., bytes]) -> None:
    data = make_xlsx([["Date", "Event"], ["01/01/2019", "a"]], title="Chronology")
    assert read(data, sheet="chronology").rows == [["01/01/2019", "a"]]
    missing = read(data, sheet="Other")
    assert [p.code for p in missing.problems] == ["sheet-missing"]
    assert "Chronology" in missing.problems[0].hint


def test_decode_text_refuses_undecodable() -> None:
    assert decode_text(b"\x81\x8d") == (None, None)  # bytes cp1252 leaves undefined


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (dt.datetime(2019, 4, 3), "03/04/2019"),
        (dt.date(2019, 4, 3), "03/04/2019"),
        (12.0, "12"),
        (" x ", "x"),
        (dt.datetime(2019, 4, 3, 9, 30), "03/04/2019 09:30"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text

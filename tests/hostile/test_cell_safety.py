"""Defect 8: no text cell of any export can start a formula, whatever precedes or splits it."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.outputs.cells import INVISIBLE_CLASS, LIST_SEPARATORS, TRIGGERS, safe_cell
from checker.outputs.exports import Table, csv_text, write_xlsx
from dashboard.plain import md_escape

_INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
invisible = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])
trigger = st.sampled_from(TRIGGERS)
separator = st.sampled_from(LIST_SEPARATORS)
text = st.text(max_size=20)


def _starts_a_formula(cell: str) -> bool:
    if cell[:1] in ("\t", "\r"):
        return True
    visible = cell.lstrip("".join(ch for ch in cell if _INVISIBLE.match(ch)))
    return visible[:1] in TRIGGERS


def _splits(cell: str) -> list[str]:
    return [cell, *(piece for sep in LIST_SEPARATORS for piece in cell.split(sep)[1:])]


def test_the_invisible_class_is_every_control_format_and_space_character():
    listed = {chr(c) for c in range(0x110000) if _INVISIBLE.match(chr(c))}
    expected = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp")}
    assert listed == expected


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(invisible, max_size=4).map("".join), trigger, text, text, separator,
       st.lists(invisible, max_size=3).map("".join), trigger)
@example("\u2003", "=", "cmd", "", ";", "", "=")
@example("\u3000", "＝", "1+1", "x", ",", "\x0b", "＠")
@example("\n", "+", "1", "", "|", "", "-")
@example("\x0b", "@", "SUM(A1)", "x", "\t", "\u200b", "＋")
def test_no_split_of_a_cell_starts_a_formula(lead, first, middle, before, sep, gap, second):
    payloads = [lead + first + middle, before + sep + gap + second + middle, lead + first + middle + sep + gap + second]
    for payload in payloads:
        safe = safe_cell(payload)
        assert not [piece for piece in _splits(safe) if _starts_a_formula(piece)], (payload, safe)


@settings(max_examples=200, derandomize=True, database=None)
@given(st.text(alphabet=st.characters(exclude_characters=TRIGGERS + "\t\r"), max_size=40))
def test_text_with_no_trigger_is_unchanged(value):
    assert safe_cell(value) == value


def test_csv_quotes_every_text_cell_and_xlsx_writes_strings():
    rows = [["x;=cmd()", 3, "＝1+1", "\u2003=HYPERLINK(1)"]]
    table = Table("t", ["a", "b", "c", "d"], rows)
    out = csv_text(table)
    assert out.splitlines()[1] == "\"x;'=cmd()\",3,\"'＝1+1\",\"'\u2003=HYPERLINK(1)\""
    for delimiter in LIST_SEPARATORS:  # read with the wrong list separator: no piece starts a formula
        for record in csv.reader(io.StringIO(out), delimiter=delimiter, quoting=csv.QUOTE_NONE):
            assert not [c for c in record if _starts_a_formula(c.strip('"'))], (delimiter, record)
    buffer = io.BytesIO()
    write_xlsx(buffer, [table])
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    cells = [c for c in next(sheet.iter_rows(min_row=2, max_row=2)) if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)


@settings(max_examples=200, derandomize=True, database=None)
@given(st.text(alphabet="*_[]()<>#|~$:`!-+=.1 \nab\\&{}^", max_size=30))
def test_markdown_escaping_leaves_no_markup(value):
    escaped = md_escape(value)
    unescaped = re.sub(r"\\(.)", "", escaped)
    assert not re.search(r"[*_\[\]<>#|~$:`{}&!^\\]", unescaped.replace("  \n", "\n")), (value, escaped)

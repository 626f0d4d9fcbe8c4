"""Word tables read back exactly what was typed into their cells (property test), and a damaged or foreign
file gives a located problem, never a traceback."""

from __future__ import annotations

import io

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.intake.docx import read_docx_table
from checker.intake.headers import chronology_lookup, resolve_header
from checker.intake.tables import RawTable

LOOKUP = chronology_lookup({}, {})
CELL = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\x00"),
    max_size=30,
) | st.builds(lambda a, b: f"{a}\n{b}", st.text(alphabet="abc XYZ", max_size=8), st.text(alphabet="def 12", max_size=8))


def _document(rows: list[list[str]]) -> bytes:
    doc = Document()
    table = doc.add_table(rows=1 + len(rows), cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Event", "Action taken"), strict=True):
        cell.text = text
    for row, texts in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _read(data: bytes) -> tuple[RawTable, dict[int, str]]:
    return read_docx_table(data, file_label="c.docx", is_header=lambda c: resolve_header(c, LOOKUP) is not None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=6))
def test_cells_read_back_as_written(rows: list[list[str]]) -> None:
    table, parts = _read(_document(rows))
    kept = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    assert table.header == ["Date", "Event", "Action taken"]
    assert table.rows == kept
    numbers = [i + 2 for i, r in enumerate(rows) if any(c.strip() for c in r)]
    assert table.row_numbers == numbers  # Word's rows: the header is row 1, blank rows still count
    assert all(parts[n] == "table 1" for n in numbers)


def test_not_a_word_document_is_one_located_problem() -> None:
    table, _ = _read(b"PK\x03\x04 this is not really a zip")
    assert [p.code for p in table.problems] == ["file-format"]
    assert not table.readable


def test_no_chronology_table_says_what_it_found() -> None:
    doc = Document()
    doc.add_paragraph("Dear colleague, please find our chronology attached.")
    out = io.BytesIO()
    doc.save(out)
    table, _ = _read(out.getvalue())
    assert [p.code for p in table.problems] == ["column-missing"]
    assert "it has 0 tables" in table.problems[0].message

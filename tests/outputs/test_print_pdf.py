"""Every workbook a person prints, printed: LibreOffice turns each into a PDF, and its first sheet comes out on
A4 landscape, at a readable size, seven columns at most, with the header row on every page; the full sheet
behind it still has every column and filter.

All the workbooks (and a copy of each holding only its first sheet, so that sheet's own pages can be
counted) go through ONE LibreOffice start: it takes 5–10 s. LibreOffice missing is a skip on a workstation
and a failure under CI=true (as tests/templates/test_libreoffice.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest
from libreoffice import soffice
from printed import A4_LANDSCAPE, pdf_pages, text_size, write_workbooks

from checker.check import CheckResult
from checker.outputs.flags_xlsx import FLAG_COLUMNS, PRINTED
from checker.outputs.print_layout import MAX_PRINTED

CELL_POINTS = 11.0  # the workbooks' text size, printed at 100 %
FULL_SHEET = {"flags": "Flags", "referrals": "Households", "action-plan": "Action plan", "league": "League table",
              "problems": "Problems"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, sample_checked: CheckResult,
            briefing_bytes: dict[str, bytes]) -> dict[str, dict[str, Path]]:
    """name -> {"xlsx": the workbook, "first": its first sheet alone, "pdf": the first sheet printed}."""
    program = soffice()
    folder = tmp_path_factory.mktemp("print")
    books = write_workbooks(sample_checked, briefing_bytes, folder)
    firsts = {}
    for name, path in books.items():
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets[1:]:
            book.remove(sheet)
        firsts[name] = folder / f"{name}-first.xlsx"
        book.save(firsts[name])
    out = folder / "pdf"
    result = subprocess.run(
        [program, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, firsts.values())],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return {name: {"xlsx": books[name], "first": firsts[name], "pdf": out / f"{name}-first.pdf"} for name in books}


@pytest.mark.parametrize("name", list(FULL_SHEET))
def test_the_first_sheet_prints_on_a4_landscape_readably_with_the_header_on_every_page(
    printed: dict[str, dict[str, Path]], name: str
) -> None:
    book = openpyxl.load_workbook(printed[name]["xlsx"])
    first = book.worksheets[0]
    assert first.title.endswith("to print")
    setup = first.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", int(first.PAPERSIZE_A4))
    assert first.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert first.max_column <= MAX_PRINTED
    assert first.print_title_rows == "$1:$1"
    assert "Multi-agency case audit" in first.oddHeader.left.text and "&P" in first.oddFooter.center.text
    assert first.protection.sheet  # a copy for paper: edits go on the full sheet
    pdf = printed[name]["pdf"].read_bytes()
    pages = pdf_pages(pdf)
    assert pages and all(abs(w - A4_LANDSCAPE[0]) < 1 and abs(h - A4_LANDSCAPE[1]) < 1 for w, h in pages)
    size = text_size(pdf)
    assert size >= 0.7 * CELL_POINTS, f"printed at {size} pt"  # fit-to-width shrank the text to no less than 70 %


@pytest.mark.parametrize("name", list(FULL_SHEET))
def test_the_full_sheet_keeps_every_column_with_its_filter(printed: dict[str, dict[str, Path]], name: str) -> None:
    book = openpyxl.load_workbook(printed[name]["xlsx"])
    full = book[FULL_SHEET[name]]
    first = book.worksheets[0]
    printed_heads = [c.value for c in first[1]]
    full_heads = [c.value for c in full[1]]
    assert set(printed_heads) < set(full_heads) and len(full_heads) > MAX_PRINTED
    assert full.auto_filter.ref.startswith("A1:") and full.max_column == len(full_heads)
    assert first.max_row == full.max_row  # every row printed


def test_the_sample_flags_print_on_several_pages_in_the_readers_columns(printed: dict[str, dict[str, Path]]) -> None:
    book = openpyxl.load_workbook(printed["flags"]["xlsx"])
    first, full = book.worksheets[0], book["Flags"]
    assert [c.value for c in first[1]] == list(PRINTED)
    assert [c.value for c in full[1]] == list(FLAG_COLUMNS)
    assert len(pdf_pages(printed["flags"]["pdf"].read_bytes())) > 1
    flags = full.max_row - 1
    assert flags > 20 and first.max_row - 1 == flags
    # each printed row is the full sheet's row: the same case, severity and finding, in the same order
    col = {h: i for i, h in enumerate(FLAG_COLUMNS)}
    for printed_row, full_row in zip(first.iter_rows(min_row=2, values_only=True),
                                     full.iter_rows(min_row=2, values_only=True), strict=True):
        assert printed_row == tuple(full_row[col[h]] for h in PRINTED)

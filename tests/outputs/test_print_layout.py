"""The sheet laid out for printing, without printing it: columns shared out so long texts get the room, rows
as tall as their wrapped text in the font LibreOffice really uses, the copy for paper protected and still
formula-safe, and a table that asks for more than seven printed columns refused."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont

from checker.check import CheckResult
from checker.outputs.exports import Table, write_xlsx
from checker.outputs.flags_xlsx import write_flags_xlsx
from checker.outputs.print_layout import PAGE_WIDTH, share_widths

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # what LibreOffice prints Calibri in here
UNIT_POINTS = 7.0  # one column width unit, as LibreOffice prints it with that font (measured)
CELL_PADDING = 4.0  # points of a column LibreOffice keeps clear of text
LINE = 1.164 * 11  # DejaVu Sans's line height at 11 points


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(8, 70), st.integers(0, 5000)), min_size=1, max_size=7))
def test_widths_fit_the_page_and_no_column_is_squeezed_below_its_natural_or_the_floor(
    columns: list[tuple[int, int]],
) -> None:
    natural, volume = [n for n, _ in columns], [v for _, v in columns]
    widths = share_widths(natural, volume)
    assert sum(widths) <= PAGE_WIDTH
    floor = min(18, PAGE_WIDTH // len(natural))  # seven columns of 18 would not fit: the floor gives way
    assert all(min(n, floor) <= w <= n for n, w in zip(natural, widths, strict=True))
    if sum(natural) <= PAGE_WIDTH:
        assert widths == natural


def test_the_longer_text_gets_the_wider_column() -> None:
    assert share_widths([10, 80, 80], volume=[40, 2000, 8000]) == [10, 32, 77]
    assert share_widths([10, 70, 70], volume=[40, 2000, 8000]) == [10, 40, 70]  # never beyond its natural width
    assert share_widths([10, 70, 70], volume=[40, 5000, 5000]) == [10, 55, 55]


def _lines(font: ImageFont.FreeTypeFont, text: str, width_points: float) -> int:
    """Lines `text` wraps to at word boundaries in `width_points` (a word longer than a line breaks anywhere)."""
    lines = 0
    for paragraph in text.split("\n"):
        line, lines = "", lines + 1
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if font.getlength(trial) / 10 <= width_points or not line:
                line = trial
            else:
                line, lines = word, lines + 1
            while font.getlength(line) / 10 > width_points:  # break a long word
                cut = max(1, int(len(line) * width_points * 10 / font.getlength(line)))
                line, lines = line[cut:], lines + 1
    return lines


def test_every_printed_row_is_as_tall_as_its_wrapped_text(sample_checked: CheckResult) -> None:
    if not DEJAVU.is_file():
        pytest.skip(f"{DEJAVU} is not installed (it comes with LibreOffice: bash .ci/libreoffice.sh)")
    font = ImageFont.truetype(str(DEJAVU), size=110)  # tenths of a point
    buffer = io.BytesIO()
    write_flags_xlsx(buffer, sample_checked)
    sheet = openpyxl.load_workbook(buffer).worksheets[0]
    widths = [sheet.column_dimensions[c.column_letter].width * UNIT_POINTS - CELL_PADDING for c in sheet[1]]
    tall = 0
    for row in sheet.iter_rows(min_row=1):
        needed = max(_lines(font, str(c.value or ""), w) for c, w in zip(row, widths, strict=True)) * LINE
        assert sheet.row_dimensions[row[0].row].height >= needed, f"row {row[0].row} cut off"
        tall += needed > 3 * LINE
    assert tall > 10  # the sample's findings do wrap: the check above is not vacuous


def test_the_print_sheet_comes_first_protected_formula_safe_and_titled(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    table = Table("Flags", ["case", "what", "id"], [["case-1", '=HYPERLINK("http://x","y")', "f-1"]],
                  printed=("what", "case"))
    write_xlsx(path, [table], title="Neglect audit & review")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Flags to print", "Flags"]
    first = book.worksheets[0]
    assert [c.value for c in first[1]] == ["what", "case"]
    cell = first["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert first.protection.sheet and not book["Flags"].protection.sheet
    assert first.oddHeader.left.text == "Neglect audit && review"  # '&' alone would start a header code
    assert book["Flags"].max_column == 3


def test_more_than_seven_printed_columns_or_an_unknown_one_is_refused() -> None:
    columns = [f"c{i}" for i in range(9)]
    with pytest.raises(ValueError, match="at most 7"):
        Table("Wide", columns, [], printed=tuple(columns[:8]))
    with pytest.raises(ValueError, match="nope"):
        Table("Wide", columns, [], printed=("c1", "nope"))

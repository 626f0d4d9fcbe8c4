"""Write the sample XLSX files (run after make_samples.py, from the repo root):

    python samples/make_xlsx.py

- samples/homelessness/chronologies/gp-riverside.xlsx: the GP chronology, sheet "Chronology", with a merged
  title row above the header (row 1 title, row 2 header, first entry on row 3) and a second "Notes" sheet.
- samples/homelessness/returns/northfield-academy-case-3.xlsx: an audit return, one row per question.

Dates are typed as text (dd/mm/yyyy), the way the practice pasted them from its clinical system. The workbook's
created/modified stamps are fixed so the files are byte-stable between runs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from data_a_chronologies import GP_XLSX  # noqa: E402
from data_a_returns import NORTHFIELD_CASE3_XLSX  # noqa: E402

STAMP = dt.datetime(2019, 3, 6, 9, 0, 0)


def _fixed(wb: Workbook) -> None:
    wb.properties.creator = "Riverside Medical Practice"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    wb.properties.lastModifiedBy = None


def _byte_stable(path: Path) -> None:
    """Rewrite the saved zip with fixed entry timestamps and a fixed 'modified' stamp (openpyxl sets it to now)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2019-03-06T09:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def gp_chronology(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = GP_XLSX["sheet"]
    head = GP_XLSX["header"]
    ws.cell(row=1, column=1, value=GP_XLSX["title"]).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, name in enumerate(head, start=1):
        c = ws.cell(row=2, column=col, value=name)
        c.font = Font(bold=True)
        c.fill = fill
    for r, row in enumerate(GP_XLSX["rows"], start=3):
        for col, value in enumerate(row, start=1):
            c = ws.cell(row=r, column=col, value=value)
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (9, 12, 20, 70, 30, 34), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Prepared by the practice safeguarding lead for the Northshire MACA (homelessness), March 2019."
    notes["A2"] = "Source: clinical system safeguarding codes and consultation notes; names reduced to first names."
    _fixed(wb)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _byte_stable(path)


def northfield_return(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Audit tool"
    for col, name in enumerate(["Question", "Answer", "Grade", "Evidence"], start=1):
        ws.cell(row=1, column=col, value=name).font = Font(bold=True)
    for r, (q, a, g, e) in enumerate(NORTHFIELD_CASE3_XLSX, start=2):
        for col, value in enumerate((q, a, g or None, e or None), start=1):
            ws.cell(row=r, column=col, value=value)
    for letter, width in zip("ABCD", (26, 70, 22, 30), strict=True):
        ws.column_dimensions[letter].width = width
    _fixed(wb)
    wb.properties.creator = "Northfield Academy"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _byte_stable(path)


if __name__ == "__main__":
    gp_chronology(HERE / "homelessness" / GP_XLSX["file"])
    northfield_return(HERE / "homelessness" / "returns" / "northfield-academy-case-3.xlsx")
    print("written: gp-riverside.xlsx, northfield-academy-case-3.xlsx")

"""Hand-made broken inputs: XLSX parts written as XML (so a file can declare what Excel never would) and bundles.

    >>> data = xlsx([Sheet("Entries", {(1, 1): "Date", (1, 2): "Event"}, dimension="A1:XFD1048576")])
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from openpyxl.utils import get_column_letter as column_letter  # counts from 1, as before


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, column) -> str | number
    merges: list[str] = field(default_factory=list)
    dimension: str | None = None
    state: str = "visible"  # visible | hidden | veryHidden
    chart: bool = False


def _cell(row: int, col: int, value: object) -> str:
    ref = f"{column_letter(col)}{row}"
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _sheet_xml(sheet: Sheet) -> str:
    rows: dict[int, list[str]] = {}
    for (r, c), value in sorted(sheet.cells.items()):
        rows.setdefault(r, []).append(_cell(r, c, value))
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    dim = f'<dimension ref="{sheet.dimension}"/>' if sheet.dimension else ""
    merges = (
        f'<mergeCells count="{len(sheet.merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
        + "</mergeCells>"
        if sheet.merges
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}</sheetData>{merges}</worksheet>"
    )


_CHART = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews>'
    '<sheetView workbookViewId="0"/></sheetViews></chartsheet>'
)
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_WS = _NS_R + "/worksheet"
_REL_CS = _NS_R + "/chartsheet"


def xlsx(sheets: list[Sheet]) -> bytes:
    """A minimal workbook holding `sheets` exactly as described (no sheets at all is allowed)."""
    overrides, rels, entries, parts = [], [], [], {}
    for i, sheet in enumerate(sheets, start=1):
        kind = "chartsheet" if sheet.chart else "worksheet"
        path = f"xl/{kind}s/sheet{i}.xml"
        parts[path] = _CHART if sheet.chart else _sheet_xml(sheet)
        overrides.append(
            f'<Override PartName="/{path}" ContentType="application/vnd.openxmlformats-officedocument.'
            f'spreadsheetml.{kind}+xml"/>'
        )
        rels.append(f'<Relationship Id="rId{i}" Type="{_REL_CS if sheet.chart else _REL_WS}" '
                    f'Target="{kind}s/sheet{i}.xml"/>')
        state = "" if sheet.state == "visible" else f' state="{sheet.state}"'
        entries.append(f'<sheet name="{escape(sheet.name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(overrides) + "</Types>"
    )
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{_NS_R}"><sheets>{"".join(entries)}</sheets></workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def entries_sheet(name: str = "Entries", rows: int = 3) -> Sheet:
    """A small well-formed chronology sheet: header on row 1, `rows` entries for case-1 by housing."""
    cells: dict[tuple[int, int], object] = {(1, 1): "Case", (1, 2): "Date", (1, 3): "Event"}
    for r in range(2, rows + 2):
        cells[(r, 1)], cells[(r, 2)], cells[(r, 3)] = "case-1", f"{r:02d}/03/2019", f"Home visit number {r}"
    return Sheet(name, cells)


MANIFEST = {
    "audit": {"id": "hostile-test", "title": "Hostile input test", "theme": "homelessness",
              "meeting_date": "2019-03-20"},
    "agencies": [
        {"id": "housing", "name": "Housing", "type": "housing"},
        {"id": "police", "name": "Police", "type": "police"},
        {"id": "mash", "name": "MASH", "type": "mash"},
    ],
    "cases": [{"id": "case-1"}],
    "submissions": {"chronologies": [{"file": "chronologies/housing.csv", "agency": "housing"}]},
}


def bundle(folder: Path, files: dict[str, bytes], manifest: dict | None = None) -> Path:
    """Write a bundle folder: audit.yaml (default MANIFEST, chronology files listed as given) and `files`."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = dict(MANIFEST if manifest is None else manifest)
    if manifest is None:
        doc["submissions"] = {
            "chronologies": [{"file": name, "agency": "housing"} for name in files if name.startswith("chron")]
        }
    (folder / "audit.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder

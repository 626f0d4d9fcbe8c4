"""Hostile returned templates, made in the test: a generated template filled in, then its parts edited as an
attacker or a careless agency would (a far cell, a compressed bomb, a huge sheet, macros, content controls).

    data = filled_xlsx()                                  # a stamped, filled-in workbook for hv, case-1
    data = add_rows(data, "Chronology", far_cell())       # rows added to a sheet's XML
    data = rezip(data, bomb={"xl/worksheets/sheet3.xml": 600})   # that part padded to 600 MB unpacked

A bomb is written without compressing its padding: deflate output of a fully flushed block of one repeated
byte is the same every time, so one block is compressed and repeated (600 MB unpacks from about 600 KB).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

import openpyxl
import yaml
from openpyxl.utils import get_column_letter as column_letter

from checker.model.audit import Manifest, load_audit_tool
from checker.outputs.templates import docx_template, xlsx_template

AUDIT = {
    "audit": {"id": "hostile-templates", "title": "Hostile templates", "theme": "homelessness",
              "meeting_date": "2019-03-20"},
    "agencies": [{"id": "hv", "name": "Health Visiting", "type": "health_visiting"},
                 {"id": "housing", "name": "Housing", "type": "housing"}],
    "cases": [{"id": "case-1", "expected_agencies": ["hv"]}],
    "submissions": {"chronologies": [], "returns": []},
}
WHEN = dt.datetime(2019, 3, 1, 9, 0)
ANSWER = "Partly: the housing need was seen at the new birth visit."
CHRONOLOGY = [("case-1", "03/04/2018", "Health visitor", "New birth visit at home."),
              ("case-1", "12/05/2018", "Health visitor", "Mother showed an eviction letter.")]


def manifest() -> Manifest:
    return Manifest.model_validate(AUDIT)


def write_bundle(folder: object) -> None:
    from pathlib import Path

    root = Path(str(folder))
    root.mkdir(parents=True, exist_ok=True)
    (root / "audit.yaml").write_text(yaml.safe_dump(AUDIT, sort_keys=False), encoding="utf-8")


def filled_xlsx() -> bytes:
    """hv's workbook with case-1's first question answered and two chronology entries."""
    data = xlsx_template(manifest(), "hv", load_audit_tool(), now=WHEN)
    book = openpyxl.load_workbook(io.BytesIO(data))
    tool = load_audit_tool()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            if row[0].value == tool.questions[0].id:
                row[2].value, row[3].value = ANSWER, "Good"
    chron = book["Chronology"]
    for r, entry in enumerate(CHRONOLOGY, start=2):
        for c, value in enumerate(entry, start=1):
            chron.cell(row=r, column=c).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def blank_docx() -> bytes:
    return docx_template(manifest(), "hv", load_audit_tool(), now=WHEN)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def sheet_part(data: bytes, title: str) -> str:
    """The zip path of the sheet called `title`."""
    p = parts(data)
    rels = dict(re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', p["xl/_rels/workbook.xml.rels"]))
    rels |= {k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*Id="([^"]+)"', p["xl/_rels/workbook.xml.rels"])}
    for name, rid in re.findall(rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', p["xl/workbook.xml"]):
        if name.decode() == title:
            target = rels[rid].decode().lstrip("/").removeprefix("xl/")
            return posixpath.normpath(posixpath.join("xl", target))
    raise KeyError(title)


def inline_cell(row: int, col: int, text: str) -> str:
    return f'<c r="{column_letter(col)}{row}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def far_cell() -> bytes:
    return f'<row r="1048576">{inline_cell(1048576, 16384, "stray")}</row>'.encode()


def many_rows(first: int, count: int, width: int = 4) -> bytes:
    """`count` chronology-like rows from row `first` (case, date, source, event)."""
    pieces = []
    for r in range(first, first + count):
        pieces.append(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>case-1</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>{1 + r % 28:02d}/03/2019</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>HV</t></is></c>'
            f'<c r="D{r}" t="inlineStr"><is><t>Visit {r}</t></is></c></row>'[: None if width >= 4 else -1]
        )
    return "".join(pieces).encode()


def add_rows(data: bytes, title: str, rows: bytes) -> bytes:
    """The workbook with `rows` (sheet XML) added at the end of sheet `title`'s data."""
    name = sheet_part(data, title)
    p = parts(data)
    xml = p[name]
    if b"<sheetData/>" in xml:
        xml = xml.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>")
    else:
        xml = xml.replace(b"</sheetData>", rows + b"</sheetData>")
    p[name] = xml
    return zip_parts(p)


def _bomb(xml: bytes, megabytes: int) -> tuple[bytes, int, int]:
    """(raw deflate data, CRC, size) of `xml` with `megabytes` MB of spaces before its `</sheetData>` (or end)."""
    at = xml.find(b"</sheetData>")
    at = len(xml) if at < 0 else at
    head, tail = xml[:at], xml[at:]
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)]
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert first == again  # history reset by the full flush: each block packs the same
    out += [first] * megabytes
    out.append(packer.compress(tail) + packer.flush())
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return b"".join(out), crc, len(head) + megabytes * len(block) + len(tail)


def zip_parts(p: dict[str, bytes], bomb: dict[str, int] | None = None) -> bytes:
    """A zip of `p` (deflated); each part named in `bomb` padded with that many MB of spaces."""
    bomb = bomb or {}
    out = io.BytesIO()
    central = []
    for name, body in p.items():
        if name in bomb:
            packed, crc, size = _bomb(body, bomb[name])
        else:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, crc, size = packer.compress(body) + packer.flush(), zlib.crc32(body), len(body)
        raw = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(raw), 0))
        out.write(raw + packed)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(packed), size,
                                   len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def rezip(data: bytes, *, bomb: dict[str, int] | None = None, add: dict[str, bytes] | None = None,
          content_type: tuple[bytes, bytes] | None = None) -> bytes:
    """The package again, with parts padded (`bomb`), added (`add`) or a content type replaced (old, new)."""
    p = parts(data)
    p.update(add or {})
    if content_type is not None:
        p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(*content_type)
    return zip_parts(p, bomb)


def case_sheet_title(case: str) -> str:
    from checker.model.templates import case_sheet_names

    return case_sheet_names([case])[case]

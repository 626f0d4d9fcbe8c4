"""The machine-readable stamp a generated template carries, so a returned file identifies itself.

    stamp = read_stamp(data)          # Stamp, or None for a file the checker did not generate
    stamp.audit, stamp.agency, stamp.cases

The stamp is JSON in the custom document property `maca-stamp` (XLSX and DOCX: File > Properties > Custom
in Office keeps it); a workbook also holds it in cell A2 of the very hidden sheet `maca-stamp`, which survives
tools that drop custom properties. `read_stamp` never raises: a damaged or foreign file has no stamp.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Literal
from xml.etree import ElementTree

from pydantic import ValidationError

from checker.model.templates import CUSTOM_PROPERTIES_NS, STAMP_PROPERTY, STAMP_SHEET, Stamp

__all__ = ["read_stamp", "file_format", "MAX_STAMP_CHARS"]

MAX_STAMP_CHARS = 64 * 1024
_MAX_PART_BYTES = 16 * 1024 * 1024


def file_format(data: bytes) -> Literal["xlsx", "docx", "zip", "other"]:
    """What an Office zip holds, from its parts (not its name): a workbook, a Word document, or neither."""
    if not data.startswith(b"PK\x03\x04"):
        return "other"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return "other"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _parse(text: str | None) -> Stamp | None:
    if not text or len(text) > MAX_STAMP_CHARS:
        return None
    try:
        return Stamp.model_validate(json.loads(text))
    except (ValueError, ValidationError):
        return None


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART_BYTES:
        return None
    return archive.read(info)


def _from_custom_properties(archive: zipfile.ZipFile) -> Stamp | None:
    data = _read_part(archive, "docProps/custom.xml")
    if data is None or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    for prop in root.iter(f"{{{CUSTOM_PROPERTIES_NS}}}property"):
        if prop.get("name") == STAMP_PROPERTY:
            value = next(iter(prop), None)
            return _parse(value.text if value is not None else None)
    return None


def _from_hidden_sheet(data: bytes) -> Stamp | None:
    from checker.intake.xlsxgrid import open_workbook  # local: openpyxl is slow to import

    with open_workbook(data, "", []) as book:  # bounded: a refused or damaged workbook has no stamp
        ws = book.sheet(STAMP_SHEET) if book is not None else None
        if book is None or ws is None or ws.title != STAMP_SHEET:
            return None
        rows = book.grid(ws, lambda v: v is None, first_rows=2).rows
    value = next((cells[0] for number, cells in rows if number == 2 and cells), None)
    return _parse(value if isinstance(value, str) else None)


def read_stamp(data: bytes) -> Stamp | None:
    """The stamp of a generated XLSX or DOCX, or None (not a template, or its stamp is unreadable)."""
    kind = file_format(data)
    if kind not in ("xlsx", "docx"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            stamp = _from_custom_properties(archive)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    if stamp is None and kind == "xlsx":
        stamp = _from_hidden_sheet(data)
    return stamp if stamp is not None and stamp.format == kind else None

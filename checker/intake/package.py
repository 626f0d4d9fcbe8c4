"""Check an Office file's zip package (XLSX or DOCX) before anything parses it.

    refusal = package_refusal(data)          # None, or why the file is not opened
    problem = package_problem(data, "returns/hv.xlsx")

A returned template is a zip of XML parts, and the zip's directory says how big each part unpacks to.
Python's zip reader never unpacks a part past the size its directory gives (it stops and reports a bad
checksum), so checking those sizes before a parser sees the part bounds the work: a 600 MB sheet packed
into 600 KB (a "zip bomb") is refused in the time it takes to read the directory. Limits
(docs/bundle-format.md, "Limits"):

    MAX_PART_BYTES     one part (a sheet, the shared strings, the document's text) unpacked
    MAX_PACKAGE_BYTES  all parts together, unpacked
    MAX_PARTS          parts in the package

A file holding macros (a `vbaProject` part, or a macro-enabled content type: an .xlsm or .docm, perhaps
renamed .xlsx or .docx) is refused whole: nothing in an audit needs a macro, and a file that carries one
should be saved again as a plain workbook or document before anyone opens it.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from checker.model.problems import Problem, clip

__all__ = ["Refusal", "package_refusal", "package_problem", "MAX_PART_BYTES", "MAX_PACKAGE_BYTES", "MAX_PARTS"]

MAX_PART_BYTES = 256 * 1024 * 1024
"""A 400,000-row chronology sheet unpacks to about 100 MB; no agency's part is near 256 MB."""
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_PARTS = 10_000

_MACRO_TYPE = re.compile(rb"macroEnabled|vbaProject|vbaData", re.IGNORECASE)
_SMALL = 4 * 1024 * 1024
"""Parts read to name things (content types, workbook, relationships) are only read when smaller than this."""
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL_DOC = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_REL_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an Office file is not opened: a message naming the part and the limit, and what to do."""

    message: str
    hint: str
    code: str


def _plain(kind: str) -> str:
    return "Word Document (.docx)" if kind == "docx" else "Excel Workbook (.xlsx)"


def _kind(names: set[str]) -> str:
    return "docx" if "word/document.xml" in names else "xlsx"


def _small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _SMALL:
        return None
    data = archive.read(info)
    return None if b"<!DOCTYPE" in data or b"<!ENTITY" in data else data


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part path -> sheet title, from xl/workbook.xml and its relationships ({} when they cannot be read)."""
    book, rels = _small(archive, "xl/workbook.xml"), _small(archive, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return {}
    try:
        targets = {
            r.get("Id"): posixpath.normpath(posixpath.join("xl", (r.get("Target") or "").lstrip("/").removeprefix("xl/")))
            for r in ElementTree.fromstring(rels).iter(f"{_NS_REL_PKG}Relationship")
        }
        return {
            targets[s.get(f"{_NS_REL_DOC}id")]: s.get("name") or ""
            for s in ElementTree.fromstring(book).iter(f"{_NS_MAIN}sheet")
            if s.get(f"{_NS_REL_DOC}id") in targets
        }
    except ElementTree.ParseError:
        return {}


def _part(name: str, sheets: dict[str, str]) -> str:
    if name in sheets:
        return f"sheet '{clip(sheets[name])}' ({name})"
    described = {"xl/sharedStrings.xml": "the shared text of every sheet", "word/document.xml": "the document's text"}
    return f"{described[name]} ({name})" if name in described else f"the part {clip(name)}"


def package_refusal(data: bytes) -> Refusal | None:
    """Why this Office file must not be opened (too big unpacked, or macros), or None. Not a zip: None (the
    readers say so themselves)."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            kind = _kind(names)
            if len(infos) > MAX_PARTS:
                return Refusal(
                    f"the file holds {len(infos):,} parts, more than the {MAX_PARTS:,} an Office file may hold",
                    f"Open it in {'Word' if kind == 'docx' else 'Excel'} and save it again as a {_plain(kind)}.",
                    "file-too-big",
                )
            macro = next((n for n in sorted(names) if n.lower().endswith(("vbaproject.bin", "vbadata.xml"))), None)
            types = _small(archive, "[Content_Types].xml") or b""
            if macro is not None or _MACRO_TYPE.search(types):
                where = f" (it has the part {clip(macro)})" if macro else " (its content type is macro-enabled)"
                return Refusal(
                    f"the file contains macros{where}: it is a macro-enabled file (.xlsm or .docm), perhaps "
                    "renamed, and the checker does not open files with macros",
                    f"Ask the agency to save it as a plain {_plain(kind)} (File > Save As) and send that; "
                    "do not open the macro-enabled copy.",
                    "file-macros",
                )
            big = max(infos, key=lambda i: i.file_size, default=None)
            if big is not None and big.file_size > MAX_PART_BYTES:
                sheets = _sheet_names(archive) if kind == "xlsx" else {}
                return Refusal(
                    f"{_part(big.filename, sheets)} unpacks to {big.file_size / 2**20:,.0f} MB, more than the "
                    f"{MAX_PART_BYTES // 2**20} MB one part may hold (the file is {len(data) / 2**20:,.1f} MB "
                    "packed: a compressed bomb, or far more than an audit needs); nothing was read",
                    "Ask the agency to save the file again from Excel or Word, with only the audit's entries in it.",
                    "file-too-big",
                )
            total = sum(i.file_size for i in infos)
            if total > MAX_PACKAGE_BYTES:
                return Refusal(
                    f"the file unpacks to {total / 2**20:,.0f} MB in all, more than the "
                    f"{MAX_PACKAGE_BYTES // 2**20} MB an Office file may; nothing was read",
                    "Ask the agency to save the file again with only the audit's entries in it.",
                    "file-too-big",
                )
    except Exception:  # noqa: BLE001 - a damaged zip raises many types (zlib, EOF, bad sizes): its reader says so
        return None
    return None


def package_problem(data: bytes, file_label: str) -> Problem | None:
    """`package_refusal` as a located error problem (file and part), or None."""
    refusal = package_refusal(data)
    if refusal is None:
        return None
    return Problem("error", file_label, refusal.message, hint=refusal.hint, code=refusal.code)

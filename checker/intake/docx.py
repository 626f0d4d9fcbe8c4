"""Read a Word document's body as a person sees it: paragraphs and tables in order, text with tracked
changes marked, and chronology tables as a `RawTable` (the same header synonyms as CSV).

    doc = read_docx(data, file_label="chronologies/hv.docx")   # DocBody, or problems when unreadable
    table, parts = read_docx_table(data, file_label=..., is_header=...)

Tracked changes are read as if accepted (insertions kept, deletions dropped) and each cell or paragraph that
had them is marked, so the caller can say so. A table split in two (a paragraph or page break between, the
same number of columns, its first row not a header, or the header repeated) is read as one; its rows are
numbered on from the first part's, as a reader counting down the printed table would. Rows are numbered
as in Word: the header is row 1.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from checker.intake.headers import header_key
from checker.intake.package import package_problem
from checker.intake.tables import RawTable
from checker.model.problems import Problem, clip

__all__ = [
    "DocCell",
    "DocRow",
    "DocTable",
    "DocParagraph",
    "DocBody",
    "read_docx",
    "read_docx_table",
    "continues",
    "hidden_text",
    "MAX_DOCUMENT_BYTES",
]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""word/document.xml bigger than this (uncompressed) is refused: no agency's return is that big."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TRACKED = {f"{{{_W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
_REMOVED = {f"{{{_W}}}{t}" for t in ("del", "moveFrom")}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass(slots=True)
class DocCell:
    text: str
    tracked: bool = False
    removed: str = ""
    """Text a tracked deletion took out (not read)."""
    hidden: str = ""
    """Text formatted hidden (`w:vanish`): not shown in Word, but read, so the caller says so."""


@dataclass(slots=True)
class DocRow:
    cells: list[DocCell]
    deleted: bool = False
    """The whole row is a tracked deletion (not read)."""

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


@dataclass(slots=True)
class DocTable:
    number: int
    """1-based position among the document's top-level tables."""
    rows: list[DocRow]
    nested: int = 0
    """How many tables were inside its cells (not read)."""

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass(slots=True)
class DocParagraph:
    number: int
    """1-based position among the document's top-level paragraphs."""
    text: str
    tracked: bool = False
    hidden: str = ""


@dataclass(slots=True)
class DocBody:
    blocks: list[DocParagraph | DocTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(p.level == "error" for p in self.problems)

    def tables(self) -> list[DocTable]:
        return [b for b in self.blocks if isinstance(b, DocTable)]


class _Text:
    """Text of a paragraph, tracked changes accepted; hidden text read and kept aside to be reported."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.removed: list[str] = []
        self.hidden: list[str] = []
        self.tracked = False

    def walk(self, element: Any, removed: bool = False, hidden: bool = False) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in _TRACKED:
                self.tracked = True
            gone = removed or tag in _REMOVED
            if tag == _w("t"):
                (self.removed if gone else self.parts).append(child.text or "")
                if hidden and not gone:
                    self.hidden.append(child.text or "")
            elif tag == _w("delText"):
                self.removed.append(child.text or "")
            elif tag == _w("tab") and not gone:
                self.parts.append("\t")
            elif tag in (_w("br"), _w("cr")) and not gone:
                if child.get(_w("type")) not in ("page", "column"):
                    self.parts.append("\n")
            elif tag == _w("noBreakHyphen") and not gone:
                self.parts.append("-")
            elif tag in (_w("tbl"), _w("sdtPr"), _w("sdtEndPr"), _w("rPr"), _w("pPr")):
                continue  # a nested table (counted by the caller); a control's or run's properties: no text
            elif tag == _w("sdt"):
                self.walk(_sdt_content(child), gone, hidden)  # a content control inside the paragraph
            elif tag == _w("r"):
                self.walk(child, gone, hidden or _vanished(child))
            else:
                self.walk(child, gone, hidden)


def _vanished(run: Any) -> bool:
    """Whether a run is formatted hidden (Home > Font > Hidden): `w:rPr/w:vanish`, not switched off."""
    r_pr = run.find(_w("rPr"))
    vanish = r_pr.find(_w("vanish")) if r_pr is not None else None
    return vanish is not None and vanish.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _sdt_content(sdt: Any) -> Any:
    """A content control's content; none when it is showing its placeholder ('Click or tap here to enter
    text.'), which is the form's prompt, not an answer."""
    props = sdt.find(_w("sdtPr"))
    if props is not None and props.find(_w("showingPlcHdr")) is not None:
        return ()
    content = sdt.find(_w("sdtContent"))
    return content if content is not None else ()


def _unwrapped(element: Any, wanted: tuple[str, ...]) -> list[Any]:
    """The `wanted` children of `element`, stepping into content controls (`w:sdt`: plain text, rich text,
    repeating sections and their items) and custom XML wrappers (`w:customXml`) at any depth, as Word shows
    them: a row, cell or paragraph inside a control is read like any other."""
    out: list[Any] = []
    for child in element:
        if child.tag in wanted:
            out.append(child)
        elif child.tag == _w("sdt"):
            out.extend(_unwrapped(_sdt_content(child), wanted))
        elif child.tag == _w("customXml"):
            out.extend(_unwrapped(child, wanted))
    return out


def _paragraph_text(p: Any) -> _Text:
    text = _Text()
    p_pr = p.find(_w("pPr"))
    if p_pr is not None:
        r_pr = p_pr.find(_w("rPr"))
        if r_pr is not None and any(c.tag in _TRACKED for c in r_pr):
            text.tracked = True  # the paragraph mark itself was inserted or deleted
    text.walk(p)
    return text


def _cell(tc: Any) -> tuple[DocCell, int, int]:
    """The cell's text (paragraphs joined by newlines), its grid span and how many tables it holds."""
    texts, removed, hidden, tracked, nested = [], [], [], False, 0
    for child in _unwrapped(tc, (_w("p"), _w("tbl"))):
        if child.tag == _w("p"):
            t = _paragraph_text(child)
            texts.append("".join(t.parts))
            removed.extend(t.removed)
            hidden.extend(t.hidden)
            tracked = tracked or t.tracked
        else:
            nested += 1
    span = 1
    tc_pr = tc.find(_w("tcPr"))
    if tc_pr is not None:
        grid = tc_pr.find(_w("gridSpan"))
        if grid is not None:
            try:
                span = max(1, min(int(grid.get(_w("val"), "1")), 64))
            except ValueError:
                span = 1
        merge = tc_pr.find(_w("vMerge"))
        if merge is not None and merge.get(_w("val")) != "restart":
            texts = []  # continues the cell above: its text is the one above's
    text = "\n".join(texts).strip()
    return DocCell(text, tracked, "".join(removed).strip(), " ".join("".join(hidden).split())), span, nested


def _table(tbl: Any, number: int) -> DocTable:
    table = DocTable(number, [])
    for tr in _unwrapped(tbl, (_w("tr"),)):
        tr_pr = tr.find(_w("trPr"))
        deleted = tr_pr is not None and tr_pr.find(_w("del")) is not None
        cells: list[DocCell] = []
        tracked_row = tr_pr is not None and tr_pr.find(_w("ins")) is not None
        for tc in _unwrapped(tr, (_w("tc"),)):
            cell, span, nested = _cell(tc)
            cell.tracked = cell.tracked or tracked_row
            table.nested += nested
            cells.append(cell)
            cells.extend(DocCell("") for _ in range(span - 1))
        table.rows.append(DocRow(cells, deleted))
    return table


def _children(body: Any) -> list[Any]:
    """Top-level paragraphs and tables, stepping into block content controls and custom XML."""
    return _unwrapped(body, (_w("p"), _w("tbl")))


def read_docx(data: bytes, *, file_label: str) -> DocBody:
    """The body of a .docx, in order; a document that cannot be read gives one error problem."""
    body = DocBody()
    refused = package_problem(data, file_label)  # parts too big unpacked, macros: refused before parsing
    if refused is not None:
        body.problems.append(refused)
        return body
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_BYTES:
                raise ValueError(f"its text is over {MAX_DOCUMENT_BYTES // 2**20} MB")
            xml = archive.read(info)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
        root = etree.fromstring(xml, parser)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError, etree.XMLSyntaxError) as exc:
        body.problems.append(
            Problem(
                "error",
                file_label,
                f"the Word document cannot be read ({clip(str(exc), 80) or type(exc).__name__})",
                hint="Open it in Word and save it again as .docx (Word Document), then send it again.",
                code="file-format",
            )
        )
        return body
    found = root.find(_w("body"))
    paragraphs = tables = 0
    for child in _children(found if found is not None else root):
        if child.tag == _w("p"):
            paragraphs += 1
            t = _paragraph_text(child)
            body.blocks.append(DocParagraph(paragraphs, "".join(t.parts).strip(), t.tracked,
                                            " ".join("".join(t.hidden).split())))
        else:
            tables += 1
            body.blocks.append(_table(child, tables))
    return body


def hidden_text(file_label: str, part: str, row: int, column: str | None, hidden: str) -> Problem:
    """The warning for text formatted hidden in Word: read (it is in the file), but nobody reading the
    document in Word saw it, so it is quoted for a person to judge."""
    return Problem(
        "warning",
        file_label,
        "this row has text formatted as hidden in Word (not shown on screen or in print); it was read",
        hint="Check the hidden text with the agency (in Word: Home > Show/Hide); if it should not be there, "
        "ask for the document again without it.",
        part=part,
        row=row,
        column=column,
        value=clip(hidden),
        code="hidden-text",
    )


def continues(previous: DocTable, table: DocTable, between: list[DocParagraph]) -> bool:
    """Whether `table` is the rest of `previous`, split across pages: nothing but blank paragraphs between
    and the same number of columns."""
    return all(not p.text for p in between) and table.width == previous.width and table.width > 0


def _header_at(table: DocTable, is_header: Callable[[Any], bool]) -> int | None:
    for i, row in enumerate(table.rows[:3]):
        if sum(1 for c in row.texts() if is_header(c)) >= 2:
            return i
    return None


def read_docx_table(
    data: bytes, *, file_label: str, is_header: Callable[[Any], bool]
) -> tuple[RawTable, dict[int, str]]:
    """The document's chronology table (the first whose header names two known columns, with the parts it
    was split into) as a `RawTable`, and row number -> "table N" for locating problems."""
    raw = RawTable(file=file_label, format="unknown")
    doc = read_docx(data, file_label=file_label)
    raw.problems.extend(doc.problems)
    if not doc.readable:
        return raw, {}
    start = next(
        (i for i, b in enumerate(doc.blocks) if isinstance(b, DocTable) and _header_at(b, is_header) is not None),
        None,
    )
    if start is None:
        raw.problems.append(
            Problem(
                "error",
                file_label,
                f"no table in the document has chronology headers (it has {len(doc.tables())} tables)",
                hint="The chronology needs a table whose first row names its columns: Date, Event, ….",
                code="column-missing",
            )
        )
        return raw, {}
    first = doc.blocks[start]
    assert isinstance(first, DocTable)
    at = _header_at(first, is_header) or 0
    header = first.rows[at].texts()
    while header and not header[-1].strip():
        header.pop()
    raw.header, raw.header_row, raw.format = header, at + 1, "unknown"
    parts: dict[int, str] = {}
    number = at + 1
    pieces = [(first, at + 1)]
    between: list[DocParagraph] = []
    previous = first
    for block in doc.blocks[start + 1 :]:
        if isinstance(block, DocParagraph):
            between.append(block)
            continue
        if not continues(previous, block, between):
            break
        skip = 1 if block.rows and [header_key(t) for t in block.rows[0].texts()][: len(header)] == [
            header_key(h) for h in header
        ] else 0
        pieces.append((block, skip))
        raw.problems.append(
            Problem(
                "info",
                file_label,
                f"table {block.number} continues table {first.number} (split across pages); read as one "
                f"table, its rows numbered on from table {first.number}'s",
                part=f"table {block.number}",
                code="table-continued",
            )
        )
        previous, between = block, []
    for table, skip in pieces:
        label = f"table {first.number}" if table is first else f"table {table.number} (continuing table {first.number})"
        if table.nested:
            raw.problems.append(
                Problem(
                    "warning",
                    file_label,
                    f"{table.nested} table(s) inside its cells were not read",
                    hint="Put each entry in its own row of the chronology table.",
                    part=f"table {table.number}",
                    code="table-nested",
                )
            )
        for row in table.rows[skip:]:
            number += 1
            parts[number] = label
            if row.deleted or row.blank():
                if row.deleted and not row.blank():
                    raw.problems.append(
                        Problem(
                            "info",
                            file_label,
                            "this row is a tracked deletion, so it was not read",
                            part=label,
                            row=number,
                            code="tracked-change",
                        )
                    )
                continue
            cells: list[Any] = row.texts()
            if any(c.tracked for c in row.cells):
                raw.problems.append(
                    Problem(
                        "warning",
                        file_label,
                        "this row has tracked changes; it was read as if they were accepted",
                        hint="Accept or reject the changes in Word (Review > Accept) and send it again if that is wrong.",
                        part=label,
                        row=number,
                        value=clip(" ".join(c.removed for c in row.cells if c.removed)) or None,
                        code="tracked-change",
                    )
                )
            hidden = [c.hidden for c in row.cells if c.hidden]
            if hidden:
                raw.problems.append(hidden_text(file_label, label, number, None, " | ".join(hidden)))
            width = len(header)
            if len(cells) < width:
                raw.short[len(raw.rows)] = len(cells)
                cells += [None] * (width - len(cells))
            elif any(str(c).strip() for c in cells[width:]):
                raw.problems.append(
                    Problem(
                        "warning",
                        file_label,
                        "the row has cells beyond the header's columns; they were not read",
                        part=label,
                        row=number,
                        value=clip(" | ".join(str(c) for c in cells[width:] if str(c).strip())),
                        code="row-too-long",
                    )
                )
            raw.rows.append(cells[:width])
            raw.row_numbers.append(number)
    if not raw.rows:
        raw.problems.append(
            Problem(
                "warning",
                file_label,
                "the chronology table has a header but no entries",
                hint="If the agency has entries to send, ask for the document again.",
                part=f"table {first.number}",
                code="file-no-rows",
            )
        )
    return raw, parts

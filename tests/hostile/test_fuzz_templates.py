"""The fuzz suite's template group (issue 25): hostile returned XLSX and DOCX made from a fixed seed, each
filed with `maca intake` and read with `maca validate`, in process.

What is made: far cells (any sheet, up to XFD1048576), compressed bombs (300-700 MB unpacked), huge row
counts (past the template's chronology limit), content controls and custom XML at every level of a Word
table (rows, repeating sections, cells, paragraphs, runs), hidden text, macro parts and macro content types,
external entities (`/etc/passwd`), and flipped bytes. The same assertions as the bundle fuzz suite: no
traceback or internal error, no hang (each file within PER_FILE_SECONDS), rows read = loaded + rejected, and
no silent loss: a Word chronology reads every row it has, a refused file is said to be refused, and no
entity is expanded into any output.

Fixed seed (SEED): the same 24 files every run, so CI is reproducible; about a minute or two on one core.
"""

from __future__ import annotations

import io
import json
import random
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import template_craft as tc
from click.testing import CliRunner
from docx import Document
from test_word_controls import W, control, custom_xml, hide, wrap

from checker.cli.guard import INTERNAL_ERROR_EXIT
from checker.cli.main import main

SEED = 25
FILES = 24
PER_FILE_SECONDS = 40.0


@dataclass
class Hostile:
    name: str
    data: bytes
    rows: int | None = None
    """Entries a Word chronology holds (None: not a plain chronology document)."""
    refused: bool = False
    """The file must be refused at intake (bomb, macros)."""


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _word_chronology(rng: random.Random) -> Hostile:
    n = rng.randint(3, 8)
    doc = Document()
    table = doc.add_table(rows=1 + n, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Case", "Date", "Event"), strict=True):
        cell.text = text
    for i, row in enumerate(table.rows[1:]):
        for cell, text in zip(row.cells, ("case-1", f"{1 + i:02d}/03/2019", f"Entry {i} seen at home"), strict=True):
            cell.text = text
    trs = [r._tr for r in table.rows]
    cells = [r.cells[2]._tc for r in table.rows]
    hidden = 0
    for i in range(1, n + 1):
        how = rng.choice(["plain", "item", "custom", "cell", "paragraph", "run", "hidden", "nested"])
        if how == "item":
            wrap(trs[i], lambda tr: control(control(tr, kind="item"), kind="section"))
        elif how == "custom":
            wrap(trs[i], lambda tr: custom_xml(tr))
        elif how == "cell":
            wrap(cells[i], lambda tc_: control(tc_))
        elif how == "paragraph":
            wrap(cells[i].find(_w("p")), lambda p: control(p))
        elif how == "run":
            wrap(cells[i].find(_w("p")).find(_w("r")), lambda r: control(r))
        elif how == "hidden":
            run = cells[i].find(_w("p")).find(_w("r"))
            hide(run)
            hidden += 1
        elif how == "nested":
            wrap(trs[i], lambda tr: custom_xml(control(custom_xml(tr), kind="item")))
    out = io.BytesIO()
    doc.save(out)
    return Hostile(f"controls-{n}-hidden-{hidden}.docx", out.getvalue(), rows=n)


def _entity(data: bytes, part: str) -> bytes:
    parts = tc.parts(data)
    xml = parts[part]
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    root = re.search(rb"<([\w:]+)", xml[decl_end:])
    assert root is not None
    doctype = b'<!DOCTYPE %s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' % root.group(1)
    xml = xml[:decl_end] + doctype + xml[decl_end:]
    xml = xml.replace(b"seen at home", b"seen at home &xxe;", 1).replace(b"</sheetData>", (
        b'<row r="9"><c r="A9" t="inlineStr"><is><t>case-1 &xxe;</t></is></c></row></sheetData>'), 1)
    parts[part] = xml
    return tc.zip_parts(parts)


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256)
    return bytes(out)


def hostile_files(seed: int = SEED, count: int = FILES) -> list[Hostile]:
    rng = random.Random(seed)
    filled = tc.filled_xlsx()
    chronology = tc.sheet_part(filled, "Chronology")
    case_sheet = tc.case_sheet_title("case-1")
    kinds = ["far", "bomb", "rows", "controls", "macro-part", "macro-type", "entity-docx", "entity-xlsx", "flip"]
    made: list[Hostile] = []
    for i in range(count):
        kind = kinds[i % len(kinds)] if i < len(kinds) else rng.choice(kinds)
        if kind == "far":
            row, col = rng.choice([(1048576, 16384), (rng.randint(1000, 1048576), rng.randint(1, 16384))])
            sheet = rng.choice(["Chronology", case_sheet])
            rows = f'<row r="{row}">{tc.inline_cell(row, col, "stray")}</row>'.encode()
            made.append(Hostile(f"far-{sheet}-{row}-{col}.xlsx", tc.add_rows(filled, sheet, rows)))
        elif kind == "bomb":
            mb = rng.randint(300, 700)
            made.append(Hostile(f"bomb-{mb}mb.xlsx", tc.rezip(filled, bomb={chronology: mb}), refused=True))
        elif kind == "rows":
            n = rng.randint(10_500, 14_000)
            made.append(Hostile(f"rows-{n}.xlsx", tc.add_rows(filled, "Chronology", tc.many_rows(4, n))))
        elif kind == "controls":
            made.append(_word_chronology(rng))
        elif kind == "macro-part":
            word = sum(h.name.startswith("macro-part") for h in made) % 2  # a workbook, then a document, ...
            base, folder = (tc.blank_docx(), "word") if word else (filled, "xl")
            data = tc.rezip(base, add={f"{folder}/vbaProject.bin": bytes(rng.randrange(256) for _ in range(512))})
            made.append(Hostile(f"macro-part-{folder}.{'xlsx' if folder == 'xl' else 'docx'}", data, refused=True))
        elif kind == "macro-type":
            data = tc.rezip(filled, content_type=(b"spreadsheetml.sheet.main+xml",
                                                  b"spreadsheetml.sheet.main+xml\" x=\"macroEnabled"))
            made.append(Hostile("macro-type.xlsx", data, refused=True))
        elif kind == "entity-docx":
            made.append(Hostile("entity.docx", _entity(_word_chronology(rng).data, "word/document.xml")))
        elif kind == "entity-xlsx":
            made.append(Hostile("entity.xlsx", _entity(filled, chronology)))
        else:
            made.append(Hostile(f"flipped-{i}.xlsx", _flip(rng, filled)))
    return made


HOSTILE = hostile_files()


def _run(args: list[str]) -> Any:
    started = time.perf_counter()
    result = CliRunner().invoke(main, args)
    took = time.perf_counter() - started
    assert took < PER_FILE_SECONDS, f"maca {args[0]} took {took:.1f} s"
    assert result.exit_code != INTERNAL_ERROR_EXIT and "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "root:x:0:0" not in result.output
    return result


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_a_hostile_template_is_filed_or_refused_and_read_without_loss(hostile: Hostile, tmp_path: Path):
    folder = tmp_path / "bundle"
    tc.write_bundle(folder)
    path = tmp_path / hostile.name
    path.write_bytes(hostile.data)
    intake = _run(["intake", str(folder), str(path), "--received", "08/03/2019", "--agency", "hv"])
    if hostile.refused:
        assert intake.exit_code == 1 and intake.output.startswith("REFUSED"), intake.output
        assert not any((folder / d).exists() for d in ("returns", "chronologies"))
        return
    if not intake.output.startswith(("FILED", "REFUSED", "NEEDS-AGENCY", "RETURNED-BLANK")):
        pytest.fail(f"intake said neither filed nor refused: {intake.output}")
    if not intake.output.startswith("FILED"):
        return
    out = tmp_path / "validate.json"
    result = _run(["validate", str(folder), "--json", str(out)])
    assert out.exists() or result.output.startswith("Error:"), result.output
    if not out.exists():
        return
    text = out.read_text(encoding="utf-8")
    assert "root:x:0:0" not in text  # no external entity was expanded
    payload = json.loads(text)
    for counts in payload["files"]:
        assert counts["read"] == counts["loaded"] + counts["rejected"], counts
    if hostile.rows is not None:
        [counts] = [c for c in payload["files"] if c["kind"] == "chronology"]
        assert counts["read"] == hostile.rows, (counts, [p["message"] for p in payload["problems"]])
        hidden = int(hostile.name.split("-hidden-")[1].split(".")[0])
        assert len([p for p in payload["problems"] if p["code"] == "hidden-text"]) == hidden


def test_the_group_covers_every_kind_of_attack():
    names = " ".join(h.name for h in HOSTILE)
    for kind in ("far-", "bomb-", "rows-", "controls-", "macro-part-xl", "macro-type", "entity.docx", "entity.xlsx",
                 "flipped-"):
        assert kind in names, kind
    assert len(HOSTILE) == FILES
    with zipfile.ZipFile(io.BytesIO(next(h.data for h in HOSTILE if h.name.startswith("bomb-")))) as archive:
        assert max(i.file_size for i in archive.infolist()) >= 300 * 2**20  # a real bomb, not a label

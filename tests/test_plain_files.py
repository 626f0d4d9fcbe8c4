"""No raw values in any Excel or Word file the checker writes, on either sample: every XLSX cell (but those in
an id column) and every DOCX paragraph and table cell passes the plain-English guard (tests/plain_words.py)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from plain_words import ID_COLUMN, ids_for, machine_words

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["homelessness", "good-practice"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    bundle = ROOT / "samples" / request.param
    out = tmp_path_factory.mktemp(request.param)
    db = f"sqlite:///{out / 'maca.sqlite'}"
    runs = [["check", str(bundle), "--db", db, "--xlsx", str(out / "flags.xlsx"),
             "--worklist-xlsx", str(out / "worklist.xlsx")],
            ["referrals", str(bundle), "--xlsx", str(out / "referrals.xlsx")],
            ["quality", str(bundle), "--feedback", str(out / "feedback")],
            ["briefing", str(bundle), "--db", db, "--out", str(out / "briefing")]]
    for args in runs:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    files = sorted(p for p in out.rglob("*") if p.suffix in (".xlsx", ".docx"))
    assert {p.suffix for p in files} == {".xlsx", ".docx"}
    return bundle, files


def _xlsx_cells(path: Path) -> list[tuple[str, object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    cells = []
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "") for h in next(rows, ())]
        for row in rows:
            cells += [(f"{sheet.title}!{header[i] if i < len(header) else i}", v) for i, v in enumerate(row)
                      if isinstance(v, str) and not (i < len(header) and ID_COLUMN.match(header[i]))]
        cells += [(f"{sheet.title}!header", h) for h in header]
    return cells


def _docx_texts(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    texts = [("paragraph", p.text) for p in document.paragraphs]
    texts += [("table", c.text) for t in document.tables for r in t.rows for c in r.cells]
    return texts


def test_no_raw_values_in_any_workbook_or_document(written):
    bundle, files = written
    ids = ids_for(bundle)
    bad = []
    for path in files:
        for where, text in _xlsx_cells(path) if path.suffix == ".xlsx" else _docx_texts(path):
            bad += [f"{path.name} {where}: {w}" for w in machine_words(text, ids)]
    assert not bad, sorted(set(bad))[:15]

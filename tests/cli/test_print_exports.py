"""`maca validate --xlsx` and `maca quality --xlsx`: the problems and the league table as workbooks, a sheet
laid out for printing first, written private, said where; a path that cannot be written refused before any work."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from checker.cli.main import main
from checker.intake.bundle import load_bundle

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"


def test_validate_writes_every_problem_to_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "problems.xlsx"
    result = CliRunner().invoke(main, ["validate", str(SAMPLE), "--xlsx", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Problems workbook written to {target}" in result.output
    if os.name == "posix" and not os.environ.get("MACA_SHARE"):
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Problems to print", "Problems", "Files"]
    loaded = load_bundle(SAMPLE)
    full = book["Problems"]
    heads = [c.value for c in full[1]]
    assert full.max_row - 1 == len(loaded.problems) > 0
    shown = {(r[heads.index("File")], r[heads.index("Row")], r[heads.index("Problem")])
             for r in full.iter_rows(min_row=2, values_only=True)}
    assert shown == {(p.file or "the bundle", p.row, p.message) for p in loaded.problems}
    files = list(book["Files"].iter_rows(min_row=2, values_only=True))
    assert len(files) == len(loaded.counts) and all(read == done + rejected for _, _, read, done, rejected in files)


def test_an_xlsx_path_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    for command in ("validate", "quality"):
        result = CliRunner().invoke(main, [command, str(SAMPLE), "--xlsx", str(tmp_path / "nope" / "out.xlsx")])
        assert result.exit_code == 2 and "--xlsx" in result.output and "does not exist" in result.output

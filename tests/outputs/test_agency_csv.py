"""The per-agency CSV: every agency in audit.yaml once, its rows and cases as sent, its flags by severity."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from checker.check import run_check
from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.outputs.agency_csv import COLUMNS, agency_table

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"


def test_one_row_per_agency_adding_up_to_the_bundle() -> None:
    bundle = load_bundle(SAMPLE)
    result = run_check(bundle)
    (table,) = agency_table(result)
    assert [row[0] for row in table.rows] == [a.name for a in result.manifest.agencies]
    names = {a.name: a.id for a in result.manifest.agencies}
    for row in table.rows:
        mine = bundle.chronology[bundle.chronology["agency"] == names[str(row[0])]]
        assert row[1:3] == [mine["case"].nunique(), len(mine)]
    by_sev = [sum(1 for f in result.flags if f.get("agency") and f["severity"] == s)
              for s in ("high", "medium", "low", "info")]
    assert [sum(int(row[i]) for row in table.rows) for i in range(3, 7)] == by_sev


def test_cli_writes_it_to_stdout_and_to_a_private_file(tmp_path: Path) -> None:
    ran = CliRunner().invoke(main, ["check", str(SAMPLE), "--agency-csv", "-"])
    assert ran.exit_code == 0, ran.output
    header = next(csv.reader(io.StringIO(ran.stdout)))
    assert header == list(COLUMNS)
    target = tmp_path / "agencies.csv"
    ran = CliRunner().invoke(main, ["check", str(SAMPLE), "--agency-csv", str(target)])
    assert ran.exit_code == 0 and f"Per-agency CSV written to {target}" in ran.output
    assert target.stat().st_mode & 0o077 == 0


def test_an_excel_workbook_is_refused_on_stdout() -> None:
    ran = CliRunner().invoke(main, ["check", str(SAMPLE), "--xlsx", "-"])
    assert ran.exit_code == 2
    assert "cannot be written to the terminal ('-')" in ran.output

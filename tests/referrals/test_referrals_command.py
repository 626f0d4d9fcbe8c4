"""`maca referrals`: the printed worklist, its exports, and formula injection through a record's text."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from checker.cli.referrals import referrals
from checker.outputs.exports import FORMULA_TRIGGERS

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
HYPERLINK = '=HYPERLINK("http://x","y")'


def test_help_says_what_the_lists_are():
    result = CliRunner().invoke(referrals, ["--help"])
    assert result.exit_code == 0
    assert "Refer today" in result.output and "--xlsx" in result.output


def test_bad_as_of_is_a_usage_error():
    result = CliRunner().invoke(referrals, [str(SAMPLE), "--as-of", "31/02/2019"])
    assert result.exit_code == 2 and "26/03/2019" in result.output


def test_sample_worklist_printed_and_exported(tmp_path):
    out = tmp_path / "w"
    result = CliRunner().invoke(
        referrals, [str(SAMPLE), "--csv", f"{out}.csv", "--xlsx", f"{out}.xlsx", "--json", f"{out}.json"]
    )
    assert result.exit_code == 0, result.output
    assert "Refer today (1 household)" in result.output and "Already engaged with Early Help" in result.output
    assert "confirm today that Early Help has the eviction date" in " ".join(result.output.split())
    assert result.output.index("case-4") < result.output.index("Watch (1 household)") < result.output.index("case-1")
    entries = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))["referrals"]
    assert [e["case"] for e in entries] == ["case-4", "case-1"]
    with open(f"{out}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["case"], r["list"], r["eviction date"], r["days until eviction"]) for r in rows] == [
        ("case-4", "Refer today", "04/04/2019", "9"),
        ("case-1", "Watch", "30/04/2019", "35"),
    ]
    book = openpyxl.load_workbook(f"{out}.xlsx")
    assert book.sheetnames == ["Households to print", "Households", "Evidence"]
    households = book["Households"]
    heads = [c.value for c in households[1]]
    date_cell = households.cell(row=2, column=heads.index("eviction date") + 1)
    days_cell = households.cell(row=2, column=heads.index("days until eviction") + 1)
    assert date_cell.is_date and date_cell.value == dt.datetime(2019, 4, 4)
    assert days_cell.data_type == "n" and days_cell.value == 9


def test_a_record_starting_with_a_formula_is_inert_in_csv_and_xlsx(tmp_path, bundle_writer):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    event = f"{HYPERLINK} N54 notice of eviction received: bailiffs booked for 12/03."
    bundle_writer(bundle, {"c": {"rows": [("housing", "01/03/2019", event)]}}, dt.date(2019, 3, 4))
    result = CliRunner().invoke(referrals, [str(bundle), "--csv", str(tmp_path / "w.csv"),
                                            "--xlsx", str(tmp_path / "w.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Refer today (1 household)" in result.output

    with open(tmp_path / "w.csv", encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any(HYPERLINK in cell for cell in cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]

    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type == "f"]
    (excerpt,) = [cell for cell in cells if "HYPERLINK" in str(cell.value) and str(cell.value).lstrip("'")[0] == "="]
    assert excerpt.data_type == "s" and excerpt.value.startswith("'" + HYPERLINK)

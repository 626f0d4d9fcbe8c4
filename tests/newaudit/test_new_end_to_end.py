"""From a blank spreadsheet to a checked audit, as a business officer would go: `maca new --workbook`, fill it
in, `maca new FOLDER --from`, `maca templates`, one agency's template comes back (`maca intake`), `maca check`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from new_fill import fill

from checker.cli.main import main


def _hv_fills_in_its_template(data: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    chronology = book["Chronology"]
    rows = [("case-1", "12/01/2026", "HV record", "Home visit: T seen, home cold and no food in the house",
             "T at risk of neglect", "Referred to children's social care"),
            ("case-1", "02/02/2026", "HV record", "Initial child protection conference attended by HV",
             "Plan agreed", "HV to visit fortnightly")]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            chronology.cell(row=r, column=c).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_business_officer_sets_up_an_audit_and_checks_it(tmp_path: Path) -> None:
    runner = CliRunner()
    blank = tmp_path / "setup.xlsx"
    result = runner.invoke(main, ["new", "--workbook", str(blank)])
    assert result.exit_code == 0, result.output
    filled = tmp_path / "setup-filled.xlsx"
    filled.write_bytes(fill(blank.read_bytes()))

    audit = tmp_path / "neglect-2026"
    result = runner.invoke(main, ["new", str(audit), "--from", str(filled)])
    assert result.exit_code == 0, result.output
    assert f"maca templates {audit} --out DIR" in result.output

    out = tmp_path / "templates"
    result = runner.invoke(main, ["templates", str(audit), "--out", str(out)])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in out.iterdir())
    assert made == sorted(f"{agency}-maca-2026-neglect.{ext}" for agency in
                          ("childrens-social-care", "health-visiting", "police") for ext in ("docx", "xlsx"))

    returned = tmp_path / "HV return.xlsx"
    returned.write_bytes(_hv_fills_in_its_template((out / "health-visiting-maca-2026-neglect.xlsx").read_bytes()))
    result = runner.invoke(main, ["intake", str(audit), str(returned), "--received", "05/05/2026"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("FILED: HV return.xlsx")

    result = runner.invoke(main, ["check", str(audit), "--json", str(tmp_path / "result.json")])
    assert result.exit_code == 0, result.output
    checked = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert checked["audit"]["id"] == "maca-2026-neglect"
    assert checked["as_of"] == "2026-05-21"  # the meeting date from the Audit sheet
    assert not [p for p in checked["problems"] if p["level"] == "error"]
    assert {o["outcome"] for o in checked["rules"]} - {"passed", "flagged", "skipped"} == set()
    chronology = [f for f in checked["files"] if f["kind"] == "chronology"]
    assert [(f["agency"], f["read"], f["loaded"]) for f in chronology] == [("health-visiting", 2, 2)]

"""The submissions tracker uses the dates `maca intake` recorded: received, late, part received, missing,
awaited — per agency and case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from template_fill import HV_CASES, HV_CHRONOLOGY, fill_xlsx

from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.outputs.submissions import submission_tracker, tracker_text

HOUSING_CASE_1 = b"agency: housing\ncase: case-1\nanswers:\n- {question: voice-child, answer: Not known, grade: RI}\n"


def _statuses(bundle: Path, as_of: dt.date) -> dict[tuple[str, str], tuple[str, int | None]]:
    manifest = load_bundle(bundle, today=as_of).manifest
    assert manifest is not None
    return {(r.agency, r.case): (r.status, r.days_late) for r in submission_tracker(manifest, as_of)}


def test_tracker_from_intake_dates(bundle: Path, templates: dict[str, bytes]) -> None:
    assert set(_statuses(bundle, dt.date(2019, 3, 10)).values()) == {("awaited", None)}
    hv = fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY)
    file_returns(bundle, [("hv.xlsx", hv)], received=dt.date(2019, 3, 8))
    file_returns(bundle, [("housing.yaml", HOUSING_CASE_1)], received=dt.date(2019, 3, 14))
    assert _statuses(bundle, dt.date(2019, 3, 20)) == {
        ("hv", "case-1"): ("received", 0),
        ("housing", "case-1"): ("late", 2),
        ("hv", "case-2"): ("received", 0),
        ("housing", "case-3"): ("missing", None),
    }
    manifest = load_bundle(bundle).manifest
    assert manifest is not None
    text = tracker_text(submission_tracker(manifest, dt.date(2019, 3, 20)))
    assert "case-1: received 14/03/2019, 2 days late" in text
    assert "case-3: nothing received (past the deadline)" in text
    assert "hv" not in text  # everything from hv came on time


def test_quality_chase_lists_the_tracker(bundle: Path, templates: dict[str, bytes]) -> None:
    hv = fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY)
    file_returns(bundle, [("hv.xlsx", hv)], received=dt.date(2019, 3, 13))
    league = bundle.parent / "league.xlsx"
    result = CliRunner().invoke(main, ["quality", str(bundle), "--chase", "--as-of", "2019-03-20", "--xlsx", str(league)])
    assert result.exit_code == 0, result.output
    assert f"League table workbook written to {league}" in result.output
    book = openpyxl.load_workbook(league)  # maca quality --xlsx: the league table, its printed sheet first
    assert book.sheetnames == ["League table to print", "League table", "Deductions"]
    agencies = [r[1] for r in book["League table"].iter_rows(min_row=2, values_only=True)]
    assert "Testshire Health Visiting" in agencies  # by name, scored
    assert "Submissions tracker" in result.output
    assert "case-1: received 13/03/2019, 1 day late" in result.output
    assert "case-3: nothing received (past the deadline)" in result.output

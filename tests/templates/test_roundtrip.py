"""Round trip: generate the templates, fill them as an agency would, file them, load the bundle — what was
written into the cells is exactly what the models hold — and check the bundle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from template_fill import HV_CASES, HV_CHRONOLOGY, CaseFill, Chronology, fill_docx, fill_xlsx

from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.model.audit import AuditReturn, normalise_grade

TODAY = dt.date(2019, 3, 20)


def _file(bundle: Path, name: str, data: bytes) -> None:
    report = file_returns(bundle, [(name, data)], received=dt.date(2019, 3, 8))
    assert [o.status for o in report.outcomes] == ["filed"], [o.line() for o in report.outcomes]


def _expected_answers(fill: CaseFill) -> dict[str, tuple[str | None, str | None, str | None]]:
    """What each question should hold: what was typed; ungraded questions keep the template's 'N/A' (None)."""
    return {q: (a or None, normalise_grade(g), e or None) for q, (a, g, e) in fill.answers.items() if a or e}


def _assert_return(ret: AuditReturn, fill: CaseFill) -> None:
    got = {a.question: (a.answer, a.grade, a.evidence) for a in ret.answers}
    assert got == _expected_answers(fill)
    d = fill.details
    assert ret.completed_by == d["completed_by"]
    assert ret.known_to_agency is (d["known_to_agency"] == "Yes")
    assert ret.overall_grade == normalise_grade(d["overall_grade"])
    assert ret.immediate_concern == (None if d["immediate_concern"] in ("", "None") else d["immediate_concern"])
    assert ret.submitted == dt.date(2019, 3, 8)


def _assert_chronology(frame: object, rows: Chronology, file: str) -> None:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    mine = frame[frame["file"] == file].sort_values("row")
    assert len(mine) == len(rows)
    for (_, got), want in zip(mine.iterrows(), rows, strict=True):
        when = want["date"]
        text = when.strftime("%d/%m/%Y") if isinstance(when, dt.datetime) else when
        assert got["date_text"] == text
        assert got["date"] == pd.Timestamp(dt.datetime.strptime(text, "%d/%m/%Y"))
        for column in ("case", "source", "event", "impact", "action", "event_type"):
            assert got[column] == want[column], column
        assert got["agency"] == "hv"


@pytest.fixture
def extra_rows() -> Chronology:
    """More entries than the Word table's blank rows: the agency adds rows."""
    return [
        {"case": "case-2", "date": f"{day:02d}/10/2018", "source": "HV", "event": f"Follow-up contact {day}.",
         "impact": "", "action": "", "event_type": "Telephone call"}
        for day in range(1, 16)
    ]


def _round_trip(bundle: Path, name: str, filled: bytes, rows: Chronology) -> None:
    """File `filled` and load the bundle: every answer and chronology cell as written, nothing doubted."""
    _file(bundle, name, filled)
    loaded = load_bundle(bundle, today=TODAY)
    returns = {r.case: r for r in loaded.returns}
    assert sorted(returns) == ["case-1", "case-2"]
    for case, fill in HV_CASES.items():
        _assert_return(returns[case], fill)
    _assert_chronology(loaded.chronology, rows, returns["case-1"].source_file)
    assert all(c.balanced() for c in loaded.counts)
    assert not [p for p in loaded.problems if p.level in ("error", "warning")], [p.line() for p in loaded.problems]


def test_xlsx_round_trip(bundle: Path, templates: dict[str, bytes]) -> None:
    filled = fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY)
    _round_trip(bundle, "Health visiting return.xlsx", filled, HV_CHRONOLOGY)


def test_docx_round_trip(bundle: Path, templates: dict[str, bytes], extra_rows: Chronology) -> None:
    rows = HV_CHRONOLOGY + extra_rows
    filled = fill_docx(templates["hv-maca-test-templates.docx"], HV_CASES, rows)
    _round_trip(bundle, "hv audit tool FINAL.docx", filled, rows)


def test_filed_templates_check(bundle: Path, templates: dict[str, bytes]) -> None:
    """`maca check` runs on a bundle made only of returned templates."""
    _file(bundle, "a.xlsx", fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY))
    result = CliRunner().invoke(main, ["check", str(bundle), "--as-of", "2019-03-20"])
    assert result.exit_code == 0, result.output
    assert "Rule outcomes" in result.output


def test_every_expected_agency_gets_both_templates(templates: dict[str, bytes]) -> None:
    assert sorted(templates) == [
        "housing-maca-test-templates.docx", "housing-maca-test-templates.xlsx",
        "hv-maca-test-templates.docx", "hv-maca-test-templates.xlsx",
    ]

"""Every page of the dashboard renders on the sample bundle, without an exception or an error box."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from checker.intake.bundle import load_bundle
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.storage import Store

PAGES = {
    "overview": ["Act today", "Immediate concern — case-4", "Confirm with Early Help — case-4",
                 "confirm Early Help has the eviction date", "Flags by severity", "Flags by case", "Flags by rule",
                 "Agency coverage", "Submissions received", "Changes since"],
    "flags": ["Flags", "flags** shown", "**Select a row**", "Select a flag's row in the table to open it"],
    "case": ["Multi-agency timeline", "The agencies' returns"],
    "quality": ["Agency quality"],
    "referrals": ["Refer today", "Watch"],
    "rules": ["rules**", "Why:", "Limitations:"],
    "upload": ["Upload a bundle", "File agencies' returns"],
    "new_audit": ["New audit", "1. Download the set-up workbook", "2. Upload it filled in",
                  "initials are enough"],
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_on_the_sample(
    page: str, db_url: str, open_page: Callable[..., AppTest], page_text: Callable[[AppTest], str]
) -> None:
    at = open_page(page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    text = page_text(at)
    for expected in PAGES[page]:
        assert expected in text, f"{page}: {expected!r} not shown"


def test_overview_counts_match_the_check(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any]
) -> None:
    at = open_page("overview")
    by_severity = table_with(at, "Severity", "Flags", "Open")
    assert by_severity["Severity"].tolist()[0].startswith("HIGH")  # severity as text, not colour alone
    with Store(db_url) as store:
        run = store.runs()[0]
        stored = store.flags(run["id"])
    assert int(by_severity["Flags"].sum()) == len(stored) == run["counts"]["flags"]


def test_case_page_has_a_timeline_with_a_table_beside_it(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any]
) -> None:
    at = open_page("case")
    charts = at.get("vega_lite_chart")
    assert charts, "no Altair chart on the Case page"
    table = table_with(at, "Date", "Agency", "Kinds", "Flagged")
    bundle_rows = load_bundle(SAMPLE_BUNDLE).chronology
    first_case = at.selectbox(key="case_select").value
    assert len(table) == int((bundle_rows["case"] == first_case).sum())
    assert (table["Flagged"] != "—").any(), "no entry on the timeline is marked as evidence for a flag"

    at.selectbox(key="case_select").set_value("case-6").run()
    assert not at.exception
    assert len(table_with(at, "Date", "Agency", "Kinds", "Flagged")) == int((bundle_rows["case"] == "case-6").sum())


def test_rules_page_counts_decisions_per_rule(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any]
) -> None:
    at = open_page("rules")
    table = table_with(at, "Rule", "Flags (all runs)")
    assert {"Flags (all runs)", "Confirmed", "Dismissed", "Open"} <= set(table.columns)
    assert table["Flags (all runs)"].sum() > 0


def test_rules_page_shows_each_rules_precision_from_reviewers_decisions(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any]
) -> None:
    at = open_page("rules")
    table = table_with(at, "Rule", "Precision (reviewed)")
    assert set(table["Precision (reviewed)"]) == {"no decisions yet"}
    with Store(db_url) as store:
        run = store.runs()[0]
        flags = [f for f in store.flags(run["id"]) if f["rule"] == "information-not-shared"]
        assert len(flags) >= 3, "the sample should carry several information-not-shared flags"
        store.save_decision(run["audit_id"], flags[0]["id"], "a.reviewer", "confirmed")
        store.save_decision(run["audit_id"], flags[1]["id"], "a.reviewer", "action_needed")
        store.save_decision(run["audit_id"], flags[2]["id"], "a.reviewer", "dismissed", reason="police were told")
    at.run()
    assert not at.exception
    table = table_with(at, "Rule", "Precision (reviewed)").set_index("Rule")
    assert table.loc["information-not-shared", "Precision (reviewed)"] == \
        "too few to judge (2 of 3 decided; at least 5 needed)"  # checker.review.accuracy.MIN_TO_JUDGE
    assert table.loc["repeat-referrals", "Precision (reviewed)"] == "no decisions yet"
    fields = table_with(at, "Field", "Type", "Meaning")
    assert len(fields) >= 1 and all(fields["Meaning"].str.len() > 10)


def test_referrals_page_offers_csv_and_xlsx(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("referrals")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download XLSX"]


def test_quality_page_downloads_the_league_table_as_the_command_writes_it(
    db_url: str, open_page: Callable[..., AppTest], tmp_path: Path
) -> None:
    import openpyxl
    from click.testing import CliRunner

    from checker.check import run_check
    from checker.cli.main import main
    from dashboard.letters import league_workbook

    at = open_page("quality")
    assert not at.exception
    assert "Download the league table (Excel)" in [b.proto.label for b in at.get("download_button")]
    made = tmp_path / "league.xlsx"
    assert CliRunner().invoke(main, ["quality", str(SAMPLE_BUNDLE), "--xlsx", str(made)]).exit_code == 0
    offered = openpyxl.load_workbook(io.BytesIO(league_workbook(run_check(load_bundle(SAMPLE_BUNDLE)).quality)))
    written = openpyxl.load_workbook(made)
    assert offered.sheetnames == written.sheetnames and len(offered.sheetnames) >= 2
    for name in written.sheetnames:
        assert [[c.value for c in r] for r in offered[name].iter_rows()] == \
            [[c.value for c in r] for r in written[name].iter_rows()]
    assert offered[offered.sheetnames[0]].page_setup.orientation == "landscape"  # the sheet laid out to print


def test_quality_page_offers_the_agencys_letters_as_the_command_writes_them(
    db_url: str, open_page: Callable[..., AppTest], tmp_path: Path
) -> None:
    import docx
    from click.testing import CliRunner

    from checker.check import run_check
    from checker.cli.main import main
    from dashboard.letters import agency_letters

    at = open_page("quality")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download feedback pack (Word)" in labels  # the worst agency first, chosen by default
    assert CliRunner().invoke(main, ["quality", str(SAMPLE_BUNDLE), "--feedback", str(tmp_path)]).exit_code == 0
    report = run_check(load_bundle(SAMPLE_BUNDLE)).quality
    assert report is not None
    chased = 0
    for agency in report.agencies:
        for _label, name, make in agency_letters(report, agency.agency):
            offered = [p.text for p in docx.Document(io.BytesIO(make())).paragraphs]
            assert offered == [p.text for p in docx.Document(tmp_path / name).paragraphs], name
            chased += name.endswith("-chase.docx")
    assert chased == len(list(tmp_path.glob("*-chase.docx"))) > 0  # a chase letter exactly where the command writes one


def test_no_record_text_reaches_the_logs(
    db_url: str, open_page: Callable[..., AppTest], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for page in ("flags", "case", "quality", "referrals"):
        open_page(page, reviewer="J. Smith")
    chronology = load_bundle(SAMPLE_BUNDLE).chronology
    snippets = {" ".join(str(t).split())[:40] for t in chronology["event"] if len(str(t)) >= 40}
    logged = " ".join(caplog.text.split())
    assert caplog.records, "expected the store's log lines (ids and counts)"
    assert not [s for s in snippets if s in logged]

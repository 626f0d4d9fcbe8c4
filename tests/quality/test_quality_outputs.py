"""What leaves the checker: chase notes, per-agency feedback packs (own records only, formula-safe) and the
`maca quality` command."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from checker.cli.quality import quality
from checker.outputs.exports import write_csv
from checker.outputs.quality import (
    chase_text,
    feedback_markdown,
    feedback_table,
    league_table,
    write_feedback,
)

SAMPLE = "samples/homelessness"


def _other_agencies_files(sample, agency: str) -> set[str]:
    files = {f"{s.file}" for s in sample.ctx.manifest.submissions.chronologies if s.agency != agency}
    files |= {s.file for s in sample.ctx.manifest.submissions.returns if s.agency != agency}
    return files


def test_feedback_packs_show_each_agency_only_its_own_records(sample, tmp_path):
    written = write_feedback(sample.report, tmp_path)
    agencies = {a.agency for a in sample.report.agencies}
    assert {p.name for p in written} == {f"{a}.{ext}" for a in agencies for ext in ("md", "csv")}
    frame = sample.ctx.frame
    for agency in agencies:
        text = (tmp_path / f"{agency}.md").read_text(encoding="utf-8") + \
            (tmp_path / f"{agency}.csv").read_text(encoding="utf-8")
        for other_file in _other_agencies_files(sample, agency):
            assert other_file not in text, (agency, other_file)
        own = set(frame[frame["agency"] == agency]["event"])
        for event in frame[frame["agency"] != agency]["event"]:
            if len(event) >= 40 and event not in own:  # short stock phrases ("CIN meeting attended.") are shared
                assert event[:60] not in text, (agency, event)
        for other in sample.report.agencies:
            if other.agency != agency:
                assert f"feedback for {other.name}" not in text
    brookfield = (tmp_path / "brookfield.md").read_text(encoding="utf-8")
    assert "Requires improvement" in brookfield and "case-2" in brookfield
    assert "other agencies' records" in brookfield  # the involvement evidence is counted, not shown


def test_feedback_csv_is_formula_safe(sample, tmp_path):
    agency = sample.report.agency("police")
    table = feedback_table(agency)
    row = list(table.rows[0])
    row[9] = '=HYPERLINK("http://x","y")'
    write_csv(tmp_path / "x.csv", table.__class__(table.title, table.columns, [row]))
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as handle:
        cells = next(iter(csv.DictReader(handle)))
    assert cells["excerpt"].startswith("'=")


def test_feedback_markdown_lists_points_and_own_evidence(sample):
    text = feedback_markdown(sample.report, sample.report.agency("police"))
    assert "**Grade: Inadequate**" in text
    assert "returns/police-case-1.yaml" in text and "Points lost:" in text


def test_chase_lists_missing_late_and_incomplete_per_agency(sample):
    text = chase_text(sample.report)
    brookfield = text.split("To: Brookfield Primary School")[1].split("To: ")[0]
    assert "MISSING  case-2: audit return not received (you were asked to submit)." in brookfield
    police = text.split("To: Northshire Police")[1].split("To: ")[0]
    assert "LATE     case-1: received 20/03/2019, 8 day(s) after the deadline 12/03/2019." in police
    assert "TO DO" in police
    assert "To: Riverside Medical Practice" in text  # a thin answer or blank impact is still worth a note
    for event in sample.ctx.frame["event"]:
        assert event[:60] not in text


def test_league_table_ranks_agencies(sample):
    text = league_table(sample.report)
    order = [line.split()[0] for line in text.splitlines()[2:] if line and not line.startswith(" ")]
    assert order[0] == "gp" and order[-1] == "police"


def test_cli_chase_feedback_and_json(tmp_path):
    runner = CliRunner()
    out = tmp_path / "quality.json"
    result = runner.invoke(quality, [SAMPLE, "--chase", "--feedback", str(tmp_path / "packs"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "To: Northshire Police" in result.output
    assert (tmp_path / "packs" / "police.md").exists()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {q["agency"]: q["grade"] for q in data["quality"]}["police"] == "Inadequate"
    assert data["coverage"][0]["case"] == "case-1"


def test_cli_league_table_help_and_bad_date(tmp_path, bundle_writer):
    runner = CliRunner()
    help_text = runner.invoke(quality, ["--help"]).output
    assert "--chase" in help_text and "--feedback" in help_text and "--as-of" in help_text
    bundle_writer(tmp_path, {"case-a": {"rows": [{"agency": "csc", "date": "05/11/2018", "event": "Home visit."}]}})
    result = runner.invoke(quality, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    bad = runner.invoke(quality, [str(tmp_path), "--as-of", "31/02/2019"])
    assert bad.exit_code == 2 and "is not a date" in bad.output

"""What leaves the checker: chase notes, per-agency feedback packs (own records only, formula-safe) and the
`maca quality` command."""

from __future__ import annotations

import csv
import json
import re

import docx
from click.testing import CliRunner

from checker.cli.quality import quality
from checker.outputs.exports import write_csv
from checker.outputs.quality import (
    chase_text,
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
    packs = {p.name for p in written if not p.name.endswith("-chase.docx")}
    assert packs == {f"{a}-feedback.{ext}" for a in agencies for ext in ("docx", "csv")}
    frame = sample.ctx.frame
    for agency in agencies:
        chase = tmp_path / f"{agency}-chase.docx"
        text = _docx_text(tmp_path / f"{agency}-feedback.docx") + \
            (tmp_path / f"{agency}-feedback.csv").read_text(encoding="utf-8-sig") + \
            (_docx_text(chase) if chase.exists() else "")
        for other_file in _other_agencies_files(sample, agency):
            assert other_file not in text, (agency, other_file)
        own = set(frame[frame["agency"] == agency]["event"])
        for event in frame[frame["agency"] != agency]["event"]:
            if len(event) >= 40 and event not in own:  # short stock phrases ("CIN meeting attended.") are shared
                assert event[:60] not in text, (agency, event)
        for other in sample.report.agencies:
            if other.agency != agency:
                assert f"feedback for {other.name}" not in text
    brookfield = _docx_text(tmp_path / "brookfield-feedback.docx")
    assert "Requires improvement" in brookfield and "case-2" in brookfield
    assert "other agencies' records" in brookfield  # the involvement evidence is counted, not shown


def _docx_text(path):
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_docx_pack_names_the_agency_and_its_findings_and_no_internal_id(sample, tmp_path):
    write_feedback(sample.report, tmp_path)
    police = sample.report.agency("police")
    text = _docx_text(tmp_path / "police-feedback.docx")
    assert "feedback for Northshire Police" in text and "Grade: Inadequate" in text
    for finding in police.findings:
        assert finding["title"] in text
    assert "What we need:" in text and "Your audit return for NP-ORG-4471 (our case-1)" in text
    questions = {q for q in re.findall(r"[a-z]+(?:-[a-z]+)+", " ".join(
        str(e.get("question")) for f in police.findings for e in f["evidence"] if e.get("question")))}
    internal = {"overall_grade"} | questions | {f["rule"] for f in police.findings} | {f["id"] for f in police.findings}
    words = {w.strip(".,;:()“”") for w in re.findall(r"[\w./-]+", text)}
    assert not internal & words
    assert "audit lead" not in text and "Next step" not in text
    hv = _docx_text(tmp_path / "hv-feedback.docx")  # an agency id that is no English word: never in its pack
    assert "hv" not in {w.strip(".,;:()“”") for w in re.findall(r"[\w./-]+", hv)}


def test_chase_letter_separates_what_is_still_needed_from_what_came_late(sample, tmp_path):
    write_feedback(sample.report, tmp_path)
    police = _docx_text(tmp_path / "police-chase.docx")
    assert police.index("Please add to what you sent") < police.index("Received after the deadline")
    late = police.split("Received after the deadline", 1)[1]
    assert "NP-ORG-4471 (our case-1): received 20/03/2019, 8 days after the deadline." in late
    brookfield = _docx_text(tmp_path / "brookfield-chase.docx")
    assert "Still needed, by" in brookfield
    assert "our case-2 (we hold no reference of yours for it): your audit return." in brookfield


def test_feedback_csv_counts_points_once_per_finding(sample):
    agency = sample.report.agency("police")
    table = feedback_table(agency)
    total = sum(row[0] for row in table.rows if row[0] is not None)
    assert abs(total - sum(d.points for d in agency.deductions)) < 0.05


def test_feedback_csv_is_formula_safe(sample, tmp_path):
    agency = sample.report.agency("police")
    table = feedback_table(agency)
    row = list(table.rows[0])
    row[7] = '=HYPERLINK("http://x","y")'
    write_csv(tmp_path / "x.csv", table.__class__(table.title, table.columns, [row]))
    with (tmp_path / "x.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = next(iter(csv.DictReader(handle)))
    assert cells["excerpt"].startswith("'=")


def test_chase_lists_missing_late_and_incomplete_per_agency(sample):
    text = chase_text(sample.report)
    brookfield = text.split("To: Brookfield Primary School")[1].split("To: ")[0]
    assert "Still needed, by" in brookfield and "our case-2 (we hold no reference of yours for it): your audit" in brookfield
    police = text.split("To: Northshire Police")[1].split("To: ")[0]
    assert "NP-ORG-4471 (our case-1): received 20/03/2019, 8 days after the deadline." in police
    assert "Please add to what you sent" in police
    assert "To: Riverside Medical Practice" in text  # a thin answer or blank impact is still worth a note
    for event in sample.ctx.frame["event"]:
        assert event[:60] not in text


def test_league_table_ranks_agencies(sample):
    text = league_table(sample.report)
    order = re.findall(r"^ ?\d+\. (.+?) — [\d.]+ out of 100", text, flags=re.M)
    assert order[0] == "Riverside Medical Practice" and order[-1] == "Northshire Police"


def test_cli_chase_feedback_and_json(tmp_path):
    runner = CliRunner()
    out = tmp_path / "quality.json"
    result = runner.invoke(quality, [SAMPLE, "--chase", "--feedback", str(tmp_path / "packs"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "To: Northshire Police" in result.output
    assert (tmp_path / "packs" / "police-feedback.docx").exists()
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

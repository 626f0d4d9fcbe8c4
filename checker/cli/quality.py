"""`maca quality`: rate each agency's submission — league table, coverage, chase notes, feedback packs (a thin shell)."""

from __future__ import annotations

import json
import sys

import click

from checker.cli.options import parse_as_of
from checker.cli.outpaths import require_writable, write_text
from checker.cli.report import echo_wrapped
from checker.model.errors import CheckerError
from checker.model.wording import count

__all__ = ["quality"]


@click.command("quality")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; default: the "
              "meeting date in audit.yaml, else today).")
@click.option("--chase", is_flag=True, help="Print, per agency, what is missing, late or incomplete: ready to "
              "paste into an email.")
@click.option("--feedback", "feedback_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Write, per agency, a Word feedback pack (<agency>-feedback.docx), its findings as CSV and, when "
              "something is missing or needs more, a Word chase letter (<agency>-chase.docx): each shows it only its own "
              "findings and grade.")
@click.option("--json", "json_path", metavar="FILE", help="Write {quality, coverage, quality_status} as JSON "
              "('-' for stdout).")
@click.option("--xlsx", "xlsx_path", metavar="FILE", help="Write the league table as an Excel workbook: a sheet "
              "laid out for printing on A4, every column with filters, and every deduction.")
@click.option("--weights", "weights_path", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="Score with another weights file instead of rules/quality-weights.yaml.")
def quality(bundle: str, as_of: str | None, chase: bool, feedback_dir: str | None, json_path: str | None,
            xlsx_path: str | None, weights_path: str | None) -> None:
    """Rate each agency's submission in BUNDLE: score 0–100 and an overall grade, with every deduction's evidence.

    Prints the agency league table (score, grade, points lost per component, largest deductions) and the
    coverage matrix (who was expected, who sent what, who others' records show involved but absent).
    Weights and grade bands are in rules/quality-weights.yaml; docs/quality.md explains the score. A bundle
    with no audit returns (a daily sweep) reports quality as skipped.
    """
    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.intake.supersede import superseded_lines
    from checker.outputs.quality import (
        assess_quality,
        chase_text,
        coverage_text,
        league_table,
        write_feedback,
    )

    when = parse_as_of(as_of)
    require_writable(feedback_dir, "--feedback", folder=True)
    require_writable(json_path, "--json")
    require_writable(xlsx_path, "--xlsx")
    out = sys.stderr if json_path == "-" else sys.stdout
    try:
        loaded = load_bundle(bundle)
        if loaded.manifest is None:
            raise click.ClickException("the bundle has no readable audit.yaml (maca validate lists the problems)")
        checked = run_check(loaded, as_of=when)
        report = checked.quality if weights_path is None else \
            assess_quality(checked.context(), checked.catalogue, checked.flags, weights=weights_path)
        assert report is not None  # run_check always scores quality
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    if chase:
        from checker.outputs.submissions import submission_tracker, tracker_text

        text = chase_text(report) + "\n\n" + tracker_text(submission_tracker(loaded.manifest, checked.as_of),
                                                           {a.id: a.name for a in loaded.manifest.agencies})
    else:
        text = league_table(report) + "\n\n" + coverage_text(report)
    if superseded := superseded_lines(loaded.manifest.intake):
        text += "\n\nNot scored (a newer return replaced it):\n" + "\n".join(superseded)
    for line in text.splitlines():
        echo_wrapped(line, out)
    if feedback_dir:
        try:
            written = write_feedback(report, feedback_dir)
        except OSError as exc:
            raise click.ClickException(f"could not write the feedback packs ({exc.strerror or type(exc).__name__}: "
                                       f"{exc.filename})") from exc
        click.echo(f"\n{count(len(written), 'feedback file')} written to {feedback_dir}", file=out)
    if xlsx_path:
        from checker.outputs.quality.league_xlsx import write_league_xlsx

        try:
            write_league_xlsx(xlsx_path, report)
        except OSError as exc:
            raise click.ClickException(f"could not write the league table ({exc.strerror or type(exc).__name__}: "
                                       f"{exc.filename})") from exc
        click.echo(f"\nLeague table workbook written to {xlsx_path}", file=out)
    if json_path:
        text = json.dumps(report.to_json(), indent=2, ensure_ascii=False, default=str) + "\n"
        write_text(json_path, text, "--json")

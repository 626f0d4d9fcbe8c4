"""`maca check`: the whole check of a bundle, what to act on today first, and the files asked for."""

from __future__ import annotations

import sys

import click

from checker.cli.options import OVERRIDES_HELP, parse_as_of, use_overrides
from checker.cli.outpaths import require_writable
from checker.cli.outputs import output_options, require_outputs, write_outputs
from checker.cli.progress import Progress, quiet_option
from checker.cli.shell import (
    _fail,
    _load,
    _print_counts,
    _print_problem_summary,
    _print_problems,
    cases_words,
)
from checker.model.errors import CheckerError
from checker.model.severity import SEVERITY_ORDER
from checker.model.wording import count

__all__ = ["check"]


@click.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge 'imminent' and 'overdue' by "
              "(26/03/2019, 26 Mar 2019 or 'today'; default: the meeting date in audit.yaml, else today).")
@click.option("--json", "json_path", metavar="FILE", help="Write the full result as JSON ('-' for stdout).")
@click.option("--fail-on", type=click.Choice(list(SEVERITY_ORDER), case_sensitive=False),
              help="Exit 1 if a flag at or above this severity is found (and say which).")
@click.option("--evidence", is_flag=True, help="Print each flag's evidence rows (file, row, date, excerpt).")
@output_options
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: every core; a bundle "
              "of under 300 cases is checked in this process, and chronologies under 32 MB are read in it). The result is "
              "the same for any number.")
@click.option("--scheduler", metavar="ADDRESS", help="Check on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 "
              "(needs pip install 'maca-checker[scale]').")
@click.option("--jsonl", "jsonl_path", metavar="FILE", help="Write each flag and rule outcome as one JSON line "
              "as it is produced, then the summary ('-' for stdout).")
@click.option("--db", "db_url", metavar="URL", help="Database with the review decisions: an action recorded as "
              "taken leaves ACT TODAY and is listed as done (default: $MACA_DB_URL, else the dashboard's file if any).")
@click.option("--overrides", "overrides", metavar="DIR", type=click.Path(file_okay=False), help=OVERRIDES_HELP)
@quiet_option
def check(bundle: str, as_of: str | None, json_path: str | None, fail_on: str | None, evidence: bool,
          workers: int | None, scheduler: str | None, jsonl_path: str | None, db_url: str | None,
          overrides: str | None, quiet: bool, **outputs: str | None) -> None:
    """Check BUNDLE against the rule catalogue: what to do today first, then each case's flags, most
    urgent case first and most severe flag first."""
    from checker.check.stream import STREAM_CASES, check_bundle
    from checker.cli.report import print_report

    when = parse_as_of(as_of)
    use_overrides(overrides)
    require_writable(json_path, "--json")
    require_writable(jsonl_path, "--jsonl")
    wanted = require_outputs(outputs)
    loaded = _load(bundle, quiet, workers)
    out = sys.stderr if "-" in (json_path, jsonl_path, *(path for _, path in wanted)) else sys.stdout
    if not loaded.usable:
        _print_problems(loaded, out)
        _fail("nothing usable could be read from the bundle (maca validate lists the problems)")
    cases = len(loaded.manifest.cases) if loaded.manifest else 0
    # Streamed: the flags go to the files only (not kept here, not listed): --jsonl alone, or --json on a sweep.
    stream = not wanted and ((jsonl_path is not None and json_path is None)
                                    or (json_path is not None and cases >= STREAM_CASES))
    try:
        with Progress(cases, quiet=quiet) as bar:
            result = check_bundle(loaded, as_of=when, workers=workers, scheduler=scheduler, jsonl=jsonl_path,
                                  json_path=json_path, keep=not stream, progress=bar.update,
                                  chronology=any("chronology" in output.reads for output, _ in wanted))
    except CheckerError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"could not write the results ({exc.strerror or type(exc).__name__}: {exc.filename or ''}).")
    _print_problem_summary(loaded, out)
    _print_counts(loaded, out)
    from checker.cli.decisions import stored_decisions

    print_report(result, out, evidence=evidence,
                 streamed_to="the --json file" if json_path not in (None, "-") else "the --jsonl file",
                 decisions=stored_decisions(result.audit_id, db_url))
    from checker.text.compiled import engine_words

    click.echo(f"About this run: {engine_words()}.", file=out)
    write_outputs(wanted, result, out)
    if fail_on:
        fail_on = fail_on.lower()
        met_severities = [s for s, rank in SEVERITY_ORDER.items() if rank <= SEVERITY_ORDER[fail_on]]
        met = sum(result.summary()["by_severity"].get(s, 0) for s in met_severities)
        if met:
            complete = not result.partial or met_severities == ["high"]  # a streamed check keeps its high flags
            flagged = sorted({f["case"] for f in result.findings.for_today
                              if f["severity"] in met_severities}) if complete else []
            where = f", on {cases_words(flagged)}" if flagged else " (listed in the output file)"
            click.echo(f"\n--fail-on {fail_on}: met by {count(met, 'flag')} at {fail_on} severity or above"
                       f"{where} (exit code 1).", file=out)
            sys.exit(1)

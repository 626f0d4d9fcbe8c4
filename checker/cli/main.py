"""`maca`: the command line, a thin shell over `checker`.

Exit codes, the same for every command: 0 the command ran (whatever it found); 1 nothing usable could be
read, or `--fail-on` was met; 2 a usage error (including an output path that cannot be written, checked
before any work); 3 an internal error (`checker.cli.guard`: a message with an error id, never a traceback).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from checker import __version__
from checker.cli.guard import internal_error
from checker.cli.options import parse_as_of
from checker.cli.outpaths import require_writable, write_text
from checker.cli.report import echo_wrapped
from checker.engine.catalogue import SEVERITY_ORDER, load_catalogue
from checker.intake.bundle import LoadedBundle, load_bundle
from checker.intake.supersede import superseded_lines
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.model.errors import CheckerError, RuleError
from checker.model.private import sharing
from checker.model.wording import count

__all__ = ["main"]

SAMPLE = SAMPLE_BUNDLE


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _load(path: str) -> LoadedBundle:
    try:
        bundle = load_bundle(path)
    except CheckerError as exc:
        _fail(str(exc))
    return bundle


def _out(json_path: str | None) -> TextIO:
    """Where the readable summary goes: stderr when the JSON goes to stdout."""
    return sys.stderr if json_path == "-" else sys.stdout


def _write_json(json_path: str | None, payload: dict[str, Any]) -> None:
    if json_path is None:
        return
    write_text(json_path, json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", "--json")


def _print_problems(bundle: LoadedBundle, out: TextIO, limit: int | None = None) -> None:
    problems = [p for p in bundle.problems if p.level != "info"]
    for problem in problems[:limit]:
        click.echo(problem.line(), file=out)
    if limit is not None and len(problems) > limit:
        click.echo(f"… and {len(problems) - limit:,} more problems (maca validate lists them all)", file=out)


def _print_problem_summary(bundle: LoadedBundle, out: TextIO, limit: int = 20) -> None:
    """Errors one per line; warnings grouped by what they say (`maca validate` lists every one)."""
    errors = [p for p in bundle.problems if p.level == "error"]
    for problem in errors[:limit]:
        echo_wrapped(problem.line(), out)
    if len(errors) > limit:
        click.echo(f"… and {len(errors) - limit:,} more errors (maca validate lists them all)", file=out)
    groups: dict[str, list[Any]] = {}
    for problem in bundle.problems:
        if problem.level == "warning":
            groups.setdefault(problem.code or problem.message, []).append(problem)
    for items in groups.values():
        first = items[0]
        where = f"{first.file} row {first.row}" if first.row is not None else first.file
        echo_wrapped(f"WARNING ×{len(items):,}: {first.message.split(';')[0]} (first: {where}; "
                     "maca validate lists each)", out)


def _print_counts(bundle: LoadedBundle, out: TextIO) -> None:
    read = sum(c.read for c in bundle.counts)
    loaded = sum(c.loaded for c in bundle.counts)
    rejected = sum(c.rejected for c in bundle.counts)
    errors = sum(1 for p in bundle.problems if p.level == "error")
    warnings = sum(1 for p in bundle.problems if p.level == "warning")
    click.echo(
        f"{count(len(bundle.counts), 'file')}: {read:,} rows read = {loaded:,} loaded + {rejected:,} rejected; "
        f"{count(errors, 'error')}, {count(warnings, 'warning')}",
        file=out,
    )


class _Guarded(click.Group):
    """The one top-level handler: an unexpected exception in any command becomes `internal_error`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`maca check … | head`): not a fault of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the point of this handler
            internal_error(exc, ctx.invoked_subcommand or "maca")


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maca")
@click.option("--share", is_flag=True, help="Write exports (JSON, CSV, XLSX, feedback) readable as the umask "
              "allows, for sharing through folder permissions. Default (and without $MACA_SHARE_EXPORTS=1): "
              "owner-only (0600), as they hold case details.")
@click.pass_context
def main(ctx: click.Context, share: bool) -> None:
    """Multi-agency case audit checker: load an audit bundle, find gaps and risks, rate submissions."""
    if share:
        ctx.with_resource(sharing(True))


@main.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--json", "json_path", metavar="FILE", help="Write problems and counts as JSON ('-' for stdout).")
def validate(bundle: str, json_path: str | None) -> None:
    """Read BUNDLE (a folder or .zip) and list every problem with its file, row and what to do."""
    require_writable(json_path, "--json")
    loaded = _load(bundle)
    out = _out(json_path)
    _print_problems(loaded, out)
    for line in superseded_lines(loaded.manifest.intake if loaded.manifest else []):
        click.echo(line, file=out)
    _print_counts(loaded, out)
    _write_json(
        json_path,
        {
            "bundle": loaded.digest,
            "problems": [p.to_dict() for p in loaded.problems],
            "files": [c.to_dict() for c in sorted(loaded.counts, key=lambda c: c.file)],
        },
    )
    if not loaded.usable:
        _fail("nothing usable could be read from the bundle (see the problems above)")


@main.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge 'imminent' and 'overdue' by "
              "(26/03/2019, 26 Mar 2019 or 'today'; default: the meeting date in audit.yaml, else today).")
@click.option("--json", "json_path", metavar="FILE", help="Write the full result as JSON ('-' for stdout).")
@click.option("--fail-on", type=click.Choice(list(SEVERITY_ORDER), case_sensitive=False),
              help="Exit 1 if a flag at or above this severity is found (and say which).")
@click.option("--evidence", is_flag=True, help="Print each flag's evidence rows (file, row, date, excerpt).")
@click.option("--xlsx", "xlsx_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the flags as an Excel workbook, one row per flag, ready to filter and print.")
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: every core; a bundle "
              "of under 300 cases is checked in this process). The result is the same for any number.")
@click.option("--scheduler", metavar="ADDRESS", help="Check on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 "
              "(needs pip install 'maca-checker[scale]').")
@click.option("--jsonl", "jsonl_path", metavar="FILE", help="Write each flag and rule outcome as one JSON line "
              "as it is produced, then the summary ('-' for stdout).")
@click.option("--db", "db_url", metavar="URL", help="Database with the review decisions: an action recorded as "
              "taken leaves ACT TODAY and is listed as done (default: $MACA_DB_URL, else the dashboard's file if any).")
def check(bundle: str, as_of: str | None, json_path: str | None, fail_on: str | None, evidence: bool,
          xlsx_path: str | None, workers: int | None, scheduler: str | None, jsonl_path: str | None,
          db_url: str | None) -> None:
    """Check BUNDLE against the rule catalogue: what to do today first, then each case's flags, most
    urgent case first and most severe flag first."""
    from checker.check.stream import STREAM_CASES, check_bundle
    from checker.cli.report import print_report

    when = parse_as_of(as_of)
    require_writable(json_path, "--json")
    require_writable(jsonl_path, "--jsonl")
    require_writable(xlsx_path, "--xlsx")
    loaded = _load(bundle)
    out = sys.stderr if "-" in (json_path, jsonl_path) else sys.stdout
    if not loaded.usable:
        _print_problems(loaded, out)
        _fail("nothing usable could be read from the bundle (maca validate lists the problems)")
    cases = len(loaded.manifest.cases) if loaded.manifest else 0
    # Streamed: the flags go to the files only (not kept here, not listed): --jsonl alone, or --json on a sweep.
    stream = xlsx_path is None and ((jsonl_path is not None and json_path is None)
                                    or (json_path is not None and cases >= STREAM_CASES))
    try:
        result = check_bundle(loaded, as_of=when, workers=workers, scheduler=scheduler, jsonl=jsonl_path,
                              json_path=json_path, keep=not stream)
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
    if xlsx_path:
        from checker.outputs.flags_xlsx import write_flags_xlsx

        write_flags_xlsx(xlsx_path, result)
        click.echo(f"Flags workbook written to {xlsx_path}", file=out)
    if fail_on:
        fail_on = fail_on.lower()
        met_severities = [s for s, rank in SEVERITY_ORDER.items() if rank <= SEVERITY_ORDER[fail_on]]
        met = sum(result.summary()["by_severity"].get(s, 0) for s in met_severities)
        if met:
            complete = not result.partial or met_severities == ["high"]  # a streamed check keeps its high flags
            flagged = sorted({f["case"] for f in result.flags if f["severity"] in met_severities}) if complete else []
            where = f", on {', '.join(flagged)}" if flagged else " (listed in the output file)"
            click.echo(f"\n--fail-on {fail_on}: met by {count(met, 'flag')} at {fail_on} severity or above"
                       f"{where} (exit code 1).", file=out)
            sys.exit(1)


@main.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("flag_id")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; "
              "default: the meeting date in audit.yaml, else today).")
def show(bundle: str, flag_id: str, as_of: str | None) -> None:
    """Show one flag of BUNDLE in full: what was found, the recommended action and every evidence row.
    FLAG_ID is printed under each flag by `maca check` (e.g. f-1a2b3c4d5e6f7a8b)."""
    from checker.check import run_check
    from checker.cli.report import print_flag

    when = parse_as_of(as_of)
    loaded = _load(bundle)
    if not loaded.usable:
        _fail("nothing usable could be read from the bundle (maca validate lists the problems)")
    try:
        result = run_check(loaded, as_of=when)
    except RuleError as exc:
        _fail(str(exc))
    flag = next((f for f in result.flags if f["id"] == flag_id.strip()), None)
    if flag is None:
        _fail(f"no flag '{flag_id}' in this check of {bundle}; `maca check {bundle}` lists each flag's id", code=2)
    print_flag(flag, result, sys.stdout)


@main.command()
@click.option("--kind", type=click.Choice(["manifest", "return", "all"]), default="all", show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema of audit.yaml and of an audit return, generated from the models."""
    from checker.model.audit import AuditReturn, Manifest

    schemas: dict[str, Any] = {}
    if kind in ("manifest", "all"):
        schemas["manifest"] = Manifest.model_json_schema()
    if kind in ("return", "all"):
        schemas["return"] = AuditReturn.model_json_schema()
    payload = schemas if kind == "all" else next(iter(schemas.values()))
    click.echo(json.dumps(payload, indent=2))


@main.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List the rule catalogue (`maca rules explain ID` shows one rule in full)."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        catalogue = load_catalogue()
    except RuleError as exc:
        _fail(str(exc))
    click.echo(f"Rule set {catalogue.digest}: {count(len(catalogue.rules), 'rule')}")
    for rule in sorted(catalogue.rules, key=lambda r: (r.category, SEVERITY_ORDER[r.severity], r.id)):
        click.echo(f"  {rule.category:7} {rule.severity:6} {rule.id:38} {rule.title}")


@rules.command("explain")
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print one rule in full: why, parameters with their basis and source, message, examples."""
    from checker.engine.explain import explain_rule

    try:
        catalogue = load_catalogue()
        rule = catalogue.get(rule_id)
    except RuleError as exc:
        _fail(str(exc))
    except KeyError:
        _fail(f"no rule '{rule_id}'; `maca rules` lists them", code=2)
    from checker.examples import run_examples

    ran = run_examples(rule, catalogue)
    example = next(((ran.names[c], ran.messages[c]) for c in sorted(ran.messages)), None)
    from checker.cli.report import echo_wrapped

    for line in explain_rule(rule, example).splitlines():
        echo_wrapped(line, sys.stdout)


# --- dashboard and retention (issue 6) ------------------------------------------------------------------

@main.command()
@click.argument("bundle", required=False, type=click.Path(exists=True))
@click.option("--db", "db_url", metavar="URL", help="Database for runs and review decisions (default: "
              "$MACA_DB_URL, else ~/.local/share/maca/maca.sqlite). PostgreSQL: postgresql://…")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; default: "
              "the meeting date in audit.yaml, else today).")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="localhost", show_default=True, help="Address to serve on. Keep "
              "localhost unless a sign-in proxy fronts it (docs/dashboard.md).")
def dashboard(bundle: str | None, db_url: str | None, as_of: str | None, port: int, address: str) -> None:
    """Open the review dashboard on BUNDLE (default: the sample homelessness audit) at http://ADDRESS:PORT."""
    import os

    from checker.model.errors import StorageError
    from checker.review import ENV_AS_OF, ENV_BUNDLE, MAX_UPLOAD_MB
    from checker.storage import ENV_URL, Store
    from dashboard.serve import serve  # only this command loads Streamlit

    when = parse_as_of(as_of)
    try:
        with Store(db_url) as store:  # fail here, with a readable message, rather than in the browser
            click.echo(f"Runs and decisions are kept in {store.url}", err=True)
    except StorageError as exc:
        _fail(str(exc))
    env = dict(os.environ)
    env[ENV_BUNDLE] = str(Path(bundle or SAMPLE_BUNDLE).resolve())
    if db_url:
        env[ENV_URL] = db_url
    if when:
        env[ENV_AS_OF] = when.isoformat()
    options: dict[str, Any] = {
        "server.address": address, "server.port": port, "server.headless": True,
        "server.maxUploadSize": MAX_UPLOAD_MB, "browser.gatherUsageStats": False,
        "global.developmentMode": False, "client.toolbarMode": "minimal",
    }  # fmt: skip
    taken = _port_taken(address, port)
    if taken:
        _fail(f"port {port} on {address} is already in use ({taken}); another dashboard may be running there. "
              f"Open that one, or start this one on another port: maca dashboard --port {_free_port(address, port)}")
    os.environ.update(env)
    click.echo(f"Serving the dashboard on http://{address}:{port} (Ctrl+C stops it)", err=True)
    serve(options)


def _port_taken(address: str, port: int) -> str:
    """Why the port cannot be served on ('' when it can)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
            probe.bind((address, port))
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return ""


def _free_port(address: str, port: int) -> int:
    for candidate in range(port + 1, min(port + 50, 65535)):
        if not _port_taken(address, candidate):
            return candidate
    return port + 1


@main.command()
@click.option("--older-than", "days", type=click.FloatRange(min=0), required=True, metavar="DAYS",
              help="Remove runs recorded more than DAYS days ago, with their flags, quality and referrals.")
@click.option("--drop-decisions", is_flag=True, help="Also remove review decisions on flags that are in no "
              "remaining run. By default the decision trail is kept as the audit record.")
@click.option("--db", "db_url", metavar="URL", help="Database (default: $MACA_DB_URL, else the SQLite file).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scheduled jobs).")
def purge(days: float, drop_decisions: bool, db_url: str | None, yes: bool) -> None:
    """Remove stored runs older than the partnership's retention period (`--older-than DAYS`)."""
    from checker.model.errors import StorageError
    from checker.storage import Store

    try:
        with Store(db_url) as store:
            what = "runs, their flags, quality results and referrals"
            what += " and decisions on flags no longer in any run" if drop_decisions else " (decisions are kept)"
            if not yes:
                click.confirm(f"Remove {what} recorded more than {days:g} days ago from {store.url}?", abort=True)
            removed = store.purge(days, keep_decisions=not drop_decisions)
    except StorageError as exc:
        _fail(str(exc))
    click.echo("Removed: " + ", ".join(f"{n} {table}" for table, n in removed.items()))


from checker.cli.referrals import referrals as referrals_command  # noqa: E402

main.add_command(referrals_command)

from checker.cli.quality import quality as quality_command  # noqa: E402

main.add_command(quality_command)

from checker.cli.briefing import briefing as briefing_command  # noqa: E402

main.add_command(briefing_command)

from checker.cli.decisions import decisions as decisions_command  # noqa: E402

main.add_command(decisions_command)

from checker.cli.templates import COMMANDS as template_commands  # noqa: E402

for _command in template_commands:
    main.add_command(_command)

from checker.cli.generate import generate as generate_command  # noqa: E402

main.add_command(generate_command)

from checker.cli.evaluate import evaluate as evaluate_command  # noqa: E402
from checker.cli.evaluate import explain_text_command  # noqa: E402

main.add_command(evaluate_command)
main.add_command(explain_text_command)


if __name__ == "__main__":  # pragma: no cover
    main()

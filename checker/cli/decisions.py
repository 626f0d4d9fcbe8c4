"""`maca decisions`: the review decisions in and out of the flags workbook (a thin shell over
`checker.review.workbook`)."""

from __future__ import annotations

import sys
from typing import Any

import click

from checker.cli.options import parse_as_of
from checker.cli.outpaths import require_writable
from checker.model.errors import CheckerError

__all__ = ["decisions", "stored_decisions"]

_DB = ("Database with the runs and review decisions (default: $MACA_DB_URL, else ~/.local/share/maca/maca.sqlite, "
       "as `maca dashboard`). PostgreSQL: postgresql://…")
_AS_OF = "Date to judge by, as the dashboard was started with (default: the meeting date in audit.yaml, else today)."


def _checked(bundle: str, as_of: str | None):  # type: ignore[no-untyped-def]
    from checker.check import run_check
    from checker.intake.bundle import load_bundle

    loaded = load_bundle(bundle)
    if not loaded.usable:
        raise click.ClickException("nothing usable could be read from the bundle (maca validate lists the problems)")
    return run_check(loaded, as_of=parse_as_of(as_of))


def stored_decisions(audit_id: str, db_url: str | None) -> dict[str, dict[str, Any]]:
    """The review decisions in force for `maca check`'s act-today block: from --db, else $MACA_DB_URL, else
    the dashboard's default SQLite file when it exists (never created here). A store that cannot be read
    is a warning, not a failure: the check still runs."""
    import os
    from pathlib import Path

    from checker.storage import ENV_URL, Store, default_db_url

    url = db_url or os.environ.get(ENV_URL)
    if not url:
        url = default_db_url()
        if not Path(url.removeprefix("sqlite:///")).exists():
            return {}
    try:
        with Store(url) as store:
            return store.decisions(audit_id)
    except CheckerError as exc:
        click.echo(f"Warning: review decisions not read, so actions recorded as taken still show ({exc})", err=True)
        return {}


@click.group("decisions")
def decisions() -> None:
    """Review decisions in and out of the flags workbook: export it for the meeting, import what the panel filled."""


@decisions.command("export")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def export(bundle: str, out: str, db_url: str | None, as_of: str | None) -> None:
    """Write the flags workbook OUT for BUNDLE with the decisions now in force.

    The Decision column is a drop-down (Confirmed, Dismissed, Action needed, Action taken); Reason, Note and
    Reviewer follow; each row's flag id is in a hidden column. Fill it in the meeting and read it back with
    `maca decisions import`. The check's run is stored first if the database has none for it."""
    from checker.review import ensure_run
    from checker.review.workbook import export_decisions
    from checker.storage import Store

    require_writable(out, "OUT")
    try:
        result = _checked(bundle, as_of)
        with Store(db_url) as store:
            ensure_run(store, result, bundle)  # records where the bundle is, for `maca rules try`
            listed = export_decisions(store, result, out)
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Flags workbook with {listed} flag(s) and their decisions written to {out}")


@decisions.command("import")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--reviewer", required=True, metavar="NAME", help="Who the decisions are recorded as (e.g. the "
              "panel chair or the secretary who typed them).")
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def import_(bundle: str, workbook: str, reviewer: str, db_url: str | None, as_of: str | None) -> None:
    """Save the decisions filled in WORKBOOK (a flags workbook of BUNDLE) as REVIEWER.

    Each row with a decision is saved on its flag as on the Flags page (a new version, kept in the trail).
    Rows left blank are not decisions. A row whose decision word is not one of the four, that dismisses
    without a reason, or records an action taken without saying what was done, whose flag is not in the
    audit's latest check, or that someone decided differently since the workbook was written, is listed by
    row number with what to do, and nothing from it is saved. Exit 1 when any row was not saved."""
    from checker.review import ensure_run
    from checker.review.workbook import import_decisions
    from checker.storage import Store

    if not reviewer.strip():
        raise click.BadParameter("give the name the decisions are recorded as", param_hint="--reviewer")
    try:
        result = _checked(bundle, as_of)
        with Store(db_url) as store:
            ensure_run(store, result, bundle)
            report = import_decisions(store, result, workbook, reviewer)
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)
    if report.problems:
        click.echo("Fix the rows listed (or decide those flags on the Flags page) and import the workbook again: "
                   "rows already saved are left as they are.", err=True)
        sys.exit(1)

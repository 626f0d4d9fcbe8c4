"""`maca purge`: remove stored runs older than the retention period."""

from __future__ import annotations

import click

from checker.cli.shell import _fail

__all__ = ["purge"]


@click.command()
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

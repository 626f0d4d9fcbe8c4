"""`maca new`: set up an audit from a spreadsheet instead of writing audit.yaml (a thin shell).

    maca new --workbook setup.xlsx                 # the blank, guided set-up workbook
    maca new audits/neglect --from setup.xlsx      # the audit folder: audit.yaml, chronologies/, returns/
    maca new audits/neglect --workbook edit.xlsx   # the workbook filled with that audit's details, to edit
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.outpaths import require_writable

__all__ = ["new"]


def _write_workbook(folder: str | None, target: str) -> None:
    from checker.intake.bundle import MANIFEST, load_manifest, open_bundle
    from checker.model.private import open_private
    from checker.outputs.setup_workbook import setup_workbook

    manifest = None
    if folder is not None and (Path(folder) / MANIFEST).is_file():
        manifest, problems = load_manifest(open_bundle(folder))
        if manifest is None:
            for problem in problems:
                click.echo(problem.line(), err=True)
            raise click.ClickException(f"{MANIFEST} in {folder} cannot be read, so no workbook was written")
    data = setup_workbook(manifest)
    try:
        with open_private(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise click.ClickException(f"could not write '{target}' ({exc.strerror or type(exc).__name__})") from exc
    if manifest is None:
        click.echo(f"Blank set-up workbook written to {target}. Fill it in (Audit, Agencies, Cases, People, "
                   f"Plans, Expected), then: maca new FOLDER --from {target}")
    else:
        click.echo(f"Set-up workbook with the details of {manifest.audit.id} written to {target}. Edit it, "
                   f"then: maca new {folder} --from {target}")


@click.command("new")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--workbook", "workbook", metavar="FILE", help="Write the set-up workbook to FILE (blank; or, "
              "with FOLDER holding an audit, filled with its details to edit).")
@click.option("--from", "source", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="Create (or update) the audit in FOLDER from this filled set-up workbook.")
@click.option("--allow-removals", is_flag=True, help="Remove from audit.yaml the cases and agencies that are no "
              "longer in the workbook (otherwise they are kept, and listed).")
@click.option("--dry-run", is_flag=True, help="Say what would change, and write nothing.")
def new(folder: str | None, workbook: str | None, source: str | None, allow_removals: bool, dry_run: bool) -> None:
    """Set up an audit from a spreadsheet: `--workbook FILE` writes the guided set-up workbook; `FOLDER --from
    FILE` creates the audit folder (audit.yaml, chronologies/, returns/) from it, or updates it in place.

    Every problem is listed by sheet, row and column, and nothing is written while any remains (exit 1).
    Run it again on the edited workbook to add and change cases, agencies and plans; comments in audit.yaml
    are kept. Then send the templates: maca templates FOLDER --out DIR.
    """
    if (workbook is None) == (source is None):
        raise click.UsageError("give either --workbook FILE (write the set-up workbook) or FOLDER --from FILE "
                               "(create the audit from it)")
    if workbook is not None:
        require_writable(workbook, "--workbook")
        _write_workbook(folder, workbook)
        return
    if folder is None:
        raise click.UsageError("say which folder the audit goes in: maca new FOLDER --from FILE")
    from checker.intake.setup_apply import apply_setup

    assert source is not None
    outcome = apply_setup(folder, Path(source).read_bytes(), source=Path(source).name,
                          allow_removals=allow_removals, dry_run=dry_run)
    for problem in outcome.problems:
        click.echo(problem.line(), err=problem.level == "error")
    if outcome.errors:
        click.echo(f"{len(outcome.errors)} problem(s) to fix in {Path(source).name}; nothing was written.",
                   err=True)
        sys.exit(1)
    for change in outcome.changes:
        click.echo(change.line())
    if dry_run:
        click.echo("Dry run: nothing was written.")
    elif outcome.created:
        click.echo(f"Audit created in {folder}: audit.yaml, chronologies/, returns/. Next: "
                   f"maca templates {folder} --out DIR, and send each agency its templates.")
    elif outcome.written:
        click.echo(f"{Path(folder) / 'audit.yaml'} updated in place (comments and order kept).")
    else:
        click.echo("Nothing changed: audit.yaml already says what the workbook says.")

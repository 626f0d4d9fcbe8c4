"""`maca templates` and `maca intake`: send agencies their templates, file what comes back (a thin shell)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from checker.model.dates import DateError, parse_day, plausible
from checker.model.errors import CheckerError

__all__ = ["templates", "intake", "COMMANDS"]


def _day(value: str | None) -> dt.date | None:
    """`--received`: one day as people write it (08/03/2019, 8 Mar 2019, 2019-03-08); None for none."""
    if value is None:
        return None
    try:
        return plausible(parse_day(value))
    except (DateError, ValueError, OverflowError) as exc:
        raise click.BadParameter(f"'{value}' is not a date ({exc}); write it day first, e.g. 08/03/2019",
                                 param_hint="--received") from None


@click.command("templates")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder to write the templates into (created if need be).")
def templates(bundle: str, out_dir: str) -> None:
    """Write, for each agency BUNDLE's audit.yaml expects, an Excel workbook and a Word audit tool to send it.

    Each is pre-filled with the audit's title, theme and deadline, the agency's name, its cases (pseudonymous
    ids and the agency's own reference) and guidance on a good chronology entry, and carries a stamp so the
    returned file files itself (`maca intake`).
    """
    from checker.intake.bundle import load_manifest, open_bundle
    from checker.outputs.templates import write_templates

    try:
        manifest, problems = load_manifest(open_bundle(bundle))
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    if manifest is None:
        for problem in problems:
            click.echo(problem.line(), err=True)
        raise click.ClickException("audit.yaml cannot be read, so no template was written")
    written = write_templates(manifest, out_dir)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} templates written to {out_dir} for {len(written) // 2} agencies.", err=True)


@click.command("intake")
@click.argument("bundle", type=click.Path(exists=True, file_okay=False))
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--received", metavar="DATE", help="The date the files came in, day first (default: today).")
@click.option("--agency", metavar="ID", help="For files without a template stamp: the agency they are from.")
@click.option("--case", "case_id", metavar="ID", help="For files without a template stamp: the case they are "
              "for (needed for an audit return; optional for a chronology with a Case column).")
@click.option("--remove", "remove", metavar="FILE", help="Un-file FILE (its name as filed, e.g. "
              "returns/hv-template-1a2b3c4d5e.xlsx): delete it from the bundle and from audit.yaml.")
def intake(bundle: str, files: tuple[str, ...], received: str | None, agency: str | None,
           case_id: str | None, remove: str | None) -> None:
    """File returned FILES into the BUNDLE folder and record them in its audit.yaml (agency, case, date).

    Templates made by `maca templates` identify themselves; for any other file say --agency (and --case).
    Each file is read first: one with nothing readable in it is refused, a template sent back blank is
    reported "returned blank"; neither is filed. A newer return (received later, else filed later) from the
    same agency for the same case is used instead of the older, which is kept and listed as superseded.
    Filing the same file again changes nothing. Exit 1 if no file could be filed.

    `--remove FILE` un-files a filed file (exit 2 if no filed file has that name).
    """
    from checker.intake.filing import file_returns

    if remove is not None:
        _remove(bundle, remove, files)
        return
    if not files:
        raise click.UsageError("give the FILES to file (or --remove FILE to un-file one)")

    payload = [(Path(f).name, Path(f).read_bytes()) for f in files]
    try:
        report = file_returns(bundle, payload, received=_day(received), agency=agency, case=case_id)
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    for outcome in report.outcomes:
        click.echo(outcome.line())
    if report.needs():
        click.echo("Run again with --agency ID (and --case ID) for the files marked NEEDS-AGENCY.", err=True)
    _print_superseded(bundle)
    if not any(o.status in ("filed", "filed-older", "unchanged") for o in report.outcomes):
        sys.exit(1)


def _remove(bundle: str, name: str, files: tuple[str, ...]) -> None:
    from checker.intake.filing import remove_filed

    if files:
        raise click.UsageError("--remove takes one filed file and no FILES to file; run the two separately")
    try:
        outcome = remove_filed(bundle, name)
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    if outcome.status == "not-filed":
        click.echo(outcome.line(), err=True)
        sys.exit(2)
    click.echo(outcome.line())
    _print_superseded(bundle)


def _print_superseded(bundle: str) -> None:
    """The filed files kept but no longer read (or partly), after what was just done."""
    from checker.intake.filing import filed_files
    from checker.intake.supersede import superseded_lines

    for line in superseded_lines(filed_files(bundle)):
        click.echo(line)


COMMANDS = (templates, intake)

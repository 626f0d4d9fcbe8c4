"""`maca validate`: read a bundle and list every problem with its file, row and what to do."""

from __future__ import annotations

import click

from checker.cli.outpaths import require_writable
from checker.cli.progress import quiet_option
from checker.cli.shell import _fail, _load, _out, _print_counts, _print_problems, _write_json
from checker.intake.supersede import superseded_lines

__all__ = ["validate"]


@click.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--json", "json_path", metavar="FILE", help="Write problems and counts as JSON ('-' for stdout).")
@click.option("--xlsx", "xlsx_path", metavar="FILE", help="Write the problems as an Excel workbook: a sheet laid "
              "out for printing on A4, every column with filters, and the rows read from each file.")
@quiet_option
def validate(bundle: str, json_path: str | None, xlsx_path: str | None, quiet: bool) -> None:
    """Read BUNDLE (a folder or .zip) and list every problem with its file, row and what to do."""
    require_writable(json_path, "--json")
    require_writable(xlsx_path, "--xlsx")
    loaded = _load(bundle, quiet)
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
    if xlsx_path:
        from checker.outputs.problems_xlsx import write_problems_xlsx

        try:
            write_problems_xlsx(xlsx_path, loaded.problems, loaded.counts,
                                loaded.manifest.audit.title if loaded.manifest else "")
        except OSError as exc:
            _fail(f"could not write the problems workbook ({exc.strerror or type(exc).__name__}: {exc.filename})")
        click.echo(f"Problems workbook written to {xlsx_path}", file=out)
    if not loaded.usable:
        _fail("nothing usable could be read from the bundle (see the problems above)")

"""`maca generate`: write a synthetic sweep bundle and its ground truth (a thin shell over checker.generate)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.cli.options import parse_as_of
from checker.cli.progress import Progress, quiet_option
from checker.model.private import write_private

__all__ = ["generate"]


@click.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--cases", type=click.IntRange(1, 1_000_000), default=1000, show_default=True,
              help="How many invented cases.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same bundle, byte for byte.")
@click.option("--as-of", "as_of", metavar="DATE", help="The sweep's date (YYYY-MM-DD; default 2025-06-16), "
              "written as the meeting date so `maca check` judges by it.")
@click.option("--truth", "truth_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Where the ground truth goes (default: OUT.truth.json beside the bundle folder).")
@quiet_option
def generate(out: str, cases: int, seed: int, as_of: str | None, truth_path: str | None, quiet: bool) -> None:
    """Write a sweep bundle of invented cases into OUT (a new folder), risk patterns planted at known rates.

    The ground truth lists, per rule it speaks for, the cases where it must fire and where it must not.
    Everything is invented: no real people, places or records.
    """
    from checker.generate import generate_bundle
    from checker.generate.sweep import DEFAULT_AS_OF

    when = parse_as_of(as_of) or DEFAULT_AS_OF
    folder = Path(out)
    try:
        with Progress(cases, verb="made", quiet=quiet) as bar:
            truth = generate_bundle(folder, cases=cases, seed=seed, as_of=when, progress=bar.update)
    except FileExistsError as exc:
        raise click.ClickException(str(exc)) from exc
    target = Path(truth_path) if truth_path else folder.with_name(folder.name + ".truth.json")
    write_private(target, json.dumps(truth.to_json(), indent=1) + "\n")
    fired = ", ".join(f"{rule} {len(ids)}" for rule, ids in truth.must_fire.items())
    click.echo(f"{cases} cases, {truth.rows} chronology rows written to {folder}; ground truth in {target}")
    click.echo(f"Planted (must fire): {fired}")

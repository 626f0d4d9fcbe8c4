"""What every command shares: failing with a message, loading a bundle, printing its problems and counts."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn, TextIO

import click

from checker.cli.outpaths import write_text
from checker.cli.report import echo_wrapped
from checker.intake.bundle import LoadedBundle, load_bundle
from checker.model.errors import CheckerError
from checker.model.wording import count

__all__ = ["_fail", "_load", "_out", "_write_json", "_print_problems", "_print_problem_summary", "_print_counts"]


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _load(path: str, quiet: bool = True, workers: int | None = None) -> LoadedBundle:
    """Load the bundle, or fail with the reason; unless `quiet`, files read of the listed files on a terminal.
    `workers`: processes reading a large bundle's chronologies (`load_bundle`; default every core)."""
    from checker.check.progress import Progress

    try:
        with Progress(0, unit="files", verb="read", quiet=quiet) as bar:
            bundle = load_bundle(path, progress=bar.update, workers=workers)
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


def cases_words(cases: list[str], limit: int = 20) -> str:
    """At most `limit` cases by id, then how many more: a sweep's 185 cases do not fill the screen.

    >>> cases_words([f"case-{i}" for i in range(1, 24)], limit=2)
    'case-1, case-2 and 21 more cases'
    """
    shown = ", ".join(cases[:limit])
    return shown if len(cases) <= limit else f"{shown} and {count(len(cases) - limit, 'more case')}"


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
        echo_wrapped(f"{count(len(items), 'warning')}: {first.message.split(';')[0]} (the first in {where}; "
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

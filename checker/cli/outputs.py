"""`maca check`'s options for the registered outputs (`checker.outputs.registry`): one option each, its
path checked before any work, the file written after the check from the typed result.

A binary output (an Excel workbook) is refused for '-' (stdout), as a usage error:

    Error: --xlsx: the flags workbook cannot be written to the terminal ('-'); give a file name, e.g. flags.xlsx.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from checker.cli.outpaths import require_writable
from checker.outputs.registry import OUTPUTS, write_output
from checker.outputs.result import Output

if TYPE_CHECKING:
    from checker.check import CheckResult

__all__ = ["output_options", "require_outputs", "write_outputs", "param_name"]

F = TypeVar("F", bound=Callable[..., Any])


def param_name(output: Output) -> str:
    """The keyword the command receives the output's path under."""
    return output.name.replace("-", "_") + "_path"


def output_options(command: F) -> F:
    """One `FILE` option per registered output, in registry order."""
    for output in reversed(OUTPUTS):
        command = click.option(output.option, param_name(output), metavar="FILE", type=click.Path(dir_okay=False),
                               help=output.help)(command)
    return command


def require_outputs(paths: dict[str, str | None]) -> list[tuple[Output, str]]:
    """The outputs asked for, with their paths, each checked writable now (exit 2 otherwise)."""
    wanted = []
    for output in OUTPUTS:
        path = paths.get(param_name(output))
        if path is None:
            continue
        if path == "-" and output.binary:
            click.echo(f"Error: {output.option}: the {output.label[0].lower() + output.label[1:]} cannot be written to "
                       f"the terminal ('-'); give a file name, e.g. {output.name.rsplit('-', 1)[0]}{output.suffix}.",
                       err=True)
            sys.exit(2)
        require_writable(path, output.option, suffix=output.suffix if output.binary else None)
        wanted.append((output, path))
    return wanted


def write_outputs(wanted: list[tuple[Output, str]], result: CheckResult, out: TextIO) -> None:
    """Write each output asked for ('-': a CSV to stdout), saying where."""
    for output, path in wanted:
        try:
            write_output(output, sys.stdout if path == "-" else path, result)
        except OSError as exc:
            click.echo(f"Error: {output.option}: could not write '{path}' ({exc.strerror or type(exc).__name__}).",
                       err=True)
            sys.exit(1)
        if path != "-":
            click.echo(f"{output.label} written to {path}", file=out)

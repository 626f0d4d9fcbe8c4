"""`maca show`: one flag in full, with every evidence row."""

from __future__ import annotations

import sys

import click

from checker.cli.options import parse_as_of
from checker.cli.shell import _fail, _load
from checker.model.errors import RuleError

__all__ = ["show", "flag_key"]


def flag_key(typed: str) -> str:
    """A flag id as typed, in the form `maca check` prints: any case, with or without the `f-`.

    >>> flag_key(" F-1A2B3C4D5E6F7A8B "), flag_key("1a2b3c4d5e6f7a8b")
    ('f-1a2b3c4d5e6f7a8b', 'f-1a2b3c4d5e6f7a8b')
    """
    key = typed.strip().lower()
    return key if key.startswith("f-") else f"f-{key}"


@click.command()
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("flag_id")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; "
              "default: the meeting date in audit.yaml, else today).")
def show(bundle: str, flag_id: str, as_of: str | None) -> None:
    """Show one flag of BUNDLE in full: what was found, the recommended action and every evidence row.
    FLAG_ID is printed under each flag by `maca check` (e.g. f-1a2b3c4d5e6f7a8b; any case, the f- optional)."""
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
    flag = next((f for f in result.flags if f["id"] == flag_key(flag_id)), None)
    if flag is None:
        _fail(f"no flag '{flag_id}' in this check of {bundle}; `maca check {bundle}` lists each flag's id", code=2)
    print_flag(flag, result, sys.stdout)

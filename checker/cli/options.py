"""Options the `maca` commands share."""

from __future__ import annotations

import datetime as dt

import click

from checker.model.dates import IMPLAUSIBLE, DateError, parse_day, plausible

__all__ = ["parse_as_of", "use_overrides", "OVERRIDES_HELP"]


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of`: a day as people write it (26/03/2019, 26 Mar 2019, 2019-03-26) or 'today'; None leaves the
    default (the meeting date, else today)."""
    if value is None:
        return None
    if value.strip().lower() == "today":
        return dt.date.today()
    try:
        day = parse_day(value)
    except (DateError, ValueError, OverflowError) as exc:
        if str(exc).startswith(IMPLAUSIBLE):
            raise click.BadParameter(f"'{value}': {exc}", param_hint="--as-of") from None
        raise click.BadParameter(f"'{value}' is not a date; write it day first, e.g. 26/03/2019 or 26 Mar 2019 "
                                 "(or 'today')", param_hint="--as-of") from None
    try:
        return plausible(day)
    except DateError as exc:
        raise click.BadParameter(f"'{value}': {exc}", param_hint="--as-of") from None


OVERRIDES_HELP = ("Folder of the partnership's overrides, one YAML file per rule (file name = rule id) with "
                  "'parameter: value' lines, used for every audit unless its audit.yaml sets the parameter "
                  "(default: $MACA_OVERRIDES).")


def use_overrides(folder: str | None) -> str | None:
    """`--overrides DIR`: check the folder's overrides now (a problem is a usage error naming the file, the
    parameter and the value) and put it in $MACA_OVERRIDES for the check; returns its resolved path."""
    import os
    from pathlib import Path

    from checker.engine.catalogue import load_catalogue
    from checker.engine.overlay import ENV_OVERRIDES, load_overlay
    from checker.model.errors import RuleError

    folder = folder or os.environ.get(ENV_OVERRIDES) or None
    if folder is None:
        return None
    try:
        load_overlay(folder, load_catalogue())
    except RuleError as exc:
        raise click.BadParameter(str(exc), param_hint="--overrides") from None
    resolved = str(Path(folder).resolve())
    os.environ[ENV_OVERRIDES] = resolved
    return resolved

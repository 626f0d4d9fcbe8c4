"""Options the `maca` commands share."""

from __future__ import annotations

import datetime as dt

import click

from checker.model.dates import IMPLAUSIBLE, DateError, parse_day, plausible

__all__ = ["parse_as_of"]


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

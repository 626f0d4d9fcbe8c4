"""Options the `maca` commands share."""

from __future__ import annotations

import datetime as dt

import click

from checker.model.dates import DateError, plausible

__all__ = ["parse_as_of"]


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of`: an ISO date or 'today'; None leaves the default (the meeting date, else today)."""
    if value is None:
        return None
    if value.lower() == "today":
        return dt.date.today()
    try:
        return plausible(dt.date.fromisoformat(value))
    except DateError as exc:
        raise click.BadParameter(f"'{value}': {exc}", param_hint="--as-of") from None
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD or 'today'", param_hint="--as-of") from None

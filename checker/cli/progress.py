"""`--quiet`: no progress line (checker.check.progress) while `check`, `validate`, `referrals` or `generate` runs."""

from __future__ import annotations

import click

from checker.check.progress import Progress

__all__ = ["Progress", "quiet_option"]

quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress line while the work runs (it is "
                            "shown only on a terminal in any case).")

"""The check behind the dashboard's pages, with a progress bar while a large bundle is checked.

A bundle of `PROGRESS_CASES` cases or more is checked partition by partition in this process (the same result,
byte for byte, as one pass: tests/scale/test_partition.py), and a bar under the spinner shows cases checked of
the total, the rate and the time left after each partition. Smaller bundles take a few seconds and are checked
in one pass, as is any check with no page to draw on (the warm-up thread of `maca dashboard`).
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from checker.check import CheckResult, run_check
from checker.check.executors import LocalExecutor
from checker.check.partition import MAX_PARTITION_CASES, run_partitioned
from checker.check.progress import progress_line
from checker.intake.bundle import LoadedBundle

__all__ = ["PROGRESS_CASES", "check_with_progress"]

PROGRESS_CASES = MAX_PARTITION_CASES
"""From this many cases the check shows a progress bar (one step a partition)."""


def check_with_progress(bundle: LoadedBundle, as_of: dt.date | None) -> CheckResult:
    """Run the check; from `PROGRESS_CASES` cases, with a progress bar on the page being drawn.

    Called inside a cached function: Streamlit replays the bar's messages on a cache hit, and the last of
    them empties it, so a cached result shows no bar."""
    cases = len(bundle.manifest.cases) if bundle.manifest else 0
    if cases < PROGRESS_CASES or get_script_run_ctx() is None:
        return run_check(bundle, as_of=as_of)
    bar = st.progress(0.0, text=progress_line(0, cases, "cases", "checked", 0.0))
    started = time.monotonic()

    def show(done: int) -> None:
        bar.progress(min(done / cases, 1.0), text=progress_line(done, cases, "cases", "checked",
                                                                time.monotonic() - started))

    try:
        with LocalExecutor(1) as executor:
            return run_partitioned(bundle, as_of=as_of, executor=executor, progress=show)
    finally:
        bar.empty()

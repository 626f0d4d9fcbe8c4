"""`maca check` at any size: pick the executor, stream flags and outcomes as JSON lines, keep the counts.

The JSON-lines file has one object a line, written as each partition is checked (in partition order, so
the file is the same for any number of workers): `{"type": "flag", ...}` for each flag (each partition's
flags in flag order), `{"type": "outcome", ...}` for each rule outcome, and last `{"type": "summary", ...}`
with the counts. A reader can act on the first flags while the rest of the sweep is still running.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from checker.check import CheckResult
from checker.check.executors import make_executor
from checker.check.partition import PartResult, run_partitioned
from checker.intake.bundle import LoadedBundle

__all__ = ["check_bundle", "JsonLines"]


class JsonLines:
    """Writes a partition's flags and outcomes as lines the moment it is reduced."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def __call__(self, part: PartResult) -> None:
        write = self.handle.write
        for flag in part.flags:
            write(_line({"type": "flag", **flag}))
        for outcome in part.outcomes:
            write(_line({"type": "outcome", **outcome.to_dict()}))
        self.handle.flush()

    def finish(self, result: CheckResult) -> None:
        self.handle.write(_line({"type": "summary", "as_of": result.as_of.isoformat(), "ruleset": result.ruleset,
                                 **result.summary()}))
        self.handle.flush()


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str) + "\n"


def check_bundle(
    bundle: LoadedBundle,
    *,
    as_of: dt.date | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    jsonl: str | Path | None = None,
    keep: bool = True,
) -> CheckResult:
    """Check on local workers or a Dask cluster; with `jsonl`, stream each partition's results to it
    ('-' for stdout). `keep=False` keeps only the counts, not every flag (for a sweep streamed to a file)."""
    cases = len(bundle.manifest.cases) if bundle.manifest else 0
    with ExitStack() as stack:
        executor = make_executor(workers, scheduler, cases)
        stack.callback(executor.close)
        sink = None
        if jsonl is not None:
            handle = sys.stdout if str(jsonl) == "-" else stack.enter_context(
                Path(jsonl).open("w", encoding="utf-8", newline="\n"))
            sink = JsonLines(handle)
        result = run_partitioned(bundle, as_of=as_of, executor=executor, keep=keep, on_part=sink)
        if sink is not None:
            sink.finish(result)
    return result

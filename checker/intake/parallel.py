"""A bundle's chronology files read on every core: one file per worker process, above a size threshold.

    loads = load_chronologies(jobs, manifest, lookups, today=today, workers=2, done=on_done)
    loads[i]     # the ChronologyLoad of jobs[i], exactly what `load_chronology` gives in this process

Each file is read, validated and loaded by `load_chronology` itself, in a spawned worker (never forked: the
caller may be a process in which durable-rules has started), largest file first so the cores finish together;
the results come back in the order the files are listed, so problems, counts and the frame are the same as a
load in one process, whatever order the workers finish in. A worker is given the bytes of its file and a small
copy of what the load reads from the manifest (its columns, audit period, agencies and the first ten cases the
hints name), with the case and agency look-ups pickled once for all files.

Below `PARALLEL_BYTES` of chronology (the usual audit of a few cases and a dozen files), or with one worker,
every file is read in this process: starting a worker costs about a second of CPU, more than it saves.
A worker that dies (killed, out of memory) stops nothing: its file, and any other the pool had not returned, is
read again in this process, and a warning names the file (`load-worker-stopped`).
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import datetime as dt
import gc
import itertools
import multiprocessing
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checker.intake.chronology import ChronologyLoad, Lookups, load_chronology
from checker.model.audit import ChronologySource, Manifest
from checker.model.cores import default_workers
from checker.model.problems import Problem

__all__ = ["Job", "PARALLEL_BYTES", "Pool", "load_chronologies", "parallel_workers", "warm_pool"]

PARALLEL_BYTES = 32 * 2**20
"""Chronology bytes (all listed files together) from which files are read in worker processes: about 6,000
generated cases. A worker's start costs about a second of CPU (a Python with pandas), and the workers together
spend more CPU than one process would (at 10,000 cases 10 s against 6 s, measured on a loaded machine), so below
this a load in one process (about 0.11 s of CPU a MB) is as quick, and a small audit is not slowed."""

_HINT_CASES = 10  # the case-blank and case-unknown hints name the manifest's first ten cases


@dataclass(frozen=True, slots=True)
class Job:
    """One chronology file to load: its bundle name, its entry in audit.yaml and its bytes."""

    name: str
    source: ChronologySource
    data: bytes


def parallel_workers(total_bytes: int, workers: int | None, files: int) -> int:
    """How many worker processes read `files` chronology files of `total_bytes` together: 1 (this process) below
    `PARALLEL_BYTES` or for a single file; else `workers` (default: every core), at most one per file."""
    if files < 2 or total_bytes < PARALLEL_BYTES:
        return 1
    return max(1, min(workers or default_workers(), files))


def _ready() -> None:
    """A worker's first task: nothing, so that it has started (and imported the loader) before work arrives."""


class Pool:
    """Spawned worker processes for loading, started early so their start-up overlaps reading audit.yaml."""

    def __init__(self, workers: int) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.workers = workers
        self.executor = concurrent.futures.ProcessPoolExecutor(workers, mp_context=spawn)
        for _ in range(workers):
            self.executor.submit(_ready)

    def close(self, wait: bool = True) -> None:
        """Stop the workers (`wait=False`: without waiting for a worker still starting up)."""
        self.executor.shutdown(wait=wait, cancel_futures=True)


def warm_pool(sizes: list[int], workers: int | None) -> Pool | None:
    """A pool started now when the bundle's files but audit.yaml (their `sizes`) are big enough that its
    chronologies may be; else None."""
    count = parallel_workers(sum(sizes), workers, files=len(sizes))
    return Pool(count) if count > 1 else None


# --- in the worker --------------------------------------------------------------------------------------

_context: dict[str, Any] = {}


def _load_in_worker(job: Job, context: bytes, key: int) -> ChronologyLoad:
    """Load one file in a worker; the manifest's part and the look-ups are unpickled once per worker."""
    if _context.get("key") != key:
        manifest, lookups, today = pickle.loads(context)
        _context.update(key=key, manifest=manifest, lookups=lookups, today=today)
    gc.disable()  # as in `load_bundle`: loading makes millions of lists and no cycles
    try:
        return load_chronology(job.data, job.source, _context["manifest"], file_label=job.name,
                               today=_context["today"], lookups=_context["lookups"])
    finally:
        gc.enable()


_LOAD = _load_in_worker  # what each worker runs (a test swaps in one that dies)
_keys = itertools.count(1)  # tells a worker that the manifest has changed (a pool serves one load)


# --- in this process ------------------------------------------------------------------------------------


def _slim(manifest: Manifest) -> Manifest:
    """What `load_chronology` reads from the manifest: columns, audit period, agencies, the first cases (hints)."""
    return manifest.model_copy(update={"cases": manifest.cases[:_HINT_CASES], "intake": []})


def load_chronologies(
    jobs: list[Job], manifest: Manifest, lookups: Lookups, *, today: dt.date, workers: int = 1,
    pool: Pool | None = None, done: Callable[[int, ChronologyLoad], None] | None = None,
) -> list[ChronologyLoad]:
    """Load every job's file, in worker processes when `workers` > 1 (on `pool` if given); results in job order.
    `done(i, load)` is called as each file is loaded (in the order they finish)."""
    results: list[ChronologyLoad | None] = [None] * len(jobs)

    def finish(i: int, load: ChronologyLoad) -> None:
        results[i] = load
        if done is not None:
            done(i, load)

    stopped = _in_workers(jobs, manifest, lookups, today, workers, pool, finish) if workers > 1 and len(jobs) > 1 else {}
    for i, job in enumerate(jobs):  # every file (one process), or those a stopped worker did not return
        if results[i] is None:
            load = load_chronology(job.data, job.source, manifest, file_label=job.name, today=today, lookups=lookups)
            if i in stopped:
                load.problems.insert(0, _stopped(job.name, stopped[i]))
            finish(i, load)
    return [r for r in results if r is not None]


def _in_workers(jobs: list[Job], manifest: Manifest, lookups: Lookups, today: dt.date, workers: int,
                pool: Pool | None, finish: Callable[[int, ChronologyLoad], None]) -> dict[int, str]:
    """Load the jobs on the pool; {job: why} for those whose worker stopped (to be read again in this process)."""
    own = pool is None
    pool = pool or Pool(workers)
    context = pickle.dumps((_slim(manifest), lookups, today), protocol=pickle.HIGHEST_PROTOCOL)
    key = next(_keys)
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].data))  # largest first: the cores end together
    stopped: dict[int, str] = {}
    try:
        futures = {pool.executor.submit(_LOAD, jobs[i], context, key): i for i in order}
        for future in concurrent.futures.as_completed(futures):
            try:
                load = future.result()
            except concurrent.futures.process.BrokenProcessPool as exc:
                stopped[futures[future]] = str(exc) or type(exc).__name__
                continue
            finish(futures[future], load)
    except concurrent.futures.process.BrokenProcessPool as exc:  # broken before every file was sent
        stopped.update({i: str(exc) or type(exc).__name__ for i in order if i not in stopped})
    finally:
        if own:
            pool.close()
    return stopped


def _stopped(name: str, reason: str) -> Problem:
    return Problem(
        "warning",
        name,
        f"the worker process reading this file stopped unexpectedly ({reason}); the file was read again in the "
        "main process, and loaded as usual",
        hint="Nothing to do for this file; if it happens again, the machine may be short of memory.",
        code="load-worker-stopped",
    )

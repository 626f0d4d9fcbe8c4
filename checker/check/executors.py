"""Where partitions are checked: this process, worker processes on this machine, or a Dask cluster.

An executor maps a module-level function over partitions and yields the results in partition order, as
they are ready. Worker processes are started with `spawn`, never `fork`: forking a process in which
durable-rules has started is unsafe (its state is process-global C). Each worker has its own engine.

    with LocalExecutor(workers=4) as ex:       # every core: LocalExecutor()
        results = list(ex.map(check_partition, parts))
    with DaskExecutor("tcp://scheduler:8786") as ex:   # an existing cluster (pip install 'maca-checker[scale]')
        ...
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from checker.model.cores import default_workers
from checker.model.errors import CheckerError

__all__ = ["Executor", "LocalExecutor", "DaskExecutor", "default_workers", "make_executor", "SMALL_BUNDLE"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class _Closing:
    def close(self) -> None:
        """Release the workers (nothing to do by default)."""

    def __enter__(self: Any) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(_Closing):
    """`workers` processes on this machine (spawned); one worker runs in this process, nothing started.
    `recycle`: replace each worker process after that many partitions (bounds what a long run can pile up)."""

    def __init__(self, workers: int | None = None, *, recycle: int | None = None) -> None:
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        self.recycle = recycle  # a worker is replaced after this many partitions (None: never)
        self._pool: Any = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            yield from map(fn, items)
            return
        if self._pool is None:
            spawn = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=spawn,
                                                                max_tasks_per_child=self.recycle)
        window = 2 * self.workers  # partitions in flight: the rest wait unpickled, so memory stays bounded
        pending: list[concurrent.futures.Future[R]] = []
        try:
            for item in items:
                pending.append(self._pool.submit(fn, item))
                if len(pending) >= window:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()
        except concurrent.futures.process.BrokenProcessPool as exc:
            raise CheckerError(f"a worker process stopped unexpectedly ({exc}); try --workers 1") from exc
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor(_Closing):
    """Partitions as tasks on a Dask distributed cluster: a scheduler address, or a `distributed.Client`."""

    def __init__(self, scheduler: Any) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise CheckerError(
                "--scheduler needs Dask distributed: pip install 'maca-checker[scale]'"
            ) from exc
        self._own = isinstance(scheduler, str)
        try:
            self.client = Client(scheduler, timeout="20s") if self._own else scheduler
        except OSError as exc:
            raise CheckerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        window = 2 * self.workers  # partitions in flight: enough to keep the cluster busy, bounded memory
        pending: list[Any] = []
        for item in items:
            pending.append(self.client.submit(fn, item, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()

    def close(self) -> None:
        if self._own:
            self.client.close()


SMALL_BUNDLE = 300
"""Below this many cases a check runs in this process: starting workers costs more than it saves."""


def make_executor(workers: int | None = None, scheduler: str | None = None, cases: int = 0,
                  recycle: int | None = None) -> Executor:
    """The executor `maca check` uses: the Dask cluster at `scheduler`, else `workers` local processes
    (default: every core; this process alone for a bundle under `SMALL_BUNDLE` cases), each replaced after
    `recycle` partitions if given."""
    if scheduler:
        return DaskExecutor(scheduler)
    if workers is None:
        workers = 1 if cases < SMALL_BUNDLE else default_workers()
    return LocalExecutor(workers, recycle=recycle)

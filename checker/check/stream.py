"""`maca check` at any size: pick the executor, stream flags and outcomes to the files, keep the counts.

The JSON-lines file has one object a line, written as each partition is checked (in partition order, so
the file is the same for any number of workers): `{"type": "flag", ...}` for each flag (each partition's
flags in flag order), `{"type": "outcome", ...}` for each rule outcome, and last `{"type": "summary", ...}`
with the counts. A reader can act on the first flags while the rest of the sweep is still running.

The JSON file is the whole result, byte for byte what `CheckResult.dumps()` gives, but a big sweep's is
never held as one string, nor its flags as objects: the workers render their flags and outcomes as text,
this process spills the text to a private temporary file as partitions arrive (keeping a few numbers per
partition), and at the end writes the document, merging the partitions' flags into flag order.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from checker.check import CheckResult
from checker.check.executors import make_executor
from checker.check.jsonout import dumps_at, write_document
from checker.check.partition import PartResult, run_partitioned
from checker.intake.bundle import LoadedBundle
from checker.model.private import open_private

__all__ = ["check_bundle", "JsonLines", "JsonSpill", "write_result", "STREAM_CASES"]

STREAM_CASES = 1000
"""From this many cases `maca check --json` streams: the flags go to the file, not to the terminal."""


class JsonLines:
    """Writes a partition's flags and outcomes as lines the moment it is reduced."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def __call__(self, part: PartResult) -> None:
        if part.jsonl:  # rendered in the worker
            self.handle.write(part.jsonl)
        else:
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


class JsonSpill:
    """Partitions' rendered flags and outcomes, spilled to a private temporary file as they arrive.

    Each partition's flags are in flag order already, so the whole list is a merge of the partitions'
    runs; each rule's outcomes are in case order and partitions hold consecutive cases, so a rule's
    outcomes are its chunks in partition order. Only offsets stay in memory.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(); created 0600 and unlinked: private, gone when closed
        self._runs: list[tuple[int, int]] = []  # per partition: offset of its first flag record, flag count
        self._outcomes: dict[str, list[tuple[int, int]]] = {}  # rule -> (offset, length) per partition

    def __call__(self, part: PartResult) -> None:
        out = self._file
        self._runs.append((out.tell(), len(part.flag_texts)))
        chunks = []
        for key, text in zip(part.flag_keys, part.flag_texts, strict=True):
            key_bytes, text_bytes = json.dumps(key, ensure_ascii=False).encode(), text.encode()
            chunks += [b"%d %d\n" % (len(key_bytes), len(text_bytes)), key_bytes, text_bytes]
        out.write(b"".join(chunks))
        for rule, text in part.outcome_texts.items():
            data = text.encode()
            self._outcomes.setdefault(rule, []).append((out.tell(), len(data)))
            out.write(data)

    def _run(self, offset: int, n: int) -> Iterator[tuple[tuple[Any, ...], str]]:
        reader = _Reader(self._file, offset)  # reads at its own offset: runs are read side by side
        for _ in range(n):
            sizes = reader.line().split()
            key = json.loads(reader.take(int(sizes[0])))
            yield tuple(key), reader.take(int(sizes[1])).decode()

    def flags(self) -> Iterator[str]:
        """Every flag's text, in flag order."""
        self._file.flush()
        runs = [self._run(offset, n) for offset, n in self._runs if n]
        for _, text in heapq.merge(*runs, key=lambda item: item[0]):
            yield text

    def outcomes(self) -> Iterator[str]:
        """Every outcome's text, rule by rule in case order (chunks of several)."""
        self._file.flush()
        for rule in sorted(self._outcomes):
            for offset, length in self._outcomes[rule]:
                self._file.seek(offset)
                yield self._file.read(length).decode()
        self._file.seek(0, 2)

    def close(self) -> None:
        self._file.close()


class _Reader:
    """Buffered reading of one run of the spill file at its own offset: each block is read after a seek to
    where this run is up to, so runs read side by side share the file (portable: no os.pread)."""

    _BLOCK = 1 << 16

    def __init__(self, file: IO[bytes], offset: int) -> None:
        self._file, self._end = file, offset
        self._buf, self._at = b"", 0

    def _fill(self, need: int) -> None:
        rest = self._buf[self._at:]
        self._file.seek(self._end)
        more = self._file.read(max(self._BLOCK, need - len(rest)))
        if not more:
            raise EOFError("the spilled results ended early")
        self._buf, self._at, self._end = rest + more, 0, self._end + len(more)

    def take(self, n: int) -> bytes:
        while len(self._buf) - self._at < n:
            self._fill(n)
        out = self._buf[self._at:self._at + n]
        self._at += n
        return out

    def line(self) -> bytes:
        while (end := self._buf.find(b"\n", self._at)) < 0:
            self._fill(0)
        out = self._buf[self._at:end]
        self._at = end + 1
        return out


def write_result(handle: IO[str], result: CheckResult, spill: JsonSpill | None = None) -> None:
    """The result's JSON (what `dumps()` gives), written key by key; with `spill`, its flags and outcomes
    come from the spilled text (`result.partial`), else from `result`."""
    doc = result.to_json()
    if spill is not None:
        doc["flags"], doc["rules"] = spill.flags, spill.outcomes
    else:
        flags, rules = doc["flags"], doc["rules"]
        doc["flags"] = lambda: (dumps_at(flag, 2) for flag in flags)
        doc["rules"] = lambda: (dumps_at(rule, 2) for rule in rules)
    write_document(handle, doc.items())


def check_bundle(
    bundle: LoadedBundle,
    *,
    as_of: dt.date | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    jsonl: str | Path | None = None,
    json_path: str | Path | None = None,
    keep: bool = True,
    recycle: int | None = None,
    chronology: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check on local workers or a Dask cluster; with `jsonl`, stream each partition's results to it, and
    with `json_path` write the whole result ('-' for stdout, either). `keep=False` keeps only the counts
    and the flags the act-today block reads, not every flag (`result.partial`, for a sweep streamed to files).
    `chronology=False`: the classified rows are not kept (no output asked for reads them; `result.chronology`
    is None, as its type allows), so a sweep holds no more than its flags. `progress`: cases checked so far.
    """
    cases = len(bundle.manifest.cases) if bundle.manifest else 0
    render = frozenset(({"jsonl"} if jsonl is not None else set()) | ({"json"} if json_path and not keep else set()))
    with ExitStack() as stack:
        executor = make_executor(workers, scheduler, cases, recycle)
        stack.callback(executor.close)
        sinks: list[Any] = []
        lines = spill = None
        if jsonl is not None:
            lines = JsonLines(_open(stack, jsonl))
            sinks.append(lines)
        if "json" in render:
            spill = JsonSpill()
            stack.callback(spill.close)
            sinks.append(spill)

        def on_part(part: PartResult) -> None:
            for sink in sinks:
                sink(part)

        result = run_partitioned(bundle, as_of=as_of, executor=executor, keep=keep, chronology=chronology,
                                 on_part=on_part if sinks else None,
                                 render=render, progress=progress)
        if lines is not None:
            lines.finish(result)
        if json_path is not None:
            started = time.perf_counter()
            with ExitStack() as out:
                write_result(_open(out, json_path), result, spill if result.partial else None)
            result.stage_seconds["main_write"] = time.perf_counter() - started
    return result


def _open(stack: ExitStack, path: str | Path) -> IO[str]:
    if str(path) == "-":
        return sys.stdout
    return stack.enter_context(open_private(path, "w", encoding="utf-8", newline="\n"))

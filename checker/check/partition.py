"""The check in partitions of whole cases, on every core or a cluster, reduced to the one result.

Cases are independent: each partition carries its cases' slice of the manifest and of the chronology (and
their returns), is classified and checked by its own engine in a worker, and comes back as flags, outcomes,
worklist entries and counts. The reduce runs once: flags in flag order, outcomes rule by rule in case order,
the worklist in worklist order, the counts added up, quality (which scores an agency across all its cases)
on the whole. The result is the same, byte for byte, for any number of workers or partitions.

    result = run_partitioned(bundle, executor=LocalExecutor(workers=2))
    result.dumps() == run_check(bundle).dumps()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.check import (
    CheckResult,
    check_overrides,
    check_risk,
    count_results,
    default_as_of,
    finish,
    prepare,
    with_partnership,
)
from checker.check.executors import Executor, LocalExecutor
from checker.check.jsonout import ITEM_INDENT, dumps_at
from checker.check.render import json_line, outcome_item, outcome_line
from checker.engine.catalogue import Catalogue, load_catalogue
from checker.engine.run import Outcome, flag_order
from checker.intake.bundle import LoadedBundle
from checker.intake.packed import Packed, pack, unpack
from checker.model.audit import AuditReturn, Manifest
from checker.model.frame import in_row_order
from checker.outputs.referrals import Referral
from checker.outputs.result import FlagsView, skipped_by_reason

__all__ = ["Partition", "PartResult", "split", "check_partition", "run_partitioned", "MAX_PARTITION_CASES"]

MAX_PARTITION_CASES = 1000
"""A partition holds at most this many cases, so a worker holds one slice of a big sweep at a time."""


@dataclass(frozen=True, slots=True)
class Partition:
    """What one worker is given: its cases' manifest and chronology rows, and what to judge them by.
    Sent to a worker, its rows travel packed (`checker.intake.packed`: text in Arrow columns, not millions of
    pickled Python strings) and are rebuilt there into exactly this frame."""

    index: int
    manifest: Manifest
    chronology: pd.DataFrame
    returns: tuple[AuditReturn, ...]
    as_of: dt.date
    catalogue: Catalogue
    keep_frame: bool = False  # send the classified rows back (the result's chronology)
    render: frozenset[str] = frozenset()  # "json" / "jsonl": render this partition's flags and outcomes here
    keep: bool = True  # send back every flag and outcome (False: only what the act-today block reads)

    def __reduce__(self) -> tuple[Any, ...]:
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "chronology"}
        return _unpacked, (Partition, fields, "chronology", pack(self.chronology))


def _unpacked(cls: Any, fields: dict[str, Any], name: str, rows: Packed | None) -> Any:
    """A partition or a partition's result, sent to another process, with its frame unpacked again."""
    return cls(**fields, **{name: None if rows is None else unpack(rows)})


@dataclass(slots=True)
class PartResult:
    """A checked partition. With `render`, its flags and outcomes also come back as text, ready to write;
    without `keep`, `flags` holds only the flags the act-today block reads (without their evidence) and
    `outcomes` only the errored ones, `skipped` counts the rest by reason and rule, `counts` adds up all."""

    index: int
    cases: int
    flags: list[dict[str, Any]]
    outcomes: list[Outcome]
    refer_today: list[Referral]
    watch: list[Referral]
    ruleset: str
    frame: pd.DataFrame | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)
    flag_keys: list[tuple[Any, ...]] = field(default_factory=list)  # json: each flag's flag_order key
    flag_texts: list[str] = field(default_factory=list)  # json: each flag rendered, in flag order
    outcome_texts: dict[str, str] = field(default_factory=dict)  # json: rule -> its outcomes rendered, case order
    jsonl: str = ""  # jsonl: the partition's lines

    def __reduce__(self) -> tuple[Any, ...]:  # its classified rows, if sent back, travel packed too
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "frame"}
        return _unpacked, (PartResult, fields, "frame", None if self.frame is None else pack(self.frame))


def split(bundle: LoadedBundle, as_of: dt.date, catalogue: Catalogue, *, parts: int,
          keep_frame: bool = False, render: frozenset[str] = frozenset(), keep: bool = True) -> Iterator[Partition]:
    """Partitions of whole cases in case-id order, each with its own manifest and rows (grouped once)."""
    manifest = bundle.manifest
    if manifest is None:
        raise ValueError("the bundle has no readable manifest")
    cases = sorted(manifest.cases, key=lambda c: c.id)
    chronology = bundle.chronology
    known = {c.id for c in cases}
    positions = chronology.groupby("case", sort=False).indices if "case" in chronology.columns else {}
    stray = [p for case, rows in positions.items() if case not in known for p in rows]
    size = max(1, math.ceil(len(cases) / max(parts, 1)))
    returns_by_case: dict[str, list[AuditReturn]] = {}
    for r in bundle.returns:
        returns_by_case.setdefault(r.case, []).append(r)
    for index, start in enumerate(range(0, max(len(cases), 1), size)):
        chunk = cases[start:start + size]
        rows = [p for c in chunk for p in positions.get(c.id, ())]
        if index == 0:
            rows += stray  # rows of a case not in the manifest stay with the check, as in one process
        rows.sort()
        yield Partition(
            index=index,
            manifest=manifest.model_copy(update={"cases": chunk}),
            chronology=chronology.take(rows),
            returns=tuple(r for c in chunk for r in returns_by_case.get(c.id, ())),
            as_of=as_of,
            catalogue=catalogue,
            keep_frame=keep_frame,
            render=render,
            keep=keep,
        )


def check_partition(part: Partition) -> PartResult:
    """Classify and check one partition (runs in a worker: module-level, so it can be sent to one)."""
    t0, cpu = time.perf_counter(), time.process_time()
    gc.freeze()  # what is already here (the partition, modules, catalogue) lives on: collections skip it
    try:
        bundle = LoadedBundle(manifest=part.manifest, chronology=part.chronology.reset_index(drop=True),
                              returns=list(part.returns))
        frame = prepare(bundle)
        gc.freeze()  # and so does the classified frame, until the partition is done
        t1, cpu1 = time.perf_counter(), time.process_time()
        _, run, worklist = check_risk(bundle, part.as_of, part.catalogue, frame)
        t2, cpu2 = time.perf_counter(), time.process_time()
        result = PartResult(
            index=part.index, cases=len(part.manifest.cases), flags=run.flags, outcomes=run.outcomes,
            refer_today=worklist.refer_today, watch=worklist.watch, ruleset=run.ruleset,
            frame=frame if part.keep_frame else None, counts=count_results(run.flags, run.outcomes),
        )
        _render(result, part)
        cpu3 = time.process_time()
        result.seconds = {"classify": t1 - t0, "rules": t2 - t1, "cpu": cpu3 - cpu, "cpu_classify": cpu1 - cpu,
                          **{f"cpu_{stage}": spent for stage, spent in run.seconds.items()},
                          "cpu_referrals": cpu2 - cpu1 - sum(run.seconds.values()), "cpu_render": cpu3 - cpu2}
        return result
    finally:
        gc.unfreeze()


def _render(result: PartResult, part: Partition) -> None:
    """The partition's flags and outcomes as text (in the worker, so every core shares the rendering);
    without `keep`, only what the reduce and the act-today block read is sent back as objects."""
    if "jsonl" in part.render:
        lines = [json_line({"type": "flag", **flag}) for flag in result.flags]
        lines += [outcome_line(o) for o in result.outcomes]
        result.jsonl = "".join(line + "\n" for line in lines)
    if "json" in part.render:
        first = part.catalogue.surfacing_first()
        result.flag_keys = [flag_order(flag, first) for flag in result.flags]
        result.flag_texts = [dumps_at(flag, ITEM_INDENT) for flag in result.flags]
        by_rule: dict[str, list[str]] = {}
        for o in result.outcomes:
            by_rule.setdefault(o.rule, []).append(outcome_item(o))
        result.outcome_texts = {rule: ",\n    ".join(texts) for rule, texts in by_rule.items()}
    if not part.keep:
        _for_today(result, part.catalogue)


def _for_today(result: PartResult, catalogue: Catalogue) -> None:
    """Keep only what a streamed check keeps: the flags the act-today block reads, the errored outcomes,
    the skipped ones counted by reason."""
    wanted = catalogue.surfacing_first() | {catalogue.feeding("worklist").id}
    result.flags = [_brief(flag, flag["rule"] in wanted) for flag in result.flags
                    if flag["rule"] in wanted or flag["severity"] == "high"]
    skipped_by_reason(result.outcomes, into=result.skipped)
    result.outcomes = [o for o in result.outcomes if o.outcome == "errored"]


_BRIEF = ("id", "rule", "category", "case", "agency", "severity", "title")


def _brief(flag: dict[str, Any], acted_on: bool) -> dict[str, Any]:
    """A kept flag without its evidence; one the act-today block only counts (a high flag of another
    rule) keeps only who and what, not its message."""
    if acted_on:
        return {k: v for k, v in flag.items() if k != "evidence"}
    return {k: flag[k] for k in _BRIEF if k in flag}


def run_partitioned(
    bundle: LoadedBundle,
    *,
    as_of: dt.date | None = None,
    catalogue: Catalogue | None = None,
    executor: Executor | None = None,
    parts: int | None = None,
    keep: bool = True,
    on_part: Callable[[PartResult], None] | None = None,
    render: frozenset[str] = frozenset(),
    chronology: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check `bundle` partition by partition on `executor` (default: every core) and reduce to one result.

    `on_part` sees each partition's result as it arrives, in partition order (streamed output).
    `render` ("json", "jsonl") has the workers render their flags and outcomes as text for `on_part`.
    `keep=False` (streamed): only the counts and what the act-today block reads come back, so the result's
    `findings` is streamed and its `chronology` None. An audit with returns is always kept whole: its
    quality scores read every flag and the chronology. `chronology=False`: the workers do not send their
    classified rows back (a big sweep whose outputs do not read them): the result's `chronology` is None.
    `progress` is told how many cases are checked so far: 0 at the start, then after each partition.
    """
    if bundle.manifest is None:
        raise ValueError("the bundle has no readable manifest")
    catalogue = catalogue or load_catalogue()
    bundle = with_partnership(bundle, catalogue)
    assert bundle.manifest is not None
    as_of = as_of or default_as_of(bundle)
    executor = executor or LocalExecutor()
    keep = keep or bool(bundle.returns)  # quality reads every flag and the chronology
    n_parts = parts or max(executor.workers, math.ceil(len(bundle.manifest.cases) / MAX_PARTITION_CASES))
    check_overrides(bundle.manifest, catalogue)  # a bad parameter override fails here, before any worker starts
    flags: list[dict[str, Any]] = []
    outcomes: list[Outcome] = []
    refer_today: list[Referral] = []
    watch: list[Referral] = []
    frames: list[pd.DataFrame] = []
    counts = {"flags": 0, "by_severity": {}, "outcomes": {}}
    seconds: dict[str, float] = {}
    skipped: dict[str, dict[str, int]] = {}
    ruleset = ""
    whole_parts = keep or (on_part is not None and not render)  # on_part reads the flags as objects
    keep_rows = (keep and chronology) or bool(bundle.returns)
    parts_in = split(bundle, as_of, catalogue, parts=n_parts, keep_frame=keep_rows, render=render, keep=whole_parts)
    started = time.perf_counter()
    done = 0
    if progress is not None:
        progress(done)
    for part in executor.map(check_partition, parts_in):
        if on_part is not None:
            on_part(part)
        done += part.cases
        if progress is not None:
            progress(done)
        if whole_parts and not keep:
            _for_today(part, catalogue)
        _add_counts(counts, part)
        for stage, spent in part.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + spent
        ruleset = part.ruleset
        refer_today += part.refer_today
        watch += part.watch
        if part.frame is not None:
            frames.append(part.frame)
        flags += part.flags
        outcomes += part.outcomes
        for reason, rules in part.skipped.items():
            mine = skipped.setdefault(reason, {})
            for rule, n in rules.items():
                mine[rule] = mine.get(rule, 0) + n
    seconds["main_partitions"] = (reduced := time.perf_counter()) - started  # wall: dispatch to the last result
    first = catalogue.surfacing_first()
    flags.sort(key=lambda f: flag_order(f, first))
    outcomes.sort(key=lambda o: (o.rule, o.case))
    findings = FlagsView.complete(flags, outcomes) if keep else \
        FlagsView.streamed(counts=counts, skipped=skipped, errored=outcomes, for_today=flags)
    result = finish(bundle, as_of=as_of, catalogue=catalogue, ruleset=ruleset, findings=findings,
                    chronology=_whole_frame(frames) if keep_rows else None, refer_today=refer_today, watch=watch)
    result.stage_seconds = seconds
    seconds["main_reduce"] = time.perf_counter() - reduced
    return result


def _add_counts(counts: dict[str, Any], part: PartResult) -> None:
    mine = part.counts or count_results(part.flags, part.outcomes)
    counts["flags"] += mine["flags"]
    for key in ("by_severity", "outcomes"):
        for name, n in mine[key].items():
            counts[key][name] = counts[key].get(name, 0) + n


def _whole_frame(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The classified chronology, every partition's rows, in `prepare`'s order."""
    whole = pd.concat(frames, ignore_index=True)
    return in_row_order(whole)

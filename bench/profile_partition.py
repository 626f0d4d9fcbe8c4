"""Where a partition's worker CPU goes: one partition of a bundle checked as a worker checks it, first
unprofiled (CPU per stage, as `bench/scale.py` reports it), then under cProfile (the functions taking the
most time, cumulative, for classify and for the rest), for docs/performance.md where a target is missed.

    python bench/profile_partition.py /tmp/sweeps/sweep10000 --cases 1000 --top 25

The partition is the bundle's first `--cases` cases in case-id order, with its rows, rendered as
`maca check --jsonl` renders it and kept as the streamed check keeps it. A first, smaller partition warms
the process (the rules compiled, the text database read) so neither run counts start-up.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import pstats
import time
from pathlib import Path

from checker.check import default_as_of, with_partnership
from checker.check.partition import Partition, check_partition, split
from checker.engine.catalogue import load_catalogue
from checker.intake.bundle import load_bundle

_STAGES = ("classify", "derive", "engine", "report", "referrals", "render")


def first_partition(folder: Path, cases: int) -> tuple[Partition, Partition]:
    """The bundle's first partition of `cases` cases, and a 50-case one to warm up with."""
    catalogue = load_catalogue()
    bundle = with_partnership(load_bundle(folder), catalogue)
    assert bundle.manifest is not None, "the bundle's manifest did not load"
    as_of = default_as_of(bundle)
    total = len(bundle.manifest.cases)

    def part(size: int) -> Partition:
        parts = max(1, math.ceil(total / size))
        return next(split(bundle, as_of, catalogue, parts=parts, render=frozenset({"jsonl"}), keep=False))

    return part(cases), part(min(50, cases))


def _stats(profile: cProfile.Profile, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"checker|pyarrow|durable|hyperscan|pandas/core/(frame|series)", top)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start:] if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--cases", type=int, default=1000, help="Cases in the profiled partition (default 1000).")
    parser.add_argument("--top", type=int, default=25, help="Functions listed (default 25).")
    args = parser.parse_args()
    part, warm = first_partition(args.bundle, args.cases)
    check_partition(warm)
    rows = len(part.chronology)
    result = check_partition(part)
    s, n = result.seconds, result.cases
    print(f"partition: {n} cases, {rows:,} rows; worker CPU {1000 * s['cpu'] / n:.2f} ms a case, unprofiled: "
          + ", ".join(f"{stage} {1000 * s.get('cpu_' + stage, 0.0) / n:.2f}" for stage in _STAGES))
    profile = cProfile.Profile(time.process_time)  # CPU, not wall: a shared machine does not inflate it
    t0 = time.process_time()
    profile.enable()
    check_partition(part)
    profile.disable()
    print(f"\nprofiled: {time.process_time() - t0:.1f} s CPU (the profiler's own cost included; times are CPU); top {args.top} "
          f"by cumulative time:\n{_stats(profile, args.top)}")


if __name__ == "__main__":
    main()

"""Authority-scale benchmark: a generated sweep of N cases checked end to end on every core.

For each N: `maca generate` writes the bundle; `pandas.read_csv` reads the same chronologies as text (the
floor any check has to stand on); then the check runs as `maca check` does — load and validate, partitions
classified and checked in worker processes, the reduce — with wall time per stage, CPU seconds the workers
spent per stage, peak memory of this process and of the largest worker, and recall and precision of the
three rules the ground truth speaks for. Run by hand (not by the suite); figures go in docs/performance.md.

    python bench/scale.py --cases 1000 10000 --workers 2
    python bench/scale.py --cases 100000 --load-only      # generation, read_csv and load only
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from checker.check.executors import LocalExecutor, default_workers
from checker.check.partition import run_partitioned
from checker.generate import GroundTruth
from checker.intake.bundle import load_bundle


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _read_csv_seconds(folder: Path) -> float:
    t0 = time.perf_counter()
    for path in sorted((folder / "chronologies").glob("*.csv")):
        pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1252" if "housing" in path.name else "utf-8")
    return time.perf_counter() - t0


def _scores(result, truth: GroundTruth) -> str:
    fired: dict[str, set[str]] = {}
    for flag in result.flags:
        fired.setdefault(flag["rule"], set()).add(flag["case"])
    parts = []
    for rule, must in truth.must_fire.items():
        got = fired.get(rule, set())
        hits = len(got & set(must))
        recall = hits / len(must) if must else float("nan")
        precision = hits / len(got) if got else float("nan")
        parts.append(f"{rule}: recall {recall:.2f} ({hits}/{len(must)}), precision {precision:.2f} ({hits}/{len(got)})")
    return "; ".join(parts)


def run(n: int, workers: int, load_only: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="maca-scale-") as tmp:
        folder = Path(tmp) / "sweep"
        t0 = time.perf_counter()  # generated in a child process, so its memory is not counted as the check's
        truth_file = Path(tmp) / "truth.json"
        subprocess.run([sys.executable, "-m", "checker.cli.main", "generate", "--cases", str(n), "--seed", str(n),
                        "--truth", str(truth_file), str(folder)], check=True, stdout=subprocess.DEVNULL)
        truth = GroundTruth.read(truth_file)
        generated = time.perf_counter() - t0
        read = _read_csv_seconds(folder)
        t1 = time.perf_counter()
        bundle = load_bundle(folder)
        t2 = time.perf_counter()
        line = (f"{n:7d} cases {truth.rows:9d} rows | generate {generated:6.1f} s | read_csv {read:5.2f} s | "
                f"load {t2 - t1:6.1f} s")
        if load_only:
            print(f"{line} | peak RSS {_peak_mb(resource.RUSAGE_SELF):6.0f} MB", flush=True)
            return
        with LocalExecutor(workers) as executor:
            result = run_partitioned(bundle, executor=executor)
            t3 = time.perf_counter()
            text = result.dumps()
            t4 = time.perf_counter()
        total = t4 - t1
        cpu = result.stage_seconds
        print(
            f"{line} | check {t3 - t2:6.1f} s (in workers: classify {cpu.get('classify', 0):6.1f} s, rules "
            f"{cpu.get('rules', 0):6.1f} s; CPU {cpu.get('cpu', 0):6.1f} s) | JSON {t4 - t3:5.1f} s ({len(text) / 1e6:.0f} MB) | total {total:6.1f} s"
            f" | {1000 * total / n:5.1f} ms/case | check/read {total / read:5.0f}x | peak RSS main "
            f"{_peak_mb(resource.RUSAGE_SELF):6.0f} MB, largest child {_peak_mb(resource.RUSAGE_CHILDREN):6.0f} MB"
            f" | flags {result.summary()['flags']}",
            flush=True,
        )
        print(f"        {_scores(result, truth)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--load-only", action="store_true", help="Generate, read_csv and load; no check.")
    args = parser.parse_args()
    print(f"cores available: {default_workers()} (os.cpu_count {os.cpu_count()}); workers: {args.workers}", flush=True)
    for n in args.cases:
        run(n, args.workers, args.load_only)


if __name__ == "__main__":
    main()

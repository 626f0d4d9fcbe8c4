"""Authority-scale benchmark: a generated sweep of N cases checked end to end as `maca check` checks it.

For each N (or an existing bundle folder with `--bundle DIR --truth FILE`): `maca generate` writes the
bundle (in a child process, skipped with `--bundle`); `pandas.read_csv` reads the same chronologies as text
(in a child process, so its memory is not counted as the check's: the floor any check stands on); then the
check runs as `maca check BUNDLE --workers N --jsonl FILE` runs it — load and validate in this process,
partitions classified and checked in spawned worker processes, each worker rendering its flags and
outcomes, the lines streamed to the file, the reduce — and, with `--json`, as `--json FILE` runs it too
(flags spilled and merged, the document written piece by piece).

Reported: wall time end to end (load + check + output) and per stage (load, partitions, reduce, write);
worker CPU per stage summed over partitions (classify, derive, engine, report: evidence, messages and
outcomes, referrals, render: JSON text); peak memory of this process, of each worker (the largest, and the
sum of the workers' peaks), and the largest total of this process and its workers seen together (sampled
every 0.2 s); recall and precision of the rules the ground truth speaks for, read from the JSON-lines file.
Each size is checked in a child process of its own; after the last, a Markdown table of every size and each
of issue 26's targets against what was measured. `--keep DIR` keeps the generated sweeps (seed N for N cases)
and reuses them next time. Run by hand (not by the suite); figures go in docs/performance.md.

    python bench/scale.py --cases 1000 10000 100000 --workers 2 --keep /tmp/sweeps
    python bench/scale.py --bundle /tmp/sweep100k --truth /tmp/truth100k.json --workers 2
    python bench/scale.py --bundle /tmp/sweep100k --truth /tmp/truth100k.json --load-only
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from checker.check.executors import default_workers
from checker.check.stream import check_bundle
from checker.generate import GroundTruth
from checker.intake.bundle import load_bundle

_READ_CSV = """
import sys, time
from pathlib import Path
import pandas as pd
t0 = time.perf_counter()
for path in sorted(Path(sys.argv[1]).glob("chronologies/*.csv")):
    pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1252" if "housing" in path.name else "utf-8")
print(time.perf_counter() - t0)
"""


@dataclass(frozen=True)
class Figures:
    """One size's figures for the table: seconds (wall unless named CPU), MB."""

    cases: int
    rows: int
    read: float  # pandas.read_csv of the chronologies
    load: float
    check: float
    total: float
    cpu: float  # worker CPU, every stage
    classify: float  # worker CPU in classify
    main_mb: float  # peak RSS of the main process
    together_mb: float  # largest total of main and workers seen together (sampled)
    floor: float | None  # the text floor's CPU, None where not measured


def _status_mb(pid: int | str, field: str) -> float:
    """A /proc/PID/status memory field (VmRSS now, VmHWM the process's peak) in MB; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user + system), from /proc/PID/stat; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


class Memory(threading.Thread):
    """Samples this process and its worker processes: each worker's peak (VmHWM), and the peak together."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.workers: dict[int, float] = {}
        self.cpu: dict[int, float] = {}  # each child's CPU seconds (user + system) when last seen
        self.together = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.sample()

    def sample(self) -> None:
        now = _status_mb("self", "VmRSS")
        for pid in _children():
            self.workers[pid] = max(self.workers.get(pid, 0.0), _status_mb(pid, "VmHWM"))
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            now += _status_mb(pid, "VmRSS")
        self.together = max(self.together, now)

    def stop(self) -> None:
        self.sample()
        self._done.set()
        self.join()


def _scores(lines: Path, truth: GroundTruth) -> list[str]:
    """Per ground-truth rule: recall over must-fire cases, precision over the cases the truth labels."""
    fired: dict[str, set[str]] = {}
    with lines.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith('{"type": "flag"'):
                flag = json.loads(line)
                fired.setdefault(flag["rule"], set()).add(flag["case"])
    out = []
    for rule, must in truth.must_fire.items():
        got, must_set, must_not = fired.get(rule, set()), set(must), set(truth.must_not.get(rule, ()))
        hits, wrong = len(got & must_set), len(got & must_not)
        recall = hits / len(must_set) if must_set else float("nan")
        precision = hits / (hits + wrong) if hits + wrong else float("nan")
        out.append(f"{rule}: recall {recall:.3f} ({hits}/{len(must_set)}), precision {precision:.3f} "
                   f"({wrong} on must-not cases); fired on {len(got - must_set - must_not)} unlabelled cases")
    return out


def _read_csv_seconds(folder: Path) -> float:
    done = subprocess.run([sys.executable, "-c", _READ_CSV, str(folder)], check=True, capture_output=True, text=True)
    return float(done.stdout.strip())


def run(folder: Path, truth: GroundTruth, generated: float | None, args: argparse.Namespace) -> Figures | None:
    """Check one bundle as `maca check --jsonl` does, print its lines, and return its figures for the table."""
    n = truth.cases
    read = _read_csv_seconds(folder)
    memory = Memory()
    memory.start()
    t0, cpu0 = time.perf_counter(), time.process_time()
    bundle = load_bundle(folder, workers=args.workers)
    t1, cpu1 = time.perf_counter(), time.process_time()
    head = (f"{n:7d} cases {truth.rows:9d} rows | " + (f"generate {generated:6.1f} s | " if generated else "")
            + f"read_csv {read:5.2f} s | load {t1 - t0:6.1f} s (CPU {cpu1 - cpu0:6.1f} s)")
    if args.load_only:
        memory.stop()
        loaders = sorted(memory.workers.values(), reverse=True)  # the load's worker processes, if it used any
        print(f"{head} | peak RSS main {_peak_self():6.0f} MB | load workers {len(loaders)}, CPU "
              f"{sum(memory.cpu.values()):.1f} s (sampled), largest {max(loaders, default=0):.0f} MB", flush=True)
        return None
    with tempfile.TemporaryDirectory(prefix="maca-scale-out-") as out:
        lines = Path(out) / "flags.jsonl"
        json_path = Path(out) / "result.json" if args.json else None
        result = check_bundle(bundle, workers=args.workers, jsonl=lines, json_path=json_path, keep=False,
                              recycle=args.recycle)
        t2, cpu2 = time.perf_counter(), time.process_time()
        memory.stop()
        sizes = f"jsonl {lines.stat().st_size / 1e6:.0f} MB" + (
            f", json {json_path.stat().st_size / 1e6:.0f} MB" if json_path else "")
        s: dict[str, Any] = result.stage_seconds
        total = t2 - t0
        print(f"{head} | check {t2 - t1:6.1f} s | total {total:6.1f} s | {1000 * total / n:5.1f} ms/case | "
              f"check/read {total / read:5.0f}x | flags {result.summary()['flags']} | {sizes}", flush=True)
        print(f"        wall: load {t1 - t0:.1f} s, partitions {s.get('main_partitions', 0):.1f} s, reduce "
              f"{s.get('main_reduce', 0):.1f} s, write JSON {s.get('main_write', 0):.1f} s; main-process CPU "
              f"{cpu2 - cpu0:.1f} s", flush=True)
        cpu = s.get("cpu", 0.0)
        parts = ", ".join(f"{stage} {s.get('cpu_' + stage, 0):.1f} s ({1000 * s.get('cpu_' + stage, 0) / n:.2f} ms/case)"
                          for stage in ("classify", "derive", "engine", "report", "referrals", "render"))
        print(f"        worker CPU {cpu:.1f} s ({1000 * cpu / n:.1f} ms/case): {parts}", flush=True)
        workers, main_mb = sorted(memory.workers.values(), reverse=True), _peak_self()  # before the floor's pass
        print(f"        peak RSS: main {main_mb:.0f} MB; workers {len(workers)}, largest {max(workers, default=0):.0f}"
              f" MB, sum of their peaks {sum(workers):.0f} MB; main + workers together {memory.together:.0f} MB "
              f"(sampled)", flush=True)
        for line in _scores(lines, truth):
            print(f"        {line}", flush=True)
        floor, floor_line = _text_floor(bundle, n, s.get("cpu_classify", 0.0))
        print(f"        {floor_line}", flush=True)
        return Figures(cases=n, rows=truth.rows, read=read, load=t1 - t0, check=t2 - t1, total=total, cpu=cpu,
                       classify=s.get("cpu_classify", 0.0), main_mb=main_mb, together_mb=memory.together,
                       floor=floor)


def _text_floor(bundle: Any, n: int, classify: float) -> tuple[float | None, str]:
    """One compiled pass of every pattern of the text rules over the same texts (normalised, every row),
    against classify's worker CPU."""
    from checker.text import compiled
    from checker.text.compile import load_rules
    from checker.text.match import entry_texts, normalise_series

    try:  # the floor is Hyperscan's one pass whichever engine the check used (Hyperscan is opt-in there)
        import hyperscan  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return None, "text floor: not measured (Hyperscan is not installed: pip install -e '.[scale]')"
    rules = load_rules()
    texts = normalise_series(entry_texts(bundle.chronology, rules), rules).tolist()
    patterns = compiled.text_patterns(rules)
    taken, cpu = compiled.floor_pass(texts, [p for _, p in patterns])
    return cpu, (f"text floor: one compiled pass (Hyperscan) of {taken} of the text rules' {len(patterns)} patterns over "
            f"{len(texts):,} texts: {cpu:.1f} s CPU ({1000 * cpu / n:.2f} ms/case); classify is "
            f"{classify / cpu if cpu else float('nan'):.0f}x the floor")


def _peak_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(figures: list[Figures]) -> list[str]:
    """The figures as a Markdown table (as docs/performance.md shows them), then each target of issue 26
    against what was measured."""
    lines = ["| cases | rows | `read_csv` | load + validate | check | total wall | ms a case | total / read | "
             "worker CPU a case | classify a case | text floor a case | peak main | peak main + workers |",
             "|" + "---:|" * 13]
    for f in figures:
        floor = f"{1000 * f.floor / f.cases:.2f} ms" if f.floor is not None else "—"
        lines.append(f"| {f.cases:,} | {f.rows:,} | {f.read:.2f} s | {f.load:.1f} s | {f.check:.1f} s | {f.total:.1f} s "
                     f"| {1000 * f.total / f.cases:.2f} | {f.total / f.read:.0f}× | {1000 * f.cpu / f.cases:.2f} ms | "
                     f"{1000 * f.classify / f.cases:.2f} ms | {floor} | {f.main_mb:,.0f} MB | {f.together_mb:,.0f} MB |")
    by = {f.cases: f for f in figures}
    lines.append("")
    if (big := by.get(100_000)) is not None:
        lines.append(f"- 100,000 cases end to end at most 180 s: {big.total:.0f} s, "
                     + ("reached" if big.total <= 180 else "not reached"))
        lines.append(f"- peak of main and workers together under 3 GB: {big.together_mb:,.0f} MB, "
                     + ("reached" if big.together_mb < 3072 else "not reached"))
        lines.append(f"- main-process peak under 2 GB: {big.main_mb:,.0f} MB, "
                     + ("reached" if big.main_mb < 2048 else "not reached"))
    if (ten := by.get(10_000)) is not None:
        lines.append(f"- classify at most 1.5 ms of worker CPU a case at 10,000: {1000 * ten.classify / ten.cases:.2f} ms, "
                     + ("reached" if ten.classify / ten.cases <= 0.0015 else "not reached"))
        lines.append(f"- check / read at most 40× at 10,000: {ten.total / ten.read:.0f}×, "
                     + ("reached" if ten.total / ten.read <= 40 else "not reached"))
        if big is not None:
            ratio = (big.total / big.cases) / (ten.total / ten.cases)
            lines.append(f"- time a case flat (±25 %) from 10,000 to 100,000: {ratio:.2f}× ("
                         + ("reached" if 0.75 <= ratio <= 1.25 else "not reached") + ")")
    return lines


def _sweep(n: int, keep: Path | None, tmp: Path) -> tuple[Path, Path, float | None]:
    """A generated sweep of n cases (seed n): kept in `keep` (and reused from there) or in `tmp`."""
    home = keep if keep is not None else tmp
    folder, truth_file = home / f"sweep{n}", home / f"truth{n}.json"
    if keep is not None and (folder / "audit.yaml").exists() and truth_file.exists():
        return folder, truth_file, None
    t0 = time.perf_counter()  # generated in a child process, so its memory is not counted as the check's
    subprocess.run([sys.executable, "-m", "checker.cli.main", "generate", "--cases", str(n), "--seed", str(n),
                    "--truth", str(truth_file), str(folder)], check=True, stdout=subprocess.DEVNULL)
    return folder, truth_file, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000])
    parser.add_argument("--bundle", type=Path, help="Check this bundle folder instead of generating one (read only).")
    parser.add_argument("--truth", type=Path, help="The ground-truth file of --bundle (maca generate --truth).")
    parser.add_argument("--keep", type=Path, help="Keep each generated sweep in this folder and reuse it next time.")
    parser.add_argument("--figures", type=Path, help=argparse.SUPPRESS)  # a child's figures, as JSON
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--json", action="store_true", help="Also write the JSON result, as --json FILE does.")
    parser.add_argument("--recycle", type=int, help="Replace each worker after this many partitions.")
    parser.add_argument("--load-only", action="store_true", help="read_csv and load only; no check.")
    args = parser.parse_args()
    from checker.text.compiled import engine_words

    if args.bundle:
        if not args.truth:
            parser.error("--bundle needs --truth (the ground-truth file written with it)")
        if not args.figures:
            print(f"cores available: {default_workers()} (os.cpu_count {os.cpu_count()}); workers: {args.workers}; "
                  f"command: {' '.join(sys.argv)}; {engine_words()}", flush=True)
        figures = run(args.bundle, GroundTruth.read(args.truth), None, args)
        if args.figures and figures is not None:
            args.figures.write_text(json.dumps(asdict(figures)), encoding="utf-8")
        return
    print(f"cores available: {default_workers()} (os.cpu_count {os.cpu_count()}); workers: {args.workers}; command: "
          f"{' '.join(sys.argv)}; {engine_words()}", flush=True)
    measured: list[Figures] = []
    for n in args.cases:
        # Each size is checked in a child process of its own: its peak memory is its own, not the largest so far.
        with tempfile.TemporaryDirectory(prefix="maca-scale-") as tmp:
            folder, truth_file, generated = _sweep(n, args.keep, Path(tmp))
            if generated is not None:
                print(f"{n:7d} cases generated in {generated:.1f} s (not counted)", flush=True)
            out = Path(tmp) / "figures.json"
            command = [sys.executable, __file__, "--bundle", str(folder), "--truth", str(truth_file), "--workers",
                       str(args.workers), "--figures", str(out), *(["--json"] if args.json else []),
                       *(["--recycle", str(args.recycle)] if args.recycle else []),
                       *(["--load-only"] if args.load_only else [])]
            subprocess.run(command, check=True)
            if out.exists():
                measured.append(Figures(**json.loads(out.read_text(encoding="utf-8"))))
    if measured:
        print("\n".join(["", *table(measured)]), flush=True)


if __name__ == "__main__":
    main()

"""Detection accuracy: per-rule recall and "must not flag" respected on labelled audits, and the flags on the
samples — the figures in docs/accuracy.md.

    python bench/accuracy_report.py tests/data/eval/northfield           # any folders holding labels.yaml
    python bench/accuracy_report.py --samples /path/to/eval/A /path/to/eval/B /path/to/eval/C

Prints Markdown: one table per folder, one for all folders together, and (with --samples) the flags per rule
on samples/homelessness and samples/good-practice.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.check import run_check  # noqa: E402
from checker.intake.bundle import load_bundle  # noqa: E402
from checker.outputs.evaluation import Evaluation, combine, evaluate, load_labels  # noqa: E402


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f} %)" if d else "–"


def table(ev: Evaluation) -> str:
    lines = ["| rule | recall | must not flag: respected |", "|---|---|---|"]
    for rule in sorted(ev.rules):
        s = ev.rules[rule]
        lines.append(f"| {rule} | {_pct(s.found, s.fire)} | {_pct(s.respected, s.must_not)} |")
    lines.append(f"| **all rules** | **{_pct(*ev.recall)}** | **{_pct(*ev.respected)}** |")
    return "\n".join(lines)


def score(folder: Path) -> Evaluation:
    labels = load_labels(folder / "labels.yaml")
    result = run_check(load_bundle(folder), as_of=labels.as_of)
    return evaluate(result.flags, labels, name=folder.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--samples", action="store_true", help="also count flags per rule on the samples")
    args = parser.parse_args()
    evs = []
    for folder in args.folders:
        ev = score(folder)
        evs.append(ev)
        print(f"### {folder.name}\n\n{table(ev)}\n")
    if len(evs) > 1:
        print(f"### all folders together\n\n{table(combine(evs))}\n")
    if args.samples:
        counts = {}
        for name in ("homelessness", "good-practice"):
            result = run_check(load_bundle(ROOT / "samples" / name))
            counts[name] = Counter(f["rule"] for f in result.flags if f["category"] == "risk")
        rules = sorted(set(counts["homelessness"]) | set(counts["good-practice"]))
        print("### samples: risk flags per rule\n\n| rule | homelessness | good-practice |\n|---|---|---|")
        for rule in rules:
            print(f"| {rule} | {counts['homelessness'][rule]} | {counts['good-practice'][rule]} |")
        total = (sum(counts["homelessness"].values()), sum(counts["good-practice"].values()))
        print(f"| **all** | **{total[0]}** | **{total[1]}** |\n")


if __name__ == "__main__":
    main()

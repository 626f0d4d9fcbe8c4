"""Time and peak memory of `checker.engine.door.evaluate` on synthetic facts.

    /work/venv/bin/python bench/engine_bench.py                       # 20 rules x 5,000 cases x 10 facts
    /work/venv/bin/python bench/engine_bench.py --rules 20 --cases 5000 --facts 200

`--facts` is facts per case (spread over the rules); about a third of them match.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.engine.door import EngineRule, Ruleset, evaluate  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ruleset(n_rules: int) -> Ruleset:
    conditions = [
        lambda i: {"$and": [{"high_risk": True}, {"$gte": {"weeks": 30}}]},
        lambda i: {"$or": [{"$gt": {"days": 20 + i}}, {"kind": "eviction"}]},
        lambda i: {"$mt": {"text": ".*section 21.*"}},
        lambda i: {"$and": [{"$ex": {"agency": 1}}, {"$neq": {"agency": "gp"}}, {"$lt": {"days": 5}}]},
    ]
    return Ruleset(tuple(EngineRule(f"rule-{i:02d}", conditions[i % 4](i)) for i in range(n_rules)))


def _facts(n_rules: int, n_cases: int, per_case: int, seed: int) -> dict[str, list[dict[str, object]]]:
    rng = random.Random(seed)
    texts = ["served a section 21 notice", "home visit", "Section 21", "rent arrears letter"]
    agencies = ["gp", "hv", "police", "housing"]
    return {
        f"case-{c:05d}": [
            {
                "rule": f"rule-{rng.randrange(n_rules):02d}",
                "row": k,
                "high_risk": rng.random() < 0.5,
                "weeks": rng.randint(10, 40),
                "days": rng.randint(0, 60),
                "kind": rng.choice(["eviction", "visit", "letter"]),
                "text": rng.choice(texts),
                "agency": rng.choice(agencies),
            }
            for k in range(per_case)
        ]
        for c in range(n_cases)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=20)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=10, help="facts per case")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the first (compiling) one")
    args = parser.parse_args()

    ruleset = _ruleset(args.rules)
    facts = _facts(args.rules, args.cases, args.facts, seed=1)
    total = args.cases * args.facts
    rss_before = _rss_mb()
    print(f"{args.rules} rules x {args.cases:,} cases x {args.facts} facts/case = {total:,} facts")
    print(f"RSS with facts built, before the engine: {rss_before:.0f} MB")

    timings = []
    for run in range(args.repeat + 1):
        start = time.perf_counter()
        outcomes = evaluate(ruleset, facts)
        elapsed = time.perf_counter() - start
        timings.append(elapsed)
        matched = sum(len(m) for o in outcomes.values() for m in o.matches.values())
        errors = sum(len(o.errors) for o in outcomes.values())
        label = "first run (includes compile)" if run == 0 else f"run {run}"
        print(
            f"{label:30s} {elapsed:6.2f} s  {total / elapsed:9,.0f} facts/s  "
            f"matched {matched:,}  errored {errors}  RSS {_rss_mb():.0f} MB  threads {threading.active_count()}"
        )
        del outcomes
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"best {min(timings):.2f} s; peak RSS {peak:.0f} MB; RSS now {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

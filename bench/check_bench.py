"""Authority-scale benchmark of the whole check: load → classify → rules → referrals.

Builds a synthetic bundle by repeating the six cases of samples/homelessness N times (new case ids, the same
records), writes it to a temporary folder as one CSV per agency, then times each stage and reports peak
memory. Figures go in docs/performance.md.

    python bench/check_bench.py --cases 60 600 3000
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from pathlib import Path

import yaml

from checker.check import prepare, run_check
from checker.intake.bundle import load_bundle

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "homelessness"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(n_cases: int, folder: Path) -> int:
    """Write a bundle of `n_cases` cases; return the number of chronology rows."""
    sample = load_bundle(SAMPLE)
    manifest = yaml.safe_load((SAMPLE / "audit.yaml").read_text(encoding="utf-8"))
    cases = {c["id"]: c for c in manifest["cases"]}
    frame = sample.chronology
    by_agency: dict[str, list[dict[str, str]]] = {}
    new_cases = []
    for i in range(n_cases):
        template = manifest["cases"][i % len(manifest["cases"])]
        case_id = f"{template['id']}-{i:05d}"
        copy = dict(cases[template["id"]], id=case_id)
        copy["references"] = {k: f"{v}-{i}" for k, v in template.get("references", {}).items()}
        new_cases.append(copy)
        rows = frame[frame["case"] == template["id"]]
        for row in rows.itertuples(index=False):
            by_agency.setdefault(row.agency, []).append(
                {"Case": case_id, "Date": row.date_text, "Event": row.event, "Impact": row.impact,
                 "Action": row.action, "Attendees": row.attendees_text}
            )
    (folder / "chronologies").mkdir()
    chronologies = []
    total = 0
    for agency, rows in sorted(by_agency.items()):
        name = f"chronologies/{agency}.csv"
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        chronologies.append({"file": name, "agency": agency})
        total += len(rows)
    manifest["cases"] = new_cases
    manifest["submissions"] = {"chronologies": chronologies, "returns": []}
    manifest.pop("columns", None)
    (folder / "audit.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return total


def run(n_cases: int) -> None:
    with tempfile.TemporaryDirectory(prefix="maca-bench-") as tmp:
        folder = Path(tmp)
        rows = build(n_cases, folder)
        before = _rss_mb()
        t0 = time.perf_counter()
        bundle = load_bundle(folder)
        t1 = time.perf_counter()
        frame = prepare(bundle)
        t2 = time.perf_counter()
        result = run_check(bundle, frame=frame)
        t3 = time.perf_counter()
        print(
            f"{n_cases:6d} cases {rows:8d} rows | load {t1 - t0:6.1f} s | classify {t2 - t1:6.1f} s | "
            f"rules+referrals {t3 - t2:6.1f} s | total {t3 - t0:6.1f} s | flags {len(result.flags):6d} | "
            f"peak RSS {_rss_mb():6.0f} MB (before {before:.0f} MB)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[60, 600])
    for n in parser.parse_args().cases:
        run(n)


if __name__ == "__main__":
    main()

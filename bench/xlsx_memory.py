"""Peak memory and time of `maca validate` on one large chronology workbook (issue 25: 400,000 rows peaked at
4.2 GB before the bounded reader).

    nice python bench/xlsx_memory.py --rows 400000

Writes a synthetic bundle (one agency, 100 cases, one XLSX chronology of ROWS entries: case, date, source,
event, impact, action, all invented) to a temporary folder, then runs `maca validate` on it in a child process
and prints the child's wall time and peak resident memory (ru_maxrss of the child). Not a timed test: run it
by hand, with nice, and write the figure into docs/performance.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

MANIFEST = """\
audit: {id: bench-xlsx, title: Large workbook bench, theme: homelessness, meeting_date: 2019-03-20}
agencies:
- {id: housing, name: Housing, type: housing}
cases:
%s
submissions:
  chronologies:
  - {file: chronologies/housing.xlsx, agency: housing, submitted: 2019-03-08}
"""


def write_bundle(folder: Path, rows: int, cases: int = 100) -> Path:
    (folder / "chronologies").mkdir(parents=True)
    (folder / "audit.yaml").write_text(MANIFEST % "\n".join(f"- {{id: case-{c}}}" for c in range(cases)),
                                       encoding="utf-8")
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Chronology")
    ws.append(["Case", "Date", "Source", "Event", "Impact", "Action taken"])
    for i in range(rows):
        ws.append([f"case-{i % cases}", f"{1 + i % 28:02d}/{1 + i // 28 % 12:02d}/2018", "Housing officer",
                   f"Home visit {i}: family seen, rent arrears discussed and a referral made",
                   "Arrears reduced", "Follow-up booked"])
    path = folder / "chronologies" / "housing.xlsx"
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=400_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundle"
        started = time.perf_counter()
        path = write_bundle(folder, args.rows)
        print(f"wrote {args.rows:,} rows ({path.stat().st_size / 2**20:.1f} MB) in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "checker.cli.main", "validate", str(folder)],
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        summary = [line for line in done.stdout.splitlines() if "rows read" in line]
        print(f"maca validate: exit {done.returncode}, {took:.1f} s, peak RSS {peak:,.0f} MB")
        print("\n".join(summary) or done.stdout[-500:] + done.stderr[-500:])


if __name__ == "__main__":
    main()

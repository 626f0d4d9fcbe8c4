"""Time the agency templates end to end: write them, fill every case as an agency would, file them, load.

    python bench/templates_bench.py --agencies 10 --cases 6

A synthetic audit with N agencies all expected on M cases; every agency returns its Excel workbook (all M
cases answered, 20 chronology rows) and its Word audit tool is filed beside it. Prints seconds per stage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import tempfile
import time
from pathlib import Path

import openpyxl

from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.intake.template_stamp import read_stamp
from checker.outputs.templates import write_templates


def _manifest(agencies: int, cases: int) -> str:
    lines = ["audit: {id: maca-bench, title: Bench audit, theme: neglect, submission_deadline: 2019-03-12}",
             "agencies:"]
    lines += [f"- {{id: agency-{a}, name: Agency {a}, type: other}}" for a in range(agencies)]
    lines.append("cases:")
    lines += [f"- {{id: case-{c}}}" for c in range(cases)]
    return "\n".join(lines) + "\n"


def _fill(data: bytes, cases: int) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    stamp = read_stamp(data)
    assert stamp is not None
    for case, sheet in stamp.sheets.items():
        for row in book[sheet].iter_rows():
            if isinstance(row[0].value, str) and "-" in row[0].value and row[1].value:
                row[2].value, row[3].value, row[4].value = f"Answer for {case}", "Good", "Record of 03/04/2018"
    ws = book["Chronology"]
    for r in range(2, 22):
        ws.cell(row=r, column=1).value = f"case-{r % cases}"
        ws.cell(row=r, column=2).value = f"{r:02d}/05/2018"
        ws.cell(row=r, column=4).value = f"Home visit number {r}."
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10)
    parser.add_argument("--cases", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "bundle"
        bundle.mkdir()
        (bundle / "audit.yaml").write_text(_manifest(args.agencies, args.cases), encoding="utf-8")
        manifest = load_bundle(bundle).manifest
        assert manifest is not None
        t = time.perf_counter()
        written = write_templates(manifest, Path(tmp) / "out")
        stages = {"write templates": time.perf_counter() - t}
        t = time.perf_counter()
        returned = [(p.name, _fill(p.read_bytes(), args.cases) if p.suffix == ".xlsx" else p.read_bytes())
                    for p in written]
        stages["fill (openpyxl, not the checker)"] = time.perf_counter() - t
        t = time.perf_counter()
        report = file_returns(bundle, returned, received=dt.date(2019, 3, 8))
        stages["file (maca intake)"] = time.perf_counter() - t
        t = time.perf_counter()
        loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
        stages["load bundle"] = time.perf_counter() - t
    filed = sum(1 for o in report.outcomes if o.status == "filed")
    print(f"{args.agencies} agencies x {args.cases} cases: {len(written)} templates, {filed} filed, "
          f"{len(loaded.returns)} returns and {len(loaded.chronology)} chronology rows loaded")
    for stage, seconds in stages.items():
        print(f"  {stage:34} {seconds:6.1f} s")


if __name__ == "__main__":
    main()

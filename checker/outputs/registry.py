"""Every output `maca check` can write from a finished check, registered once here.

An output is a module in `checker/outputs/` that builds `Table`s from the typed result (`CheckedAudit`)
and declares itself as an `Output`; its one line in `OUTPUTS` below gives it a `maca check` option, a place
in the dashboard's downloads, and a run in the every-output-in-every-mode test
(tests/scale/test_outputs_every_mode.py). It reads only what its `reads` names, which the result keeps
however the check ran.

    output = find("agency-csv")
    write_output(output, "agencies.csv", result)   # or output.tables(result) for the cells
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from checker.outputs.agency_csv import OUTPUT as AGENCY_CSV
from checker.outputs.exports import write_csv, write_xlsx
from checker.outputs.flags_xlsx import OUTPUT as FLAGS_XLSX
from checker.outputs.result import CheckedAudit, Output
from checker.outputs.worklist_xlsx import OUTPUT as WORKLIST_XLSX

__all__ = ["OUTPUTS", "find", "write_output"]

OUTPUTS: tuple[Output, ...] = (
    FLAGS_XLSX,
    AGENCY_CSV,
    WORKLIST_XLSX,
)


def find(name: str) -> Output:
    """The registered output called `name` (KeyError naming the ones there are)."""
    for output in OUTPUTS:
        if output.name == name:
            return output
    raise KeyError(f"no output '{name}'; there are: {', '.join(o.name for o in OUTPUTS)}")


def write_output(output: Output, target: str | Path | IO[bytes] | IO[str], result: CheckedAudit) -> None:
    """Write `output` of `result` to a path or an open file (bytes for xlsx, text for csv), private."""
    if output.write is not None:
        output.write(target, result)
        return
    tables = output.tables(result)
    if output.format == "xlsx":
        write_xlsx(target, tables, title=result.manifest.audit.title)  # type: ignore[arg-type]  # bytes
    else:
        write_csv(target, tables[0])  # type: ignore[arg-type]  # text for csv

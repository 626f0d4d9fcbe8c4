"""The Early Help eviction worklist as a workbook from `maca check` (the same file `maca referrals --xlsx`
writes): a Households sheet and an Evidence sheet. The worklist is whole however the check ran, streamed too.

    maca check BUNDLE --worklist-xlsx eh.xlsx
"""

from __future__ import annotations

from checker.outputs.exports import Table
from checker.outputs.result import CheckedAudit, Output

__all__ = ["worklist_tables", "OUTPUT"]


def worklist_tables(result: CheckedAudit) -> list[Table]:
    """The worklist's households, then their evidence."""
    return result.worklist.tables()


OUTPUT = Output(
    name="worklist-xlsx", option="--worklist-xlsx", format="xlsx", tables=worklist_tables,
    label="Early Help worklist", reads=frozenset(),
    help="Write the Early Help eviction worklist as a workbook (households, then evidence), as maca referrals does.",
)

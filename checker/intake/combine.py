"""One chronology frame out of each file's: entry ids made unique across files, and the bundle's fixed order.

    frame = combine([housing.frame, hv.frame], problems)   # sorted by case, date, agency, entry_id
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checker.intake.columns import number_repeats
from checker.model.frame import empty_frame, in_row_order
from checker.model.problems import Problem

__all__ = ["combine"]


def combine(frames: list[pd.DataFrame], problems: list[Problem]) -> pd.DataFrame:
    """One frame, entry ids unique across files (repeats numbered in file, row order), in a fixed order."""
    parts = sorted((f for f in frames if len(f)), key=lambda f: str(f["file"].iat[0]))
    frames.clear()  # each file's frame is let go once it is in the whole
    if not parts:
        return empty_frame()
    frame = pd.concat(parts, ignore_index=True)
    if not all(f["row"].is_monotonic_increasing for f in parts):  # else already in (file, row) order
        frame = frame.sort_values(["file", "row"], kind="stable", ignore_index=True)
    del parts
    ids = frame["entry_id"].to_numpy(dtype=object)
    numbered = np.fromiter(map(len, ids.tolist()), dtype=np.int64, count=len(ids)) > 16  # 'abc…-2' in its file
    base = pd.Series(ids.copy(), dtype=object)
    base[numbered] = [i[:16] for i in ids[numbered].tolist()]
    frame["entry_id"] = number_repeats(base)
    repeated = frame[base.duplicated(keep=False)]
    for _, group in repeated.groupby(base[repeated.index], sort=False):
        files, rows = group["file"].tolist(), group["row"].tolist()
        for file, row in zip(files[1:], rows[1:], strict=True):
            if file != files[0]:
                problems.append(
                    Problem(
                        "info",
                        str(file),
                        f"the same entry (case, agency, date and text) is also in {files[0]} "
                        f"row {rows[0]}; both loaded",
                        row=int(row),
                        code="entry-in-two-files",
                    )
                )
    return _in_order(frame)


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` sorted by case, date, agency and entry id (unique, so the order is total).

    Sorting millions of entry ids as text is most of the cost, and they only decide between rows of the same
    case, date and agency: only those are ranked by entry id, and the rest sorted as numbers.
    """
    dates = frame["date"].to_numpy()
    if frame["date"].isna().any():  # not so when loaded (an undated row is rejected); sort as pandas does
        return in_row_order(frame)
    case = pd.factorize(frame["case"].to_numpy(dtype=object), sort=True)[0]
    agency = pd.factorize(frame["agency"].to_numpy(dtype=object), sort=True)[0]
    day = dates.view("int64")
    tied = pd.DataFrame({"c": case, "d": day, "a": agency}).duplicated(keep=False).to_numpy()
    rank = np.zeros(len(frame), dtype=np.int64)
    if tied.any():
        rank[tied] = pd.factorize(frame["entry_id"].to_numpy(dtype=object)[tied], sort=True)[0]
    order = np.lexsort((rank, agency, day, case))
    return frame.take(order).reset_index(drop=True)

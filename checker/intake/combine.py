"""One chronology frame out of each file's: entry ids made unique across files, and the bundle's fixed order.

    frame = combine([housing.frame, hv.frame], problems)   # sorted by case, date, agency, entry_id
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checker.intake.columns import hex_numbers, number_repeats
from checker.intake.trim import give_back
from checker.model.frame import ROW_ORDER, empty_frame
from checker.model.problems import Problem

__all__ = ["combine"]


def combine(frames: list[pd.DataFrame], problems: list[Problem]) -> pd.DataFrame:
    """One frame, entry ids unique across files (repeats numbered in file, row order), in a fixed order.

    The same frame as concatenating the files' frames, sorting by file and row, numbering the repeated ids and
    sorting into the bundle's order; but built a column at a time, the order worked out first on the key
    columns alone, so a regional sweep (4 million rows) never holds more than one extra copy of one column
    (concatenating and then sorting the whole frame held three copies of it at once, 1.5 GB).
    """
    parts = sorted((f for f in frames if len(f)), key=lambda f: str(f["file"].iat[0]))
    frames.clear()  # each file's frame is let go once its columns are taken
    if not parts:
        return empty_frame()
    names = list(parts[0].columns)
    pieces: list[dict[str, pd.Series]] = []
    while parts:  # each file's columns, each its own array (a frame's columns share one block, freed as one)
        part = parts.pop(0)
        pieces.append({c: part[c].copy(deep=True) for c in names})
        del part
        give_back()
    monotonic = all(piece["row"].is_monotonic_increasing for piece in pieces)

    def whole(column: str) -> pd.Series:
        return pd.concat([piece[column] for piece in pieces], ignore_index=True)

    if monotonic:  # already in (file, row) order
        order = np.arange(sum(len(piece["row"]) for piece in pieces))
    else:
        order = pd.DataFrame({c: whole(c) for c in ("file", "row")}).sort_values(
            ["file", "row"], kind="stable").index.to_numpy()
    ids = whole("entry_id").to_numpy(dtype=object)[order]
    numbered = np.fromiter(map(len, ids.tolist()), dtype=np.int64, count=len(ids)) > 16  # 'abc…-2' in its file
    base = pd.Series(ids, dtype=object)
    base[numbered] = [i[:16] for i in ids[numbered].tolist()]
    del ids
    same = hex_numbers(base.to_numpy())  # entry ids are hex: grouped as numbers, not as 4 million texts
    entry_id = number_repeats(base, same)
    twice = base.duplicated(keep=False).to_numpy() if same is None else _shared(same)
    del same, numbered
    _in_two_files(base, twice, whole("file").to_numpy()[order], whole("row").to_numpy()[order], problems)
    del base, twice
    give_back()
    ranked = _order(whole("case").to_numpy(dtype=object)[order], whole("date").to_numpy()[order],
                    whole("agency").to_numpy(dtype=object)[order], entry_id.to_numpy(dtype=object))
    final = order[ranked]
    give_back()
    columns: dict[str, pd.Series] = {}
    for c in names:
        columns[c] = (entry_id if c == "entry_id" else whole(c)).take(ranked if c == "entry_id" else final)
        columns[c].index = pd.RangeIndex(len(final))
        for piece in pieces:
            del piece[c]
        give_back()  # the files' copies of the column, freed, leave the process as the bundle's grows
    return pd.DataFrame(columns, copy=False)


def _in_two_files(base: pd.Series, twice: np.ndarray, files: np.ndarray, rows: np.ndarray,
                  problems: list[Problem]) -> None:
    """An info problem for each row whose entry (same base id, `twice`: one shared by another row) is also in
    an earlier file, in (file, row) order."""
    if not twice.any():
        return
    repeated = pd.DataFrame({"file": files[twice], "row": rows[twice]}, index=np.flatnonzero(twice))
    for _, group in repeated.groupby(base[repeated.index], sort=False):
        files_, rows_ = group["file"].tolist(), group["row"].tolist()
        for file, row in zip(files_[1:], rows_[1:], strict=True):
            if file != files_[0]:
                problems.append(
                    Problem(
                        "info",
                        str(file),
                        f"the same entry (case, agency, date and text) is also in {files_[0]} "
                        f"row {rows_[0]}; both loaded",
                        row=int(row),
                        code="entry-in-two-files",
                    )
                )


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` sorted by case, date, agency and entry id (unique, so the order is total), with a fresh index."""
    order = _order(frame["case"].to_numpy(dtype=object), frame["date"].to_numpy(), frame["agency"].to_numpy(dtype=object),
                   frame["entry_id"].to_numpy(dtype=object))
    return frame.take(order).reset_index(drop=True)


def _order(case: np.ndarray, dates: np.ndarray, agency: np.ndarray, entry_id: np.ndarray) -> np.ndarray:
    """The positions that sort the rows by case, date, agency and entry id.

    Sorting millions of entry ids as text is most of the cost, and they only decide between rows of the same
    case, date and agency: only those are ranked by entry id, and the rest sorted as numbers.
    """
    if pd.isna(dates).any():  # not so when loaded (an undated row is rejected); sort as pandas does
        keys = pd.DataFrame({"case": pd.Series(case, dtype=object), "date": dates,
                             "agency": pd.Series(agency, dtype=object), "entry_id": pd.Series(entry_id, dtype=object)})
        return keys.sort_values(ROW_ORDER, kind="mergesort").index.to_numpy()
    cases, case_codes = _codes(case)
    agencies, agency_codes = _codes(agency)
    day = dates.view("int64")
    days, day_codes = _codes(day)
    rank = np.zeros(len(case), dtype=np.int64)
    if cases * days * agencies < 2**62:  # one number for each (case, date, agency); ties found by sorting them
        tied = _shared((case_codes * days + day_codes) * agencies + agency_codes)
    else:
        tied = pd.DataFrame({"c": case_codes, "d": day_codes, "a": agency_codes}).duplicated(keep=False).to_numpy()
    if tied.any():
        rank[tied] = pd.factorize(entry_id[tied], sort=True)[0]
    return np.lexsort((rank, agency_codes, day, case_codes))


def _shared(key: np.ndarray) -> np.ndarray:
    """Whether each number occurs more than once (sorted, not hashed: a hash table of 4 million was 200 MB)."""
    order = np.argsort(key, kind="stable")
    ranked = key[order]
    same = np.zeros(len(key), dtype=bool)
    if len(key) > 1:
        equal = ranked[1:] == ranked[:-1]
        same[1:] |= equal
        same[:-1] |= equal
    shared = np.empty(len(key), dtype=bool)
    shared[order] = same
    return shared


def _codes(values: np.ndarray) -> tuple[int, np.ndarray]:
    """How many distinct values, and each value's code in their sorted order."""
    codes, uniques = pd.factorize(values, sort=True)
    return max(len(uniques), 1), codes.astype(np.int64)

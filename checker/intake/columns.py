"""Column work done once per distinct value, not once per row: the chronology importer's hot loops.

    >>> per_distinct(pd.Series(["a ", "b", "a "], dtype=object), str.strip).tolist()
    ['a', 'b', 'a']

Rows that hold the same value then share one result object, which also keeps a large chronology's repeated
texts (sources, dates, event types, repeated entries) in memory once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from checker.model.frame import normalise_text

__all__ = ["per_distinct", "same_values", "entry_ids", "number_repeats", "hex_numbers"]


def per_distinct(values: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """`values.map(fn)` as an object column, with `fn` called once per distinct value (None included)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    results = np.fromiter((fn(u) for u in uniques.tolist()), dtype=object, count=len(uniques))
    return pd.Series(results[codes], index=values.index, dtype=object)


def same_values(columns: list[pd.Series]) -> np.ndarray:
    """One group number per row, equal for rows equal in every column (blanks equal), numbered 0, 1, … in the
    order groups first appear."""
    group = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes = pd.factorize(column.to_numpy(), use_na_sentinel=False)[0].astype(np.int64)
        group = pd.factorize(group * (int(codes.max(initial=0)) + 1) + codes)[0].astype(np.int64)
    return group


def entry_ids(case: pd.Series, agency: pd.Series, date_text: pd.Series, event_key: pd.Series) -> pd.Series:
    """`checker.model.frame.entry_id` of each row, given `event_key` = normalise_text(event); repeats numbered."""
    sha = hashlib.sha256
    dates = per_distinct(date_text, normalise_text)
    base = [
        sha(f"{c}\x1f{a}\x1f{d}\x1f{e}".encode()).hexdigest()[:16]
        for c, a, d, e in zip(case.tolist(), agency.tolist(), dates.tolist(), event_key.tolist(), strict=True)
    ]
    return number_repeats(pd.Series(base, index=case.index, dtype=object))


def number_repeats(ids: pd.Series, same: np.ndarray | None = None) -> pd.Series:
    """Make ids unique in their order: the second 'abc' becomes 'abc-2', the third 'abc-3'.

    Ids then stay stable: a row's id changes only if an identical row is added before it. `same`: one number
    per id, equal exactly where the ids are equal (else the ids are grouped as text).
    """
    if same is None:
        same = pd.factorize(ids.to_numpy(dtype=object), use_na_sentinel=False)[0]
    occurrence = _occurrence(same)
    repeat = occurrence > 0
    if not repeat.any():
        return ids.astype(object)
    out = ids.to_numpy(dtype=object).copy()
    out[repeat] = [f"{i}-{n + 1}" for i, n in zip(out[repeat].tolist(), occurrence[repeat].tolist(), strict=True)]
    return pd.Series(out, index=ids.index, dtype=object)


def hex_numbers(ids: np.ndarray) -> np.ndarray | None:
    """Each id of 16 lower-case hex digits (an entry id without its repeat number) as one 64-bit number, equal
    exactly where the ids are equal; None if any id is not one. Grouping 4 million ids as numbers, not text,
    spares a hash table of them all (hundreds of MB)."""
    try:
        digits = ids.astype("S16").view(np.uint8).reshape(-1, 16)  # a shorter id is padded with NULs: refused below
    except (UnicodeError, ValueError):
        return None
    if len(ids) and max(map(len, ids.tolist())) > 16:  # astype would cut a longer one short
        return None
    value = np.zeros(len(ids), dtype=np.uint64)
    for k in range(16):
        nibble = _HEX[digits[:, k]]
        if (nibble == 255).any():
            return None
        value = (value << np.uint64(4)) | nibble.astype(np.uint64)
    return value


_HEX = np.full(256, 255, dtype=np.uint8)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def _occurrence(codes: np.ndarray) -> np.ndarray:
    """For each position, how many earlier positions hold the same code (a groupby's cumcount, in numpy: a
    grouping of 4 million texts by pandas made an index of them all, hundreds of MB)."""
    n = len(codes)
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    positions = np.arange(n, dtype=np.int64)
    starts = np.ones(n, dtype=bool)
    starts[1:] = ranked[1:] != ranked[:-1]
    first = np.maximum.accumulate(np.where(starts, positions, 0))
    occurrence = np.empty(n, dtype=np.int64)
    occurrence[order] = positions - first
    return occurrence

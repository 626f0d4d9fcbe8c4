"""A chronology frame sent to another process as Arrow columns, not as millions of pickled Python strings.

    packed = pack(frame)        # picklable; its text is in Arrow buffers, each distinct value once
    unpack(packed)              # equals `frame`: the same columns, dtypes, index and values

A text column (object dtype, every value a `str`) travels as one small integer code per row and its distinct
values once, in an Arrow string array (one buffer of UTF-8, not a Python object each); a column of tuples of
text (`kinds`, `text_dates`, `attendees`) the same way, its distinct tuples in an Arrow list array. Rebuilt,
rows that held equal values share one Python object, as the importer's `per_distinct` makes them share.
Every other column (dates, row numbers, flags) is a numpy array, which pickles as its bytes; a column holding
anything else (None, NaN, a number among texts, text Arrow cannot encode) is sent as it is, so the frame
rebuilt is always the frame sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["Packed", "pack", "unpack"]


@dataclass(frozen=True, slots=True)
class _Coded:
    """An object column as codes into its distinct values (`tuples`: each value a tuple of text)."""

    codes: np.ndarray
    uniques: pa.Array
    tuples: bool


@dataclass(frozen=True, slots=True)
class _Kept:
    """A column sent as it is: its values (a numpy or pandas array, without the index) and its dtype."""

    values: Any
    dtype: Any


@dataclass(frozen=True, slots=True)
class Packed:
    """A frame's index, its column labels, and each column coded (`_Coded`) or kept as it is (`_Kept`)."""

    index: pd.Index
    labels: pd.Index
    columns: tuple[_Coded | _Kept, ...]

    def __len__(self) -> int:
        return len(self.index)


def pack(frame: pd.DataFrame) -> Packed:
    """`frame` ready to send: text and tuple-of-text columns coded over Arrow arrays, the rest as they are."""
    if not frame.columns.is_unique:
        raise ValueError("a packed frame needs unique column names")
    return Packed(index=frame.index, labels=frame.columns,
                  columns=tuple(_pack_column(frame.iloc[:, i]) for i in range(frame.shape[1])))


def unpack(packed: Packed) -> pd.DataFrame:
    """The frame `pack` was given."""
    columns = {i: _unpack_column(part, packed.index) for i, part in enumerate(packed.columns)}
    frame = pd.DataFrame(columns, index=packed.index)
    frame.columns = packed.labels
    return frame


def _pack_column(column: pd.Series) -> _Coded | _Kept:
    if column.dtype != object or not len(column):
        return _Kept(column.array, column.dtype)
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    values = uniques.tolist()
    try:
        if all(type(v) is str for v in values):
            return _Coded(codes.astype(np.int32), pa.array(values, type=pa.large_string()), tuples=False)
        if all(type(v) is tuple and all(type(t) is str for t in v) for v in values):
            return _Coded(codes.astype(np.int32), pa.array(values, type=pa.large_list(pa.large_string())), tuples=True)
    except (pa.ArrowException, UnicodeError):  # text Arrow cannot encode (a lone surrogate): sent as it is
        pass
    return _Kept(column.array, column.dtype)


def _unpack_column(part: _Coded | _Kept, index: pd.Index) -> pd.Series:
    if isinstance(part, _Kept):
        return pd.Series(part.values, index=index, dtype=part.dtype, copy=False)
    values = part.uniques.to_pylist()
    distinct = np.fromiter(map(tuple, values) if part.tuples else values, dtype=object, count=len(values))
    return pd.Series(distinct[part.codes], index=index, dtype=object)

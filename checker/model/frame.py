"""The canonical chronology frame: one row per loaded chronology entry, columns declared once.

Importers produce it, `checker.text.kinds` adds `kinds`, `text_dates` and `attendees`, the fact derivations read
it and never mutate it.

| column          | dtype              | meaning                                                                |
|-----------------|--------------------|------------------------------------------------------------------------|
| entry_id        | str                | stable id of the entry: hash of case, agency, date text, normalised text |
| case            | str                | case id from the manifest                                              |
| agency          | str                | agency id of the submitting agency (or the row's named agency)         |
| date            | datetime64[ns]     | start of the date (day precision: the day; month: its 1st; year: 1 Jan) |
| date_end        | datetime64[ns]     | end of the range the date allows (same as `date` for an exact day)     |
| date_precision  | str                | day, approx, month, year                                               |
| date_text       | str                | the date as written                                                    |
| source          | str                | who recorded it / source of information, as written                    |
| event           | str                | the entry's narrative text, as written                                 |
| impact          | str                | impact on the child / significance, as written ("" when blank)         |
| action          | str                | action taken / outcome, as written ("" when blank)                     |
| event_type      | str                | the agency's own type column, if it had one ("" otherwise)             |
| attendees_text  | str                | attendees column, if any                                               |
| file            | str                | bundle-relative path of the source file                                |
| row             | int                | row number in the file as a person sees it (header = row 1 in CSV)     |
| kinds           | tuple[str, ...]    | event kind ids (see docs/kinds.md), added by `checker.text.kinds`           |
| text_dates      | tuple[str, ...]    | ISO dates written inside the text, read day-first (year inferred)       |
| attendees       | tuple[str, ...]    | agency ids present at a meeting (from column or "Present: …" in text)  |
| attendees_known | bool               | whether attendance was recorded at all                                 |
"""

from __future__ import annotations

import hashlib

import pandas as pd

__all__ = ["COLUMNS", "CANONICAL_INPUT", "ROW_ORDER", "empty_frame", "entry_id", "normalise_text", "in_row_order"]

ROW_ORDER = ["case", "date", "agency", "entry_id"]
"""The canonical order of chronology rows (entry ids are unique, so it is total)."""

# Canonical input columns an importer can map headers onto.
CANONICAL_INPUT = ("date", "agency", "source", "event", "impact", "action", "case", "event_type", "attendees_text")

COLUMNS = (
    "entry_id",
    "case",
    "agency",
    "date",
    "date_end",
    "date_precision",
    "date_text",
    "source",
    "event",
    "impact",
    "action",
    "event_type",
    "attendees_text",
    "file",
    "row",
    "kinds",
    "text_dates",
    "attendees",
    "attendees_known",
)


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame["date"] = pd.Series(dtype="datetime64[ns]")
    frame["date_end"] = pd.Series(dtype="datetime64[ns]")
    frame["row"] = pd.Series(dtype="int64")
    frame["attendees_known"] = pd.Series(dtype="bool")
    return frame


def normalise_text(text: str) -> str:
    """Lower-case, single-spaced text: the form used for hashing and pattern matching."""
    return " ".join(str(text).lower().split())


def entry_id(case: str, agency: str, date_text: str, event: str) -> str:
    """Stable id of an entry, independent of its row number or file order."""
    key = "\x1f".join((case, agency, normalise_text(date_text), normalise_text(event)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def in_row_order(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` sorted into `ROW_ORDER` (stable), with a fresh index."""
    return frame.sort_values(ROW_ORDER, kind="mergesort", ignore_index=True)

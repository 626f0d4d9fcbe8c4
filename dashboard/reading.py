"""How each evidence row of a flag was read: the kinds found in the entry's text, each one's status (done,
planned, attempted, negated, conditional, historical, other person; in a templated entry also absent or
elsewhere), whether it counted, the words that decided it, and the "Label:" field it was read from.

The readings are the check's own: the annotated frame's `readings` column, read with the case's names as
their roles, exactly what the rules were given. An entry the frame does not hold (a resolved flag from an
earlier run, a check that kept no rows) is read again from the evidence row's text, once per text per
process. Evidence rows that are not chronology entries (a return's answer, a plan) are not read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from checker.model.wording import kind_words, yes_no
from checker.text.match import read_text

__all__ = ["COLUMNS", "readings_table"]

COLUMNS = ["File", "Row", "Kind", "Status", "Counted", "Words read", "Status set by", "Field"]


@st.cache_data(show_spinner=False, max_entries=2000)
def _read_again(text: str) -> list[dict[str, Any]]:
    """The readings of one evidence text (keyed on the text, so a rerun does not classify it again)."""
    return [r.as_dict() for r in read_text(text)]


def _from_frame(frame: pd.DataFrame | None, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Entry id -> its readings, for the entries of `ids` the frame holds (none if it has no readings)."""
    if frame is None or not ids or not {"entry_id", "readings"} <= set(frame.columns):
        return {}
    rows = frame.loc[frame["entry_id"].astype(str).isin(ids), ["entry_id", "readings"]]
    return {str(e): [r.as_dict() if hasattr(r, "as_dict") else dict(r) for r in rs or ()]
            for e, rs in zip(rows["entry_id"], rows["readings"], strict=True)}  # fmt: skip


def _status(status: str) -> str:
    return str(status).replace("_", " ")  # other_person -> other person


def readings_table(flag: Mapping[str, Any], frame: pd.DataFrame | None) -> pd.DataFrame:
    """One row per kind found in each of the flag's chronology evidence rows (a 'No kind found' row for an
    entry with none), in the evidence's order and the kinds' documented order."""
    evidence = [e for e in flag.get("evidence") or [] if e.get("entry_id")]
    known = _from_frame(frame, [str(e["entry_id"]) for e in evidence])
    rows: list[dict[str, str]] = []
    for e in evidence:
        where = {"File": str(e.get("file") or ""), "Row": "" if e.get("row") is None else str(e["row"])}
        readings = known.get(str(e["entry_id"]))
        if readings is None:
            readings = _read_again(str(e.get("text") or e.get("excerpt") or ""))
        if not readings:
            rows.append({**where, "Kind": "No kind found", "Status": "", "Counted": "", "Words read": "",
                         "Status set by": "", "Field": ""})  # fmt: skip
        for r in readings:
            rows.append({**where, "Kind": kind_words(r["kind"]), "Status": _status(r["status"]),
                         "Counted": yes_no(r["counted"]), "Words read": r.get("words") or "",
                         "Status set by": r.get("cue") or "", "Field": r.get("field") or ""})  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)

"""The Early Help referrals page's tables and downloads: the worklist as a frame, CSV and XLSX, and one
referral's evidence rows. Pure functions of the stored worklist entries; the page only draws them."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from checker.model.wording import fmt_date
from checker.outputs.exports import Table, csv_text, write_xlsx

__all__ = ["referral_frame", "referral_tables", "referral_csv", "referral_xlsx", "referral_evidence"]

_REFERRAL_COLUMNS = (
    ("List", "list"), ("Case", "case"), ("Eviction date", "eviction_date"), ("Days until", "days_until"),
    ("Refer by", "refer_by"), ("Reason", "reason"), ("Household", "household"),
    ("Already with Early Help", "early_help"), ("Document", "document"), ("Support by", "support_by"),
    ("Known from", "known_from"), ("References", "references"),
)
_LISTS = {"refer_today": "Refer today", "watch": "Watch"}
_PRINTED = ("Case", "Household", "Eviction date", "Refer by", "Reason", "Already with Early Help")


_DATES = {"eviction_date", "refer_by", "support_by"}


def _referral_cell(entry: Mapping[str, Any], key: str, *, export: bool = False) -> Any:
    value = entry.get(key)
    if key in _DATES:
        if not value:
            return None if export else "—"
        day = dt.date.fromisoformat(str(value))
        return day if export else day.strftime("%d/%m/%Y")
    if key == "list":
        return _LISTS.get(str(value), value)
    if key == "household":
        return (value or {}).get("summary", "")
    if key == "early_help":
        eh = value or {}
        since = fmt_date(dt.date.fromisoformat(eh["since"])) if eh.get("since") else "unknown date"
        return f"yes, since {since} ({eh.get('how')}): confirm it has the eviction date" if eh.get("already_referred") \
            else "no: refer today" if entry.get("list") == "refer_today" else "no"
    if key == "known_from":
        k = value or {}
        return f"{k.get('agency_name', '')}, {k.get('file', '')} row {k.get('row', '')}" if k else ""
    if key == "references":
        if isinstance(value, Mapping):
            return "; ".join(f"{a}: {r}" for a, r in value.items())
        return "; ".join(f"{r.get('agency_name') or r.get('agency')}: {r.get('reference')}" for r in value or [])
    return value


def referral_frame(entries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The worklist as a table, refer-today first (the order the referrals module gives)."""
    return pd.DataFrame(
        [{label: _referral_cell(e, key) for label, key in _REFERRAL_COLUMNS} for e in entries],
        columns=[label for label, _ in _REFERRAL_COLUMNS],
    )


def referral_tables(entries: Sequence[Mapping[str, Any]]) -> list[Table]:
    """The worklist for download: one sheet per list, the same columns as on screen."""
    columns = [label for label, _ in _REFERRAL_COLUMNS]
    tables = []
    for key, title in _LISTS.items():
        rows = [[_referral_cell(e, k, export=True) for _, k in _REFERRAL_COLUMNS] for e in entries if e.get("list") == key]
        tables.append(Table(title, columns, rows, printed=_PRINTED))
    return tables


def _export_tables(entries: Sequence[Mapping[str, Any]], worklist: Any) -> list[Table]:
    """The referrals module's own export tables (the same as `maca` writes) when it has them."""
    if worklist is not None and hasattr(worklist, "tables"):
        return list(worklist.tables())
    return referral_tables(entries)


def referral_csv(entries: Sequence[Mapping[str, Any]], worklist: Any = None) -> bytes:
    """The worklist (one row per household) as formula-safe CSV, UTF-8 with a byte-order mark for Excel."""
    households = _export_tables(entries, worklist)
    if worklist is None or not hasattr(worklist, "tables"):
        columns = [label for label, _ in _REFERRAL_COLUMNS]
        rows = [list(r) for t in households for r in t.rows]
        households = [Table("Early Help referrals", columns, rows)]
    return ("\ufeff" + csv_text(households[0])).encode("utf-8")


def referral_xlsx(entries: Sequence[Mapping[str, Any]], worklist: Any = None, title: str = "") -> bytes:
    """The worklist as formula-safe XLSX (every text cell a string cell), one sheet per table, the households
    first laid out for A4 with `title` (the audit's) at the head of every page."""
    buffer = io.BytesIO()
    write_xlsx(buffer, _export_tables(entries, worklist), title=title)
    return buffer.getvalue()


def referral_evidence(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The records behind one worklist entry: who, where, what document, which date, the excerpt."""
    return [
        {
            "Agency": e.get("agency_name") or e.get("agency"),
            "File": e.get("file"),
            "Row": e.get("row"),
            "Recorded": fmt_date(dt.date.fromisoformat(e["recorded"])) if e.get("recorded") else "",
            "Document": e.get("document"),
            "Eviction date": fmt_date(dt.date.fromisoformat(e["eviction_date"])) if e.get("eviction_date") else "not given",
            "How known": ("document" if e.get("documentary") else "second-hand report")
            + (", date assumed" if e.get("assumed") else ""),
            "Used": "yes" if e.get("used") else "",
            "Excerpt": e.get("excerpt"),
        }
        for e in entry.get("evidence") or []
    ]

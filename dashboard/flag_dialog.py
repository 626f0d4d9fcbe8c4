"""Opening a flag from any list of flags: a table whose rows open the flag in a drawer beside it.

Every page that lists flags (the Flags page, the Overview's new high flags, a case's flags on the Case page)
draws them with `flag_table`; selecting a row opens `dashboard.flag.show` in a modal drawer on the right of the
window, so the flag is where the reader is, whatever the table's length. The open flag's id is kept in the
session (`OPEN`); closing the drawer forgets it and clears the row's selection, so the same row opens again.

    flag_table(current, flags, review.flags_table(flags, names), key="case_flags")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from checker import review
from dashboard import flag as dashboard_flag
from dashboard.support import Active

__all__ = ["OPEN", "flag_table", "open_flag"]

OPEN = "open_flag"  # session key: the id of the flag open in the drawer
DRAWER_WIDTH = 860  # px: at 1366 px the table's left part stays in sight; the reader can drag it wider


def _seen(key: str) -> str:
    return f"maca_seen_{key}"  # session key: the table's selection when it last opened (or closed) a flag


def _closed(key: str) -> None:
    """Drawer dismissed: forget the open flag and unselect its row, so clicking the row again reopens it."""
    st.session_state.pop(OPEN, None)
    st.session_state[key] = {"selection": {"rows": [], "columns": []}}
    st.session_state[_seen(key)] = []


def _body(current: Active, flag_id: str) -> None:
    """The drawer's content, read afresh on every rerun of the drawer (a decision saved here shows at once)."""
    flags = review.review_flags(current.store, current.run_id, current.result.catalogue)
    flag = next((f for f in flags if f["id"] == flag_id), None)
    if flag is None:
        st.info("This flag is no longer in the stored run. Close this and choose another.")
        return
    dashboard_flag.show(current, flag)


def open_flag(current: Active, flag: Mapping[str, Any], key: str) -> None:
    """Open one flag in the drawer (called on every run while it is open; Streamlit allows one per run)."""
    drawer = st.dialog(f"Flag on {flag['case']}", width=DRAWER_WIDTH, position="right",
                       on_dismiss=partial(_closed, key))
    drawer(_body)(current, str(flag["id"]))


def flag_table(current: Active, flags: Sequence[Mapping[str, Any]], table: pd.DataFrame, *, key: str,
               **options: Any) -> None:
    """`table` (one row per flag of `flags`, in order) as a dataframe whose selected row opens that flag.

    `options` go to `st.dataframe` (column_order, column_config, height…)."""
    ids = [str(f["id"]) for f in flags]
    event = st.dataframe(table, hide_index=True, key=key, on_select="rerun", selection_mode="single-row",
                         **{"width": "stretch", **options})
    rows = list(event.selection.rows)
    if rows != st.session_state.get(_seen(key), []):  # a row newly selected opens its flag; unselecting, nothing
        st.session_state[_seen(key)] = rows
        if rows and rows[0] < len(ids):
            st.session_state[OPEN] = ids[rows[0]]
    chosen = st.session_state.get(OPEN)
    opened = next((f for f in flags if f["id"] == chosen), None)
    if opened is not None:
        open_flag(current, opened, key)

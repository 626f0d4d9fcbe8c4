"""Every list of flags opens the flag the same way: a row selected in the Overview's new high flags or in a
case's flags on the Case page opens that row's flag (its id, evidence and decision form) in the drawer, and
nothing opens until a row is selected. The browser test clicks the rows; here the selection is set as the
table's state, which is what a click sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streamlit.testing.v1 import AppTest


def _opened(at: AppTest) -> str:
    """The flag id the page shows as opened ('' when no flag is open)."""
    line = next((m.value for m in at.markdown if "**Flag id**" in m.value), "")
    return line.rsplit("`", 2)[-2] if line else ""


def _select(at: AppTest, key: str, row: int) -> AppTest:
    at.session_state[key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


def _table(at: AppTest, *columns: str) -> Any:
    return next(t.value for t in at.dataframe if all(c in t.value.columns for c in columns))


def test_a_new_high_flag_on_the_overview_opens_from_its_row(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("overview")
    high = _table(at, "Who", "Flag id")
    assert len(high) > 2 and _opened(at) == ""
    _select(at, "act_today_high", 2)
    assert not at.exception, [e.message for e in at.exception]
    assert _opened(at) == high["Flag id"].iloc[2]
    assert any(m.value == "**Review decision**" for m in at.markdown)
    assert any(r.key == f"decision_{high['Flag id'].iloc[2]}" for r in at.radio)  # the decision form is there


def test_a_cases_flag_opens_from_its_row_on_the_case_page(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("case")
    at.selectbox(key="case_select").set_value("case-2").run()
    flags = _table(at, "Rule", "What was found", "Flag id")
    assert len(flags) > 1 and _opened(at) == ""
    _select(at, "case_flags", 1)
    assert not at.exception, [e.message for e in at.exception]
    assert _opened(at) == flags["Flag id"].iloc[1]
    shown = "\n".join(s.value for s in at.subheader)
    assert flags["Rule"].iloc[1] in shown  # the flag's own heading, not only its id

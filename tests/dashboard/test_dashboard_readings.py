"""An opened flag shows how each evidence entry's text was read: the kinds in words, each one's status,
whether it counted, and the words that decided it (issue 10, "why this entry got this kind")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.reading import COLUMNS, readings_table


def test_the_antenatal_flag_shows_the_booked_contact_read_as_planned(
    db_url: str, open_page: Callable[..., AppTest], table_with: Callable[..., Any]
) -> None:
    at = open_page("flags")
    at.multiselect(key="filter_rule").set_value(["antenatal-hv-missing"])
    at.multiselect(key="filter_case").set_value(["case-1"]).run()
    shown = next(t.value for t in at.dataframe if "Flag id" in t.value.columns)
    assert len(shown) == 1
    at.session_state["open_flag"] = shown["Flag id"].iloc[0]
    at.run()
    assert not at.exception, [e.message for e in at.exception]

    read = table_with(at, "Kind", "Status", "Counted", "Words read", "Status set by")
    # hv.csv row 4 of the sample: the health visitor tried to book the ante-natal contact and got no answer.
    row4 = read[(read["File"] == "chronologies/hv.csv") & (read["Row"] == "4")].set_index("Kind")
    assert row4.loc["Health visitor antenatal", "Status"] == "planned"
    assert row4.loc["Health visitor antenatal", "Counted"] == "no"
    assert row4.loc["Health visitor antenatal", "Words read"] == "antenatal contact"
    assert row4.loc["Health visitor antenatal", "Status set by"] == "to book"
    assert (row4.loc["No access", ["Status", "Counted", "Words read"]] == ["done", "yes", "no answer"]).all()
    assert "How each entry's text was read" in "\n".join(m.value for m in at.markdown)


def test_an_entry_the_frame_lacks_is_read_from_its_text_and_non_entries_are_left_out() -> None:
    flag = {"evidence": [
        {"entry_id": "e-1", "file": "chronologies/hv.csv", "row": 7, "text": "HV antenatal visit booked for 14/03"},
        {"entry_id": "e-2", "file": "chronologies/gp.csv", "row": 9, "text": "Repeat prescription issued"},
        {"file": "returns/gp.csv", "row": 2, "question": "immediate_concern", "excerpt": "no concerns"},
    ]}  # fmt: skip
    table = readings_table(flag, pd.DataFrame({"entry_id": ["other"], "readings": [()]}))
    assert list(table.columns) == COLUMNS
    assert set(table["File"]) == {"chronologies/hv.csv", "chronologies/gp.csv"}  # the return's answer is not read
    antenatal = table[table["Kind"] == "Health visitor antenatal"].iloc[0]
    assert (antenatal["Row"], antenatal["Status"], antenatal["Counted"]) == ("7", "planned", "no")
    assert antenatal["Status set by"] == "booked for"
    assert table[table["File"] == "chronologies/gp.csv"]["Kind"].tolist() == ["No kind found"]

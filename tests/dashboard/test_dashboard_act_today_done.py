"""The Overview's Act today: an immediate concern recorded "Action taken" leaves the list and is shown under
"Done today / this week" with what was done, who and when; and the flags workbook comes back through the
Flags page's upload."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
from streamlit.testing.v1 import AppTest

from checker.storage import Store

AUDIT = "maca-2019-homelessness"


def _latest_flags(db_url: str) -> list[dict[str, Any]]:
    with Store(db_url) as store:
        run = store.latest_run(AUDIT)
        assert run is not None
        return store.flags(run["id"])


def test_action_taken_leaves_act_today_on_the_overview(db_url: str, open_page: Callable[..., AppTest],
                                                       page_text: Callable[[AppTest], str]) -> None:
    at = open_page("overview")
    assert "Immediate concern — case-4" in page_text(at)
    immediate = next(f for f in _latest_flags(db_url) if f["rule"] == "immediate-concern")
    with Store(db_url) as store:
        store.save_decision(AUDIT, immediate["id"], "amina.khan", "action_taken",
                            reason="Referral made to MASH by the housing officer")
    at.run()
    text = page_text(at)
    assert "Immediate concern — case-4" not in text
    assert "Done today / this week" in text
    assert "Done today — case-4: Immediate concern." in text
    assert "Referral made to MASH by the housing officer" in text and "amina.khan" in text
    assert "Confirm with Early Help — case-4" in text  # the rest of the list stays


def test_the_flags_page_takes_the_panels_workbook_back(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = open_page("flags", reviewer="Panel secretary")
    flags = _latest_flags(db_url)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Case", "Decision", "Reason", "Note", "Flag id", "Decision version"])
    sheet.append([flags[0]["case"], "Confirmed", None, "agreed in the meeting", flags[0]["id"], 0])
    sheet.append([flags[1]["case"], "Dismissed", None, None, flags[1]["id"], 0])  # no reason
    sheet.append([flags[2]["case"], None, None, None, flags[2]["id"], 0])  # blank
    data = io.BytesIO()
    book.save(data)

    at.file_uploader(key="decisions_upload").set_value(
        ("flags.xlsx", data.getvalue(), "application/octet-stream")).run()
    at.button(key="decisions_import").click().run()
    assert not at.exception, [e.message for e in at.exception]
    shown = "\n".join(str(e.value) for kind in ("warning", "text", "success") for e in getattr(at, kind))
    assert "1 decision(s) saved" in shown
    assert "row 3" in shown and "a dismissal needs a reason" in shown
    decided = {f["id"]: f["status"] for f in _latest_flags(db_url)}
    assert decided[flags[0]["id"]] == "confirmed"
    assert decided[flags[1]["id"]] == decided[flags[2]["id"]] == "open"


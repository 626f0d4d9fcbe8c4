"""The Case timeline is drawn at about a year to 600 px (the page scrolls it sideways) with every kind in its
key; the reviewer's typed name is handed to the browser to remember, quoted so it cannot break out of the
script that stores it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import unquote

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import timeline


def _frame(start: str, end: str) -> pd.DataFrame:
    dates = pd.to_datetime([start, end])
    return pd.DataFrame({"Date": dates, "Agency": ["hv", "gp"], "Agency name": ["Health visiting", "GP"],
                         "Kind": ["No access", "Was not brought"], "Kinds": ["No access", "Was not brought"],
                         "Flagged": ["", "Missed health appointments"], "Entry": ["a", "b"],
                         "File": ["x.csv", "y.csv"], "Row": [2, 3]})  # fmt: skip


def test_the_timeline_gives_a_year_about_600_pixels() -> None:
    two_years = _frame("2017-03-26", "2019-03-01")
    width = timeline.chart_width(two_years, dt.date(2019, 3, 26))
    assert 2 * 600 <= width <= 2 * 600 + 80  # two years and a margin either side
    assert timeline.chart_width(_frame("2019-01-01", "2019-02-01"), dt.date(2019, 3, 26)) >= 700  # never a sliver
    spec = timeline.timeline_chart(two_years, dt.date(2019, 3, 26)).to_dict()
    assert spec["width"] == width
    key = timeline.timeline_key(two_years).to_dict()
    (rows,) = key["datasets"].values()
    assert sorted(row["Kind"] for row in rows) == ["No access", "Was not brought"]


def test_the_typed_name_is_given_to_the_browser_quoted(db_url: str, open_page: Callable[..., AppTest]) -> None:
    name = 'Ann "O\'Neil"; </script><script>alert(1)'
    at = open_page("overview", reviewer=name)
    scripts = [e.proto.body for e in at.get("html") if "document.cookie" in e.proto.body]
    assert len(scripts) == 1
    body = scripts[0]
    value = body.split("maca_reviewer=", 1)[1].split(";", 1)[0]
    assert unquote(value) == name and "Max-Age=31536000" in body
    assert not set(value) & set('"\'<>; ') and body.count("<script>") == 1  # nothing of the name reads as code
    at.button(key="change_reviewer").click().run()  # "Change name": the browser is told to forget it
    cleared = [e.proto.body for e in at.get("html") if "document.cookie" in e.proto.body]
    assert len(cleared) == 1 and "maca_reviewer=;" in cleared[0] and "Max-Age=0" in cleared[0]
